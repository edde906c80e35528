/** Operations on prompt text made of literal text and placeholder slots. */
import type { Segment } from '../model';
import type { StrPiece } from './ir';

export function fromPieces(pieces: readonly StrPiece[]): Segment[] {
  return pieces.map((p) => (p.kind === 'text' ? { kind: 'text', text: p.text } : { kind: 'slot', name: p.name, span: p.span }));
}

/** Joins segment lists, merging adjacent text. */
export function concat(...lists: Segment[][]): Segment[] {
  const out: Segment[] = [];
  for (const list of lists) {
    for (const s of list) {
      const last = out[out.length - 1];
      if (s.kind === 'text' && last && last.kind === 'text') out[out.length - 1] = { kind: 'text', text: last.text + s.text };
      else if (s.kind !== 'text' || s.text) out.push(s);
    }
  }
  return out;
}

export function textOnly(segs: readonly Segment[]): string {
  return segs.map((s) => (s.kind === 'text' ? s.text : '')).join('');
}

/** `.strip()` / `.trim()` and their one-sided forms. */
export function trim(segs: Segment[], side: 'both' | 'start' | 'end' = 'both', chars = /\s/): Segment[] {
  const out = segs.map((s) => ({ ...s }));
  const strip = (t: string, fromStart: boolean): string => {
    let i = fromStart ? 0 : t.length - 1;
    while (i >= 0 && i < t.length && chars.test(t[i] as string)) i += fromStart ? 1 : -1;
    return fromStart ? t.slice(i) : t.slice(0, i + 1);
  };
  if (side !== 'end') {
    while (out.length && out[0]?.kind === 'text') {
      const t = strip((out[0] as { text: string }).text, true);
      if (t) {
        out[0] = { kind: 'text', text: t };
        break;
      }
      out.shift();
    }
  }
  if (side !== 'start') {
    while (out.length && out[out.length - 1]?.kind === 'text') {
      const t = strip((out[out.length - 1] as { text: string }).text, false);
      if (t) {
        out[out.length - 1] = { kind: 'text', text: t };
        break;
      }
      out.pop();
    }
  }
  return out;
}

type Line = Segment[];

function splitLines(segs: readonly Segment[]): Line[] {
  const lines: Line[] = [[]];
  for (const s of segs) {
    if (s.kind !== 'text') {
      (lines[lines.length - 1] as Line).push(s);
      continue;
    }
    const parts = s.text.split('\n');
    parts.forEach((p, i) => {
      if (i > 0) lines.push([]);
      if (p) (lines[lines.length - 1] as Line).push({ kind: 'text', text: p });
    });
  }
  return lines;
}

function leading(line: Line): string | null {
  const first = line[0];
  if (!first) return null;
  if (first.kind !== 'text') return '';
  const ws = /^[ \t]*/.exec(first.text)?.[0] ?? '';
  if (ws.length === first.text.length && line.length === 1) return null;
  return ws;
}

/**
 * Removes the whitespace common to the start of every non-blank line (Python
 * `textwrap.dedent`); a line that starts with a placeholder has no indentation. `js` also drops
 * a blank first and last line, as the npm `dedent` and `ts-dedent` tags do.
 */
export function dedent(segs: readonly Segment[], mode: 'python' | 'js' | 'cleandoc' = 'python'): Segment[] {
  const lines = splitLines(segs);
  const considered = mode === 'cleandoc' ? lines.slice(1) : lines;
  let common: string | null = null;
  for (const l of considered) {
    const ws = leading(l);
    if (ws === null) continue;
    if (common === null) common = ws;
    else {
      let i = 0;
      while (i < common.length && i < ws.length && common[i] === ws[i]) i++;
      common = common.slice(0, i);
    }
  }
  const cut = common ?? '';
  const out: Line[] = lines.map((l, idx) => {
    if (leading(l) === null) return [];
    if (mode === 'cleandoc' && idx === 0) return trim(l, 'start');
    const first = l[0];
    if (cut && first && first.kind === 'text') return [{ kind: 'text', text: first.text.slice(cut.length) }, ...l.slice(1)];
    return l;
  });
  if (mode !== 'python') {
    while (out.length && (out[0] as Line).length === 0) out.shift();
    while (out.length && (out[out.length - 1] as Line).length === 0) out.pop();
  }
  const joined: Segment[][] = [];
  out.forEach((l, i) => {
    if (i > 0) joined.push([{ kind: 'text', text: '\n' }]);
    joined.push(l);
  });
  const result = concat(...joined);
  return mode === 'js' ? trim(result, 'end') : result;
}

/**
 * Turns `{{ name }}` (Mustache, Handlebars, Jinja) and, when `braces`, `{name}` (`str.format`,
 * LangChain templates) in text segments into slots.
 */
export function placeholders(segs: readonly Segment[], braces: boolean): Segment[] {
  const re = braces ? /\{\{\s*([^{}]+?)\s*\}\}|\{([A-Za-z_][\w.\[\]]*)\}/g : /\{\{\s*([^{}]+?)\s*\}\}/g;
  const out: Segment[][] = [];
  for (const s of segs) {
    if (s.kind !== 'text') {
      out.push([s]);
      continue;
    }
    let last = 0;
    for (let m = re.exec(s.text); m; m = re.exec(s.text)) {
      const name = (m[1] ?? m[2] ?? '').trim();
      if (braces && m[1] !== undefined) {
        // In `str.format` and LangChain templates `{{x}}` is an escaped literal `{x}`.
        out.push([{ kind: 'text', text: s.text.slice(last, m.index) + `{${m[1]}}` }]);
      } else {
        out.push([{ kind: 'text', text: s.text.slice(last, m.index) }, { kind: 'slot', name }]);
      }
      last = m.index + m[0].length;
    }
    out.push([{ kind: 'text', text: s.text.slice(last) }]);
    re.lastIndex = 0;
  }
  return concat(...out);
}
