/**
 * core/pricing: the bundled, dated price table (generated from data/pricing/ by
 * scripts/genPricing.mjs), workspace overrides, and model-id alias normalisation.
 */
import { PriceTable } from './priceTable';
import { resolveOverrides } from './overrides';
import type { OverrideProblem } from './overrides';
import { priceTableFileSchema } from './schema';
import type { ModelPrice } from './schema';
import bundled from './table.generated.json';

export { PriceTable, editDistance } from './priceTable';
export { bedrockRegion, normalizeModelId, platformForm } from './normalize';
export { longContextTierSchema, modelPriceSchema, modelStatusSchema, pricePerMTokSchema, priceTableFileSchema } from './schema';
export type { LongContextTier, ModelPrice, ModelStatus, PriceTableFile } from './schema';
export { priceOverrideSchema, resolveOverrides } from './overrides';
export type { OverrideProblem, PriceOverride } from './overrides';

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
 * The bundled price table, optionally with workspace overrides (promptmeter.yaml `models:`
 * entries): a known id is overridden field by field, a new id is added, and overrides win over
 * bundled rows with the same id or alias. Entries that fail validation are left out; use
 * {@link priceTableWithOverrides} to get their problems.
 */
export function defaultPriceTable(overrides: readonly unknown[] = []): PriceTable {
  return priceTableWithOverrides(overrides).table;
}

let defaultTable: PriceTable | undefined;

/** {@link defaultPriceTable}, with one problem per override entry that was left out. */
export function priceTableWithOverrides(overrides: readonly unknown[]): { table: PriceTable; problems: OverrideProblem[] } {
  const t = bundledTable();
  defaultTable ??= new PriceTable(t.rows, [], t.asOf);
  if (overrides.length === 0) return { table: defaultTable, problems: [] };
  const { rows, problems } = resolveOverrides(defaultTable, overrides);
  return { table: new PriceTable(t.rows, rows, t.asOf), problems };
}
