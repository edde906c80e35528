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

function nearestIds(prices: PriceTable, id: string): string[] {
  let byId = nearestMemo.get(prices);
  if (!byId) nearestMemo.set(prices, (byId = new Map()));
  let ids = byId.get(id);
  if (!ids) byId.set(id, (ids = prices.nearest(id, CANDIDATES).map((m) => m.id)));
  return ids;
}

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
        message: `unknown model "${written.id}": no price, so this call is not priced, and its tokens are approximated with ${est.encoding}${near}`,
        span: written.span ?? est.site.anchor,
        fixes: fixes(input, candidates),
      },
    ];
  },
};
