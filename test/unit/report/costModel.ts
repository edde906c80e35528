import type { Site, SiteEstimate } from '../../../src/core/model';
import type { ModelPrice } from '../../../src/core/pricing';

/**
 * Hand-made price rows and estimates for the worksheet and what-if tests. Round prices so every
 * expected dollar amount in those tests can be worked out on paper (it is, in their comments).
 */
export function price(over: Partial<ModelPrice> & Pick<ModelPrice, 'id'>): ModelPrice {
  return {
    provider: 'openai',
    aliases: [],
    inputPerMTok: 2,
    outputPerMTok: 8,
    cachedInputPerMTok: 0.5,
    cacheWrite5mPerMTok: null,
    cacheWrite1hPerMTok: null,
    batchDiscount: 0.5,
    longContextTiers: [],
    contextWindow: 128_000,
    maxOutputTokens: 16_384,
    minCacheableTokens: 1024,
    tokenizer: 'o200k_base',
    status: 'active',
    retiredOn: null,
    successor: null,
    family: 'test',
    source: 'hand-made for tests',
    asOf: '2026-01-01',
    ...over,
  } as ModelPrice;
}

export function estimate(over: {
  id: string;
  file: string;
  model?: string | null;
  input: number;
  output: number;
  perCall: number | null;
  calls: number;
  eligible?: number;
}): SiteEstimate {
  const span = { start: 0, end: 1 };
  const site: Site = { kind: 'call', span, anchor: span, provider: 'openai', api: 'chat.completions.create', language: 'typescript', model: over.model ? { id: over.model, origin: 'literal' } : null, parts: [], cap: null, cache: [], streaming: false } as Site;
  return {
    id: over.id,
    file: over.file,
    site,
    resolvedModel: over.model ?? null,
    encoding: 'o200k_base',
    inputTokens: over.input,
    inputTokensExact: true,
    inputTokensRange: { min: over.input, max: over.input },
    parts: [],
    outputTokensCap: null,
    outputTokensExpected: over.output,
    costPerCall: over.perCall === null ? null : { input: 0, output: 0, total: over.perCall },
    worstCasePerCall: null,
    volume: { callsPerMonth: over.calls, source: 'default' },
    monthlyCost: over.perCall === null ? null : over.perCall * over.calls,
    cache: { eligibleTokens: over.eligible ?? 0, used: false },
    findings: [],
  };
}
