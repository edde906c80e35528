import type { CostBreakdown, Nanodollars } from '../model';
import type { LongContextTier, ModelPrice } from '../pricing/schema';
import { attoToNano, fractionPpm, rateUnits, roundDiv, timesCalls, tokenCharge } from './money';

/** The tokens of one call. `input` is the WHOLE input, cache reads and writes included. */
export interface CallUsage {
  input: number;
  /** Of `input`, tokens read from the provider's prompt cache. */
  cachedInput?: number;
  /** Of `input`, tokens written to the prompt cache. */
  cacheWrite?: number;
  /** TTL of the cache write (Anthropic bills 1h writes higher); default 5m. */
  cacheTtl?: '5m' | '1h';
  /** Expected (or, for the worst case, capped) output tokens, reasoning included. */
  output: number;
  /** Sent through the provider's batch API. */
  batch?: boolean;
}

/** The per-million-token rates a call was priced at, after tier and cache fallbacks. */
export interface AppliedRates {
  inputPerMTok: number;
  cachedInputPerMTok: number;
  cacheWritePerMTok: number;
  outputPerMTok: number;
}

/** A call's cost, with how it was reached. `input + output = total`. */
export interface CallCost extends CostBreakdown {
  /** Each input part on its own (rounded separately, so they may differ from `input` by a nano-dollar). */
  parts: { uncachedInput: Nanodollars; cacheRead: Nanodollars; cacheWrite: Nanodollars };
  /** The long-context tier whose rates applied to the whole request, if any. */
  tier: LongContextTier | null;
  /** True when `batch` was asked and the model has a batch discount. */
  batchApplied: boolean;
  /** Rates in USD per million tokens before the batch discount. */
  rates: AppliedRates;
}

/** Providers bill whole tokens, so an estimate with a fraction (an approximation factor) is rounded up. */
function count(n: number | undefined, what: string): number {
  const v = n ?? 0;
  if (!Number.isFinite(v) || v < 0) throw new RangeError(`${what} must be a non-negative number of tokens, got ${n}`);
  return Math.ceil(v);
}

/** The highest tier whose threshold the request's total input tokens strictly exceed. */
export function tierFor(m: ModelPrice, inputTokens: number): LongContextTier | null {
  let hit: LongContextTier | null = null;
  for (const t of m.longContextTiers) if (inputTokens > t.aboveInputTokens) hit = t;
  return hit;
}

/**
 * A rate a tier leaves out: the base rate scaled by the tier's input multiplier (how every listed
 * tier is built), or null when the base has none either.
 */
function tierRate(given: number | null | undefined, base: number | null, m: ModelPrice, tier: LongContextTier): bigint | null {
  if (given !== null && given !== undefined) return rateUnits(given);
  if (base === null || m.inputPerMTok === 0) return null;
  return roundDiv(rateUnits(base) * rateUnits(tier.inputPerMTok), rateUnits(m.inputPerMTok));
}

interface Rates {
  input: bigint;
  read: bigint;
  write: bigint;
  output: bigint;
}

/**
 * Rates for the request. A missing cache-read price means no discount (reads billed as input);
 * a missing write price means writes are billed as input (OpenAI before GPT-5.6, Gemini,
 * DeepSeek); a missing 1h write price falls back to the 5m one.
 */
function ratesFor(m: ModelPrice, tier: LongContextTier | null, ttl: '5m' | '1h'): Rates {
  const pick = (tierValue: number | null | undefined, base: number | null): bigint | null =>
    tier ? tierRate(tierValue, base, m, tier) : base === null ? null : rateUnits(base);
  const input = rateUnits(tier ? tier.inputPerMTok : m.inputPerMTok);
  const output = rateUnits(tier ? tier.outputPerMTok : m.outputPerMTok);
  const read = pick(tier?.cachedInputPerMTok, m.cachedInputPerMTok) ?? input;
  const write5m = pick(tier?.cacheWrite5mPerMTok, m.cacheWrite5mPerMTok);
  const write1h = pick(tier?.cacheWrite1hPerMTok, m.cacheWrite1hPerMTok);
  const write = (ttl === '1h' ? (write1h ?? write5m) : write5m) ?? input;
  return { input, read, write, output };
}

const perMTok = (units: bigint): number => Number(units) / 1e6;

/**
 * The cost of one call at list prices. The long-context tier is chosen on the request's total
 * input tokens and its rates apply to the whole request, output included; the batch discount
 * applies to every part (cache reads and writes too). Fractional token estimates are rounded up
 * to whole tokens. Throws a RangeError on negative or non-finite counts, or on cache tokens
 * beyond the input.
 */
export function costOfCall(m: ModelPrice, u: CallUsage): CallCost {
  const input = count(u.input, 'input');
  const cached = count(u.cachedInput, 'cachedInput');
  const written = count(u.cacheWrite, 'cacheWrite');
  const output = count(u.output, 'output');
  if (cached + written > input) {
    throw new RangeError(`cached (${cached}) plus written (${written}) tokens exceed the whole input (${input})`);
  }
  const tier = tierFor(m, input);
  const rates = ratesFor(m, tier, u.cacheTtl ?? '5m');
  const batchApplied = u.batch === true && m.batchDiscount !== null;
  const keep = batchApplied ? fractionPpm(1 - m.batchDiscount!) : fractionPpm(1);

  const uncachedAtto = tokenCharge(input - cached - written, rates.input, keep);
  const readAtto = tokenCharge(cached, rates.read, keep);
  const writeAtto = tokenCharge(written, rates.write, keep);
  const inputCost = attoToNano(uncachedAtto + readAtto + writeAtto);
  const outputCost = attoToNano(tokenCharge(output, rates.output, keep));
  return {
    input: inputCost,
    output: outputCost,
    total: inputCost + outputCost,
    parts: { uncachedInput: attoToNano(uncachedAtto), cacheRead: attoToNano(readAtto), cacheWrite: attoToNano(writeAtto) },
    tier,
    batchApplied,
    rates: {
      inputPerMTok: perMTok(rates.input),
      cachedInputPerMTok: perMTok(rates.read),
      cacheWritePerMTok: perMTok(rates.write),
      outputPerMTok: perMTok(rates.output),
    },
  };
}

/** Monthly cost: the per-call total times calls per month (exact for whole calls). */
export function monthlyCost(perCall: CostBreakdown, callsPerMonth: number): Nanodollars {
  return timesCalls(perCall.total, callsPerMonth);
}
