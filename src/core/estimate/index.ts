/**
 * core/estimate: money (integer nano-dollars, one rounding rule) and the cost of one call.
 */
export {
  NANOS_PER_DOLLAR,
  addMoney,
  formatUsd,
  fromDollars,
  roundDiv,
  timesCalls,
  toDollars,
} from './money';
export type { FormatUsdOptions } from './money';
export { costOfCall, monthlyCost, tierFor } from './cost';
export type { AppliedRates, CallCost, CallUsage } from './cost';
