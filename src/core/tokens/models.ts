import type { EncodingName } from './types';

/**
 * Which tokenizer a model uses, as data. OpenAI models map to their exact encoding; every other
 * family to a base encoding times a factor, labelled inexact. docs/tokenizers.md gives each
 * factor's source and expected error; keep the two in step.
 */
export interface TokenizerProfile {
  /** Profile id, e.g. `openai-o200k`, `claude-v3`. */
  readonly id: string;
  readonly encoding: EncodingName;
  /** Multiplier applied to the base encoding's count (1 for exact profiles). */
  readonly factor: number;
  readonly exact: boolean;
  /** One line on where the factor comes from (the long form is in docs/tokenizers.md). */
  readonly basis: string;
}

const p = (id: string, encoding: EncodingName, factor: number, basis: string): TokenizerProfile =>
  Object.freeze({ id, encoding, factor, exact: false, basis });

export const PROFILES = Object.freeze({
  'openai-o200k': Object.freeze({ id: 'openai-o200k', encoding: 'o200k_base', factor: 1, exact: true, basis: 'tiktoken model map' }),
  'openai-cl100k': Object.freeze({ id: 'openai-cl100k', encoding: 'cl100k_base', factor: 1, exact: true, basis: 'tiktoken model map' }),
  'openai-other': p('openai-other', 'o200k_base', 1, 'unmapped OpenAI model: assumed o200k_base like every OpenAI model since gpt-4o'),
  'claude-v3': p('claude-v3', 'o200k_base', 1.22, 'Claude 3 – Opus 4.6 tokenizer ≈ 1.16–1.30 × o200k_base (published comparisons; ai-tokenizer fit)'),
  'claude-v47': p('claude-v47', 'o200k_base', 1.43, 'Opus 4.7+ tokenizer: 1.0–1.35 × the previous Claude tokenizer (Anthropic), midpoint'),
  gemini: p('gemini', 'o200k_base', 1.08, 'ai-tokenizer fit of Gemini countTokens to o200k_base'),
  llama3: p('llama3', 'cl100k_base', 1, 'Llama 3 BPE = cl100k_base vocabulary + 28k tokens, same split regex'),
  llama4: p('llama4', 'o200k_base', 1, 'Llama 4 ~200k-token BPE, assumed close to o200k_base'),
  mistral: p('mistral', 'cl100k_base', 1, 'Tekken (tiktoken-style, 131k); ai-tokenizer fit to cl100k_base'),
  deepseek: p('deepseek', 'o200k_base', 1, 'ai-tokenizer fit of DeepSeek V3 usage to o200k_base'),
  'grok-3': p('grok-3', 'o200k_base', 1, 'ai-tokenizer fit of grok-2/3 usage to o200k_base'),
  'grok-4': p('grok-4', 'o200k_base', 1.24, 'ai-tokenizer fits grok-4 to p50k_base, ≈1.24 × o200k_base on our corpus'),
  unknown: p('unknown', 'o200k_base', 1, 'unknown model: o200k_base as a neutral guess'),
}) satisfies Record<string, TokenizerProfile>;

export type ProfileId = keyof typeof PROFILES;

/**
 * Strips what surrounds a model id in the wild: a router or cloud prefix (`openai/`, `azure/`,
 * `vertex_ai/`), a Bedrock region and vendor (`us.anthropic.`), a Vertex `@version`, a
 * fine-tune wrapper (`ft:gpt-4o-mini:org::id`).
 */
export function bareModelId(raw: string): string {
  let id = raw.trim().toLowerCase();
  id = id.slice(id.lastIndexOf('/') + 1);
  if (id.startsWith('ft:')) id = id.slice(3).split(':')[0]!;
  id = id.replace(/^(?:us|eu|apac|global|us-gov|jp|au)\./, '');
  id = id.replace(/^(?:anthropic|meta|mistral|deepseek|xai|openai|google|amazon)\./, '');
  const at = id.indexOf('@');
  return at >= 0 ? id.slice(0, at) : id;
}

/**
 * Claude version (major, minor) from any of its id shapes: `claude-3-5-sonnet-20240620`,
 * `claude-sonnet-4-5`, `claude-opus-4-20250514` (a date is not a minor), `claude-4-opus`,
 * `claude-opus-4.7`.
 */
export function claudeVersion(id: string): { major: number; minor: number } | null {
  const m =
    /^claude-(\d+)(?:[-.](\d{1,2}))?(?!\d)(?:-|$)/.exec(id) ?? /^claude-[a-z]+-(\d+)(?:[-.](\d{1,2}))?(?!\d)/.exec(id);
  if (!m) return null;
  return { major: Number(m[1]), minor: m[2] === undefined ? 0 : Number(m[2]) };
}

function claudeProfile(id: string): ProfileId {
  const v = claudeVersion(id);
  // Anthropic changed the tokenizer with Opus 4.7; every later model keeps the new vocabulary.
  return v && (v.major > 4 || (v.major === 4 && v.minor >= 7)) ? 'claude-v47' : 'claude-v3';
}

/** Ordered: the first pattern that matches the bare id wins. */
const RULES: ReadonlyArray<readonly [RegExp, ProfileId | ((id: string) => ProfileId)]> = [
  [/^(?:gpt-4o|chatgpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|gpt-6|o1|o3|o4|codex|gpt-oss|gpt-realtime|gpt-audio|computer-use)/, 'openai-o200k'],
  [/^(?:gpt-4|gpt-3\.5|gpt-35|text-embedding-3|text-embedding-ada-002|davinci-002|babbage-002)/, 'openai-cl100k'],
  [/^(?:gpt-|chatgpt-|davinci|babbage)/, 'openai-other'],
  [/^claude/, claudeProfile],
  [/^(?:gemini|gemma)/, 'gemini'],
  [/llama-?3/, 'llama3'],
  [/llama-?4/, 'llama4'],
  [/^(?:mistral|mixtral|codestral|devstral|magistral|ministral|pixtral|open-mistral|open-mixtral)/, 'mistral'],
  [/^deepseek/, 'deepseek'],
  [/^grok-[23](?!\d)/, 'grok-3'],
  [/^grok/, 'grok-4'],
];

/** Tokenizer family labels of the price table (`ModelPrice.tokenizer`) → profile. */
const FAMILIES: Readonly<Record<string, ProfileId>> = {
  o200k_base: 'openai-o200k',
  cl100k_base: 'openai-cl100k',
  claude: 'claude-v3',
  gemini: 'gemini',
  llama3: 'llama3',
  llama4: 'llama4',
  mistral: 'mistral',
  deepseek: 'deepseek',
  grok: 'grok-4',
};

/**
 * The tokenizer profile of a model: by id when a rule knows it, else by the price table's
 * tokenizer family, else the `unknown` approximation. A Claude family with an id refines to the
 * right tokenizer generation.
 */
export function profileFor(modelId: string | null, family?: string): TokenizerProfile {
  const id = modelId ? bareModelId(modelId) : '';
  if (id) {
    for (const [re, target] of RULES) {
      if (re.test(id)) return PROFILES[typeof target === 'function' ? target(id) : target];
    }
  }
  const fam = family?.trim().toLowerCase();
  if (fam === 'claude' && id) return PROFILES[claudeProfile(id)];
  if (fam && fam in FAMILIES) return PROFILES[FAMILIES[fam]!];
  return PROFILES.unknown;
}
