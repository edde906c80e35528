import type { RuleId, Severity } from '../model';

/** What a report says about a rule: its name, one-line summary, default severity and docs page. */
export interface RuleMeta {
  name: string;
  summary: string;
  defaultSeverity: Severity;
  /** Path of the rule's page in the repository (`docs/rules/PM001.md`). */
  docs: string;
  /** Why it matters and what to do, as Markdown: SARIF `help`, shown by code scanning. */
  help: string;
}

/** The rules of DESIGN.md "Rules", as reports describe them. */
export const RULE_META: Readonly<Record<RuleId, RuleMeta>> = {
  PM001: {
    name: 'missing-output-cap',
    summary: 'An LLM call sets no output-token cap, so one call may bill up to the model maximum.',
    defaultSeverity: 'warning',
    docs: 'docs/rules/PM001.md',
    help: 'Output tokens cost several times input tokens, and without a cap a single call can run to the model\'s maximum output. Pass the SDK\'s own cap parameter (`max_completion_tokens`, `max_output_tokens`, `maxOutputTokens`, …) with a value that fits the answer.',
  },
  PM002: {
    name: 'cap-over-model-limit',
    summary: 'The output cap is above the maximum output the model allows.',
    defaultSeverity: 'error',
    docs: 'docs/rules/PM002.md',
    help: 'The provider rejects or silently clamps a cap beyond the model\'s maximum output. Set the cap to at most the model\'s limit.',
  },
  PM003: {
    name: 'context-overflow',
    summary: 'Static input plus the output cap exceed the model\'s context window.',
    defaultSeverity: 'error',
    docs: 'docs/rules/PM003.md',
    help: 'The request cannot fit the model\'s context window even before dynamic text is added. Shorten the prompt, lower the cap, or use a model with a larger window.',
  },
  PM004: {
    name: 'uncached-stable-prompt',
    summary: 'A large stable prompt prefix is sent without the provider\'s explicit cache marker.',
    defaultSeverity: 'warning',
    docs: 'docs/rules/PM004.md',
    help: 'Providers with explicit caching (Anthropic `cache_control`, Gemini cached content) bill a cached prefix at a fraction of the input price. Mark the stable prefix (system prompt, tools) for caching.',
  },
  PM005: {
    name: 'cache-busting-prefix',
    summary: 'Dynamic text in front of a large static remainder defeats automatic prefix caching.',
    defaultSeverity: 'warning',
    docs: 'docs/rules/PM005.md',
    help: 'Automatic prompt caching matches the request from its first token. Move placeholders, dates and other changing text after the static instructions so the prefix can be cached.',
  },
  PM006: {
    name: 'unknown-model',
    summary: 'The model id has no known price or tokenizer.',
    defaultSeverity: 'warning',
    docs: 'docs/rules/PM006.md',
    help: 'Costs cannot be estimated for an unknown model id, which is often a typo. Use a known id, or add the model and its prices to `promptmeter.yaml`.',
  },
  PM007: {
    name: 'retired-model',
    summary: 'The model is past its provider\'s retirement date.',
    defaultSeverity: 'error',
    docs: 'docs/rules/PM007.md',
    help: 'Calls to a retired model fail or are redirected. Move to the successor model the provider names.',
  },
  PM008: {
    name: 'over-budget',
    summary: 'A call site, file or feature projects a monthly cost above its budget.',
    defaultSeverity: 'error',
    docs: 'docs/rules/PM008.md',
    help: 'The projected monthly cost is above a budget set in `promptmeter.yaml`. Lower the volume, the prompt size or the cap, pick a cheaper model, or raise the budget deliberately.',
  },
};
