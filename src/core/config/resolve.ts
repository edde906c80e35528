/**
 * Answers the questions analysis asks of the configuration: how often a call runs, how large a
 * placeholder is, which feature a site belongs to, how severe a rule is. Settings and the
 * workspace file are combined here, in one documented order, and nowhere else.
 */
import type { RuleId, Span, Volume } from '../model';
import { globSpecificity, matchesAny } from '../util/glob';
import { DEFAULT_RULE_SEVERITY, type RuleSeverity, type Settings } from './schema';
import { parseVolumeSpec } from './volumeSpec';
import type { FeatureEntry, VolumeEntry, WorkspaceConfig } from './workspace';

/** An inline volume annotation found near a call. */
export interface VolumeAnnotation {
  callsPerMonth: number;
  /** From `promptmeter` to the end of the spec. */
  span: Span;
  /** `promptmeter: 20k/day` as written. */
  text: string;
}

/**
 * The comment openers an annotation may follow (`//`, `#`, `/*`, `{{!`, `{{!--`, `<!--`, `--`),
 * then `promptmeter:` and a volume spec up to the end of the comment.
 */
const ANNOTATION = /(?:\/\/|#|\/\*+|\{\{!(?:--)?|<!--|--)[ \t]*(promptmeter:[ \t]*([^\r\n]*?))[ \t]*(?:\*\/|--\}\}|\}\}|-->|$)/;

/**
 * An inline volume annotation (`// promptmeter: 20k/day`, `# promptmeter: 50000/month`,
 * `/* promptmeter: 1k/hour *\/`, `{{! promptmeter: 300/day }}`) in a comment on the line of
 * `offset` or on the line above; the line itself wins. Null when there is none or its spec
 * does not parse.
 */
export function volumeAnnotationNear(text: string, offset: number): VolumeAnnotation | null {
  const o = Math.max(0, Math.min(offset, text.length));
  const here = lineAround(text, o);
  const found = annotationOnLine(text, here.start, here.end);
  // A clipped line is a minified one: there is no "line above" within reach.
  if (found !== null || here.start === 0 || here.clipped) return found;
  const above = lineAround(text, here.start - 1);
  return annotationOnLine(text, above.start, above.end);
}

/**
 * How far from the call its line is read, each way. Minified code puts a whole file on one line;
 * reading all of it for every call made analysis quadratic in the file (2,000 calls on a 1 MB line
 * took 17 s), and an annotation further than this from its call is not one a person wrote for it.
 */
const MAX_LINE_SCAN = 4096;

function isLineStart(text: string, i: number): boolean {
  return i === 0 || text[i - 1] === '\n' || (text[i - 1] === '\r' && text[i] !== '\n');
}

/** The line holding `offset`, clipped to {@link MAX_LINE_SCAN} on each side. */
function lineAround(text: string, offset: number): { start: number; end: number; clipped: boolean } {
  let start = offset;
  const lo = Math.max(0, offset - MAX_LINE_SCAN);
  while (start > lo && !isLineStart(text, start)) start--;
  let end = start;
  const hi = Math.min(text.length, offset + MAX_LINE_SCAN);
  while (end < hi && text[end] !== '\n' && text[end] !== '\r') end++;
  return { start, end, clipped: !isLineStart(text, start) };
}

function annotationOnLine(text: string, start: number, end: number): VolumeAnnotation | null {
  const line = text.slice(start, end);
  const m = ANNOTATION.exec(line);
  if (!m) return null;
  const spec = longestSpec(m[2]!);
  if (spec === null) return null;
  const at = start + m.index + m[0].indexOf(m[1]!);
  const written = m[1]!.slice(0, m[1]!.length - m[2]!.length) + spec.text;
  return { callsPerMonth: spec.callsPerMonth, span: { start: at, end: at + written.length }, text: written };
}

/** The longest leading run of words that is a volume, so `20k/day (peak season)` still reads. */
function longestSpec(rest: string): { text: string; callsPerMonth: number } | null {
  const words = rest.trim().split(/\s+/);
  for (let n = words.length; n > 0; n--) {
    const text = words.slice(0, n).join(' ').replace(/[,;:.]+$/, '');
    const callsPerMonth = parseVolumeSpec(text);
    if (callsPerMonth !== null) return { text: rest.slice(0, rest.indexOf(text) + text.length), callsPerMonth };
  }
  return null;
}

/** Which call is asked about: its workspace-relative file, stable id and annotation. */
export interface VolumeQuery {
  file: string;
  siteId: string;
  annotation: { callsPerMonth: number; text: string; span: Span } | null;
}

/**
 * Calls per month of a site, and where the figure came from. Precedence, first that applies:
 * 1. an inline annotation on or above the call;
 * 2. a `volumes` entry in promptmeter.yaml naming the site id;
 * 3. the `volumes` entry with the most specific glob matching the file (ties: the first listed);
 * 4. the site's feature, when it gives both `tasksPerMonth` and `callsPerTask`;
 * 5. `defaults.callsPerMonth` in promptmeter.yaml;
 * 6. the `promptmeter.defaultCallsPerMonth` setting.
 */
export function resolveVolume(q: VolumeQuery, ws: WorkspaceConfig, settings: Settings): Volume {
  if (q.annotation !== null) {
    return { callsPerMonth: q.annotation.callsPerMonth, source: 'annotation', detail: q.annotation.text, span: q.annotation.span };
  }
  const bySite = ws.volumes.find((v) => v.site !== null && v.site === q.siteId);
  if (bySite) return fromEntry(bySite, `site ${q.siteId}`);
  const byGlob = mostSpecific(ws.volumes.filter((v) => v.glob !== null && matchesAny(q.file, [v.glob])));
  if (byGlob) return fromEntry(byGlob, `"${byGlob.glob}"`);
  const feature = featureFor(q, ws);
  if (feature && feature.tasksPerMonth !== null && feature.callsPerTask !== null) {
    return {
      callsPerMonth: roundCalls(feature.tasksPerMonth * feature.callsPerTask),
      source: 'feature',
      detail: `feature "${feature.name}": ${formatCount(feature.tasksPerMonth)} tasks/month × ${formatCount(feature.callsPerTask)} calls/task`,
    };
  }
  if (ws.defaults.callsPerMonth !== null) {
    return {
      callsPerMonth: ws.defaults.callsPerMonth,
      source: 'default',
      detail: `promptmeter.yaml defaults.callsPerMonth (${describeSpec(ws.defaults.callsPerMonthText!)})`,
    };
  }
  return {
    callsPerMonth: settings.defaultCallsPerMonth,
    source: 'default',
    detail: `setting promptmeter.defaultCallsPerMonth (${formatCount(settings.defaultCallsPerMonth)}/month)`,
  };
}

function fromEntry(v: VolumeEntry, what: string): Volume {
  return { callsPerMonth: v.callsPerMonth, source: 'workspace', detail: `promptmeter.yaml volumes: ${what} (${describeSpec(v.text)})` };
}

function mostSpecific(entries: VolumeEntry[]): VolumeEntry | undefined {
  let best: VolumeEntry | undefined;
  let bestScore = -1;
  for (const e of entries) {
    const score = globSpecificity(e.glob!);
    if (score > bestScore) {
      best = e;
      bestScore = score;
    }
  }
  return best;
}

/**
 * The feature a site belongs to: the first feature naming its id, else the first whose globs
 * match its file; null when none does.
 */
export function featureFor(q: { file: string; siteId: string }, ws: WorkspaceConfig): FeatureEntry | null {
  return ws.features.find((f) => f.sites.includes(q.siteId)) ?? ws.features.find((f) => matchesAny(q.file, f.globs)) ?? null;
}

/**
 * Tokens assumed for a placeholder. Looked up in promptmeter.yaml `placeholders` by the name as
 * written, then without format specs, filters and call parentheses (`name!r`, `name:>10`,
 * `name | upper`, `this.name`), then by its last dotted part (`user.name` → `name`). Otherwise
 * `placeholders.default`, else the `promptmeter.tokens.placeholderDefault` setting.
 */
export function placeholderTokens(name: string, ws: WorkspaceConfig, settings: Settings): { tokens: number; source: 'config' | 'default' } {
  const byName = ws.placeholders.byName;
  for (const candidate of nameCandidates(name)) {
    const n = byName[candidate];
    if (n !== undefined) return { tokens: n, source: 'config' };
  }
  return { tokens: ws.placeholders.default ?? settings.tokens.placeholderDefault, source: 'default' };
}

function nameCandidates(name: string): string[] {
  const exact = name.trim();
  const bare = exact
    .replace(/^this\./, '')
    .replace(/\s*\|.*$/, '')
    .replace(/![rsa]$|![rsa]?:.*$|:[^:]*$/, '')
    .replace(/\(\s*\)$/, '')
    .trim();
  const last = bare.includes('.') ? bare.slice(bare.lastIndexOf('.') + 1) : bare;
  return [...new Set([exact, bare, last])].filter((s) => s !== '');
}

/** A rule's severity: promptmeter.yaml `rules` wins, then the setting, then the built-in default. */
export function ruleSeverity(rule: RuleId, settings: Settings, ws: WorkspaceConfig): RuleSeverity {
  return ws.rules[rule] ?? settings.diagnostics.severity[rule] ?? DEFAULT_RULE_SEVERITY[rule];
}

/** Model priced for calls whose model is only known at run time, or null to leave them unpriced. */
export function fallbackModel(ws: WorkspaceConfig, settings: Settings): string | null {
  const id = ws.defaults.model ?? settings.defaultModel.trim();
  return id === '' ? null : id;
}

/** Expected output tokens of a call that says nothing about it (before bounding by the cap). */
export function expectedOutputTokens(ws: WorkspaceConfig, settings: Settings): number {
  return ws.defaults.expectedOutputTokens ?? settings.tokens.expectedOutput;
}

/** Globs of plain prompt templates: promptmeter.yaml `templates.globs`, else the setting. */
export function templateGlobs(ws: WorkspaceConfig, settings: Settings): readonly string[] {
  return ws.templates.globs ?? settings.tokens.templateGlobs;
}

function describeSpec(text: string): string {
  return /^\d+(?:\.\d+)?$/.test(text.trim()) ? `${formatCount(Number(text))}/month` : text;
}

function roundCalls(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

/** `50,000` — grouping by hand so output does not depend on the host's locale data. */
export function formatCount(n: number): string {
  const [int, frac] = String(roundCalls(n)).split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac.slice(0, 2)}`;
}
