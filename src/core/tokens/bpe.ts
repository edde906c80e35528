import type { RankTable } from './rankTable';

/**
 * Byte-pair merging, counting only. Each part is always a token (every single byte is one in
 * o200k_base and cl100k_base, and a merge only happens when the joined bytes are a token), so the
 * count is the number of parts left when no adjacent pair joins into a token.
 *
 * Merge order is tiktoken's: the adjacent pair with the lowest rank first, the leftmost on a tie.
 * Short pieces use tiktoken's own array scan (quadratic, but tiny n and cache-friendly); long ones
 * a heap over a linked list of parts, O(n log n), so a megabyte without a space stays fast and
 * gives the same merges.
 */

const NONE = 0x7fffffff;
/** Above this many bytes the heap wins over rescanning the array on every merge. */
const HEAP_THRESHOLD = 96;

/** Scratch arrays reused across calls; one set per tokenizer, never shared across threads. */
export class BpeScratch {
  starts = new Int32Array(256);
  ranks = new Int32Array(256);
  heapKeys = new Float64Array(0);
  next = new Int32Array(0);
  prev = new Int32Array(0);
  pairRanks = new Int32Array(0);

  ensureLinear(n: number): void {
    if (this.starts.length < n + 1) {
      this.starts = new Int32Array(n * 2 + 1);
      this.ranks = new Int32Array(n * 2 + 1);
    }
  }

  ensureHeap(n: number): void {
    if (this.next.length < n + 1) {
      this.next = new Int32Array(n + 1);
      this.prev = new Int32Array(n + 1);
      this.pairRanks = new Int32Array(n + 1);
      // each merge pops one entry and pushes at most two: never more than 2n live entries
      this.heapKeys = new Float64Array(2 * n + 2);
    }
  }
}

/** Number of tokens of bytes[0, len) (len ≥ 2, not itself a token). */
export function bpeCount(table: RankTable, bytes: Uint8Array, len: number, s: BpeScratch): number {
  return len <= HEAP_THRESHOLD ? linearCount(table, bytes, len, s) : heapCount(table, bytes, len, s);
}

function linearCount(table: RankTable, bytes: Uint8Array, len: number, s: BpeScratch): number {
  s.ensureLinear(len);
  const starts = s.starts;
  const ranks = s.ranks;
  // parts i = [starts[i], starts[i+1]); ranks[i] = rank of parts i and i+1 joined
  let parts = len;
  for (let i = 0; i <= len; i++) starts[i] = i;
  for (let i = 0; i < len - 1; i++) {
    const r = table.rank(bytes, i, i + 2);
    ranks[i] = r < 0 ? NONE : r;
  }
  while (parts > 1) {
    let min = NONE;
    let at = -1;
    for (let i = 0; i < parts - 1; i++) {
      if (ranks[i]! < min) {
        min = ranks[i]!;
        at = i;
      }
    }
    if (at < 0) break;
    // join parts at and at+1, then shift the tail left by one
    starts.copyWithin(at + 1, at + 2, parts + 1);
    ranks.copyWithin(at + 1, at + 2, parts);
    parts--;
    ranks[at] = at + 1 < parts ? pairRank(table, bytes, starts[at]!, starts[at + 2]!) : NONE;
    if (at > 0) ranks[at - 1] = pairRank(table, bytes, starts[at - 1]!, starts[at + 1]!);
  }
  return parts;
}

function pairRank(table: RankTable, bytes: Uint8Array, start: number, end: number): number {
  const r = table.rank(bytes, start, end);
  return r < 0 ? NONE : r;
}

/**
 * Parts are nodes keyed by their start byte; next[i] is the start of the following part (len at
 * the end, which acts as a sentinel). The heap holds rank·2^32 + start, so its minimum is the
 * lowest rank and, on a tie, the leftmost pair: exactly tiktoken's choice. Stale entries are
 * recognised by a rank that no longer matches ranks[start] (a part's end only grows, so its pair
 * never returns to an earlier byte string and rank).
 */
function heapCount(table: RankTable, bytes: Uint8Array, len: number, s: BpeScratch): number {
  s.ensureHeap(len);
  const { next, prev, pairRanks: ranks, heapKeys: heap } = s;
  let size = 0;
  const push = (key: number): void => {
    let i = size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (heap[p]! <= key) break;
      heap[i] = heap[p]!;
      i = p;
    }
    heap[i] = key;
  };
  const pop = (): number => {
    const top = heap[0]!;
    const last = heap[--size]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= size) break;
      if (c + 1 < size && heap[c + 1]! < heap[c]!) c++;
      if (heap[c]! >= last) break;
      heap[i] = heap[c]!;
      i = c;
    }
    heap[i] = last;
    return top;
  };
  const refresh = (i: number): void => {
    const j = next[i]!;
    const r = j < len ? table.rank(bytes, i, next[j]!) : -1;
    ranks[i] = r < 0 ? NONE : r;
    if (r >= 0) push(r * 4294967296 + i);
  };

  for (let i = 0; i < len; i++) {
    next[i] = i + 1;
    prev[i] = i - 1;
  }
  next[len] = len;
  for (let i = 0; i < len - 1; i++) refresh(i);
  let parts = len;
  while (size > 0) {
    const key = pop();
    const i = key % 4294967296;
    const r = (key - i) / 4294967296;
    if (ranks[i] !== r) continue; // stale, or the part was absorbed (ranks set to NONE below)
    const j = next[i]!;
    ranks[j] = NONE;
    next[i] = next[j]!;
    if (next[i]! < len) prev[next[i]!] = i;
    parts--;
    refresh(i);
    if (prev[i]! >= 0) refresh(prev[i]!);
  }
  return parts;
}
