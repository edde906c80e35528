/**
 * PM004 uncached-stable-prompt: a stable prefix (tools, system, leading instructions) at least the
 * model's minimum cacheable length, sent without a cache marker to a provider that caches only
 * what is marked (Anthropic `cache_control`, Gemini before 2.5 through cached content).
 *
 * A marker caches everything up to the end of the block it sits on, so what can be cached is the
 * run of whole static parts in cache order (tools, system, messages). When a placeholder sits
 * inside a long system prompt, the static text before it only becomes cacheable once it is a block
 * of its own: the message says so, and no edit is offered. The fix marks a static system string
 * as a cached block. Anthropic's top-level automatic `cache_control` is not offered: on a
 * single-turn call its breakpoint lands on the changing user message and every call pays a write.
 */
import { costOfCall, timesCalls } from '../estimate';
import type { Fix, PartRole, SiteEstimate } from '../model';
import type { ModelPrice } from '../pricing';
import { cacheOrder, prefixLayout } from '../analyze/prefix';
import { tokens, usd } from './format';
import { cachingMode, cacheMarkerName, minCacheableTokens } from './providerFacts';
import type { Draft, Rule, RuleInput } from './rule';

/** The whole static parts that open the request, in cache order, and their tokens. */
function staticBlocks(est: SiteEstimate): { tokens: number; roles: PartRole[]; indexes: number[] } {
  const out = { tokens: 0, roles: [] as PartRole[], indexes: [] as number[] };
  for (const i of cacheOrder(est.site.parts)) {
    const part = est.parts[i]!;
    if (part.unresolved || part.slots.length > 0) break;
    out.tokens += part.tokens;
    out.indexes.push(i);
    if (!out.roles.includes(part.role)) out.roles.push(part.role);
  }
  return out;
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

function fixes({ est, text }: RuleInput, blocks: number[]): Fix[] {
  if (text === undefined || est.site.kind !== 'call' || est.site.provider !== 'anthropic') return [];
  const system = est.site.parts.findIndex((p) => p.role === 'system');
  if (system < 0 || !blocks.includes(system)) return [];
  const block = systemBlockFix(est, text);
  return block ? [block] : [];
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
    const { est, model, ctx } = input;
    if (!model || est.cache.used || cachingMode(model) !== 'explicit') return [];
    const min = minCacheableTokens(model);
    const blocks = staticBlocks(est);
    if (blocks.tokens >= min) {
      const what = `stable prefix of ${tokens(blocks.tokens)} tokens (${blocks.roles.join(', ')})`;
      return [
        {
          message: `${what} is sent without ${cacheMarkerName(model)}${saving(model, blocks.tokens, est)}; ${how(est, model)}`,
          span: est.site.anchor,
          fixes: fixes(input, blocks.indexes),
        },
      ];
    }
    // A long static lead inside a part that also holds dynamic text: cacheable once split off.
    const lead = est.cache.eligibleTokens;
    if (lead < min) return [];
    const tokenizer = ctx.tokenizers.forModel(model.id, model.tokenizer);
    const point = prefixLayout(est.site, (t) => tokenizer.count(t), tokenizer.encoding).firstDynamic;
    const where = point ? `${point.slotName === null ? 'text only known at run time' : `{${point.slotName}}`} inside the ${point.role} part` : 'dynamic text';
    return [
      {
        message:
          `stable prefix of ${tokens(lead)} tokens is sent without ${cacheMarkerName(model)}${saving(model, lead, est)}, ` +
          `but ${where} keeps it from being cached as one block; put the static text in a block of its own, marked for caching, and the dynamic text after it`,
        span: est.site.anchor,
        fixes: [],
      },
    ];
  },
};

/** What reading the prefix from the cache saves, in words; empty without a cache-read price. */
function saving(model: ModelPrice, prefix: number, est: SiteEstimate): string {
  const costs = prefixCosts(model, prefix);
  if (!costs) return '';
  const monthly = timesCalls(costs.full - costs.cached, est.volume.callsPerMonth);
  return (
    `: as a cache read it would cost ${usd(costs.cached)} instead of ${usd(costs.full)} per call ` +
    `(≈ ${usd(monthly)}/mo less at ${tokens(est.volume.callsPerMonth)} calls)`
  );
}
