/**
 * Inline suppression: `promptmeter-ignore PM001` (or `PM001, PM004`, or rule names, or nothing for
 * every rule) in a comment on a call's first line or the line above it, or on the line of the
 * finding or the line above that. A template file is one site, so a comment anywhere in it counts.
 * Also the "ignore this rule here" quick fix, in the file's own comment syntax.
 */
import type { Fix, Language, RuleId, Site, Span } from '../model';
import { lineIndexOf, type LineIndex } from '../text/lines';

const ALL_RULES: readonly RuleId[] = ['PM001', 'PM002', 'PM003', 'PM004', 'PM005', 'PM006', 'PM007', 'PM008'];

const RULE_BY_NAME: Readonly<Record<string, RuleId>> = {
  'missing-output-cap': 'PM001',
  'cap-over-model-limit': 'PM002',
  'context-overflow': 'PM003',
  'uncached-stable-prompt': 'PM004',
  'cache-busting-prefix': 'PM005',
  'unknown-model': 'PM006',
  'retired-model': 'PM007',
  'over-budget': 'PM008',
};

/** A comment opener of any analysed language, then the directive and the rest of the line. */
const DIRECTIVE = /(?:\/\/|#|\/\*|\{#|\{\{!(?:--)?|<!--)[ \t]*promptmeter-ignore(?![\w-])(?::)?([^\r\n]*)/;

/** The rules a line's directive names (every rule for a bare directive), or null without one. */
export function directiveRules(line: string): RuleId[] | null {
  const m = DIRECTIVE.exec(line);
  if (!m) return null;
  const named: RuleId[] = [];
  for (const word of m[1]!.split(/[\s,]+/)) {
    const id = /^PM\d{3}$/i.test(word) ? (word.toUpperCase() as RuleId) : RULE_BY_NAME[word.toLowerCase()];
    if (id && ALL_RULES.includes(id) && !named.includes(id)) named.push(id);
  }
  return named.length ? named : [...ALL_RULES];
}

interface Line {
  start: number;
  end: number;
}

// Minified code puts every call on one line; line bounds come from the file's shared index so that
// asking about each call's line stays cheap however long the line is.
function lineAt(text: string, offset: number): Line {
  const lines = lineIndexOf(text);
  const start = lines.lineStartAt(Math.max(0, Math.min(offset, text.length)));
  return { start, end: lines.lineEndAt(start) };
}

function lineAbove(text: string, line: Line): Line | null {
  if (line.start === 0) return null;
  let prevEnd = line.start - 1;
  if (text[prevEnd] === '\n' && text[prevEnd - 1] === '\r') prevEnd--;
  return lineAt(text, prevEnd);
}

const MARK = 'promptmeter-ignore';

/**
 * Each line's directive, keyed by where the line starts, for the lines that hold the directive's
 * word; read once per text, so a long line is not re-read (and re-matched) for each of its calls.
 */
const directivesByText = new WeakMap<LineIndex, Map<number, RuleId[] | null>>();

function directivesOf(text: string): Map<number, RuleId[] | null> {
  const lines = lineIndexOf(text);
  let byStart = directivesByText.get(lines);
  if (byStart) return byStart;
  byStart = new Map();
  for (let at = text.indexOf(MARK); at >= 0; at = text.indexOf(MARK, at + MARK.length)) {
    const line = lineAt(text, at);
    if (!byStart.has(line.start)) byStart.set(line.start, directiveRules(text.slice(line.start, line.end)));
    at = Math.max(at, line.end - MARK.length);
  }
  directivesByText.set(lines, byStart);
  return byStart;
}

/** The directive on `line`, or null when it has none (only lines holding the word can have one). */
function directiveOn(text: string, line: Line): RuleId[] | null {
  return directivesOf(text).get(line.start) ?? null;
}

function rulesOn(text: string, line: Line | null): RuleId[] {
  return line ? (directiveOn(text, line) ?? []) : [];
}

/** Whether the text holds any directive at all; most files do not, and then nothing is indexed. */
let lastText: string | null = null;
let lastHas = false;

function mayHaveDirective(text: string): boolean {
  if (text !== lastText) {
    lastText = text;
    lastHas = text.includes(MARK);
  }
  return lastHas;
}

/** The rules suppressed for a site: on its first line, the line above, and around `extra` offsets. */
export function suppressedRules(site: Site, text: string, extra: readonly number[] = []): RuleId[] {
  if (!mayHaveDirective(text)) return [];
  const found = new Set<RuleId>();
  if (site.kind === 'template') {
    for (const line of text.split(/\r\n|\r|\n/)) for (const id of directiveRules(line) ?? []) found.add(id);
  } else {
    for (const offset of [site.span.start, ...extra]) {
      const line = lineAt(text, offset);
      for (const id of [...rulesOn(text, line), ...rulesOn(text, lineAbove(text, line))]) found.add(id);
    }
  }
  return ALL_RULES.filter((id) => found.has(id));
}

/** Whether a finding of `rule` at `span` is suppressed for `site`. */
export function isSuppressed(rule: RuleId, span: Span, site: Site, text: string): boolean {
  return suppressedRules(site, text, [span.start]).includes(rule);
}

/** How a comment is written in a language, when the language has comments that stay out of the prompt. */
function commentFor(language: Language): { open: string; close: string } | null {
  switch (language) {
    case 'typescript':
    case 'typescriptreact':
    case 'javascript':
    case 'javascriptreact':
      return { open: '//', close: '' };
    case 'python':
    case 'prompt-yaml':
      return { open: '#', close: '' };
    case 'jinja':
    case 'prompty':
      return { open: '{#', close: ' #}' };
    case 'handlebars':
    case 'mustache':
    case 'dotprompt':
      return { open: '{{!', close: ' }}' };
    default:
      return null;
  }
}

/** Where a template file's directive goes: inside YAML front matter when there is one, else the top. */
function templateInsertion(site: Site, text: string): { at: number; open: string; close: string } | null {
  const fm = /^---[ \t]*\r?\n/.exec(text);
  if (fm && site.language !== 'text') return { at: fm[0].length, open: '#', close: '' };
  const c = commentFor(site.language);
  return c ? { at: 0, ...c } : null;
}

/**
 * The "ignore this rule here" fix: adds `rule` to a directive already on the line above the site
 * (so several suppressions stay on the one line that counts), else inserts a new comment line
 * above the site with its indentation. Null when the file's format has no comment that stays
 * out of the prompt (plain text), or when the rule is already suppressed.
 */
export function suppressionFix(rule: RuleId, site: Site, text: string): Fix | null {
  if (suppressedRules(site, text).includes(rule)) return null;
  const title = `Ignore ${rule} here (promptmeter-ignore)`;
  if (site.kind === 'template') {
    const ins = templateInsertion(site, text);
    if (!ins) return null;
    return { title, edits: [{ span: { start: ins.at, end: ins.at }, newText: `${ins.open} promptmeter-ignore ${rule}${ins.close}\n` }] };
  }
  const c = commentFor(site.language);
  if (!c) return null;
  const line = lineAt(text, site.span.start);
  const above = lineAbove(text, line);
  if (above && directiveOn(text, above)) {
    const aboveText = text.slice(above.start, above.end);
    const m = DIRECTIVE.exec(aboveText);
    const ids = m ? /PM\d{3}(?:\s*,\s*PM\d{3})*|[a-z]+(?:-[a-z]+)+/i.exec(m[1]!) : null;
    if (m && ids) {
      const at = above.start + m.index + m[0].length - m[1]!.length + ids.index + ids[0].length;
      return { title, edits: [{ span: { start: at, end: at }, newText: `, ${rule}` }] };
    }
  }
  let indentEnd = line.start;
  while (indentEnd < line.end && (text[indentEnd] === ' ' || text[indentEnd] === '\t')) indentEnd++;
  const indent = text.slice(line.start, indentEnd);
  return { title, edits: [{ span: { start: line.start, end: line.start }, newText: `${indent}${c.open} promptmeter-ignore ${rule}${c.close}\n` }] };
}
