/**
 * PM005 cache-busting-prefix: a placeholder (a name, a date, a user id) or unresolved text stands
 * in front of a static remainder large enough to cache, so a prefix cache, which matches the
 * request from its first token, can never reuse that remainder. Applies where prefixes are cached
 * automatically, and where a cache marker is set but the prefix it covers changes on every call.
 * No fix: only the author knows where the dynamic text may go; the message says what to move.
 */
import { prefixLayout, type DynamicPoint } from '../analyze/prefix';
import { costOfCall, timesCalls } from '../estimate';
import type { PartRole } from '../model';
import type { ModelPrice } from '../pricing';
import { tokens, usd } from './format';
import { cachingMode, minCacheableTokens } from './providerFacts';
import type { Draft, Rule, RuleInput } from './rule';

const roleWords: Partial<Record<PartRole, string>> = {
  system: 'the system prompt',
  developer: 'the developer message',
  instructions: 'the instructions',
  tools: 'the tool definitions',
  user: 'a user message',
  assistant: 'an assistant message',
  prompt: 'the prompt',
};

function describe(point: DynamicPoint): string {
  const where = roleWords[point.role] ?? 'the prompt';
  return point.slotName === null ? `text in ${where} that is only known at run time` : `{${point.slotName}} in ${where}`;
}

/** What caching the remainder would save per call, or null without a cache-read price. */
function savingPerCall(model: ModelPrice, n: number): number | null {
  if (model.cachedInputPerMTok === null) return null;
  return costOfCall(model, { input: n, output: 0 }).input - costOfCall(model, { input: n, cachedInput: n, output: 0 }).input;
}

export const cacheBustingPrefix: Rule = {
  id: 'PM005',
  name: 'cache-busting-prefix',
  summary: 'Dynamic text in front of a large static remainder defeats prefix caching.',
  defaultSeverity: 'info',
  check({ est, model, ctx }: RuleInput): Draft[] {
    if (!model) return [];
    const mode = cachingMode(model);
    if (mode !== 'automatic' && !(mode === 'explicit' && est.cache.used)) return [];
    const tokenizer = ctx.tokenizers.forModel(model.id, model.tokenizer);
    const layout = prefixLayout(est.site, (t) => tokenizer.count(t), tokenizer.encoding);
    const point = layout.firstDynamic;
    const min = minCacheableTokens(model);
    if (!point || layout.staticAfter < min) return [];
    const saving = savingPerCall(model, layout.staticAfter);
    const money =
      saving === null
        ? ''
        : ` (caching them would save ≈ ${usd(saving)} per call, ≈ ${usd(timesCalls(saving, est.volume.callsPerMonth))}/mo)`;
    const how = mode === 'automatic' ? `${model.id}'s automatic prefix caching` : 'the cache breakpoint';
    return [
      {
        message:
          `${describe(point)} comes before ${tokens(layout.staticAfter)} tokens of static text, which ${how} cannot reuse ` +
          `because the prefix changes on every call${money}; move the dynamic text after the static text`,
        span: point.span,
        fixes: [],
      },
    ];
  },
};
