/**
 * core/pricing: the bundled, dated price table (generated from data/pricing/ by
 * scripts/genPricing.mjs), workspace overrides, and model-id alias normalisation.
 */
import { PriceTable } from './priceTable';
import { modelPriceSchema, priceTableFileSchema } from './schema';
import type { ModelPrice } from './schema';
import bundled from './table.generated.json';

export { PriceTable, editDistance } from './priceTable';
export { normalizeModelId, platformForm } from './normalize';
export { longContextTierSchema, modelPriceSchema, modelStatusSchema, pricePerMTokSchema, priceTableFileSchema } from './schema';
export type { LongContextTier, ModelPrice, ModelStatus, PriceTableFile } from './schema';

let cached: { rows: readonly ModelPrice[]; asOf: string; sources: readonly string[] } | null = null;

/** The bundled table, validated by zod on first use (a bad build fails loudly, once). */
function bundledTable(): { rows: readonly ModelPrice[]; asOf: string; sources: readonly string[] } {
  if (!cached) {
    const parsed = priceTableFileSchema.parse(bundled);
    cached = { rows: Object.freeze(parsed.rows.map((r) => Object.freeze(r))), asOf: parsed.asOf, sources: parsed.sources };
  }
  return cached;
}

/** The bundled table's snapshot date (YYYY-MM-DD) and the inputs it was generated from. */
export function bundledPricing(): { asOf: string; sources: readonly string[]; count: number } {
  const t = bundledTable();
  return { asOf: t.asOf, sources: t.sources, count: t.rows.length };
}

/**
 * The bundled price table, optionally with workspace overrides (rows from promptmeter.yaml
 * `models:`), which win over bundled rows with the same id or alias. Each override is checked
 * with the same zod schema; invalid ones are returned in `problems` and left out.
 */
export function defaultPriceTable(overrides: readonly unknown[] = []): PriceTable {
  const t = bundledTable();
  if (overrides.length === 0) {
    defaultTable ??= new PriceTable(t.rows, [], t.asOf);
    return defaultTable;
  }
  return new PriceTable(t.rows, validateOverrides(overrides).rows, t.asOf);
}

let defaultTable: PriceTable | undefined;

/** Checks override rows with the table's schema: the valid rows, and one message per bad row. */
export function validateOverrides(overrides: readonly unknown[]): { rows: ModelPrice[]; problems: { index: number; message: string }[] } {
  const rows: ModelPrice[] = [];
  const problems: { index: number; message: string }[] = [];
  overrides.forEach((o, index) => {
    const r = modelPriceSchema.safeParse(o);
    if (r.success) rows.push(r.data);
    else problems.push({ index, message: r.error.issues.map((i) => `${i.path.join('.') || 'row'}: ${i.message}`).join('; ') });
  });
  return { rows, problems };
}
