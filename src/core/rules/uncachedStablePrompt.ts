/**
 * PM004 uncached-stable-prompt: a stable prefix (tools, system, leading static text) at least the
 * model's minimum cacheable length, sent without a cache marker to a provider that caches only
 * what is marked (Anthropic `cache_control`, Gemini before 2.5 through cached content). The fix
 * marks the system prompt as a cached block, or turns on Anthropic's automatic caching.
 */
import { costOfCall, timesCalls } from '../estimate';
import type { Fix, PartRole, Site, SiteEstimate } from '../model';
import type { ModelPrice } from '../pricing';
import { cacheOrder } from '../analyze/prefix';
import { insertParameter } from './edits';
import { tokens, usd } from './format';
import { cachingMode, cacheMarkerName, minCacheableTokens } from './providerFacts';
import type { Draft, Rule, RuleInput } from './rule';

/** The roles whose text opens the prompt before anything dynamic, in cache order. */
function prefixRoles(site: Site): PartRole[] {
  const roles: PartRole[] = [];
  for (const i of cacheOrder(site.parts)) {
    const part = site.parts[i]!;
    if (part.unresolved) break;
    const firstSlot = part.segments.findIndex((s) => s.kind === 'slot');
    const hasLeadingText = part.segments.slice(0, firstSlot < 0 ? undefined : firstSlot).some((s) => s.kind === 'text' && s.text.trim() !== '');
    if (hasLeadingText && !roles.includes(part.role)) roles.push(part.role);
    if (firstSlot >= 0) break;
  }
  return roles;
}

/** Per-call input cost of the prefix uncached and as a cache read, or null without a read price. */
function prefixCosts(model: ModelPrice, prefix: number): { full: number; cached: number } | null {
  if (model.cachedInputPerMTok === null) return null;
  const full = costOfCall(model, { input: prefix, output: 0 }).input;
  const cached = costOfCall(model, { input: prefix, cachedInput: prefix, output: 0 }).input;
  return { full, cached };
}

/** The quote the call's arguments mostly use, so an inserted string looks like its neighbours. */
function jsQuote(text: string, est: SiteEstimate): string {
  const span = est.site.args?.span ?? est.site.span;
  const body = text.slice(span.start, span.end);
  return (body.match(/'/g)?.length ?? 0) > (body.match(/"/g)?.length ?? 0) ? "'" : '"';
}

/** The `system` argument as a cached text block, in the file's syntax. */
function systemBlockFix(est: SiteEstimate, text: string): Fix | null {
  const prop = est.site.args?.properties.find((p) => p.name === 'system');
  if (!prop) return null;
  const value = text.slice(prop.valueSpan.start, prop.valueSpan.end);
  if (/^\s*\[/.test(value)) return null;
  const py = est.site.language === 'python';
  const q = py ? '"' : jsQuote(text, est);
  const block = py
    ? `[{${q}type${q}: ${q}text${q}, ${q}text${q}: ${value}, ${q}cache_control${q}: {${q}type${q}: ${q}ephemeral${q}}}]`
    : `[{ type: ${q}text${q}, text: ${value}, cache_control: { type: ${q}ephemeral${q} } }]`;
  return {
    title: 'Cache the system prompt (a system block with cache_control)',
    edits: [{ span: prop.valueSpan, newText: block }],
    preferred: true,
  };
}

/** Anthropic's top-level `cache_control`: the breakpoint follows the last cacheable block. */
function automaticCachingFix(est: SiteEstimate, text: string): Fix | null {
  const args = est.site.args;
  if (!args) return null;
  const q = jsQuote(text, est);
  const value = est.site.language === 'python' ? '{"type": "ephemeral"}' : `{ type: ${q}ephemeral${q} }`;
  const edits = insertParameter(text, args, est.site.language, ['cache_control'], value);
  return edits ? { title: 'Turn on automatic prompt caching (top-level cache_control)', edits } : null;
}

function fixes({ est, text }: RuleInput): Fix[] {
  if (text === undefined || est.site.kind !== 'call' || est.site.provider !== 'anthropic') return [];
  const out: Fix[] = [];
  const block = systemBlockFix(est, text);
  if (block) out.push(block);
  const auto = automaticCachingFix(est, text);
  if (auto) out.push(block ? auto : { ...auto, preferred: true });
  return out;
}

function how(est: SiteEstimate, model: ModelPrice): string {
  if (model.provider !== 'anthropic') return 'create cached content for it and pass it as cachedContent';
  if (est.site.provider === 'vercel-ai') return "mark it with providerOptions: { anthropic: { cacheControl: { type: 'ephemeral' } } }";
  if (est.site.provider === 'anthropic') return 'mark it with cache_control';
  return 'mark it with cache_control (Anthropic prompt caching)';
}

export const uncachedStablePrompt: Rule = {
  id: 'PM004',
  name: 'uncached-stable-prompt',
  summary: "A stable prompt prefix over the provider's minimum cacheable length is sent without the provider's explicit cache marker.",
  defaultSeverity: 'info',
  check(input: RuleInput): Draft[] {
    const { est, model } = input;
    if (!model || est.cache.used || cachingMode(model) !== 'explicit') return [];
    const prefix = est.cache.eligibleTokens;
    const min = minCacheableTokens(model);
    if (prefix < min) return [];
    const roles = prefixRoles(est.site);
    const what = `stable prefix of ${tokens(prefix)} tokens${roles.length ? ` (${roles.join(', ')})` : ''}`;
    const costs = prefixCosts(model, prefix);
    const saving = costs
      ? `: as a cache read it would cost ${usd(costs.cached)} instead of ${usd(costs.full)} per call ` +
        `(≈ ${usd(timesCalls(costs.full - costs.cached, est.volume.callsPerMonth))}/mo less at ${tokens(est.volume.callsPerMonth)} calls)`
      : '';
    return [
      {
        message: `${what} is sent without ${cacheMarkerName(model)}${saving}; ${how(est, model)}`,
        span: est.site.anchor,
        fixes: fixes(input),
      },
    ];
  },
};
