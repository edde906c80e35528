import { z } from 'zod';

/**
 * The shape of one priced model, checked by zod twice: when `scripts/genPricing.mjs` writes the
 * bundled table and when core loads it (and on every workspace override row). Prices are US
 * dollars per million tokens, as every provider publishes them.
 */

const PRICE_DECIMALS = 6;

/**
 * A list price in USD per million tokens. At most six decimals, so money.ts can turn it into an
 * integer number of micro-dollars per million tokens without rounding (the cheapest published
 * rates, e.g. DeepSeek's $0.003625, need four).
 */
export const pricePerMTokSchema = z
  .number()
  .finite()
  .nonnegative()
  .refine((n) => Math.abs(n * 10 ** PRICE_DECIMALS - Math.round(n * 10 ** PRICE_DECIMALS)) < 1e-6, {
    message: `price must have at most ${PRICE_DECIMALS} decimals (USD per million tokens)`,
  })
  .describe('USD per 1,000,000 tokens');

const tokenCount = z.number().int().positive();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a YYYY-MM-DD date');
/** Sources sometimes only date a price to the month. */
const isoDay = z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, 'expected YYYY-MM or YYYY-MM-DD');

/**
 * Rates that replace the base rates for the WHOLE request (input, cache and output) once the
 * request's total input tokens exceed `aboveInputTokens` (LiteLLM's `_above_200k_tokens`).
 */
export const longContextTierSchema = z.object({
  aboveInputTokens: tokenCount.describe('the tier applies when total input tokens are strictly above this'),
  inputPerMTok: pricePerMTokSchema,
  outputPerMTok: pricePerMTokSchema,
  cachedInputPerMTok: pricePerMTokSchema.nullable().optional(),
  cacheWrite5mPerMTok: pricePerMTokSchema.nullable().optional(),
  cacheWrite1hPerMTok: pricePerMTokSchema.nullable().optional(),
});

/** The lifecycle word shown to users; `retired` models are past their shutdown date. */
export const modelStatusSchema = z.enum(['active', 'preview', 'legacy', 'deprecated', 'retired']);

export const modelPriceSchema = z
  .object({
    id: z
      .string()
      .min(1)
      .regex(/^[a-z0-9][a-z0-9._:@/-]*$/, 'ids are lower-case, without spaces'),
    provider: z.string().min(1).describe('openai, anthropic, google, mistral, deepseek, xai, meta, …'),
    aliases: z.array(z.string().min(1)).describe('other spellings, dated snapshots and platform ids'),
    inputPerMTok: pricePerMTokSchema.describe('uncached input'),
    outputPerMTok: pricePerMTokSchema.describe('output, reasoning tokens included'),
    cachedInputPerMTok: pricePerMTokSchema.nullable().describe('a cache read; null = no discount known'),
    cacheWrite5mPerMTok: pricePerMTokSchema.nullable().describe('a cache write with the default TTL; null = billed as input'),
    cacheWrite1hPerMTok: pricePerMTokSchema.nullable().describe('a 1-hour cache write (Anthropic); null = as the 5m write'),
    batchDiscount: z.number().gt(0).lt(1).nullable().describe('fraction taken off every rate on the batch API'),
    longContextTiers: z.array(longContextTierSchema),
    contextWindow: tokenCount.nullable(),
    maxInputTokens: tokenCount.nullable().optional(),
    maxOutputTokens: tokenCount.nullable(),
    minCacheableTokens: z.number().int().nonnegative().nullable(),
    tokenizer: z.string().min(1).describe('tokenizer family: o200k_base, cl100k_base, claude, gemini, …'),
    status: modelStatusSchema,
    retiredOn: isoDate.nullable().describe('the provider shuts the model down on this day'),
    successor: z.string().nullable(),
    family: z.string().min(1).describe('product line for cheaper-sibling comparisons (gpt-5, claude-4, gemini-2)'),
    source: z.string().min(1),
    asOf: isoDay,
  })
  .superRefine((row, ctx) => {
    const tiers = row.longContextTiers;
    for (let i = 1; i < tiers.length; i++) {
      if (tiers[i]!.aboveInputTokens <= tiers[i - 1]!.aboveInputTokens) {
        ctx.addIssue({ code: 'custom', path: ['longContextTiers', i], message: 'tiers must be sorted by ascending threshold' });
      }
    }
    if (row.cachedInputPerMTok !== null && row.cachedInputPerMTok > row.inputPerMTok) {
      ctx.addIssue({ code: 'custom', path: ['cachedInputPerMTok'], message: 'a cache read cannot cost more than uncached input' });
    }
  });

/** One priced model of the bundled table or a workspace override. */
export type ModelPrice = z.infer<typeof modelPriceSchema>;
export type LongContextTier = z.infer<typeof longContextTierSchema>;
export type ModelStatus = z.infer<typeof modelStatusSchema>;

/** The generated file `table.generated.json`. */
export const priceTableFileSchema = z
  .object({
    schemaVersion: z.literal(1),
    asOf: isoDate,
    sources: z.array(z.string()),
    rows: z.array(modelPriceSchema).min(1),
  })
  .superRefine((t, ctx) => {
    const seen = new Set<string>();
    t.rows.forEach((r, i) => {
      if (seen.has(r.id)) ctx.addIssue({ code: 'custom', path: ['rows', i, 'id'], message: `duplicate id ${r.id}` });
      seen.add(r.id);
    });
  });

export type PriceTableFile = z.infer<typeof priceTableFileSchema>;
