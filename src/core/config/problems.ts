import type { Severity, Span } from '../model';

/**
 * Something wrong in `promptmeter.yaml`, at its exact place: `span` is UTF-16 offsets into the
 * file's text, `line`/`column` (1-based, UTF-16 code units) are where the span starts.
 */
export interface ConfigProblem {
  message: string;
  severity: Severity;
  span: Span;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Where in the file's structure, as `features[1].successRate`; empty for the whole file. */
  path: string;
}

/** A bad user setting: `path` is the full key (`promptmeter.diagnostics.debounceMs`). */
export interface SettingsProblem {
  path: string;
  message: string;
}

/** `features[1].successRate` from `['features', 1, 'successRate']`. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(p)) out += out === '' ? p : `.${p}`;
    else out += `[${JSON.stringify(p)}]`;
  }
  return out;
}

/** The closest candidate within a small edit distance, for "did you mean" hints. */
export function closest(word: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 99;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
