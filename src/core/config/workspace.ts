/**
 * `promptmeter.yaml`, the file a team shares: read it, check it against the schema with every
 * problem at its exact line and column, and normalise what is valid into a frozen
 * {@link WorkspaceConfig}. Never throws, whatever the text.
 */
import { isMap, parseDocument } from 'yaml';
import type { RuleId, Span } from '../model';
import { type ConfigProblem } from './problems';
import { RULE_IDS, workspaceSchema, type RuleSeverity, type WorkspaceFile } from './schema';
import { parseVolumeSpec } from './volumeSpec';
import { spanOf, YamlValidation } from './yamlValidate';

/** A volume entry: calls per month for the sites of a glob or for one site. */
export interface VolumeEntry {
  glob: string | null;
  site: string | null;
  callsPerMonth: number;
  /** The volume as written (`3k/day`, `50000`), for "which rule set the volume". */
  text: string;
  /** Where the entry stands in promptmeter.yaml. */
  span: Span | null;
}

/** A limit in US dollars; at least one of the two is set. */
export interface BudgetLimit {
  monthlyUsd: number | null;
  perCallUsd: number | null;
}

export interface BudgetEntry extends BudgetLimit {
  scope: 'workspace' | 'file' | 'site' | 'feature';
  /** The glob, site id or feature name; null for the workspace. */
  target: string | null;
  span: Span | null;
}

export interface FeatureEntry {
  name: string;
  globs: readonly string[];
  sites: readonly string[];
  tasksPerMonth: number | null;
  /** Runs of each of the feature's sites per task; with tasksPerMonth it sets their volume. */
  callsPerTask: number | null;
  /** Share of tasks that succeed, (0, 1]; null when not given (the report treats it as 1). */
  successRate: number | null;
  budget: BudgetLimit | null;
  span: Span | null;
}

/** A custom model or an override of a known one: the ModelPrice fields that were written. */
export interface WorkspaceModel {
  id: string;
  provider?: string;
  aliases?: string[];
  inputPerMTok?: number;
  outputPerMTok?: number;
  cachedInputPerMTok?: number | null;
  cacheWrite5mPerMTok?: number | null;
  cacheWrite1hPerMTok?: number | null;
  batchDiscount?: number | null;
  longContextTiers?: {
    aboveInputTokens: number;
    inputPerMTok: number;
    outputPerMTok: number;
    cachedInputPerMTok?: number | null;
    cacheWrite5mPerMTok?: number | null;
    cacheWrite1hPerMTok?: number | null;
  }[];
  contextWindow?: number | null;
  maxInputTokens?: number | null;
  maxOutputTokens?: number | null;
  minCacheableTokens?: number | null;
  tokenizer?: string;
  family?: string;
  status?: string;
  retiredOn?: string | null;
  successor?: string | null;
  span: Span | null;
}

/** The valid part of `promptmeter.yaml`, normalised. Spans point into the file's text. */
export interface WorkspaceConfig {
  version: 1;
  defaults: {
    model: string | null;
    callsPerMonth: number | null;
    /** `defaults.callsPerMonth` as written. */
    callsPerMonthText: string | null;
    expectedOutputTokens: number | null;
  };
  volumes: readonly VolumeEntry[];
  features: readonly FeatureEntry[];
  /** Every budget, the features' own `budget` included (scope `feature`). */
  budgets: readonly BudgetEntry[];
  models: readonly WorkspaceModel[];
  placeholders: {
    /** `placeholders.default`: the size of any placeholder not named. */
    default: number | null;
    /** Tokens by placeholder name (a null-prototype record). */
    byName: Readonly<Record<string, number>>;
  };
  /** Rule severities set by the workspace; they win over user settings. */
  rules: Readonly<Partial<Record<RuleId, RuleSeverity>>>;
  templates: { globs: readonly string[] | null };
}

/** The configuration of a workspace with no (or an empty) `promptmeter.yaml`. */
export const emptyWorkspaceConfig: WorkspaceConfig = deepFreeze(normalize({}, new WeakMap()));

/** Syntax errors shown one by one; the rest are summed up in one more problem. */
const MAX_SYNTAX_ERRORS = 10;

/** Larger than any real configuration; the limit keeps a pathological file cheap to reject. */
const MAX_TEXT_LENGTH = 2_000_000;

/**
 * Parses and checks `promptmeter.yaml` (or its JSON variant). Each problem carries its exact span,
 * line and column; a bad field or entry falls back alone and the rest applies; unknown keys are
 * warnings. Never throws and never expands alias bombs.
 */
export function parseWorkspaceConfig(text: string): { config: WorkspaceConfig; problems: ConfigProblem[] } {
  try {
    if (text.length > MAX_TEXT_LENGTH) {
      return { config: emptyWorkspaceConfig, problems: [wholeFileProblem(text, `the file is larger than ${MAX_TEXT_LENGTH / 1e6} MB and is ignored`)] };
    }
    const deep = tooDeepAt(text);
    if (deep >= 0) {
      // The parser recurses per level: past the stack it fails at a depth that depends on how much
      // stack the caller left, so the same text could give different problems. Refuse it first.
      const line = text.slice(0, deep).split('\n').length;
      return {
        config: emptyWorkspaceConfig,
        problems: [wholeFileProblem(text, `nested deeper than ${MAX_NESTING} levels at line ${line}; promptmeter.yaml is ignored`)],
      };
    }
    const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, version: '1.2' });
    const v = new YamlValidation(doc, text);
    // A broken line can make the parser report an error per token after it; the first few say it.
    for (const e of doc.errors.slice(0, MAX_SYNTAX_ERRORS)) v.report(yamlMessage(e.message), 'error', clampSpan(e.pos, text));
    if (doc.errors.length > MAX_SYNTAX_ERRORS) {
      const rest = doc.errors.slice(MAX_SYNTAX_ERRORS);
      v.report(`${rest.length} more YAML syntax errors from here on`, 'error', clampSpan(rest[0]!.pos, text));
    }
    for (const w of doc.warnings.slice(0, MAX_SYNTAX_ERRORS)) v.report(yamlMessage(w.message), 'warning', clampSpan(w.pos, text));
    const root = doc.contents;
    if (root === null || (root as { value?: unknown }).value === null) return { config: emptyWorkspaceConfig, problems: v.problems };
    const rootSpan = spanOf(root) ?? { start: 0, end: Math.min(text.length, 1) };
    if (!isMap(root)) {
      v.report('promptmeter.yaml should be a mapping of sections (`version`, `defaults`, `volumes`, `features`, `budgets`, …)', 'error', rootSpan);
      return { config: emptyWorkspaceConfig, problems: v.problems };
    }
    const r = v.validate(workspaceSchema, root, [], rootSpan);
    const file = (r.ok ? r.value : {}) as WorkspaceFile;
    crossCheck(file, v);
    return { config: deepFreeze(normalize(file, v.spans)), problems: sortProblems(v.problems) };
  } catch (e) {
    // A parser failure (deep nesting can exhaust the stack) must not take the editor down.
    return { config: emptyWorkspaceConfig, problems: [wholeFileProblem(text, `promptmeter.yaml could not be read: ${(e as Error).message}`)] };
  }
}

/** Deeper than any real configuration, and far from what exhausts the parser's stack. */
const MAX_NESTING = 64;

/**
 * The offset where flow collections (`[`, `{`) or block indentation nest deeper than
 * {@link MAX_NESTING}, or -1. Quoted strings and comments are skipped.
 */
function tooDeepAt(text: string): number {
  let depth = 0;
  let quote = '';
  let lineStart = true;
  let indent = 0;
  let prev = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') {
      lineStart = true;
      indent = 0;
      prev = '';
      if (quote === "'" || quote === '"') continue;
      quote = quote === '#' ? '' : quote;
      continue;
    }
    if (lineStart && (c === ' ' || c === '-')) {
      if (++indent > MAX_NESTING * 8) return i;
      prev = c;
      continue;
    }
    lineStart = false;
    if (quote) {
      if (quote === '"' && c === '\\') i++;
      else if (c === quote) quote = '';
      continue;
    }
    // A quote opens a string only where a scalar starts (`it's` in plain text is an apostrophe).
    if (c === '#' && (prev === ' ' || prev === '')) quote = '#';
    else if ((c === '"' || c === "'") && ':-[{, '.includes(prev || ' ')) quote = c;
    else if (c === '[' || c === '{') {
      if (++depth > MAX_NESTING) return i;
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
    prev = c;
  }
  return -1;
}

function normalize(file: WorkspaceFile, spans: WeakMap<object, Span>): WorkspaceConfig {
  const span = (o: object | undefined) => (o === undefined ? null : (spans.get(o) ?? null));
  const calls = (c: number | string) => (typeof c === 'number' ? c : parseVolumeSpec(c)!);
  const limit = (b: { monthly?: number | undefined; perCall?: number | undefined }): BudgetLimit => ({
    monthlyUsd: b.monthly ?? null,
    perCallUsd: b.perCall ?? null,
  });
  const features: FeatureEntry[] = (file.features ?? []).map((f) => ({
    name: f.name,
    globs: f.globs ?? [],
    sites: f.sites ?? [],
    tasksPerMonth: f.tasksPerMonth === undefined ? null : calls(f.tasksPerMonth),
    callsPerTask: f.callsPerTask ?? null,
    successRate: f.successRate ?? null,
    budget: f.budget ? limit(f.budget) : null,
    span: span(f),
  }));
  const b = file.budgets ?? {};
  const budgets: BudgetEntry[] = [
    ...(b.workspace ? [{ scope: 'workspace' as const, target: null, ...limit(b.workspace), span: span(b.workspace) }] : []),
    ...(b.files ?? []).map((e) => ({ scope: 'file' as const, target: e.glob, ...limit(e), span: span(e) })),
    ...(b.sites ?? []).map((e) => ({ scope: 'site' as const, target: e.site, ...limit(e), span: span(e) })),
    ...(b.features ?? []).map((e) => ({ scope: 'feature' as const, target: e.feature, ...limit(e), span: span(e) })),
    ...features.filter((f) => f.budget !== null).map((f) => ({ scope: 'feature' as const, target: f.name, ...f.budget!, span: f.span })),
  ];
  const { default: placeholderDefault, ...named } = file.placeholders ?? {};
  const byName: Record<string, number> = Object.create(null);
  for (const [k, n] of Object.entries(named)) byName[k] = n;
  const rules: Partial<Record<RuleId, RuleSeverity>> = {};
  for (const id of RULE_IDS) if (file.rules?.[id] !== undefined) rules[id] = file.rules[id];
  const d = file.defaults ?? {};
  return {
    version: 1,
    defaults: {
      model: d.model ?? null,
      callsPerMonth: d.callsPerMonth === undefined ? null : calls(d.callsPerMonth),
      callsPerMonthText: d.callsPerMonth === undefined ? null : String(d.callsPerMonth),
      expectedOutputTokens: d.expectedOutputTokens ?? null,
    },
    volumes: (file.volumes ?? []).map((e) => ({
      glob: e.glob ?? null,
      site: e.site ?? null,
      callsPerMonth: calls(e.calls),
      text: String(e.calls),
      span: span(e),
    })),
    features,
    budgets,
    models: (file.models ?? []).map((m) => ({ ...stripUndefined(m), span: span(m) }) as WorkspaceModel),
    placeholders: { default: placeholderDefault ?? null, byName },
    rules,
    templates: { globs: file.templates?.globs ?? null },
  };
}

/** Checks across sections: names that must refer to something, duplicates, unit slips. */
function crossCheck(file: WorkspaceFile, v: YamlValidation): void {
  const at = (o: object, key: string) => v.fieldSpan(o, key);
  const names = new Set<string>();
  file.features?.forEach((f, i) => {
    const s = at(f, 'name');
    if (names.has(f.name) && s) v.report(`a feature named "${f.name}" is already defined; sites go to the first`, 'warning', s, ['features', i, 'name']);
    names.add(f.name);
  });
  file.budgets?.features?.forEach((b, i) => {
    const s = at(b, 'feature');
    if (!names.has(b.feature) && s) v.report(`no feature named "${b.feature}" in \`features\`; this budget never applies`, 'warning', s, ['budgets', 'features', i, 'feature']);
  });
  file.models?.forEach((m, i) => {
    for (const key of ['inputPerMTok', 'outputPerMTok', 'cachedInputPerMTok'] as const) {
      const price = m[key];
      const s = at(m, key);
      if (s && typeof price === 'number' && price > 0 && price < 0.001) {
        v.report(`\`${key}\` ${price} looks like a price per token; prices are US dollars per million tokens`, 'warning', s, ['models', i, key]);
      }
    }
  });
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, val]) => val !== undefined)) as T;
}

function clampSpan(pos: [number, number], text: string): Span {
  const start = Math.max(0, Math.min(pos[0], text.length));
  const end = Math.max(start, Math.min(pos[1], text.length));
  return { start, end: end === start && end < text.length ? end + 1 : end };
}

/** The yaml library's messages sometimes append a code excerpt; the span already shows it. */
function yamlMessage(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

function wholeFileProblem(text: string, message: string): ConfigProblem {
  const end = Math.min(text.length, Math.max(0, text.indexOf('\n') === -1 ? text.length : text.indexOf('\n')));
  return { message, severity: 'error', span: { start: 0, end }, line: 1, column: 1, endLine: 1, endColumn: end + 1, path: '' };
}

function sortProblems(problems: ConfigProblem[]): ConfigProblem[] {
  return problems.map((p, i) => ({ p, i })).sort((a, b) => a.p.span.start - b.p.span.start || a.i - b.i).map((x) => x.p);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
