import type { EncodingName } from './types';

/**
 * Hand-written pre-tokenizers equivalent to tiktoken's split regexes (openai_public.py), several
 * times faster than running those regexes in JavaScript. Each `*End(text, i)` returns where the
 * piece starting at i ends, following the regex's leftmost-first, greedy-with-backtracking
 * semantics; the comments give the alternative each branch implements.
 *
 * Character classes are those of the Rust regex engine tiktoken uses: `\s` is Unicode White_Space
 * (JavaScript's `\s` differs: it adds U+FEFF and lacks U+0085; js-tiktoken inherits that and so
 * differs from tiktoken on byte-order marks), and `(?i:'s)` also matches `'ſ` (U+017F) by case
 * folding. Letter/number/mark categories come from the JavaScript runtime's Unicode tables.
 */

const L = 1; // \p{L}
const N = 2; // \p{N}
const S = 4; // \s (Unicode White_Space)
const U = 8; // [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]
const W = 16; // [\p{Ll}\p{Lm}\p{Lo}\p{M}]
const KNOWN = 128;
/** Neither letter, number nor space: what `[^\s\p{L}\p{N}]` matches. */
const LNS = L | N | S;

const CR = 13;
const LF = 10;

const RE_L = /\p{L}/u;
const RE_N = /\p{N}/u;
const RE_S = /[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/u;
const RE_U = /[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]/u;
const RE_W = /[\p{Ll}\p{Lm}\p{Lo}\p{M}]/u;

/** Class bits by code point, filled on first sight (1.1 MB, allocated on the first non-ASCII character). */
let memo: Uint8Array | null = null;

function classify(cp: number): number {
  const s = String.fromCodePoint(cp);
  let c = KNOWN;
  if (RE_L.test(s)) c |= L;
  if (RE_N.test(s)) c |= N;
  if (RE_S.test(s)) c |= S;
  if (RE_U.test(s)) c |= U;
  if (RE_W.test(s)) c |= W;
  return c;
}

/** Class bits | width << 8 for ASCII: the hot path reads this table and nothing else. */
const ASCII = new Uint16Array(128);
for (let cp = 0; cp < 128; cp++) ASCII[cp] = classify(cp) | 0x100;

function clsOf(cp: number): number {
  memo ??= new Uint8Array(0x110000);
  let c = memo[cp]!;
  if (c === 0) memo[cp] = c = classify(cp);
  return c;
}

/**
 * Class bits of the code point at i, with its UTF-16 width in bits 8–9 (a lone surrogate is a
 * code point of its own, as in a `u`-flag regex). i must be < text.length.
 */
function at(text: string, i: number): number {
  const u = text.charCodeAt(i);
  if (u < 128) return ASCII[u]!;
  if (u >= 0xd800 && u <= 0xdbff) {
    const d = text.charCodeAt(i + 1); // NaN past the end fails the test below
    if (d >= 0xdc00 && d <= 0xdfff) return clsOf(0x10000 + ((u - 0xd800) << 10) + (d - 0xdc00)) | 0x200;
  }
  return clsOf(u) | 0x100;
}

/** End of the run of code points from j whose class has any of the bits in mask. */
function runEnd(text: string, j: number, n: number, mask: number): number {
  while (j < n) {
    const x = at(text, j);
    if ((x & mask) === 0) break;
    j += x >> 8;
  }
  return j;
}

/** `(?i:'s|'t|'re|'ve|'m|'ll|'d)` at i: its end, or -1. */
function contractionEnd(text: string, i: number, n: number): number {
  if (i + 1 >= n || text.charCodeAt(i) !== 0x27) return -1;
  const a = text.charCodeAt(i + 1) | 0x20; // ASCII lower case; other code units stay distinct
  if (a === 0x73 /* s */ || a === 0x74 /* t */ || a === 0x6d /* m */ || a === 0x64 /* d */) return i + 2;
  if (text.charCodeAt(i + 1) === 0x17f /* ſ folds to s */) return i + 2;
  if (i + 2 >= n) return -1;
  const b = text.charCodeAt(i + 2) | 0x20;
  if ((a === 0x72 /* r */ || a === 0x76) /* v */ && b === 0x65 /* e */) return i + 3;
  if (a === 0x6c /* l */ && b === 0x6c) return i + 3;
  return -1;
}

function withContraction(text: string, e: number, n: number): number {
  const c = contractionEnd(text, e, n);
  return c < 0 ? e : c;
}

/**
 * o200k's `[U]*[W]+` from j, greedy with backtracking: the U run [j, k) is followed by a W run
 * when the code point at k is in W; otherwise U* gives back code points until one in W (which is
 * also in U) is left for W+, so the match ends just after the last W inside the run.
 */
function o200kLowerEnd(text: string, j: number, n: number): number {
  let k = j;
  let lastW = -1;
  while (k < n) {
    const x = at(text, k);
    if ((x & U) === 0) break;
    k += x >> 8;
    if (x & W) lastW = k;
  }
  if (k < n && at(text, k) & W) return runEnd(text, k, n, W);
  return lastW;
}

/** o200k's `[U]+[W]*` from j, or -1. */
function o200kUpperEnd(text: string, j: number, n: number): number {
  const k = runEnd(text, j, n, U);
  return k === j ? -1 : runEnd(text, k, n, W);
}

/** `\s*[\r\n]+ | \s+(?!\S) | \s+` from i (the code point at i is white space). */
function spaceEnd(text: string, i: number, n: number): number {
  let k = i;
  let lastNl = -1;
  // every White_Space code point is in the BMP, one UTF-16 unit
  while (k < n && at(text, k) & S) {
    const u = text.charCodeAt(k++);
    if (u === CR || u === LF) lastNl = k;
  }
  if (k === i) return i + (at(text, i) >> 8); // not reached: every code point starts some alternative
  if (lastNl >= 0) return lastNl;
  if (k === n || k - 1 === i) return k;
  return k - 1;
}

/** `\p{N}{1,3}` from i (the code point at i is a number). */
function numberEnd(text: string, i: number, n: number): number {
  let k = i;
  for (let m = 0; m < 3 && k < n; m++) {
    const x = at(text, k);
    if ((x & N) === 0) break;
    k += x >> 8;
  }
  return k;
}

/** ` ?[^\s\p{L}\p{N}]+` then trailing [\r\n] (cl100k) or [\r\n/] (o200k) from i, or -1. */
function punctEnd(text: string, i: number, n: number, slash: boolean): number {
  let j = i;
  if (text.charCodeAt(i) === 0x20 && i + 1 < n && (at(text, i + 1) & LNS) === 0) j = i + 1;
  else if (at(text, i) & LNS) return -1;
  let k = j;
  while (k < n) {
    const x = at(text, k);
    if (x & LNS) break;
    k += x >> 8;
  }
  for (;;) {
    const u = text.charCodeAt(k);
    if (u === CR || u === LF || (slash && u === 0x2f)) k++;
    else return k;
  }
}

/** End of the o200k_base piece starting at i. */
export function o200kEnd(text: string, i: number, n: number): number {
  const x0 = at(text, i);
  const u0 = text.charCodeAt(i);
  const prefixed = (x0 & (L | N)) === 0 && u0 !== CR && u0 !== LF;
  const w0 = x0 >> 8;
  let e: number;
  // alternative 1, [^\r\n\p{L}\p{N}]?[U]*[W]+('s…)?: with the optional prefix first, then without
  if (prefixed && (e = o200kLowerEnd(text, i + w0, n)) >= 0) return withContraction(text, e, n);
  if (x0 & (U | W) && (e = o200kLowerEnd(text, i, n)) >= 0) return withContraction(text, e, n);
  // alternative 2, [^\r\n\p{L}\p{N}]?[U]+[W]*('s…)?
  if (prefixed && (e = o200kUpperEnd(text, i + w0, n)) >= 0) return withContraction(text, e, n);
  if (x0 & U && (e = o200kUpperEnd(text, i, n)) >= 0) return withContraction(text, e, n);
  if (x0 & N) return numberEnd(text, i, n);
  if ((e = punctEnd(text, i, n, true)) >= 0) return e;
  return spaceEnd(text, i, n);
}

/** End of the cl100k_base piece starting at i. */
export function cl100kEnd(text: string, i: number, n: number): number {
  let e = contractionEnd(text, i, n);
  if (e >= 0) return e;
  const x0 = at(text, i);
  const u0 = text.charCodeAt(i);
  // [^\r\n\p{L}\p{N}]?\p{L}+
  if ((x0 & (L | N)) === 0 && u0 !== CR && u0 !== LF) {
    const j = i + (x0 >> 8);
    if (j < n && at(text, j) & L) return runEnd(text, j, n, L);
  } else if (x0 & L) {
    return runEnd(text, i, n, L);
  }
  if (x0 & N) return numberEnd(text, i, n);
  if ((e = punctEnd(text, i, n, false)) >= 0) return e;
  return spaceEnd(text, i, n);
}

/** The pre-tokenizer of an encoding: (text, start, length) → end of the piece at start. */
export function scannerFor(encoding: EncodingName): (text: string, i: number, n: number) => number {
  return encoding === 'o200k_base' ? o200kEnd : cl100kEnd;
}
