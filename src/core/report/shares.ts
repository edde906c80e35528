import type { RuleId } from '../model';
import type { ReportSite, ScanReport } from './types';

/** Shares (0–1) of the report's monthly cost that two levers could move. */
export interface CostShares {
  /** On models whose input price is at or above the premium threshold. */
  premium: number;
  /** On sites that are cacheable but uncached ({@link isCacheableUncached}). */
  cacheableUncached: number;
}

/** The rules that judge caching; each fires only on a prefix at least the model's minimum cacheable length. */
const CACHING_RULES: readonly RuleId[] = ['PM004', 'PM005'];

/**
 * The report's one definition of "cacheable but uncached": a caching rule reports the site —
 * PM004 (a stable prefix long enough to cache, sent without the provider's cache marker) or PM005
 * (dynamic text in front of a cacheable static remainder, so no prefix cache can reuse it).
 *
 * The rules decide rather than `cache.eligibleTokens > 0 && !cache.used`, because only they know
 * the model's minimum cacheable length and caching mode: a 300-token prefix on a model that
 * caches from 1,024 tokens is not cacheable, and a marker over a prefix that changes on every
 * call (`used`, yet PM005) caches nothing. A rule turned off or suppressed at a site takes the
 * site out, as it takes its finding out of the report.
 */
export function isCacheableUncached(s: Pick<ReportSite, 'findings'>): boolean {
  return s.findings.some((f) => CACHING_RULES.includes(f.rule));
}

/** Whole nano-dollars of a site's monthly cost: a share of many small sites carries no float drift. */
function nano(dollars: number): number {
  return Math.round(dollars * 1e9);
}

/**
 * Which part of the monthly bill sits on premium models and on cacheable-but-uncached sites.
 * `inputPerMTok` gives a priced model's input rate (null when unknown); a model is premium when
 * that rate is at least `premiumPerMTok`. Unpriced sites count in neither part nor the whole.
 */
export function costShares(r: ScanReport, inputPerMTok: (modelId: string) => number | null, premiumPerMTok: number): CostShares {
  let total = 0;
  let premium = 0;
  for (const s of r.sites) {
    if (s.monthlyCost === null) continue;
    total += nano(s.monthlyCost);
    const rate = s.resolvedModel === null ? null : inputPerMTok(s.resolvedModel);
    if (rate !== null && rate >= premiumPerMTok) premium += nano(s.monthlyCost);
  }
  return { premium: total === 0 ? 0 : premium / total, cacheableUncached: cacheableUncachedShare(r) };
}

/** The share (0–1) of the priced monthly cost on cacheable-but-uncached sites; 0 when nothing is priced. */
export function cacheableUncachedShare(r: ScanReport): number {
  let total = 0;
  let uncached = 0;
  for (const s of r.sites) {
    if (s.monthlyCost === null) continue;
    total += nano(s.monthlyCost);
    if (isCacheableUncached(s)) uncached += nano(s.monthlyCost);
  }
  return total === 0 ? 0 : uncached / total;
}
