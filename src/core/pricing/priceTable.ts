import { bedrockRegion, keyForms, lookupForms, normalizeModelId } from './normalize';
import type { ModelPrice } from './schema';

interface IndexEntry {
  row: ModelPrice;
  /** Lower is stronger: overrides beat bundled rows, exact ids beat loosened ones. */
  rank: number;
}

/** Ranks 0-2 are the override rows' exact, platform and normalised keys; 3-5 the bundled rows'. */
const LOOSE_LEVELS = 3;

/**
 * The price table the engine consults: bundled rows plus workspace overrides (`models:` in
 * promptmeter.yaml), which win over a bundled row with the same id or alias. An unknown id is
 * `null` ("unpriced"), never a zero price.
 */
export class PriceTable {
  private readonly rows: readonly ModelPrice[];
  private readonly index = new Map<string, IndexEntry>();
  /** The date of the bundled snapshot (YYYY-MM-DD). */
  readonly asOf: string;

  constructor(rows: readonly ModelPrice[] = [], overrides: readonly ModelPrice[] = [], asOf?: string) {
    const overridden = new Set(overrides.map((o) => o.id));
    this.rows = [...overrides, ...rows.filter((r) => !overridden.has(r.id))];
    overrides.forEach((r) => this.register(r, 0));
    rows.forEach((r) => this.register(r, LOOSE_LEVELS));
    this.asOf = asOf ?? latestAsOf(this.rows);
  }

  private register(row: ModelPrice, base: number): void {
    for (const name of [row.id, ...row.aliases]) {
      keyForms(name).forEach((key, level) => {
        const rank = base + level;
        const cur = this.index.get(key);
        if (!cur || rank < cur.rank) this.index.set(key, { row, rank });
      });
    }
  }

  /**
   * The row for a model id as written in code or config, after alias normalisation (gateway and
   * region prefixes, Bedrock and Vertex version marks, dated snapshots, `-latest`), or `null`.
   */
  lookup(rawId: string): ModelPrice | null {
    for (const form of lookupForms(rawId)) {
      const hit = this.index.get(form);
      if (hit) return hit.row;
    }
    return null;
  }

  /** Every row: overrides first, then the bundled table in its order. */
  all(): readonly ModelPrice[] {
    return this.rows;
  }

  /**
   * The `n` known ids closest to `rawId` by edit distance on normalised ids (for "did you mean"
   * messages and the unknown-model quick fix). Ties go to the row listed first (newer models).
   */
  nearest(rawId: string, n = 3): ModelPrice[] {
    const target = normalizeModelId(rawId);
    const scored = this.rows.map((row, order) => {
      const names = [row.id, ...row.aliases.map(normalizeModelId)];
      const distance = Math.min(...names.map((name) => editDistance(target, name)));
      return { row, distance, order };
    });
    scored.sort((a, b) => a.distance - b.distance || a.order - b.order);
    return scored.slice(0, Math.max(0, n)).map((s) => s.row);
  }

  /**
   * Models of the same family and tokenizer that cost no more on input and output and strictly
   * less on at least one, not deprecated or retired; the closest in price first.
   */
  cheaperSiblings(m: ModelPrice): ModelPrice[] {
    return this.rows
      .filter(
        (r) =>
          r.id !== m.id &&
          r.family === m.family &&
          // A regional Bedrock profile is the same model at a premium, never the cheaper choice to suggest.
          bedrockRegion(r.id) === null &&
          r.tokenizer === m.tokenizer &&
          (r.status === 'active' || r.status === 'preview' || r.status === 'legacy') &&
          r.inputPerMTok <= m.inputPerMTok &&
          r.outputPerMTok <= m.outputPerMTok &&
          (r.inputPerMTok < m.inputPerMTok || r.outputPerMTok < m.outputPerMTok),
      )
      .sort((a, b) => b.inputPerMTok + b.outputPerMTok - (a.inputPerMTok + a.outputPerMTok));
  }
}

function latestAsOf(rows: readonly ModelPrice[]): string {
  const latest = rows.reduce((acc, r) => (r.asOf > acc ? r.asOf : acc), '');
  return latest.length === 7 ? `${latest}-01` : latest;
}

/** Levenshtein distance with a two-row table; ids are short, so this stays cheap. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur.push(Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
