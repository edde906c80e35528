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
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - this.starts[lo]! + 1 };
  }

  /** The UTF-16 offset of a 1-based line and column, clamped to the text. */
  offset(pos: LineColumn): number {
    const li = Math.max(0, Math.min(pos.line - 1, this.starts.length - 1));
    return Math.min(this.starts[li]! + Math.max(0, pos.column - 1), this.text.length);
  }
}
