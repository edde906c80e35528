/**
 * Line starts of a text, kept up to date across edits, so tree-sitter's edit points (row and
 * column) cost a binary search instead of a scan from the top of the file on every keystroke.
 */
import type { Point } from './parser';

export class LineIndex {
  private starts: number[];

  constructor(text: string) {
    this.starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  /** Row and column (UTF-16 units, as web-tree-sitter counts for JS strings) of an offset. */
  pointAt(offset: number): Point {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { row: lo, column: offset - (this.starts[lo] as number) };
  }

  /** Updates the index for `[start, oldEnd)` replaced by `newText`. */
  edit(start: number, oldEnd: number, newText: string): void {
    const delta = newText.length - (oldEnd - start);
    const kept = this.starts.filter((s) => s <= start);
    const added: number[] = [];
    for (let i = newText.indexOf('\n'); i !== -1; i = newText.indexOf('\n', i + 1)) added.push(start + i + 1);
    const after: number[] = [];
    for (const s of this.starts) if (s > oldEnd) after.push(s + delta);
    this.starts = [...kept, ...added, ...after];
  }
}
