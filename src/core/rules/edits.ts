/**
 * Text edits in the syntax of the file being fixed: a new argument in a JS object literal, a
 * Python dict or keyword-argument list, or a YAML mapping, matching the indentation, quotes and
 * trailing-comma habit already there; a replaced literal keeping its quotes.
 */
import type { ArgProperty, ArgsContainer, Language, Span, TextEdit } from '../model';
import { lineIndexOf } from '../text/lines';

type Syntax = 'js' | 'pydict' | 'kwargs' | 'yaml';

function syntaxOf(args: ArgsContainer, language: Language): Syntax {
  if (args.kind === 'kwargs') return 'kwargs';
  if (args.kind === 'yaml') return 'yaml';
  return language === 'python' ? 'pydict' : 'js';
}

/** The quote the file already uses for dict keys, so a new key looks like its neighbours. */
function dictQuote(text: string, props: readonly ArgProperty[]): string {
  const first = props[0] ? text[props[0].span.start] : undefined;
  return first === "'" ? "'" : '"';
}

function entry(syntax: Syntax, key: string, value: string, quote: string): string {
  switch (syntax) {
    case 'js':
      return `${key}: ${value}`;
    case 'pydict':
      return `${quote}${key}${quote}: ${value}`;
    case 'kwargs':
      return `${key}=${value}`;
    case 'yaml':
      return `${key}: ${value}`;
  }
}

/** `{ inner: v }` / `{"inner": v}` for an outer key that is not written yet. */
function nestedValue(syntax: Syntax, inner: string, value: string, quote: string): string {
  if (syntax === 'js') return `{ ${inner}: ${value} }`;
  return `{${quote}${inner}${quote}: ${value}}`;
}

// Minified code puts every call on one line: a per-call scan of "the line" would make a file's
// fixes quadratic, so line bounds come from the file's shared line index.
const lineStartOf = (text: string, offset: number): number => lineIndexOf(text).lineStartAt(offset);

const lineEndOf = (text: string, offset: number): number => lineIndexOf(text).lineEndAt(offset);

const isBreak = (c: string | undefined): boolean => c === '\n' || c === '\r';

/** The whitespace before `offset` on its line, or null when code precedes it there. */
function ownLineIndent(text: string, offset: number): string | null {
  // Only the run of blanks before `offset` is read, never the code further back on the line.
  let i = offset;
  while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--;
  return i === 0 || isBreak(text[i - 1]) ? text.slice(i, offset) : null;
}

/** After a list item: where a comma already follows it, and whether only a comment trails on the line. */
function afterItem(text: string, end: number): { comma: number | null; restIsComment: boolean } {
  let i = end;
  while (text[i] === ' ' || text[i] === '\t') i++;
  const comma = text[i] === ',' ? i : null;
  let from = comma === null ? end : comma + 1;
  // What `trim` would drop, up to the line's end: the rest is then read from its first character.
  while (from < text.length && !isBreak(text[from]) && /\s/.test(text[from]!)) from++;
  const restIsComment = from >= text.length || isBreak(text[from]) || text.startsWith('//', from) || text[from] === '#';
  return { comma, restIsComment };
}

/** Edits that append `item` to a list whose last item ends at `lastEnd` and starts at `lastStart`. */
function appendAfter(text: string, lastStart: number, lastEnd: number, item: string, commas: boolean): TextEdit[] {
  const indent = ownLineIndent(text, lastStart);
  const { comma, restIsComment } = afterItem(text, lastEnd);
  if (!commas) {
    const at = lineEndOf(text, lastEnd);
    return [{ span: { start: at, end: at }, newText: `\n${indent ?? ''}${item}` }];
  }
  if (indent !== null && restIsComment) {
    // One item per line: the new one gets its own line, keeping the list's trailing-comma habit.
    const at = lineEndOf(text, comma === null ? lastEnd : comma + 1);
    const newLine = `\n${indent}${item}${comma === null ? '' : ','}`;
    if (comma !== null) return [{ span: { start: at, end: at }, newText: newLine }];
    if (at === lastEnd) return [{ span: { start: at, end: at }, newText: `,${newLine}` }];
    return [
      { span: { start: lastEnd, end: lastEnd }, newText: ',' },
      { span: { start: at, end: at }, newText: newLine },
    ];
  }
  if (comma !== null) return [{ span: { start: comma + 1, end: comma + 1 }, newText: ` ${item},` }];
  return [{ span: { start: lastEnd, end: lastEnd }, newText: `, ${item}` }];
}

/** Edits that put `item` into an empty bracketed span (`{}`, `()`), or null when it is not one. */
function fillEmpty(text: string, span: Span, item: string): TextEdit[] | null {
  const open = text[span.start];
  const close = text[span.end - 1];
  const inner = text.slice(span.start + 1, span.end - 1);
  if (!((open === '{' && close === '}') || (open === '(' && close === ')')) || inner.trim() !== '') return null;
  const padded = open === '{' ? ` ${item} ` : item;
  return [{ span: { start: span.start + 1, end: span.end - 1 }, newText: padded }];
}

/**
 * Edits that add `key = value` inside a bracketed value written in the source (`{ … }`, `{…}` or
 * a config constructor call `GenerateContentConfig(…)`), or null when the value is not one.
 */
function insertIntoBracketed(text: string, span: Span, key: string, value: string, python: boolean, quote: string): TextEdit[] | null {
  const close = text[span.end - 1];
  if (close !== '}' && close !== ')') return null;
  const isCall = close === ')';
  const item = isCall ? `${key}=${value}` : python ? `${quote}${key}${quote}: ${value}` : `${key}: ${value}`;
  return appendInBrackets(text, span, item);
}

/** Edits that add `item` as the last entry before the closing bracket of `span`. */
function appendInBrackets(text: string, span: Span, item: string): TextEdit[] | null {
  const close = text[span.end - 1];
  if (close !== '}' && close !== ')') return null;
  const isCall = close === ')';
  const openAt = isCall ? text.indexOf('(', span.start) : span.start;
  if (openAt < 0 || openAt >= span.end) return null;
  const empty = fillEmpty(text, { start: openAt, end: span.end }, item);
  if (empty) return empty;
  let last = span.end - 2;
  while (last > openAt && /\s/.test(text[last]!)) last--;
  const multiline = /[\r\n]/.test(text.slice(last + 1, span.end - 1));
  if (multiline) {
    const indent = ownLineIndent(text, firstNonSpace(text, lineStartOf(text, last))) ?? '';
    const at = last + 1;
    return [{ span: { start: at, end: at }, newText: text[last] === ',' ? `\n${indent}${item},` : `,\n${indent}${item}` }];
  }
  const at = last + 1;
  return [{ span: { start: at, end: at }, newText: text[last] === ',' ? ` ${item}` : `, ${item}` }];
}

const firstNonSpace = (text: string, from: number): number => {
  let i = from;
  while (text[i] === ' ' || text[i] === '\t') i++;
  return i;
};

const lastProperty = (props: readonly ArgProperty[]): ArgProperty | undefined =>
  props.reduce<ArgProperty | undefined>((a, p) => (!a || p.span.end > a.span.end ? p : a), undefined);

const propertyNamed = (props: readonly ArgProperty[], name: string): ArgProperty | undefined =>
  props.find((p) => p.name === name || p.name.replace(/^["']|["']$/g, '') === name);

/**
 * The edits that add the parameter at `path` (one key, or `[outer, inner]` for a nested config
 * object such as Gemini's `config.maxOutputTokens`) with `value` written as given, or null when
 * the arguments give no place to write it.
 */
export function insertParameter(text: string, args: ArgsContainer, language: Language, path: readonly string[], value: string): TextEdit[] | null {
  const syntax = syntaxOf(args, language);
  const quote = dictQuote(text, args.properties);
  const [outer, inner] = path;
  if (!outer) return null;
  if (inner !== undefined) {
    if (syntax === 'yaml') return null;
    const host = propertyNamed(args.properties, outer);
    if (host) return insertIntoBracketed(text, host.valueSpan, inner, value, language === 'python', quote);
    return appendEntry(text, args, syntax, entry(syntax, outer, nestedValue(syntax, inner, value, quote), quote));
  }
  return appendEntry(text, args, syntax, entry(syntax, outer, value, quote));
}

/**
 * The edit that rewrites an argument already written (`max_tokens=None`) as `key = value` in the
 * same place and syntax, or null when the argument is not the container's own.
 */
export function replaceParameter(text: string, args: ArgsContainer, language: Language, prop: ArgProperty, key: string, value: string): TextEdit | null {
  if (prop.span.start < args.span.start || prop.span.end > args.span.end) return null;
  const syntax = syntaxOf(args, language);
  const written = text[prop.span.start];
  const quote = written === "'" || written === '"' ? written : dictQuote(text, args.properties);
  return { span: prop.span, newText: entry(syntax, key, value, quote) };
}

function appendEntry(text: string, args: ArgsContainer, syntax: Syntax, item: string): TextEdit[] | null {
  // Properties merged in from a spread or `**params` stand elsewhere in the file: only the
  // container's own ones show where the next one goes.
  const own = args.properties.filter((p) => p.span.start >= args.span.start && p.span.end <= args.span.end);
  const last = lastProperty(own);
  if (last) {
    const end = syntax === 'yaml' ? trimEnd(text, last.span.start, last.span.end) : last.span.end;
    return appendAfter(text, last.span.start, end, item, syntax !== 'yaml');
  }
  if (syntax === 'yaml') return null;
  // `new ChatOpenAI()`: the container is the empty argument list, so the options object is new too.
  if (syntax === 'js' && text[args.span.start] === '(') return fillEmpty(text, args.span, `{ ${item} }`);
  return fillEmpty(text, args.span, item) ?? appendInBrackets(text, args.span, item);
}

/**
 * The edit that adds a top-level YAML mapping `key:` holding `inner: value` on the line after the
 * top-level entry at `offset` (a template's `model:` line), or null when that entry is not
 * top-level or `key` already exists (in flow style, which a fix does not rewrite).
 */
export function insertYamlBlockAfter(text: string, offset: number, key: string, inner: string, value: string): TextEdit | null {
  const start = lineStartOf(text, offset);
  if (!/^[A-Za-z_][\w-]*:/.test(text.slice(start, offset + 1))) return null;
  if (new RegExp(`^${key}:`, 'm').test(text)) return null;
  const at = lineEndOf(text, offset);
  const eol = text[at] === '\r' ? '\r\n' : '\n';
  return { span: { start: at, end: at }, newText: `${eol}${key}:${eol}  ${inner}: ${value}` };
}

/** A YAML value's range may run over its trailing line break; the item ends at its last visible character. */
function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/.test(text[e - 1]!)) e--;
  return e;
}

/** The inside of a string literal at `span` (quotes and Python prefixes excluded), or null when it is not one. */
export function literalContent(text: string, span: Span): Span | null {
  const raw = text.slice(span.start, span.end);
  const m = /^([rRbBuU]{0,2})("""|'''|"|'|`)/.exec(raw);
  if (!m) return null;
  const q = m[2]!;
  const start = span.start + m[0].length;
  const end = span.end - q.length;
  if (end < start || text.slice(end, span.end) !== q) return null;
  return { start, end };
}

/**
 * The edit that writes model id `id` where `span` holds one: inside the quotes when the span is a
 * literal, keeping a gateway prefix such as LiteLLM's `openai/`. Null for platform ids (Bedrock
 * `anthropic.…-v1:0`, Vertex `…@date`), whose spelling a bare id would break.
 */
export function replaceModelId(text: string, span: Span, id: string): TextEdit | null {
  const inner = literalContent(text, span) ?? span;
  const written = text.slice(inner.start, inner.end);
  if (/[`$]|\{/.test(written)) return null;
  const slash = written.lastIndexOf('/');
  const bare = written.slice(slash + 1);
  // Version marks (`@20241022`, `-v1:0`) and vendor dots (`us.anthropic.`) spell platform ids.
  if (/[@:]/.test(bare) || /^(?:[a-z]{2,4}\.)?(?:anthropic|meta|mistral|amazon|cohere|ai21|deepseek|openai|qwen|writer)\./.test(bare)) return null;
  const start = inner.start + slash + 1;
  return { span: { start, end: inner.end }, newText: id };
}

/**
 * Applies non-overlapping edits to a text (for tests and previews). Inserts at one offset land in
 * array order, as a VS Code `WorkspaceEdit` applies them.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits
    .map((e, i) => ({ e, i }))
    .sort((a, b) => b.e.span.start - a.e.span.start || b.i - a.i)
    .map((x) => x.e);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}
