import type { RuleId, Severity } from '../model';
import { ruleInfo } from '../rules';

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

/** Why each rule matters to the bill and what to do, for readers of a code-scanning alert. */
const HELP: Readonly<Record<RuleId, string>> = {
  PM001:
    'Output tokens cost several times input tokens, and without a cap a single call can run to the model\'s maximum output. Pass the SDK\'s own cap parameter (`max_completion_tokens`, `max_output_tokens`, `maxOutputTokens`, …) with a value that fits the answer.',
  PM002:
    'The provider rejects or silently clamps a cap beyond the model\'s maximum output. Set the cap to at most the model\'s limit.',
  PM003:
    'The request cannot fit the model\'s context window even before dynamic text is added. Shorten the prompt, lower the cap, or use a model with a larger window.',
  PM004:
    'Providers with explicit caching (Anthropic `cache_control`, Gemini cached content) bill a cached prefix at a fraction of the input price. Mark the stable prefix (system prompt, tools) for caching.',
  PM005:
    'Automatic prompt caching matches the request from its first token. Move placeholders, dates and other changing text after the static instructions so the prefix can be cached.',
  PM006:
    'Costs cannot be estimated for an unknown model id, which is often a typo. Use a known id, or add the model and its prices to `promptmeter.yaml`.',
  PM007:
    'Calls to a retired model fail or are redirected. Move to the successor model the provider names.',
  PM008:
    'The projected monthly cost is above a budget set in `promptmeter.yaml`. Lower the volume, the prompt size or the cap, pick a cheaper model, or raise the budget deliberately.',
};

/** The rules as reports describe them: core/rules' own metadata plus the help text above. */
export const RULE_META: Readonly<Record<RuleId, RuleMeta>> = Object.freeze(
  Object.fromEntries((Object.keys(HELP) as RuleId[]).map((id) => [id, { ...ruleInfo[id], help: HELP[id] }])) as Record<RuleId, RuleMeta>,
);
