/**
 * PM006 unknown-model: a model id written in the code (or front matter, or config) that the price
 * table does not know, so the call goes unpriced and its tokens are approximated. Often a typo;
 * the fixes replace it with the nearest known ids.
 */
import type { Fix } from '../model';
import type { PriceTable } from '../pricing';
import { replaceModelId } from './edits';
import type { Draft, Rule, RuleInput } from './rule';

/** How many replacements the quick fix offers. */
const CANDIDATES = 3;

/**
 * `nearest` compares the id with every row and alias; a file is re-analysed on every edit, so the
 * answer is kept per table and id.
 */
const nearestMemo = new WeakMap<PriceTable, Map<string, string[]>>();

/** Per table, the longest id or alias it knows. */
const longestMemo = new WeakMap<PriceTable, number>();

function longestKnownId(prices: PriceTable): number {
  let n = longestMemo.get(prices);
  if (n === undefined) {
    n = 0;
    for (const row of prices.all()) for (const name of [row.id, ...row.aliases]) n = Math.max(n, name.length);
    longestMemo.set(prices, n);
  }
  return n;
}

/**
 * An id more than twice as long as every known one is no typo of any: each is then more edits
 * away than it has characters. `nearest` costs the id's length times every known id's length
 * (a fuzzed 54,841-character model string took 7.5 s of CPU), so such ids get no candidates.
 */
function nearestIds(prices: PriceTable, id: string): string[] {
  if (id.length > 2 * longestKnownId(prices)) return [];
  let byId = nearestMemo.get(prices);
  if (!byId) nearestMemo.set(prices, (byId = new Map()));
  let ids = byId.get(id);
  if (!ids) byId.set(id, (ids = prices.nearest(id, CANDIDATES).map((m) => m.id)));
  return ids;
}

/** Longest id a message quotes whole; a longer one (pasted text, a fuzzed file) is shortened. */
const QUOTED_ID_MAX = 120;

const quoted = (id: string): string => (id.length > QUOTED_ID_MAX ? `${id.slice(0, QUOTED_ID_MAX)}…` : id);

function fixes({ est, text }: RuleInput, candidates: readonly string[]): Fix[] {
  const span = est.site.model?.span;
  if (!span || text === undefined) return [];
  const out: Fix[] = [];
  for (const id of candidates) {
    const edit = replaceModelId(text, span, id);
    if (edit) out.push({ title: `Replace with ${id}`, edits: [edit], ...(out.length === 0 ? { preferred: true } : {}) });
  }
  return out;
}

export const unknownModel: Rule = {
  id: 'PM006',
  name: 'unknown-model',
  summary: 'The model id has no known price or tokenizer.',
  defaultSeverity: 'warning',
  check(input: RuleInput): Draft[] {
    const { est, model, ctx } = input;
    const written = est.site.model;
    if (model || !written || written.origin === 'dynamic') return [];
    const candidates = nearestIds(ctx.prices, written.id);
    const near = candidates.length ? `; nearest known: ${candidates.join(', ')}` : '';
    return [
      {
        message: `unknown model "${quoted(written.id)}": no price, so this call is not priced, and its tokens are approximated with ${est.encoding}${near}`,
        span: written.span ?? est.site.anchor,
        fixes: fixes(input, candidates),
      },
    ];
  },
};
