import { z } from 'zod';
import type { PriceTable } from './priceTable';
import { longContextTierSchema, modelPriceSchema, modelStatusSchema, pricePerMTokSchema } from './schema';
import type { ModelPrice, ModelStatus } from './schema';

/**
 * A `models:` entry of promptmeter.yaml as pricing reads it: an id, and any fields of a
 * {@link ModelPrice}. Extra keys (the config engine's `span`) are ignored.
 */
export const priceOverrideSchema = z.object({
  id: z.string().trim().min(1),
  provider: z.string().min(1).optional(),
  aliases: z.array(z.string().min(1)).optional(),
  inputPerMTok: pricePerMTokSchema.optional(),
  outputPerMTok: pricePerMTokSchema.optional(),
  cachedInputPerMTok: pricePerMTokSchema.nullable().optional(),
  cacheWrite5mPerMTok: pricePerMTokSchema.nullable().optional(),
  cacheWrite1hPerMTok: pricePerMTokSchema.nullable().optional(),
  batchDiscount: z.number().min(0).lt(1).nullable().optional(),
  longContextTiers: z.array(longContextTierSchema).optional(),
  contextWindow: z.number().int().positive().nullable().optional(),
  maxInputTokens: z.number().int().positive().nullable().optional(),
  maxOutputTokens: z.number().int().positive().nullable().optional(),
  minCacheableTokens: z.number().int().nonnegative().nullable().optional(),
  tokenizer: z.string().min(1).optional(),
  status: z.string().min(1).optional(),
  retiredOn: z.string().nullable().optional(),
  successor: z.string().nullable().optional(),
  family: z.string().min(1).optional(),
});

export type PriceOverride = z.infer<typeof priceOverrideSchema>;

export interface OverrideProblem {
  /** Index of the entry in the list given. */
  index: number;
  id: string | null;
  message: string;
}

/** Tokenizer family assumed for a custom model of a known provider. */
const TOKENIZER_BY_PROVIDER: Record<string, string> = {
  openai: 'o200k_base',
  anthropic: 'claude',
  google: 'gemini',
  gemini: 'gemini',
  mistral: 'mistral',
  deepseek: 'deepseek',
  xai: 'grok',
  meta: 'llama3',
};

function status(s: string | undefined, fallback: ModelStatus): ModelStatus {
  const parsed = modelStatusSchema.safeParse(s?.toLowerCase());
  return parsed.success ? parsed.data : fallback;
}

/** Only the fields the entry sets, so a known model is overridden field by field. */
function definedFields(o: PriceOverride): Partial<ModelPrice> {
  const { id: _id, aliases: _aliases, status: _status, batchDiscount, ...rest } = o;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rest)) if (v !== undefined) out[k] = v;
  // A 0 discount is "no batch tier" in the table's terms.
  if (batchDiscount !== undefined) out.batchDiscount = batchDiscount === 0 ? null : batchDiscount;
  return out as Partial<ModelPrice>;
}

function merge(o: PriceOverride, base: ModelPrice | null, asOf: string): ModelPrice | string {
  const fields = definedFields(o);
  const id = o.id.toLowerCase();
  if (base) {
    const aliases = [...new Set([...base.aliases, ...(o.aliases ?? []), ...(id !== base.id ? [id] : [])].map((a) => a.toLowerCase()))];
    return { ...base, ...fields, aliases, status: status(o.status, base.status), source: `promptmeter.yaml over ${base.source}` };
  }
  if (o.inputPerMTok === undefined || o.outputPerMTok === undefined) {
    return `'${o.id}' is not in the bundled table, so it needs inputPerMTok and outputPerMTok`;
  }
  const provider = (o.provider ?? 'custom').toLowerCase();
  return {
    provider,
    cachedInputPerMTok: null,
    cacheWrite5mPerMTok: null,
    cacheWrite1hPerMTok: null,
    batchDiscount: null,
    longContextTiers: [],
    contextWindow: null,
    maxOutputTokens: null,
    minCacheableTokens: null,
    tokenizer: TOKENIZER_BY_PROVIDER[provider] ?? 'o200k_base',
    retiredOn: null,
    successor: null,
    family: id,
    ...fields,
    id,
    aliases: (o.aliases ?? []).map((a) => a.toLowerCase()),
    inputPerMTok: o.inputPerMTok,
    outputPerMTok: o.outputPerMTok,
    status: status(o.status, 'active'),
    source: 'promptmeter.yaml',
    asOf,
  };
}

/**
 * Turns promptmeter.yaml `models:` entries into full rows: an id the bundled table knows (by
 * any alias) is overridden field by field; a new id needs at least its input and output prices.
 * Each result is checked with the table's zod schema; an entry that fails is left out and
 * reported, so one bad entry never unprices the rest.
 */
export function resolveOverrides(bundled: PriceTable, entries: readonly unknown[]): { rows: ModelPrice[]; problems: OverrideProblem[] } {
  const rows: ModelPrice[] = [];
  const problems: OverrideProblem[] = [];
  entries.forEach((entry, index) => {
    const parsed = priceOverrideSchema.safeParse(entry);
    if (!parsed.success) {
      const id = typeof (entry as { id?: unknown })?.id === 'string' ? (entry as { id: string }).id : null;
      problems.push({ index, id, message: issues(parsed.error) });
      return;
    }
    const merged = merge(parsed.data, bundled.lookup(parsed.data.id), bundled.asOf);
    if (typeof merged === 'string') {
      problems.push({ index, id: parsed.data.id, message: merged });
      return;
    }
    const checked = modelPriceSchema.safeParse(merged);
    if (checked.success) rows.push(checked.data);
    else problems.push({ index, id: parsed.data.id, message: issues(checked.error) });
  });
  return { rows, problems };
}

function issues(e: z.ZodError): string {
  return e.issues.map((i) => `${i.path.join('.') || 'entry'}: ${i.message}`).join('; ');
}
