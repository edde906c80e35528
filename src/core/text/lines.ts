/**
 * Offsets to 1-based lines and columns. Core speaks UTF-16 offsets; reports, SARIF and the CLI
 * speak lines and columns, so this is the one place that converts. Line breaks are `\n`, `\r\n`
 * and a lone `\r`, as VS Code counts them; columns count UTF-16 code units, which is also SARIF's
 * default `columnKind`.
 */

/** A 1-based line and column. */
export interface LineColumn {
  line: number;
  column: number;
}

/** The offsets at which each line starts; the first is always 0. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** Converts offsets of one text to lines and columns in O(log lines) each. */
export class LineIndex {
  private readonly starts: number[];

  constructor(private readonly text: string) {
    this.starts = lineStarts(text);
  }

  /** Number of lines (a text with no break has one; a trailing break opens an empty last line). */
  get lineCount(): number {
    return this.starts.length;
  }

  /** 1-based line and column of a UTF-16 offset; offsets outside the text are clamped to it. */
  position(offset: number): LineColumn {
    const o = Math.max(0, Math.min(Math.floor(offset), this.text.length));
    const li = this.lineAt(o);
    return { line: li + 1, column: o - this.starts[li]! + 1 };
  }

  /** 0-based index of the line holding offset `o` (already clamped to the text). */
  private lineAt(o: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /**
   * Where the line holding `offset` starts: the first offset at or before it that follows a `\n`
   * or `\r` (or 0). Each of `\r` and `\n` counts as a break on its own here, so an offset between
   * the two halves of a `\r\n` is a line start: the answer of scanning back character by
   * character, in O(log lines) instead of O(line length).
   */
  lineStartAt(offset: number): number {
    const t = this.text;
    if (offset <= 0) return offset;
    const o = Math.min(offset, t.length);
    const c = t.charCodeAt(o - 1);
    if (c === 10 || c === 13) return o;
    return this.starts[this.lineAt(o)]!;
  }

  /**
   * Where the line holding `offset` ends: the first `\n` or `\r` at or after it, else the text's
   * length; scanning forward, in O(log lines).
   */
  lineEndAt(offset: number): number {
    const t = this.text;
    if (offset >= t.length) return offset;
    const o = Math.max(0, offset);
    const c = t.charCodeAt(o);
    if (c === 10 || c === 13) return o;
    const next = this.lineAt(o) + 1;
    if (next >= this.starts.length) return t.length;
    const s = this.starts[next]!;
    return t.charCodeAt(s - 1) === 10 && t.charCodeAt(s - 2) === 13 ? s - 2 : s - 1;
  }

  /** The UTF-16 offset of a 1-based line and column, clamped to the text. */
  offset(pos: LineColumn): number {
    const li = Math.max(0, Math.min(pos.line - 1, this.starts.length - 1));
    return Math.min(this.starts[li]! + Math.max(0, pos.column - 1), this.text.length);
  }
}

/** Texts indexed lately, the most recent first: every site of a file asks about the same text. */
const recent: LineIndex[] = [];
const recentTexts: string[] = [];
const RECENT = 4;

/**
 * The {@link LineIndex} of `text`, built once and shared while the text is among the last few
 * asked about. Per-site work that needs "the call's line" asks here instead of scanning it: on
 * minified code every call shares one line, and scanning it per call made analysis quadratic.
 */
export function lineIndexOf(text: string): LineIndex {
  // The same string object compares in O(1); checking the latest first keeps the common case so.
  for (let i = 0; i < recentTexts.length; i++) {
    if (recentTexts[i] !== text) continue;
    const hit = recent[i]!;
    if (i > 0) {
      recent.splice(i, 1);
      recentTexts.splice(i, 1);
      recent.unshift(hit);
      recentTexts.unshift(text);
    }
    return hit;
  }
  const index = new LineIndex(text);
  recent.unshift(index);
  recentTexts.unshift(text);
  if (recent.length > RECENT) {
    recent.pop();
    recentTexts.pop();
  }
  return index;
}
