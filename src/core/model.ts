/**
 * The shapes every part of core speaks: what detection finds in a source file (a {@link Site}),
 * what the estimator makes of it ({@link SiteEstimate}), and what rules say about it
 * ({@link Finding}). Types only: no behaviour lives here.
 *
 * Positions are UTF-16 offsets into the analysed text (what JavaScript strings index), half-open
 * `[start, end)`. Adapters turn them into lines and columns (`src/extension/convert.ts`,
 * `src/core/text/lines.ts`); core never speaks ranges.
 */

/** A half-open `[start, end)` range of UTF-16 offsets into the analysed text. */
export interface Span {
  start: number;
  end: number;
}

/** The SDK family a call goes through (the JSON contract's `provider`). */
export type Provider =
  | 'openai'
  | 'anthropic'
  | 'gemini'
  | 'vercel-ai'
  | 'langchain'
  | 'litellm'
  | 'bedrock'
  | 'unknown';

/** Source languages and template formats analysed (the JSON contract's `language`). */
export type Language =
  | 'typescript'
  | 'typescriptreact'
  | 'javascript'
  | 'javascriptreact'
  | 'python'
  | 'prompty'
  | 'dotprompt'
  | 'prompt-yaml'
  | 'prompt-markdown'
  | 'jinja'
  | 'handlebars'
  | 'mustache'
  | 'text';

/** Which part of a request a piece of prompt text is. */
export type PartRole =
  | 'system'
  | 'developer'
  | 'instructions'
  | 'user'
  | 'assistant'
  | 'tool'
  | 'prompt'
  | 'tools'
  | 'unknown';

/** A piece of prompt text: literal text, or a placeholder whose size is only estimated. */
export type Segment =
  | { kind: 'text'; text: string }
  | {
      kind: 'slot';
      /** The placeholder as written (`name`, `user.name`, `expr`), for estimates by name. */
      name: string;
      /** Where the placeholder stands in the source, when it stands in the analysed text. */
      span?: Span;
    };

/** One part of a request (a system prompt, one message, the tool schemas, a template body). */
export interface PromptPart {
  role: PartRole;
  segments: Segment[];
  /** The source expression or block the text came from. */
  span: Span;
  /** A cache marker sits on this part (Anthropic `cache_control` on a block). */
  cacheMarked?: boolean;
  /** Set when the text came from another file (a template read from disk). */
  sourceFile?: string;
  /** The text could not be resolved statically (a variable, a call); its size is unknown. */
  unresolved?: boolean;
}

/** A property written in the call's arguments, with where it stands, for rules and fixes. */
export interface ArgProperty {
  /** The key as written (`max_tokens`, `maxOutputTokens`, `config.maxOutputTokens`). */
  name: string;
  /** The whole `key: value` / `key=value`. */
  span: Span;
  valueSpan: Span;
}

/**
 * Where a fix may insert a new argument: the object literal or keyword-argument list that
 * carries the request parameters, with the syntax to write in it.
 */
export interface ArgsContainer {
  /** `object`: a JS/TS object literal or Python dict; `kwargs`: Python keyword arguments. */
  kind: 'object' | 'kwargs' | 'yaml';
  span: Span;
  properties: ArgProperty[];
  /** How nested keys are spelt when the cap lives in a sub-object (e.g. Gemini `config`). */
  quoteKeys?: boolean;
}

export interface OutputCap {
  /** The parameter name actually used (`max_completion_tokens`, `maxOutputTokens`, …). */
  param: string;
  /** The value, or null when it is not a literal (a variable, an expression). */
  value: number | null;
  span: Span;
}

export interface CacheMarker {
  kind: 'cache_control' | 'providerOptions.cacheControl' | 'prompt_cache_key' | 'cached_content' | 'prompt_cache_retention';
  ttl?: '5m' | '1h' | '24h';
  span: Span;
}

export interface ReasoningBudget {
  param: string;
  /** Budget tokens when given as a number. */
  budget?: number | null;
  /** Effort level when given (`low`, `high`, …). */
  effort?: string;
  span: Span;
}

/** How the model id was known. */
export type ModelOrigin = 'literal' | 'constant' | 'front-matter' | 'config-default' | 'dynamic';

/** A call site or template file, as detection finds it. Pure data, no prices. */
export interface Site {
  kind: 'call' | 'template';
  language: Language;
  provider: Provider;
  /** The API surface (`chat.completions.create`, `messages.create`, `generateText`, `prompty`). */
  api: string;
  /** The whole call expression, or the whole template file. */
  span: Span;
  /** The callee (for call sites), where a CodeLens goes. */
  anchor: Span;
  model: { id: string; span?: Span; origin: ModelOrigin } | null;
  parts: PromptPart[];
  /** The output cap; null when none is passed. */
  cap: OutputCap | null;
  /** The API requires a cap (Anthropic `max_tokens`), so PM001 never applies. */
  capRequired?: boolean;
  /** The format has no place for a cap (a plain prompt file, a Copilot `.prompt.md`): PM001 does not apply. */
  capNotApplicable?: boolean;
  /**
   * The request is (or spreads) an object only known at run time (`create(body)` with `body` a
   * parameter, `completion(**request.json)`): a cap may be in it, so `cap: null` means unknown.
   */
  capUnknown?: boolean;
  /** Where a new parameter can be inserted. */
  args?: ArgsContainer;
  cache: CacheMarker[];
  streaming: boolean;
  reasoning?: ReasoningBudget;
  /** Files this site reads its prompt from (workspace-relative or as written). */
  linkedFiles?: string[];
  /** Expected output tokens from an annotation or front matter, when written. */
  expectedOutput?: number;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export type RuleId = 'PM001' | 'PM002' | 'PM003' | 'PM004' | 'PM005' | 'PM006' | 'PM007' | 'PM008';

export interface TextEdit {
  span: Span;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix a user most likely wants (shown first, used by "fix all"). */
  preferred?: boolean;
}

export interface Finding {
  rule: RuleId;
  severity: Severity;
  message: string;
  span: Span;
  fixes: Fix[];
}

/**
 * Money as an integer number of nano-dollars (1e-9 USD). All arithmetic on money goes through
 * `src/core/estimate/money.ts`, which owns the one rounding rule; floats are never summed.
 */
export type Nanodollars = number;

/** Where the calls-per-month figure came from (the report says which applied). */
export interface Volume {
  callsPerMonth: number;
  source: 'annotation' | 'workspace' | 'feature' | 'default';
  /** Human words for the source: the annotation text, the glob in promptmeter.yaml, … */
  detail?: string;
  span?: Span;
}

export interface CostBreakdown {
  input: Nanodollars;
  output: Nanodollars;
  total: Nanodollars;
}

export interface SlotEstimate {
  name: string;
  tokens: number;
  /** Where the size came from: a `placeholders` entry in promptmeter.yaml or the default. */
  source: 'config' | 'default';
}

export interface PartEstimate {
  role: PartRole;
  span: Span;
  /** Tokens of the literal text plus estimated slots. */
  tokens: number;
  slots: SlotEstimate[];
  unresolved: boolean;
}

/** A priced, judged site: what every front end (CodeLens, hover, report, CLI) shows. */
export interface SiteEstimate {
  /** Stable across runs and unrelated edits: derived from file, api and the call's content. */
  id: string;
  /** Workspace-relative path with forward slashes. */
  file: string;
  site: Site;
  /** The priced model id after alias normalisation, or null when unknown or dynamic. */
  resolvedModel: string | null;
  encoding: string;
  inputTokens: number;
  /** False when any part is an approximation (non-public tokenizer, placeholder slots). */
  inputTokensExact: boolean;
  /** Lower and upper bounds when placeholders make the count a range. */
  inputTokensRange: { min: number; max: number };
  parts: PartEstimate[];
  outputTokensCap: number | null;
  outputTokensExpected: number;
  /** Null when the model is unpriced: never shown as $0. */
  costPerCall: CostBreakdown | null;
  /** Per call at the cap (worst case), null when unpriced. */
  worstCasePerCall: CostBreakdown | null;
  volume: Volume;
  monthlyCost: Nanodollars | null;
  cache: { eligibleTokens: number; used: boolean };
  findings: Finding[];
  /** Rules a `promptmeter-ignore` comment turns off at this site (all eight for a bare one). */
  suppressedRules?: RuleId[];
}
