/**
 * Answers kept across sites and runs: token counts and price rows. A file is analysed again on every edit, and a prompt
 * constant is often shared by many calls; counting a long prompt is the costliest step of
 * analysis, and the same text always has the same count under the same encoding.
 */
import type { ModelPrice, PriceTable } from '../pricing';
import type { Tokenizer } from '../tokens';

/** Texts shorter than this are cheaper to count than to look up. */
const MIN_CACHED_LENGTH = 8;
/** Bounds the memory held: when a cache passes this many texts it starts afresh. */
const MAX_ENTRIES = 20_000;

const byEncoding = new Map<string, Map<string, number>>();

/** `tokenizer.count`, remembered per encoding label (which also names an approximation's factor). */
export function cachedCounter(tokenizer: Tokenizer): (text: string) => number {
  let cache = byEncoding.get(tokenizer.encoding);
  if (!cache) byEncoding.set(tokenizer.encoding, (cache = new Map()));
  const memo = cache;
  return (text: string): number => {
    if (text.length < MIN_CACHED_LENGTH) return tokenizer.count(text);
    const hit = memo.get(text);
    if (hit !== undefined) return hit;
    const n = tokenizer.count(text);
    if (memo.size >= MAX_ENTRIES) memo.clear();
    memo.set(text, n);
    return n;
  };
}

const lookups = new WeakMap<PriceTable, Map<string, ModelPrice | null>>();

/** `prices.lookup(id)`, remembered per table: ids repeat across sites and edits, normalising them does not need to. */
export function lookupModel(prices: PriceTable, id: string): ModelPrice | null {
  let memo = lookups.get(prices);
  if (!memo) lookups.set(prices, (memo = new Map()));
  let row = memo.get(id);
  if (row === undefined) {
    row = prices.lookup(id);
    if (memo.size >= MAX_ENTRIES) memo.clear();
    memo.set(id, row);
  }
  return row;
}
