import type { ScanReport } from './types';

/** Shares (0–1) of the report's monthly cost that two levers could move. */
export interface CostShares {
  /** On models whose input price is at or above the premium threshold. */
  premium: number;
  /** On sites with a cacheable stable prefix that is sent without caching. */
  cacheableUncached: number;
}

/**
 * Which part of the monthly bill sits on premium models and on cacheable-but-uncached sites.
 * `inputPerMTok` gives a priced model's input rate (null when unknown); a model is premium when
 * that rate is at least `premiumPerMTok`. Unpriced sites count in neither part nor the whole.
 */
export function costShares(r: ScanReport, inputPerMTok: (modelId: string) => number | null, premiumPerMTok: number): CostShares {
  let total = 0;
  let premium = 0;
  let uncached = 0;
  for (const s of r.sites) {
    if (s.monthlyCost === null) continue;
    // Whole nano-dollars: a share of many small sites carries no float drift.
    const nano = Math.round(s.monthlyCost * 1e9);
    total += nano;
    const rate = s.resolvedModel === null ? null : inputPerMTok(s.resolvedModel);
    if (rate !== null && rate >= premiumPerMTok) premium += nano;
    if (s.cache.eligibleTokens > 0 && !s.cache.used) uncached += nano;
  }
  return total === 0 ? { premium: 0, cacheableUncached: 0 } : { premium: premium / total, cacheableUncached: uncached / total };
}
