/**
 * PM001 missing-output-cap: a call that may omit its output cap and does, so one call can bill up
 * to the model's maximum output (or the SDK's own default). Never on Anthropic Messages, whose
 * `max_tokens` is required. The fix writes the SDK's own parameter in the file's syntax.
 */
import { lookupModel } from '../analyze/memo';
import { timesCalls } from '../estimate';
import type { Fix, TextEdit } from '../model';
import { insertParameter, insertYamlBlockAfter, replaceParameter } from './edits';
import { tokens, usd } from './format';
import { capIsRequired, capParamPath, reasonsBeforeAnswering, sdkDefaultCap, suggestedCap } from './providerFacts';
import type { Draft, Rule, RuleInput } from './rule';

/**
 * Front-matter mappings a template may lack entirely: GitHub Models `modelParameters`, Dotprompt
 * `config` (Prompty nests its parameters under `model`, which a line insert cannot reach).
 */
const TEMPLATE_BLOCK: Readonly<Record<string, string>> = { 'prompt.yml': 'modelParameters', dotprompt: 'config' };

/** Spellings of an output cap across SDKs, for a cap written as `None` / `null` / `undefined`. */
const CAP_NAMES = new Set(['max_tokens', 'max_completion_tokens', 'max_output_tokens', 'maxTokens', 'maxOutputTokens', 'maxCompletionTokens']);

/**
 * A cap argument written with no value (`max_tokens=None`) is where the cap belongs: the fix
 * rewrites it rather than adding a second cap beside it.
 */
function replaceNullCap(text: string, site: RuleInput['est']['site'], path: readonly string[], value: string): TextEdit[] | null {
  if (path.length !== 1 || !site.args) return null;
  const prop = site.args.properties.find((p) => CAP_NAMES.has(p.name.replace(/^["']|["']$/g, '')));
  if (!prop || !/^(?:None|null|undefined)$/.test(text.slice(prop.valueSpan.start, prop.valueSpan.end).trim())) return null;
  const edit = replaceParameter(text, site.args, site.language, prop, path[0]!, value);
  return edit ? [edit] : null;
}

function fixes({ est, model, text }: RuleInput): Fix[] {
  const site = est.site;
  const path = capParamPath(site);
  if (!path || text === undefined) return [];
  const reasoning = site.reasoning !== undefined || reasonsBeforeAnswering(model?.id ?? site.model?.id ?? null);
  const value = suggestedCap(est.outputTokensExpected, model?.maxOutputTokens ?? null, reasoning);
  const param = path[path.length - 1]!;
  let edits = site.args ? (replaceNullCap(text, site, path, String(value)) ?? insertParameter(text, site.args, site.language, path, String(value))) : null;
  const block = TEMPLATE_BLOCK[site.api];
  if (!site.args && site.kind === 'template' && block && site.model?.span) {
    const edit = insertYamlBlockAfter(text, site.model.span.start, block, param, String(value));
    edits = edit ? [edit] : null;
  }
  if (!edits) return [];
  return [{ title: `Add ${param}: ${value}`, edits, preferred: true }];
}

/**
 * LangChain chat models whose cap is optional and not sent when omitted, with the model they run
 * when none is given. Sources: `@langchain/openai` 1.5.8 `BaseChatOpenAI` (`model = "gpt-3.5-turbo"`,
 * `maxTokens` unset unless given; caching-and-caps.md §6: "not sent") and langchain-openai 1.6.6
 * `BaseChatOpenAI` (`model_name` default `"gpt-3.5-turbo"`, `max_tokens` default `None`). Azure's
 * class is left out: it runs whatever its deployment serves.
 */
const LANGCHAIN_DEFAULT_MODEL: Readonly<Record<string, string>> = { ChatOpenAI: 'gpt-3.5-turbo' };

/** The class of a LangChain site traced to its constructor (`ChatOpenAI.invoke`, `ChatOpenAI`). */
const langchainClass = (api: string): string => api.split('.')[0]!;

/**
 * For a LangChain site with no model written: the model LangChain runs, when the constructor's
 * arguments are all in view (written in the call, nothing spread in), so that no cap can hide in
 * them. Null otherwise: no arguments handed over means options not in view (`new ChatOpenAI(options)`;
 * detection hands over the empty `()` of `new ChatOpenAI()`, as it does Python's `ChatOpenAI()`).
 */
function defaultModelInFull({ est, text }: RuleInput): string | null {
  const site = est.site;
  const model = LANGCHAIN_DEFAULT_MODEL[langchainClass(site.api)];
  const a = site.args;
  if (!model || !a || text === undefined || site.capUnknown) return null;
  if (a.properties.some((p) => p.span.start < a.span.start || p.span.end > a.span.end || /^["']?model(?:_?name|Name)?["']?$/.test(p.name))) return null;
  const written = text.slice(a.span.start, a.span.end);
  return /\.\.\.|\*\*/.test(written) ? null : model;
}

function message(input: RuleInput): string {
  const { est, model } = input;
  const site = est.site;
  const param = capParamPath(site);
  const hint = param ? `; set ${param.join('.')}` : '';
  const lcDefault = site.provider === 'langchain' && site.model === null ? defaultModelInFull(input) : null;
  if (lcDefault && !model) {
    const max = lookupModel(input.ctx.prices, lcDefault)?.maxOutputTokens ?? null;
    const bound = max === null ? 'output length is bounded only by the provider' : `up to ${tokens(max)} output tokens a call`;
    return `no output cap, and no model is written: LangChain's ${langchainClass(site.api)} then runs ${lcDefault}, ${bound}${hint}`;
  }
  const sdk = sdkDefaultCap(site, model?.id ?? site.model?.id ?? null);
  const cap = est.outputTokensCap;
  if (cap === null) {
    const who = model ? `${model.id} publishes no output limit` : 'the model is unknown';
    return `no output cap, and ${who}: output length is bounded only by the provider${hint}`;
  }
  const what = sdk ? `the SDK's default of ${tokens(cap)} output tokens applies` : `worst case ${tokens(cap)} output tokens`;
  const worst = est.worstCasePerCall;
  if (!worst) return `no output cap: ${what} (unpriced model)${hint}`;
  const monthly = timesCalls(worst.total, est.volume.callsPerMonth);
  return `no output cap: ${what} ≈ ${usd(worst.total)} per call (≈ ${usd(monthly)}/mo at ${tokens(est.volume.callsPerMonth)} calls)${hint}`;
}

export const missingOutputCap: Rule = {
  id: 'PM001',
  name: 'missing-output-cap',
  summary: 'A call sets no output-token cap where the API allows one to be omitted, so one call may bill up to the model maximum.',
  defaultSeverity: 'warning',
  check(input: RuleInput): Draft[] {
    const site = input.est.site;
    // A request object only known at run time may carry a cap: unknown is not absent.
    if (site.cap || site.capNotApplicable || site.capUnknown || capIsRequired(site)) return [];
    // A LangChain call whose chat model was not traced to its constructor, or whose constructor
    // takes options only known at run time: the cap, if any, is set there, out of sight.
    if (site.provider === 'langchain' && site.model === null && !defaultModelInFull(input)) return [];
    return [{ message: message(input), span: site.anchor, fixes: fixes(input) }];
  },
};
