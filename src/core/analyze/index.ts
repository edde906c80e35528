/**
 * core/analyze: the pipeline from a file's sites to judged estimates. Detection finds the sites;
 * this sizes, prices and judges them.
 */
import type { Site, SiteEstimate } from '../model';
import { runRules, suppressedRules } from '../rules';
import type { EncodingName } from '../tokens';
import type { AnalysisContext } from './context';
import { estimateSite, resolveModel } from './estimateSite';
import { siteIds } from './siteId';

export type { AnalysisContext } from './context';
export { effectiveCap, estimateSite, resolveModel, type ResolvedModel } from './estimateSite';
export { cacheOrder, prefixLayout, type DynamicPoint, type PrefixLayout } from './prefix';
export { siteId, siteIds } from './siteId';

/**
 * The encodings the tokenizers must have loaded (`Tokenizers.ensure`) before
 * {@link analyzeSites} runs on these sites, which counts synchronously.
 */
export function requiredEncodings(sites: readonly Site[], ctx: Pick<AnalysisContext, 'tokenizers' | 'prices' | 'settings' | 'workspace'>): EncodingName[] {
  const out = new Set<EncodingName>();
  for (const site of sites) {
    const m = resolveModel(site, ctx);
    out.add(ctx.tokenizers.encodingFor(m.price?.id ?? m.rawId, m.price?.tokenizer));
  }
  return [...out];
}

/**
 * Estimates and judges every site of one file: tokens, cost per call and per month, the
 * cacheable prefix, a stable id, and the findings of the rules minus those a
 * `promptmeter-ignore` comment suppresses. `file` is workspace-relative with forward slashes;
 * `text` is the file's text, which the sites' spans point into.
 *
 * Budgets that sum several files (feature, glob, workspace) need every file's estimates: apply
 * them afterwards with `attachBudgetFindings` from core/rules.
 */
export function analyzeSites(file: string, text: string, sites: readonly Site[], ctx: AnalysisContext): SiteEstimate[] {
  const ids = siteIds(file, sites);
  return sites.map((site, i) => analyzeSite(file, text, site, ids[i]!, ctx));
}

/**
 * One site of {@link analyzeSites}, for callers that slice the work (the extension yields between
 * sites). `id` must come from {@link siteIds} over all the file's sites.
 */
export function analyzeSite(file: string, text: string, site: Site, id: string, ctx: AnalysisContext): SiteEstimate {
  const est = estimateSite(file, text, site, id, ctx);
  const suppressed = suppressedRules(site, text);
  if (suppressed.length) est.suppressedRules = suppressed;
  est.findings = runRules(est, ctx, text);
  return est;
}
