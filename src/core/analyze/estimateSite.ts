/**
 * One site to one priced estimate: tokens per part with the model's tokenizer, placeholder slots
 * sized from configuration, chat framing, the output the call is expected to and may at most
 * produce, its cost per call and per month, and its cacheable prefix. Findings are added by the
 * caller (`analyzeSites`), which sees every site of the file.
 */
import { expectedOutputTokens, fallbackModel, placeholderTokens, resolveVolume, volumeAnnotationNear } from '../config';
import { costOfCall, timesCalls } from '../estimate';
import type { CostBreakdown, PartEstimate, PromptPart, Site, SiteEstimate, SlotEstimate } from '../model';
import type { ModelPrice } from '../pricing';
import { messageFraming, type Tokenizer } from '../tokens';
import { cachingMode, minCacheableTokens, sdkDefaultCap } from '../rules/providerFacts';
import type { AnalysisContext } from './context';
import { cachedCounter, lookupModel } from './memo';
import { prefixLayout } from './prefix';

/** A site's model as priced: the row, or null with the id as written (or null when dynamic). */
export interface ResolvedModel {
  rawId: string | null;
  price: ModelPrice | null;
}

/**
 * The model a site runs on: as written, else the configured default (`defaults.model` in
 * promptmeter.yaml, then the `defaultModel` setting) for calls whose model is only known at run
 * time and templates that name none. An empty default leaves the site unpriced.
 */
export function resolveModel(site: Site, ctx: Pick<AnalysisContext, 'prices' | 'settings' | 'workspace'>): ResolvedModel {
  const written = site.model && site.model.origin !== 'dynamic' ? site.model.id : null;
  const rawId = written ?? fallbackModel(ctx.workspace, ctx.settings);
  return { rawId, price: rawId ? lookupModel(ctx.prices, rawId) : null };
}

interface PartCount {
  part: PartEstimate;
  /** Tokens of the literal text alone (the lower bound). */
  literal: number;
}

function countPart(part: PromptPart, count: (t: string) => number, ctx: AnalysisContext): PartCount {
  let literal = 0;
  const slots: SlotEstimate[] = [];
  if (!part.unresolved) {
    for (const seg of part.segments) {
      if (seg.kind === 'text') literal += seg.text.length === 0 ? 0 : count(seg.text);
      else {
        const est = placeholderTokens(seg.name, ctx.workspace, ctx.settings);
        slots.push({ name: seg.name, tokens: est.tokens, source: est.source });
      }
    }
  }
  const slotTokens = slots.reduce((a, s) => a + s.tokens, 0);
  return {
    literal,
    part: { role: part.role, span: part.span, tokens: literal + slotTokens, slots, unresolved: part.unresolved === true },
  };
}

/**
 * Reasoning tokens are billed as output and count against the cap (caching-and-caps.md §7). A
 * written thinking budget is taken as spent on top of the default expected answer; an expected
 * output given for the site itself is trusted as the whole output.
 */
function thinkingBudget(site: Site): number {
  const b = site.reasoning?.budget;
  return typeof b === 'number' && b > 0 ? b : 0;
}

/** The cap the call runs with: as written, else what the SDK sends, else the model's maximum. */
export function effectiveCap(site: Site, model: ResolvedModel): number | null {
  if (site.cap && site.cap.value !== null) return site.cap.value;
  const sdk = sdkDefaultCap(site, model.price?.id ?? model.rawId);
  if (!site.cap && sdk) return sdk.tokens;
  return model.price?.maxOutputTokens ?? null;
}

/** The input side of a call: tokens per part, framing, the range placeholders open, exactness. */
interface InputCount {
  parts: PartEstimate[];
  /** Literal text and framing only: the static lower bound. */
  min: number;
  /** With every slot at its estimated size: the figure priced. */
  total: number;
  exact: boolean;
}

function countInput(site: Site, model: ResolvedModel, tokenizer: Tokenizer, ctx: AnalysisContext): InputCount {
  const count = cachedCounter(tokenizer);
  const counted = site.parts.map((p) => countPart(p, count, ctx));
  const parts = counted.map((c) => c.part);
  const toolParts = site.parts.filter((p) => p.role === 'tools').length;
  const framing =
    site.parts.length === 0
      ? { tokens: 0, exact: true }
      : messageFraming(model.price?.provider ?? site.provider, { messages: site.parts.length - toolParts, tools: toolParts });
  const literal = counted.reduce((a, c) => a + c.literal, 0);
  const slotted = parts.some((p) => p.slots.length > 0 || p.unresolved);
  return {
    parts,
    min: literal + framing.tokens,
    total: parts.reduce((a, p) => a + p.tokens, 0) + framing.tokens,
    exact: tokenizer.exact && framing.exact && !slotted,
  };
}

/** The last text asked about and whether it holds an annotation's word at all. */
let lastText: string | null = null;
let lastHas = false;

/**
 * Whether any volume annotation can be in `text`: every one starts `promptmeter:`. Most files have
 * none, and looking around each call for one was most of the analysis of a minified file (a few
 * KB read per call).
 */
function mayHaveAnnotation(text: string): boolean {
  if (text !== lastText) {
    lastText = text;
    lastHas = text.includes('promptmeter:');
  }
  return lastHas;
}

/**
 * Estimates one site. `id` comes from {@link siteIds}; `text` is the file the site was found in
 * (for its volume annotation).
 */
export function estimateSite(file: string, text: string, site: Site, id: string, ctx: AnalysisContext): SiteEstimate {
  const model = resolveModel(site, ctx);
  const price = model.price;
  const tokenizer = ctx.tokenizers.forModel(price?.id ?? model.rawId, price?.tokenizer);
  const input = countInput(site, model, tokenizer, ctx);

  const cap = effectiveCap(site, model);
  const wanted = site.expectedOutput ?? expectedOutputTokens(ctx.workspace, ctx.settings) + thinkingBudget(site);
  const expected = cap === null ? wanted : Math.min(wanted, cap);
  const costPerCall = price ? breakdown(price, input.total, expected) : null;

  const annotation = mayHaveAnnotation(text) ? volumeAnnotationNear(text, site.span.start) : null;
  const volume = resolveVolume({ file, siteId: id, annotation }, ctx.workspace, ctx.settings);
  const layout = prefixLayout(site, cachedCounter(tokenizer), tokenizer.encoding);
  return {
    id,
    file,
    site,
    resolvedModel: price?.id ?? null,
    encoding: tokenizer.encoding,
    inputTokens: input.total,
    inputTokensExact: input.exact,
    inputTokensRange: { min: input.min, max: input.total },
    parts: input.parts,
    outputTokensCap: cap,
    outputTokensExpected: expected,
    costPerCall,
    worstCasePerCall: price && cap !== null ? breakdown(price, input.total, cap) : null,
    volume,
    monthlyCost: costPerCall ? timesCalls(costPerCall.total, volume.callsPerMonth) : null,
    cache: { eligibleTokens: layout.stableTokens, used: cacheUsed(site, price, layout.stableTokens) },
    findings: [],
  };
}

/**
 * Input, output and total at list prices, uncached: what the call costs before any cache hit,
 * which depends on traffic the code does not show (the hover prices the cached variant).
 */
function breakdown(price: ModelPrice, input: number, output: number): CostBreakdown {
  const c = costOfCall(price, { input, output });
  return { input: c.input, output: c.output, total: c.total };
}

/**
 * Whether the call benefits from a prompt cache: it carries a marker, or its provider caches
 * prefixes on its own and the stable prefix reaches the provider's minimum.
 */
function cacheUsed(site: Site, price: ModelPrice | null, stableTokens: number): boolean {
  if (site.cache.length > 0 || site.parts.some((p) => p.cacheMarked)) return true;
  if (!price || cachingMode(price) !== 'automatic') return false;
  return stableTokens >= minCacheableTokens(price);
}
