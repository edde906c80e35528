/**
 * The one source of truth for Promptmeter's configuration: the user settings (`promptmeter.*`)
 * and the workspace file `promptmeter.yaml`. Every field's `.describe()` text is Markdown and
 * feeds the `package.json` manifest, `docs/settings.md` and the JSON schema editors use for
 * completion; `scripts/genSettings.mjs` writes all three and `--check` fails on drift.
 *
 * Settings are nested objects whose leaves are the VS Code keys: `diagnostics.debounceMs` is
 * `promptmeter.diagnostics.debounceMs`. The top-level group names the settings section.
 */
import { z } from 'zod';
import type { RuleId, Severity } from '../model';
import { MAX_CALLS_PER_MONTH, parseVolumeSpec, VOLUME_SPEC_PATTERN } from './volumeSpec';

/** Every rule id, in order. */
export const RULE_IDS: readonly RuleId[] = ['PM001', 'PM002', 'PM003', 'PM004', 'PM005', 'PM006', 'PM007', 'PM008'];

/** A rule's severity as configured; `off` turns the rule off. */
export type RuleSeverity = Severity | 'off';

const SEVERITIES = ['off', 'hint', 'info', 'warning', 'error'] as const;
const SEVERITY_DESCRIPTIONS = [
  'Do not run the rule.',
  'Show as a hint (faint dots, not in the Problems panel).',
  'Show as information.',
  'Show as a warning.',
  'Show as an error (and fail `promptmeter check` at its default level).',
];

function severityEnum() {
  return z.enum(SEVERITIES).meta({ enumDescriptions: SEVERITY_DESCRIPTIONS });
}

/** What each rule is called and flags, for descriptions; the rules own their behaviour. */
const RULES: Record<RuleId, { name: string; flags: string; defaultSeverity: RuleSeverity }> = {
  PM001: { name: 'missing-output-cap', flags: 'a call with no output-token cap', defaultSeverity: 'warning' },
  PM002: { name: 'cap-over-model-limit', flags: "an output cap above the model's maximum output", defaultSeverity: 'error' },
  PM003: { name: 'context-overflow', flags: "static input plus the cap beyond the model's context window", defaultSeverity: 'warning' },
  PM004: { name: 'uncached-stable-prompt', flags: 'a large stable prompt prefix sent without caching where caching is explicit', defaultSeverity: 'info' },
  PM005: { name: 'cache-busting-prefix', flags: 'dynamic text in front of a large static remainder, defeating prefix caching', defaultSeverity: 'info' },
  PM006: { name: 'unknown-model', flags: 'a model id with no known price or tokenizer', defaultSeverity: 'warning' },
  PM007: { name: 'retired-model', flags: "a model past its provider's retirement date", defaultSeverity: 'error' },
  PM008: { name: 'over-budget', flags: 'a call site, file or feature whose monthly projection exceeds its budget', defaultSeverity: 'warning' },
};

/** Default severity of each rule when neither settings nor `promptmeter.yaml` change it. */
export const DEFAULT_RULE_SEVERITY: Readonly<Record<RuleId, RuleSeverity>> = Object.freeze(
  Object.fromEntries(RULE_IDS.map((id) => [id, RULES[id].defaultSeverity])) as Record<RuleId, RuleSeverity>,
);

/** Rule names as DESIGN.md gives them, by id. */
export const RULE_NAMES: Readonly<Record<RuleId, string>> = Object.freeze(
  Object.fromEntries(RULE_IDS.map((id) => [id, RULES[id].name])) as Record<RuleId, string>,
);

const globList = (what: string) => z.array(z.string().min(1, 'a glob cannot be empty')).describe(what);

const DEFAULT_EXCLUDES = [
  '**/node_modules/**',
  '**/.git/**',
  '**/dist/**',
  '**/out/**',
  '**/build/**',
  '**/.venv/**',
  '**/venv/**',
  '**/__pycache__/**',
];

function ruleSeveritySettings() {
  const shape = {} as Record<RuleId, z.ZodDefault<ReturnType<typeof severityEnum>>>;
  for (const id of RULE_IDS) {
    const r = RULES[id];
    shape[id] = severityEnum()
      .default(r.defaultSeverity)
      .describe(
        `Severity of **${id}** \`${r.name}\`: ${r.flags}. \`off\` turns the rule off. ` +
          `A \`rules.${id}\` entry in \`promptmeter.yaml\` takes precedence.`,
      );
  }
  return z.object(shape);
}

/** Titles of the settings sections, by the top-level group of the key (root keys: General). */
export const SETTINGS_SECTIONS: readonly { group: string; title: string; keys: readonly string[] }[] = [
  { group: 'general', title: 'General', keys: ['enable', 'defaultModel', 'defaultCallsPerMonth', 'currencyDisplay', 'statusBar'] },
  { group: 'tokens', title: 'Tokens', keys: ['tokens'] },
  { group: 'prices', title: 'Prices', keys: ['prices'] },
  { group: 'diagnostics', title: 'Diagnostics', keys: ['diagnostics'] },
  { group: 'codeLensHover', title: 'CodeLens and Hover', keys: ['codeLens', 'hover'] },
  { group: 'report', title: 'Report', keys: ['report'] },
];

/** The user settings under `promptmeter.*`. */
export const settingsSchema = z.object({
  enable: z
    .boolean()
    .default(true)
    .describe('Show Promptmeter in editors: CodeLens, hovers, diagnostics and the status bar. The workspace report and the CLI work either way.'),
  defaultModel: z
    .string()
    .default('')
    .describe(
      'Model priced for calls whose model is only known at run time (a variable or a parameter). ' +
        'Empty: such calls are shown as *unpriced* instead of guessed. `defaults.model` in `promptmeter.yaml` takes precedence.',
    ),
  defaultCallsPerMonth: z
    .number()
    .min(0)
    .max(MAX_CALLS_PER_MONTH)
    .default(1000)
    .describe(
      'Calls per month assumed for a call site when nothing more specific says: an inline `promptmeter: 20k/day` ' +
        'annotation, a `volumes` or `features` entry or `defaults.callsPerMonth` in `promptmeter.yaml` all take precedence.',
    ),
  currencyDisplay: z
    .enum(['auto', 'cents', 'perThousandCalls'])
    .meta({
      enumDescriptions: [
        'Small amounts with two significant digits (`$0.0061`), larger ones in cents (`$305.12`).',
        'Always in cents (`$0.01`, `$305.12`); amounts under half a cent show as `<$0.01`.',
        'Per-call amounts per 1,000 calls (`$6.10/1k`), monthly amounts in cents.',
      ],
    })
    .default('auto')
    .describe('How amounts in US dollars are written in CodeLens, hovers and the status bar.'),
  statusBar: z.object({
    enable: z
      .boolean()
      .default(true)
      .describe('Show the tokens (and cost) of the selection or of the prompt under the cursor in the status bar.'),
  }),
  tokens: z.object({
    placeholderDefault: z
      .number()
      .int()
      .min(0)
      .max(10_000_000)
      .default(100)
      .describe(
        'Tokens assumed for a placeholder (`{name}`, `${x}`, `{{var}}`) whose size `promptmeter.yaml` does not give under `placeholders`.',
      ),
    expectedOutput: z
      .number()
      .int()
      .min(0)
      .max(10_000_000)
      .default(300)
      .describe(
        'Output tokens expected from a call when no annotation, template front matter or `defaults.expectedOutputTokens` says; ' +
          "never more than the call's output cap. The worst case at the cap is shown separately.",
      ),
    templateGlobs: globList(
      'Globs of plain-text, Jinja, Handlebars and Mustache prompt templates to count (`.prompty`, `.prompt`, `*.prompt.yml` and `*.prompt.md` are always counted). ' +
        '`templates.globs` in `promptmeter.yaml` takes precedence.',
    ).default(['**/prompts/**']),
  }),
  prices: z.object({
    showBatch: z.boolean().default(true).describe('Show what a call costs on the provider\'s batch tier, where there is one.'),
    showCaching: z.boolean().default(true).describe('Show what a call costs with prompt caching (cache reads and writes), where the provider has it.'),
    staleAfterDays: z
      .number()
      .int()
      .min(0)
      .max(3650)
      .default(90)
      .describe('Warn when the bundled price table is older than this many days. `0` never warns.'),
  }),
  diagnostics: z.object({
    enable: z.boolean().default(true).describe('Report cost problems (rules PM001–PM008) as diagnostics with quick fixes.'),
    debounceMs: z
      .number()
      .int()
      .min(0)
      .max(10_000)
      .default(300)
      .describe('Milliseconds to wait after the last keystroke before diagnostics are recomputed.'),
    severity: ruleSeveritySettings(),
  }),
  codeLens: z.object({
    enable: z.boolean().default(true).describe('Show a CodeLens with tokens and cost above every LLM call site and at the top of every template file.'),
    showMonthly: z.boolean().default(true).describe('Add the monthly cost at the volume in force to the CodeLens (`≈$305/mo @ 50k/mo`).'),
  }),
  hover: z.object({
    enable: z.boolean().default(true).describe('Show the token and cost breakdown when hovering a prompt, a template or a call.'),
    showMonthly: z.boolean().default(true).describe('Show the monthly cost, and which rule set the volume, in the hover.'),
    compareCheaperModels: z
      .boolean()
      .default(true)
      .describe('Show what the same call costs on cheaper models of the same family and tokenizer.'),
    maxCheaperModels: z
      .number()
      .int()
      .min(1)
      .max(10)
      .default(3)
      .describe('At most this many cheaper models in the hover comparison.'),
  }),
  report: z.object({
    include: globList('Files the workspace cost report scans (workspace-relative globs). `.gitignore` and `files.exclude` still apply.').default(['**']),
    exclude: globList('Files the workspace cost report skips, in addition to `.gitignore` and `files.exclude`.').default(DEFAULT_EXCLUDES),
    premiumThresholdPerMTok: z
      .number()
      .min(0)
      .max(10_000)
      .default(5)
      .describe(
        'A model counts as *premium* in the report when its input price is at least this many US dollars per million tokens.',
      ),
  }),
});

/** The parsed, defaulted user settings (frozen when they come from {@link parseSettings}). */
export type Settings = z.output<typeof settingsSchema>;

// ---------------------------------------------------------------------------------------------
// promptmeter.yaml

const NOT_EMPTY = 'cannot be empty';

/** Highest price per million tokens accepted; above it a price is a unit mistake. */
export const MAX_PRICE_PER_MTOK = 5000;

const callsSpec = z
  .union(
    [
      z.number().min(0, 'calls cannot be negative').max(MAX_CALLS_PER_MONTH, `more than ${MAX_CALLS_PER_MONTH.toExponential()} calls a month is not a forecast`),
      z
        .string()
        .refine((s) => parseVolumeSpec(s) !== null, 'expected a number of calls per month or a rate such as `20k/day`, `3,000/week` or `1.5m/month`')
        .meta({ pattern: VOLUME_SPEC_PATTERN }),
    ],
    { error: 'expected a number of calls per month or a rate such as `20k/day`' },
  )
  .meta({ examples: [50000, '20k/day', '3,000/week', '1.5m/month'] });

const tokenCount = (max: number) => z.number().int('expected a whole number of tokens').min(0, 'tokens cannot be negative').max(max);

const usd = z
  .number()
  .min(0, 'a budget cannot be negative')
  .max(1e9, 'a budget above $1,000,000,000 is not a budget');

const budgetFields = {
  monthly: usd.optional().describe('Most US dollars a month may cost.'),
  perCall: usd.optional().describe('Most US dollars one call may cost (at the expected output).'),
};

const hasLimit = (b: { monthly?: number | undefined; perCall?: number | undefined }) => b.monthly !== undefined || b.perCall !== undefined;
const LIMIT_MESSAGE = 'a budget needs `monthly` and/or `perCall` (US dollars)';

const budgetSpec = z.strictObject(budgetFields).refine(hasLimit, LIMIT_MESSAGE).describe('A budget in US dollars.');

const pricePerMTok = (what: string) =>
  z
    .number()
    .min(0, 'a price cannot be negative')
    .max(MAX_PRICE_PER_MTOK, `a price above $${MAX_PRICE_PER_MTOK} per million tokens is not plausible; prices are USD per 1,000,000 tokens`)
    // The price table keeps six decimals; more than that is almost always a price per token.
    .refine((n) => Math.abs(n * 1e6 - Math.round(n * 1e6)) < 1e-6, 'more than 6 decimals: this looks like a price per token; prices are USD per 1,000,000 tokens')
    .describe(`${what}, in US dollars per million tokens.`);

const nullablePrice = (what: string) => pricePerMTok(what).nullable().optional();

const modelEntry = z
  .strictObject({
    id: z.string().min(1, NOT_EMPTY).describe('The model id as code writes it. An id the bundled table knows is overridden field by field; a new id adds a custom model.'),
    provider: z.string().min(1, NOT_EMPTY).optional().describe('Provider: `openai`, `anthropic`, `google`, `mistral`, `deepseek`, `xai`, `meta` or another name.'),
    aliases: z.array(z.string().min(1, NOT_EMPTY)).optional().describe('Other ids that mean this model.'),
    inputPerMTok: pricePerMTok('Input price').optional(),
    outputPerMTok: pricePerMTok('Output price').optional(),
    cachedInputPerMTok: nullablePrice('Cache-read input price (`null`: no caching)'),
    cacheWrite5mPerMTok: nullablePrice('Cache-write price for a 5-minute TTL'),
    cacheWrite1hPerMTok: nullablePrice('Cache-write price for a 1-hour TTL'),
    batchDiscount: z.number().min(0).lt(1, 'a batch discount is a fraction below 1 (`0.5` = half price)').nullable().optional().describe('Discount on the batch tier as a fraction (`0.5` = half price); `null`: no batch tier.'),
    longContextTiers: z
      .array(
        z.strictObject({
          aboveInputTokens: tokenCount(100_000_000).min(1, 'expected at least 1 token').describe('The tier applies when the input exceeds this many tokens.'),
          inputPerMTok: pricePerMTok('Input price in the tier'),
          outputPerMTok: pricePerMTok('Output price in the tier'),
          cachedInputPerMTok: nullablePrice('Cache-read price in the tier'),
          cacheWrite5mPerMTok: nullablePrice('5-minute cache-write price in the tier'),
          cacheWrite1hPerMTok: nullablePrice('1-hour cache-write price in the tier'),
        }),
      )
      .optional()
      .describe('Prices that apply to the whole request above an input size.'),
    contextWindow: tokenCount(100_000_000).min(1, 'expected at least 1 token').nullable().optional().describe('Context window in tokens.'),
    maxInputTokens: tokenCount(100_000_000).min(1, 'expected at least 1 token').nullable().optional().describe('Largest input the model accepts, when below the context window.'),
    maxOutputTokens: tokenCount(100_000_000).min(1, 'expected at least 1 token').nullable().optional().describe('Largest output cap the model accepts.'),
    minCacheableTokens: tokenCount(100_000_000).nullable().optional().describe('Shortest prompt prefix the provider caches.'),
    tokenizer: z.string().min(1, NOT_EMPTY).optional().describe('Tokenizer family: `o200k_base`, `cl100k_base`, `claude`, `gemini`, `llama3`, …'),
    family: z.string().min(1, NOT_EMPTY).optional().describe('Model family for cheaper-sibling comparisons (`gpt-5`, `claude-sonnet`).'),
    status: z.string().min(1, NOT_EMPTY).optional().describe('`active`, `legacy`, `deprecated` or `retired`.'),
    retiredOn: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
      .nullable()
      .optional()
      .describe('Date (YYYY-MM-DD) the provider stops serving the model.'),
    successor: z.string().min(1, NOT_EMPTY).nullable().optional().describe('The model that replaces it.'),
  })
  .describe('A custom model, or price overrides for a known one.');

/** The file `promptmeter.yaml` as written (before normalisation into {@link WorkspaceConfig}). */
export const workspaceSchema = z
  .strictObject({
    $schema: z.string().optional().describe('The JSON schema of this file, for editors.'),
    version: z.literal(1, 'only version 1 exists').optional().describe('Format version of this file: `1`.'),
    defaults: z
      .strictObject({
        model: z.string().min(1, NOT_EMPTY).optional().describe('Model priced for calls whose model is only known at run time. Overrides the `promptmeter.defaultModel` setting.'),
        callsPerMonth: callsSpec.optional().describe('Calls per month for a site no volume, feature or annotation covers: a number or a rate such as `20k/day`.'),
        expectedOutputTokens: tokenCount(10_000_000).optional().describe("Output tokens expected per call, bounded by the call's cap."),
      })
      .optional()
      .describe('Defaults for every call site in the workspace.'),
    volumes: z
      .array(
        z
          .strictObject({
            glob: z.string().min(1, NOT_EMPTY).optional().describe('Workspace-relative glob of the files whose calls this volume covers (`src/chat/**`).'),
            site: z.string().min(1, NOT_EMPTY).optional().describe('A site id (from the report or `promptmeter scan`).'),
            calls: callsSpec.describe('Calls per month (a number) or a rate: `20k/day`, `500/hour`, `3,000/week`, `1.5m/month`. A month is 30 days.'),
          })
          .refine((v) => (v.glob === undefined) !== (v.site === undefined), 'a volume names exactly one of `glob` or `site`'),
      )
      .optional()
      .describe('How often calls run. A site id wins over a glob; among globs the most specific wins; an inline `promptmeter: 20k/day` comment wins over all.'),
    features: z
      .array(
        z
          .strictObject({
            name: z.string().min(1, NOT_EMPTY).describe('The feature as people call it (`Support chat`).'),
            globs: z.array(z.string().min(1, NOT_EMPTY)).optional().describe('Files whose calls belong to the feature.'),
            sites: z.array(z.string().min(1, NOT_EMPTY)).optional().describe('Site ids that belong to the feature.'),
            tasksPerMonth: callsSpec.optional().describe('Tasks (user-visible outcomes) per month: a number or a rate such as `2k/day`.'),
            callsPerTask: z.number().positive('calls per task must be above 0').max(1e6).optional().describe(
              "How often each of the feature's call sites runs per task. With `tasksPerMonth` it sets the sites' volume; without it the sites keep their own volumes.",
            ),
            successRate: z
              .number()
              .gt(0, 'a success rate must be above 0')
              .max(1, 'a success rate is a fraction between 0 and 1 (`0.9` = 90%)')
              .optional()
              .describe('Share of tasks that succeed (0–1]; the report divides cost per task by it.'),
            budget: budgetSpec.optional().describe('The feature\'s budget in US dollars.'),
          })
          .refine((f) => (f.globs?.length ?? 0) + (f.sites?.length ?? 0) > 0, 'a feature needs `globs` or `sites` to know which calls belong to it'),
      )
      .optional()
      .describe('Named groups of call sites for attribution, cost per task and budgets. A site belongs to the first feature that names its id, else the first whose globs match.'),
    budgets: z
      .strictObject({
        workspace: budgetSpec.optional().describe('Budget for the whole workspace.'),
        files: z
          .array(z.strictObject({ glob: z.string().min(1, NOT_EMPTY).describe('Workspace-relative glob.'), ...budgetFields }).refine(hasLimit, LIMIT_MESSAGE))
          .optional()
          .describe('Budgets for the calls of the files a glob matches, together.'),
        sites: z
          .array(z.strictObject({ site: z.string().min(1, NOT_EMPTY).describe('A site id.'), ...budgetFields }).refine(hasLimit, LIMIT_MESSAGE))
          .optional()
          .describe('Budgets for single call sites.'),
        features: z
          .array(z.strictObject({ feature: z.string().min(1, NOT_EMPTY).describe('A feature name from `features`.'), ...budgetFields }).refine(hasLimit, LIMIT_MESSAGE))
          .optional()
          .describe('Budgets for features (the same as a `budget` inside the feature).'),
      })
      .optional()
      .describe('Monthly and per-call limits in US dollars; going over is PM008.'),
    models: z.array(modelEntry).optional().describe('Custom models and price overrides (prices in US dollars per million tokens).'),
    placeholders: z
      .record(z.string().min(1, NOT_EMPTY), tokenCount(10_000_000))
      .optional()
      .describe('Tokens assumed per placeholder name (`user_input: 400`); `default` sets the size of any other placeholder.'),
    rules: z
      .strictObject(
        Object.fromEntries(
          RULE_IDS.map((id) => [id, severityEnum().optional().describe(`Severity of ${id} \`${RULES[id].name}\`; \`off\` turns it off.`)]),
        ) as Record<RuleId, z.ZodOptional<ReturnType<typeof severityEnum>>>,
      )
      .optional()
      .describe('Rule severities for everyone working on this workspace; they win over user settings.'),
    templates: z
      .strictObject({
        globs: z.array(z.string().min(1, NOT_EMPTY)).describe('Globs of plain-text, Jinja, Handlebars and Mustache prompt templates.'),
      })
      .optional()
      .describe('Where prompt templates live; overrides the `promptmeter.tokens.templateGlobs` setting.'),
  })
  .describe('Promptmeter workspace configuration: volumes, features, budgets, models and prices, placeholder sizes and rule severities, shared by a team.');

/** `promptmeter.yaml` as written, after validation and before normalisation. */
export type WorkspaceFile = z.output<typeof workspaceSchema>;
