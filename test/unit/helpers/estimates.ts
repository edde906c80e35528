/**
 * Hand-made price rows and estimates shared by the report, rule and analysis tests. Round prices
 * ($2 in / $8 out / $0.50 cached per million tokens unless overridden) so that every expected
 * dollar amount in a test can be worked out on paper; the tests do so in their comments.
 */
import type { Finding, Site, SiteEstimate } from '../../../src/core/model';
import type { ModelPrice } from '../../../src/core/pricing';

/** A price row with round numbers; any field can be overridden. */
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
    minCacheableTokens: 1_024,
    tokenizer: 'o200k_base',
    status: 'active',
    retiredOn: null,
    successor: null,
    family: 'test',
    source: 'hand-made for tests',
    asOf: '2026-11-01',
    ...over,
  };
}

/** What {@link estimate} needs: tokens, a per-call price in nano-dollars (null: unpriced), calls. */
export interface EstimateSpec {
  id: string;
  file: string;
  model?: string | null;
  input: number;
  output: number;
  perCall: number | null;
  calls: number;
  /** Tokens of the stable prefix (`cache.eligibleTokens`), default 0. */
  eligible?: number;
  /** Whether a prompt cache applies (`cache.used`), default false. */
  cached?: boolean;
  findings?: Finding[];
}

/**
 * An estimate as analysis would hand it over, without running analysis: the monthly cost is
 * per call × calls, which the spec's comments in each test compute by hand.
 */
export function estimate(over: EstimateSpec): SiteEstimate {
  const span = { start: 0, end: 1 };
  const site: Site = {
    kind: 'call',
    span,
    anchor: span,
    provider: 'openai',
    api: 'chat.completions.create',
    language: 'typescript',
    model: over.model ? { id: over.model, origin: 'literal' } : null,
    parts: [],
    cap: null,
    cache: [],
    streaming: false,
  };
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
    cache: { eligibleTokens: over.eligible ?? 0, used: over.cached ?? false },
    findings: over.findings ?? [],
  };
}
