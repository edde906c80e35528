/**
 * A time budget for one tree-sitter parse. Tree-sitter's error recovery is quadratic in the length
 * of a run of tokens it cannot place inside a nested construct: a quote typed in front of a long
 * prose string (`''ab ab ab …` inside a function, fuzz seed 1 #3256 and #4310) turned a 42 kB
 * file into 3.7 s of parsing, and every later keystroke paid it again. The recovery happens inside
 * the WASM parser, so the only lever is to stop it: a parse that runs past its budget is abandoned
 * and the file has no sites until an edit makes it parseable in time.
 *
 * Time is not deterministic, so the outcome for a slow or broken text is remembered (by a hash of
 * the text): the same text parsed again in this process (a second run, a one-shot `detect` of the
 * text a document was edited into) gets the same verdict, whatever the clock says the second time.
 */
import type { Parser, Tree } from './parser';

/** Milliseconds one parse may take before it is judged: a normal parse takes ~0.5 ms of CPU per 1,000 characters. */
export function parseBudgetMs(length: number): number {
  return 150 + 1.5 * (length / 1000);
}

/** How many verdicts are remembered (least recently used ones are dropped). */
const VERDICTS = 64;

/** Smallest and largest text chunk handed to the parser (UTF-16 units; the runtime's buffer holds 5,119). */
const MIN_CHUNK = 64;
const MAX_CHUNK = 4096;

/**
 * The text as tree-sitter's read callback. The runtime copies each returned string into WASM
 * memory character by character, and a whole-text string is cut to 5,119 characters per read;
 * an incremental re-parse reads at every reused node's boundary, so large reads were mostly wasted
 * (45% of a re-parse of a 5,000-line file). Reads start small at a jump and double while the
 * parser reads on sequentially.
 */
export function chunkReader(text: string): (index: number) => string {
  let next = -1;
  let size = MIN_CHUNK;
  return (index: number): string => {
    if (index >= text.length) return '';
    size = index === next ? Math.min(size * 2, MAX_CHUNK) : MIN_CHUNK;
    let end = Math.min(index + size, text.length);
    // Never end a chunk between the two halves of a surrogate pair.
    const last = text.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff && end < text.length) end++;
    next = end;
    return text.slice(index, end);
  };
}

/** Progress checks (one per ~100 parser operations) between two looks at the clock: a CPU clock is a system call. */
const CHECKS_PER_READ = 4;
/** Clock readings looked back over to judge the parser's current pace. */
const WINDOW = 15;
/**
 * Milliseconds per progress check that mean error recovery has gone quadratic: a warm parse takes
 * ~0.05 ms per check, a cold one (WASM compiling lazily) a few times that; the fuzz findings took
 * 9 ms and more per check.
 */
const STALLED_MS_PER_CHECK = 2;

/**
 * The progress callback: cancel once past the deadline, and only if the parser is stuck now: the
 * median gap between the recent clock readings is long. A big file parsed cold or on a busy
 * machine is past the deadline without being stuck; on a loaded machine a wall clock jumps while
 * the process waits for a core, but only across a few readings, which the median ignores.
 */
function stallCheck(clock: () => number, t0: number, deadline: number): () => boolean {
  const gaps = new Array<number>(WINDOW).fill(0);
  let last = t0;
  let checks = 0;
  let n = 0;
  return (): boolean => {
    if (++checks % CHECKS_PER_READ !== 0) return false;
    const now = clock();
    gaps[n++ % WINDOW] = now - last;
    last = now;
    if (now <= deadline || n < 3) return false;
    const recent = gaps.slice(0, Math.min(n, WINDOW)).sort((x, y) => x - y);
    return (recent[recent.length >> 1] as number) > STALLED_MS_PER_CHECK * CHECKS_PER_READ;
  };
}

/** A 64-bit-ish fingerprint of a text (two independent 32-bit multiplicative hashes and the length). */
function fingerprint(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x9e3779b9;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return `${text.length}:${(a >>> 0).toString(36)}:${(b >>> 0).toString(36)}`;
}

/** Parses under a time budget and keeps verdicts consistent for texts seen before. */
export class BudgetedParse {
  private readonly verdicts = new Map<string, boolean>();
  /** How many remembered verdicts are refusals. */
  private refused = 0;

  /** `clock` returns milliseconds; a host may pass CPU time, which a loaded machine inflates less. */
  constructor(private readonly clock: () => number = Date.now) {}

  /** The tree of `text`, or null when the parse ran out of budget (now or for this text before). */
  parse(parser: Parser, text: string, old: Tree | null): Tree | null {
    // A text that ran out of budget before is not tried again (hashing costs far less than a parse).
    const known = this.refused > 0 ? fingerprint(text) : null;
    if (known && this.verdicts.get(known) === false) return null;
    const budget = parseBudgetMs(text.length);
    const t0 = this.clock();
    const deadline = t0 + budget;
    const tree = parser.parse(chunkReader(text), old, { progressCallback: stallCheck(this.clock, t0, deadline) });
    if (!tree) {
      // A cancelled parse would otherwise resume on the next call.
      parser.reset();
      const key = known ?? fingerprint(text);
      // Parsed in time before (a faster moment, or an incremental parse): answer the same again.
      if (this.verdicts.get(key) === true) return parser.parse(chunkReader(text), old);
      this.remember(key, false);
      return null;
    }
    // A slow success is remembered too: a later, unluckier parse of the same text must not refuse it.
    if (this.clock() - t0 > budget / 4) this.remember(known ?? fingerprint(text), true);
    return tree;
  }

  private remember(key: string, ok: boolean): void {
    this.forget(key);
    this.verdicts.set(key, ok);
    if (!ok) this.refused++;
    if (this.verdicts.size > VERDICTS) this.forget(this.verdicts.keys().next().value as string);
  }

  private forget(key: string): void {
    if (this.verdicts.get(key) === false) this.refused--;
    this.verdicts.delete(key);
  }
}

/**
 * Why a file whose parse the budget stopped has no sites, in the style of the scan's skip reasons;
 * the CLI's and the editor's reports both list it in these words.
 */
export function parseStoppedMessage(chars: number): string {
  return `parse stopped: tree-sitter could not recover from a syntax error in time (${chars} characters); no sites read`;
}
