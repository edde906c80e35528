/**
 * What the rules need to know about providers and SDKs that the price table does not carry:
 * which output caps are required, what each SDK calls its cap, what an SDK sends when the cap is
 * omitted, how caching is switched on, and the minimum cacheable prompt length when a price row
 * lacks it. Data only, each entry with its source (`/work/shared/data/pricing/caching-and-caps.md`
 * names the primary documents); adding an SDK surface is adding rows here.
 */
import type { Language, Site } from '../model';

/** A model row as far as these facts look at it (the price table's `ModelPrice` fits). */
export interface ModelFacts {
  id: string;
  provider: string;
  maxOutputTokens: number | null;
  minCacheableTokens: number | null;
}

/** How a provider's prompt cache is switched on. */
export type CachingMode =
  /** Nothing is cached unless the request marks it (Anthropic `cache_control`, Gemini cached content). */
  | 'explicit'
  /** Prefixes are cached without code changes (OpenAI, Gemini 2.5+ implicit, DeepSeek, xAI). */
  | 'automatic'
  | 'none';

export interface FactSource {
  source: string;
}

const isPython = (language: Language): boolean => language === 'python';

/**
 * The cap is required by the API, so leaving it out is a type error, not a cost risk.
 * Source: `@anthropic-ai/sdk` 1.12.0, `max_tokens: number` (not optional) on Messages; the legacy
 * Text Completions API requires `max_tokens_to_sample`.
 */
export function capIsRequired(site: Site): boolean {
  if (site.capRequired) return true;
  return site.kind === 'call' && site.provider === 'anthropic';
}

/**
 * Where the output cap goes for a site: a key path in the call's arguments (`['config',
 * 'maxOutputTokens']` means inside a `config` object), or null when the surface has no place a
 * fix can write (a Bedrock `invoke_model` JSON body, an unknown SDK).
 *
 * Sources (caching-and-caps.md §6): openai-node 6.49.0 (`max_completion_tokens` on Chat, with
 * `max_tokens` deprecated; `max_output_tokens` on Responses; `max_tokens` on legacy Completions and
 * on openai-node v3's `createChatCompletion` / `createCompletion`); `ai@6` CallSettings
 * (`maxOutputTokens`, renamed from v4 `maxTokens`); `@google/genai` 2.32.0 (`config.maxOutputTokens`)
 * and the snake_case Python mirror; `@aws-sdk/client-bedrock-runtime` (`inferenceConfig.maxTokens`);
 * `@langchain/openai` / `@langchain/anthropic` (`maxTokens`) and the Python packages
 * (`max_tokens`); LiteLLM docs (`max_tokens`, translated per provider).
 */
export function capParamPath(site: Site): string[] | null {
  if (site.kind === 'template') return templateCapParam(site.api);
  const py = isPython(site.language);
  const api = site.api;
  switch (site.provider) {
    case 'openai':
      if (/^responses\./.test(api)) return ['max_output_tokens'];
      // Legacy text completions (`completions.create`, openai<1.0 `Completion.create`) only know max_tokens.
      if (/^(?:completions|Completion)\.a?create$/.test(api)) return ['max_tokens'];
      // openai-node v3 (`OpenAIApi`) is typed from the 2023 API: its `CreateChatCompletionRequest` and
      // `CreateCompletionRequest` have `max_tokens` and no `max_completion_tokens` (added in 2024),
      // so the newer name would not type-check there.
      if (api === 'createChatCompletion' || api === 'createCompletion') return ['max_tokens'];
      return ['max_completion_tokens'];
    case 'anthropic':
      return ['max_tokens'];
    case 'vercel-ai':
      return ['maxOutputTokens'];
    case 'gemini':
      // The legacy SDKs (google-generativeai, @google/generative-ai: `GenerativeModel`, `ChatSession`)
      // take a generation config; google-genai / @google/genai take `config`.
      if (/^(?:GenerativeModel|ChatSession)\./.test(api)) return py ? ['generation_config', 'max_output_tokens'] : ['generationConfig', 'maxOutputTokens'];
      return py ? ['config', 'max_output_tokens'] : ['config', 'maxOutputTokens'];
    case 'bedrock':
      return /invoke_?model/i.test(api) ? null : ['inferenceConfig', 'maxTokens'];
    case 'langchain':
      return [py ? 'max_tokens' : 'maxTokens'];
    case 'litellm':
      // LiteLLM's Responses surface mirrors OpenAI's parameter names.
      return /^a?responses$/.test(api) ? ['max_output_tokens'] : ['max_tokens'];
    default:
      return null;
  }
}

/**
 * Template formats carry the cap in their front matter, under the mapping detection hands over as
 * `site.args`: Prompty `model.parameters.max_tokens` (OpenAI parameter names), Dotprompt
 * `config.maxOutputTokens` (Genkit's generation config), GitHub Models `modelParameters.max_tokens`.
 */
function templateCapParam(api: string): string[] | null {
  if (api === 'prompty' || api === 'prompt.yml') return ['max_tokens'];
  if (api === 'dotprompt') return ['maxOutputTokens'];
  return null;
}

/**
 * The cap an SDK sends on the caller's behalf when none is written, when it is not simply the
 * model's maximum output. Source: `@langchain/anthropic` 1.5.11 `MODEL_DEFAULT_MAX_OUTPUT_TOKENS`:
 * 16,384 for Claude 4.x/5.x ids, 8,192 for 3.5/3.7, 4,096 for Claude 3 and any other id.
 */
export function sdkDefaultCap(site: Site, modelId: string | null): (FactSource & { tokens: number }) | null {
  if (site.provider !== 'langchain' || isPython(site.language) || !modelId) return null;
  if (!/claude/.test(modelId)) return null;
  const source = '@langchain/anthropic 1.5.11 MODEL_DEFAULT_MAX_OUTPUT_TOKENS';
  if (/claude-(?:[a-z]+-)?[45](?:[-.]|$)|claude-[45]-/.test(modelId)) return { tokens: 16_384, source };
  if (/claude-3-[57]/.test(modelId)) return { tokens: 8_192, source };
  return { tokens: 4_096, source };
}

interface MinCacheRow {
  pattern: RegExp;
  tokens: number;
}

/**
 * Minimum cacheable prompt lengths, for rows of the price table that lack one.
 * Anthropic: LiteLLM `prompt_cache_min_tokens` and the Anthropic prompt-caching page (mirrored).
 * OpenAI: "automatic for prompts of 1024 tokens or more" (developers.openai.com prompt-caching).
 * Gemini: the table on ai.google.dev/gemini-api/docs/caching (2.5 Flash / 3 Flash 1024, 2.5 Pro /
 * 3 Pro 4096).
 */
const minCacheRows: readonly MinCacheRow[] = [
  { pattern: /claude-(?:opus|fable|mythos)-5(?![-.]?\d)/, tokens: 512 },
  { pattern: /claude-opus-4-7/, tokens: 2_048 },
  { pattern: /claude-(?:opus-4-[56]|haiku-4-5)/, tokens: 4_096 },
  { pattern: /claude-3-5-haiku|claude-3-haiku|claude-haiku-3/, tokens: 2_048 },
  { pattern: /claude-/, tokens: 1_024 },
  { pattern: /gemini-[\d.]+-pro/, tokens: 4_096 },
  { pattern: /gemini-/, tokens: 1_024 },
];

/** The provider-wide minimum when no model row matches (OpenAI's documented 1,024). */
const defaultMinCacheable = 1_024;

/** Fewest prompt tokens the model's provider will cache. */
export function minCacheableTokens(model: ModelFacts): number {
  if (model.minCacheableTokens !== null && model.minCacheableTokens > 0) return model.minCacheableTokens;
  const row = minCacheRows.find((r) => r.pattern.test(model.id));
  return row ? row.tokens : defaultMinCacheable;
}

/**
 * How caching is switched on for a model. Sources (caching-and-caps.md §1–5): Anthropic caches only
 * marked prefixes (`cache_control`, explicit or the top-level automatic field); OpenAI, Gemini 2.5+
 * (implicit caching on by default since 2025-05-08), DeepSeek and xAI cache prefixes
 * automatically; Gemini before 2.5 only through explicit cached content.
 */
export function cachingMode(model: ModelFacts): CachingMode {
  switch (model.provider) {
    case 'anthropic':
      return 'explicit';
    case 'openai':
    case 'deepseek':
    case 'xai':
      return 'automatic';
    case 'google':
    case 'gemini': {
      const m = /gemini-(\d+)(?:\.(\d+))?/.exec(model.id);
      if (!m) return 'automatic';
      const major = Number(m[1]);
      const minor = Number(m[2] ?? 0);
      return major > 2 || (major === 2 && minor >= 5) ? 'automatic' : 'explicit';
    }
    default:
      return 'none';
  }
}

/** What to call the marker a caching fix adds, for messages. */
export function cacheMarkerName(model: ModelFacts): string {
  return model.provider === 'anthropic' ? 'cache_control' : 'cached content';
}

/**
 * Models that reason before answering, with the reasoning billed as output and counted against the
 * cap (caching-and-caps.md §7; `models.yaml` reasoning_controls): OpenAI o-series, GPT-5 and later
 * except the `-chat` variants (the test `@langchain/openai` 1.5.8 uses to pick
 * `max_completion_tokens`), and Gemini 2.5 and later (`maxOutputTokens` bounds thinking too).
 */
export function reasonsBeforeAnswering(modelId: string | null): boolean {
  if (!modelId) return false;
  const id = modelId.slice(modelId.lastIndexOf('/') + 1).toLowerCase();
  if (/^o\d/.test(id) || (/^gpt-(?:5|6|[7-9])/.test(id) && !/^gpt-\d(?:\.\d+)?-chat/.test(id))) return true;
  const g = /^gemini-(\d+)(?:\.(\d+))?/.exec(id);
  return g !== null && (Number(g[1]) > 2 || (Number(g[1]) === 2 && Number(g[2] ?? 0) >= 5));
}

/** Least cap a fix suggests: room for a short answer, or for reasoning and an answer. */
const MIN_SUGGESTED = 1_024;
const MIN_SUGGESTED_REASONING = 4_096;

/**
 * The cap a fix suggests: room for the expected answer (1.25×, up to a power of two), at least
 * 1,024 tokens, at least 4,096 when the model reasons first (a smaller cap can be spent on
 * reasoning before any answer), never past the model's maximum.
 */
export function suggestedCap(expectedOutput: number, modelMax: number | null, reasoning = false): number {
  let cap = 256;
  while (cap < expectedOutput * 1.25 && cap < 1 << 20) cap *= 2;
  cap = Math.max(cap, reasoning ? MIN_SUGGESTED_REASONING : MIN_SUGGESTED);
  return modelMax !== null && modelMax > 0 ? Math.min(cap, modelMax) : cap;
}
