/**
 * The request as a provider's prompt cache sees it: tools, then system / instructions, then
 * messages, and the point where the first dynamic piece (a placeholder slot or text that could not
 * be resolved) breaks the stable prefix. Shared by the estimator (`cache.eligibleTokens`) and the
 * caching rules (PM004, PM005).
 */
import type { PartRole, PromptPart, Site, Span } from '../model';

/** Where the stable prefix ends. */
export interface DynamicPoint {
  /** Index of the part in `site.parts`. */
  partIndex: number;
  role: PartRole;
  /** The placeholder as written, or null when the whole part is unresolved text. */
  slotName: string | null;
  span: Span;
}

export interface PrefixLayout {
  /** Literal tokens before the first dynamic point: what a prefix cache can reuse as written. */
  stableTokens: number;
  firstDynamic: DynamicPoint | null;
  /** Literal tokens after the first dynamic point, which would join the prefix if it moved. */
  staticAfter: number;
}

/** Anthropic documents the order tools → system → messages; the other providers cache the same way. */
const roleRank = (role: PartRole): number => {
  if (role === 'tools') return 0;
  if (role === 'system' || role === 'developer' || role === 'instructions') return 1;
  return 2;
};

/** Parts in the order a provider serialises them; source order is kept within a rank. */
export function cacheOrder(parts: readonly PromptPart[]): number[] {
  return parts
    .map((p, i) => ({ i, rank: roleRank(p.role) }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .map((x) => x.i);
}

const memo = new WeakMap<Site, Map<string, PrefixLayout>>();

/**
 * Splits the site's prompt at its first dynamic point. `count` tokenizes one literal segment;
 * `encoding` keys the memo so a site counted with two tokenizers is laid out twice.
 */
export function prefixLayout(site: Site, count: (text: string) => number, encoding: string): PrefixLayout {
  let bySite = memo.get(site);
  const hit = bySite?.get(encoding);
  if (hit) return hit;
  const layout = computeLayout(site, count);
  if (!bySite) memo.set(site, (bySite = new Map()));
  bySite.set(encoding, layout);
  return layout;
}

function computeLayout(site: Site, count: (text: string) => number): PrefixLayout {
  let stableTokens = 0;
  let staticAfter = 0;
  let firstDynamic: DynamicPoint | null = null;
  for (const i of cacheOrder(site.parts)) {
    const part = site.parts[i]!;
    if (part.unresolved) {
      firstDynamic ??= { partIndex: i, role: part.role, slotName: null, span: part.span };
      continue;
    }
    for (const seg of part.segments) {
      if (seg.kind === 'slot') {
        firstDynamic ??= { partIndex: i, role: part.role, slotName: seg.name, span: seg.span ?? part.span };
        continue;
      }
      const n = seg.text.length === 0 ? 0 : count(seg.text);
      if (firstDynamic) staticAfter += n;
      else stableTokens += n;
    }
  }
  return { stableTokens, firstDynamic, staticAfter };
}
