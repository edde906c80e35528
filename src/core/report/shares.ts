import type { RuleId } from '../model';
import type { ReportSite } from './types';

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

/**
 * The share (0–1) of the priced monthly cost on the sites `pick` chooses; unpriced sites count in
 * neither part nor the whole, and nothing priced gives 0. Sums are taken in whole nano-dollars, so
 * a share of many small sites carries no float drift.
 */
function shareOf(sites: readonly ReportSite[], pick: (s: ReportSite) => boolean): number {
  let total = 0;
  let part = 0;
  for (const s of sites) {
    if (s.monthlyCost === null) continue;
    const nano = Math.round(s.monthlyCost * 1e9);
    total += nano;
    if (pick(s)) part += nano;
  }
  return total === 0 ? 0 : part / total;
}

/** The share of the priced monthly cost on cacheable-but-uncached sites. */
export function cacheableUncachedShare(sites: readonly ReportSite[]): number {
  return shareOf(sites, isCacheableUncached);
}

/**
 * The share of the priced monthly cost on premium models: `inputPerMTok` gives a priced model's
 * input rate (null when unknown), and a model is premium when it is at least `premiumPerMTok`.
 */
export function premiumShare(sites: readonly ReportSite[], inputPerMTok: (modelId: string) => number | null, premiumPerMTok: number): number {
  return shareOf(sites, (s) => {
    const rate = s.resolvedModel === null ? null : inputPerMTok(s.resolvedModel);
    return rate !== null && rate >= premiumPerMTok;
  });
}
