/**
 * Reuse of an analysis across an edit. A site is kept (its spans shifted) when the edit and the
 * syntax changes it caused touch none of the ranges the site was read from and no name that
 * matters (a looked-up name, a site call name); a site whose own ranges were touched is re-read
 * alone; anything else falls back to a full analysis.
 */
import type { Site, Span } from '../model';
import type { Analysis } from './recognize';

export interface EditShape {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/** Maps an offset of the old text to the new text; null when it falls inside the replaced range. */
export function shiftOffset(e: EditShape, pos: number): number | null {
  if (pos < e.start) return pos;
  if (pos >= e.oldEnd) return pos + (e.newEnd - e.oldEnd);
  return null;
}

/** Shifts a range wholly before or after the edit; null when the edit falls inside it. */
export function shiftSpan(e: EditShape, s: Span): Span | null {
  if (s.end <= e.start && s.start < e.start) return s;
  if (s.start >= e.oldEnd) return { start: s.start + (e.newEnd - e.oldEnd), end: s.end + (e.newEnd - e.oldEnd) };
  return null;
}

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/** A copy of a site with every span at or after the edit's end moved by the edit's length change. */
export function shiftSite(site: Site, e: EditShape): Site {
  const d = e.newEnd - e.oldEnd;
  if (d === 0) return site;
  const sp = (s: Span): Span => (s.start >= e.oldEnd ? { start: s.start + d, end: s.end + d } : s);
  const out: Site = {
    ...site,
    span: sp(site.span),
    anchor: sp(site.anchor),
    model: site.model && site.model.span ? { ...site.model, span: sp(site.model.span) } : site.model,
    parts: site.parts.map((p) => ({
      ...p,
      span: sp(p.span),
      segments: p.segments.map((g) => (g.kind === 'slot' && g.span ? { ...g, span: sp(g.span) } : g)),
    })),
    cap: site.cap ? { ...site.cap, span: sp(site.cap.span) } : null,
    cache: site.cache.map((c) => ({ ...c, span: sp(c.span) })),
  };
  if (site.args) out.args = { ...site.args, span: sp(site.args.span), properties: site.args.properties.map((p) => ({ ...p, span: sp(p.span), valueSpan: sp(p.valueSpan) })) };
  if (site.reasoning) out.reasoning = { ...site.reasoning, span: sp(site.reasoning.span) };
  return out;
}

const wordChar = /[\w$]/;
const importLine = /\b(import|require|from)\b/;

function linesAround(text: string, start: number, end: number): string {
  const a = text.lastIndexOf('\n', start - 1) + 1;
  const b = text.indexOf('\n', end);
  return text.slice(a, b === -1 ? text.length : b);
}

/** The identifier-like words an edit touches in a text (the replaced range grown to word edges). */
export function touchedWords(text: string, start: number, end: number): string[] {
  let a = start;
  let b = end;
  while (a > 0 && wordChar.test(text[a - 1] as string)) a--;
  while (b < text.length && wordChar.test(text[b] as string)) b++;
  return text.slice(a, b).match(/[\w$]+/g) ?? [];
}

export type Plan = { kind: 'full' } | { kind: 'reuse'; keep: Array<Site | null>; redo: number[]; deps: Array<Span[] | null> };

/**
 * Decides what an edit invalidates. `changed` are the ranges (new text) whose syntax changed;
 * `keywords` are words whose appearance near an edit can create or remove a site (call names,
 * `import`, `require`, …).
 */
export function planEdit(prev: Analysis, e: EditShape, oldText: string, newText: string, changed: Span[], keywords: ReadonlySet<string>): Plan {
  const matters = (w: string): boolean => prev.words.has(w) || keywords.has(w);
  const words = [...touchedWords(oldText, e.start, e.oldEnd), ...touchedWords(newText, e.start, e.newEnd)];
  if (words.some(matters)) return { kind: 'full' };
  // Which SDKs a file imports decides more than the names it binds (a client passed in untyped).
  if (importLine.test(linesAround(oldText, e.start, e.oldEnd)) || importLine.test(linesAround(newText, e.start, e.newEnd))) return { kind: 'full' };
  const regions: Span[] = [{ start: e.start, end: Math.max(e.newEnd, e.start + 1) }, ...changed];
  // Syntax that changed beyond the edit (a comment closed, a string opened) may reveal or hide calls.
  for (const r of changed) {
    if (r.end - r.start > 0 && (newText.slice(r.start, r.end).match(/[\w$]+/g) ?? []).some(matters)) return { kind: 'full' };
  }
  const hit = (s: Span): boolean => {
    const shifted = shiftSpan(e, s);
    return !shifted || regions.some((r) => overlaps(r, shifted));
  };
  if (prev.global.some(hit)) return { kind: 'full' };
  const keep: Array<Site | null> = [];
  const redo: number[] = [];
  const deps: Array<Span[] | null> = [];
  prev.sites.forEach((site, i) => {
    const d = prev.deps[i] ?? [];
    if (d.length === 0 || d.some(hit)) {
      redo.push(i);
      keep.push(null);
      deps.push(null);
    } else {
      keep.push(shiftSite(site, e));
      deps.push(d.map((s) => shiftSpan(e, s) as Span));
    }
  });
  return { kind: 'reuse', keep, redo, deps };
}
