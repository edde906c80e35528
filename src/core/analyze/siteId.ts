/**
 * Stable site ids. `promptmeter diff` matches the sites of two revisions by id, and
 * `promptmeter.yaml` may name a site by id, so an id must survive what does not change the call:
 * another run, edits elsewhere in the file (lines moving), edits inside the call itself (its
 * prompt, its cap, even its model, so that a model switch shows as a cost change of the same site
 * rather than one site removed and another added).
 *
 * The id is therefore a hash of the workspace-relative file, the site's kind and API, and its
 * ordinal among the sites with the same kind and API in that file, in source order. Only adding,
 * removing or reordering calls of the same API earlier in the same file renumbers the later ones.
 */
import type { Site } from '../model';

/** 32-bit FNV-1a over UTF-16 code units, seeded so two passes give independent halves. */
function fnv1a(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

const hex8 = (n: number): string => n.toString(16).padStart(8, '0');

/** The id of the `ordinal`-th (0-based) site of this kind and API in `file`: 12 hex digits. */
export function siteId(file: string, kind: Site['kind'], api: string, ordinal: number): string {
  const key = `${file}\u0000${kind}\u0000${api}\u0000${ordinal}`;
  return (hex8(fnv1a(key, 0x811c9dc5)) + hex8(fnv1a(key, 0x01c9dc58))).slice(0, 12);
}

/** Ids for every site of a file, in the order given; sites are numbered in source order. */
export function siteIds(file: string, sites: readonly Site[]): string[] {
  const order = sites.map((s, i) => ({ s, i })).sort((a, b) => a.s.span.start - b.s.span.start || a.i - b.i);
  const seen = new Map<string, number>();
  const ids: string[] = new Array<string>(sites.length);
  for (const { s, i } of order) {
    const key = `${s.kind}\u0000${s.api}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    ids[i] = siteId(file, s.kind, s.api, n);
  }
  return ids;
}
