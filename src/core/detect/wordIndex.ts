/**
 * Where each identifier-like word of a text starts, kept up to date across edits. Re-analysis
 * after an edit looks names up by their occurrences; rebuilding this index over a 5,000-line file
 * on every keystroke cost ~4 ms (most of an edit's budget), updating it costs a pass over the
 * offsets after the edit.
 */

/** Whether a UTF-16 unit is part of a word: `[A-Za-z0-9_]`, plus `$` in JavaScript. */
export function wordUnit(c: number, dollar: boolean): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || (dollar && c === 36);
}

/**
 * Start offsets of `name` standing as a whole word (no word unit right before or after), found
 * left to right without overlaps, as a global regular expression finds them; no RegExp is built,
 * so a 38,000-character identifier of a mangled file cannot exceed the regex engine's limits.
 */
export function scanWord(text: string, name: string, dollar: boolean): number[] {
  const hits: number[] = [];
  if (!name) return hits;
  for (let i = text.indexOf(name); i !== -1; ) {
    const end = i + name.length;
    if ((i === 0 || !wordUnit(text.charCodeAt(i - 1), dollar)) && (end >= text.length || !wordUnit(text.charCodeAt(end), dollar))) {
      hits.push(i);
      i = text.indexOf(name, end);
    } else {
      i = text.indexOf(name, i + 1);
    }
  }
  return hits;
}

/** The first index in sorted `xs` whose value is at least `v`. */
function lowerBound(xs: number[], v: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((xs[mid] as number) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Start offsets of every word, by word, each list ascending. */
export class WordIndex {
  private readonly byWord = new Map<string, number[]>();

  /** `dollar`: `$` is a word character (JavaScript and TypeScript, not Python). */
  constructor(
    text: string,
    private readonly dollar: boolean,
  ) {
    this.scan(text, 0, text.length, (w, at) => {
      const list = this.byWord.get(w);
      if (list) list.push(at);
      else this.byWord.set(w, [at]);
    });
  }

  /** Start offsets of `name` as a whole word (shared: do not modify). */
  get(name: string): number[] {
    return this.byWord.get(name) ?? [];
  }

  /** Updates the index after `[start, oldEnd)` of `oldText` became `[start, newEnd)` of `newText`. */
  edit(oldText: string, newText: string, start: number, oldEnd: number, newEnd: number): void {
    // Grow the range to word edges: a word cut or joined by the edit is taken out and read again.
    let a = start;
    while (a > 0 && wordUnit(oldText.charCodeAt(a - 1), this.dollar)) a--;
    let b = oldEnd;
    while (b < oldText.length && wordUnit(oldText.charCodeAt(b), this.dollar)) b++;
    const d = newEnd - oldEnd;
    for (const [w, list] of this.byWord) {
      const from = lowerBound(list, a);
      if (from === list.length) continue;
      const to = lowerBound(list, b);
      if (to > from) list.splice(from, to - from);
      if (d !== 0) for (let i = from; i < list.length; i++) list[i] = (list[i] as number) + d;
      if (list.length === 0) this.byWord.delete(w);
    }
    this.scan(newText, a, b + d, (w, at) => {
      const list = this.byWord.get(w);
      if (!list) this.byWord.set(w, [at]);
      else list.splice(lowerBound(list, at), 0, at);
    });
  }

  private scan(text: string, from: number, to: number, add: (word: string, at: number) => void): void {
    let i = from;
    while (i < to) {
      if (!wordUnit(text.charCodeAt(i), this.dollar)) {
        i++;
        continue;
      }
      const s = i;
      while (i < to && wordUnit(text.charCodeAt(i), this.dollar)) i++;
      add(text.slice(s, i), s);
    }
  }
}
