/**
 * Validates a YAML syntax tree against a zod schema node by node, so that every problem points
 * at the exact node it is about and one bad field falls back alone: a bad optional field is
 * dropped (its default applies), a bad list entry is dropped, the rest of the file applies.
 * Object-level refinements run once an object's fields have passed.
 */
import { isAlias, isMap, isNode, isScalar, isSeq, type Document } from 'yaml';
import { z } from 'zod';
import type { Severity, Span } from '../model';
import { LineIndex } from '../text/lines';
import { closest, formatPath, type ConfigProblem } from './problems';

/** Alias expansions allowed in one file: enough for sharing a glob list, far below a bomb. */
export const MAX_ALIASES = 100;
/** Nodes one alias may stand for once expanded; an alias bomb stands for billions. */
const MAX_EXPANDED_NODES = 10_000;
/** Nodes visited at most; a real config file has a few hundred. */
const MAX_VISITS = 200_000;

type Path = (string | number)[];
type Outcome = { ok: true; value: unknown } | { ok: false };
const FAIL: Outcome = { ok: false };

export class YamlValidation {
  readonly problems: ConfigProblem[] = [];
  /** Where each validated object came from, for cross-checks after validation. */
  readonly spans = new WeakMap<object, Span>();
  private readonly fieldSpans = new WeakMap<object, Map<string, Span>>();
  private aliases = 0;
  private visits = 0;
  private exhausted = false;
  private readonly annotated = new Set<ConfigProblem>();

  constructor(
    private readonly doc: Document,
    private readonly text: string,
  ) {
    // Not the yaml package's LineCounter: in its error recovery it skips line starts (a fuzz test
    // found lines off by one after a stray `:`), and problems must land exactly where they are.
    this.lines = new LineIndex(text);
  }

  private readonly lines: LineIndex;

  /** Adds a problem at a span of the file. */
  report(message: string, severity: Severity, where: Span, path: Path = []): ConfigProblem {
    const span = this.trim(where);
    const start = this.lines.position(span.start);
    const end = this.lines.position(span.end);
    const p: ConfigProblem = {
      message,
      severity,
      span: { start: span.start, end: span.end },
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      path: formatPath(path),
    };
    this.problems.push(p);
    return p;
  }

  /** Where the value of `key` of a validated object stands, else the object's own span. */
  fieldSpan(obj: object, key: string): Span | undefined {
    return this.fieldSpans.get(obj)?.get(key) ?? this.spans.get(obj);
  }

  /** Validates `node` against `schema`; `anchor` is where to point when the node has no extent. */
  validate(schema: z.ZodType, node: unknown, path: Path, anchor: Span): Outcome {
    if (++this.visits > MAX_VISITS) {
      if (!this.exhausted) this.report('the file is too large or too deeply aliased to check; the rest is ignored', 'error', anchor, path);
      this.exhausted = true;
      return FAIL;
    }
    if (isAlias(node)) return this.validateAlias(schema, node, path, anchor);
    const at = spanOf(node) ?? anchor;
    if (node === null || node === undefined || (isScalar(node) && node.value === null)) return this.validateEmpty(schema, path, at);
    const base = structural(schema);
    if (base instanceof z.ZodObject && isMap(node)) return this.validateObject(schema, base, node, path, at);
    if (base instanceof z.ZodArray && isSeq(node)) return this.validateArray(schema, base, node, path, at);
    if (base instanceof z.ZodRecord && isMap(node)) return this.validateRecord(base, node, path, at);
    return this.validateLeaf(schema, node, path, at);
  }

  private validateAlias(schema: z.ZodType, node: { resolve(doc: Document): unknown }, path: Path, anchor: Span): Outcome {
    const at = spanOf(node) ?? anchor;
    if (++this.aliases > MAX_ALIASES) {
      this.report(`more than ${MAX_ALIASES} aliases; the rest are ignored`, 'error', at, path);
      return FAIL;
    }
    const target = node.resolve(this.doc);
    if (target === undefined) {
      this.report('this alias names no anchor defined before it', 'error', at, path);
      return FAIL;
    }
    if (expandedSize(target, this.doc, MAX_EXPANDED_NODES) > MAX_EXPANDED_NODES) {
      this.report('this alias expands to too much data', 'error', at, path);
      return FAIL;
    }
    return this.validate(schema, target, path, at);
  }

  private validateEmpty(schema: z.ZodType, path: Path, at: Span): Outcome {
    const asNull = schema.safeParse(null);
    if (asNull.success) return { ok: true, value: asNull.data };
    if (schema.safeParse(undefined).success) {
      // An empty section (`volumes:` with nothing under it) says nothing; an empty field is a slip.
      if (path.length > 1) this.report(`\`${formatPath(path)}\` has no value and is ignored`, 'warning', at, path);
      return { ok: true, value: undefined };
    }
    this.report(`\`${formatPath(path)}\` needs a value`, 'error', at, path);
    return FAIL;
  }

  private validateObject(schema: z.ZodType, base: z.ZodObject, node: MapNode, path: Path, at: Span): Outcome {
    const shape = base.shape as Record<string, z.ZodType>;
    const out: Record<string, unknown> = {};
    const seen = new Set<string>();
    const fields = new Map<string, Span>();
    let failed = false;
    for (const pair of node.items) {
      const keySpan = spanOf(pair.key) ?? at;
      const key = keyText(pair.key);
      if (key === null) {
        this.report('keys must be plain names', 'error', keySpan, path);
        continue;
      }
      if (!Object.prototype.hasOwnProperty.call(shape, key)) {
        this.reportUnknownKey(key, Object.keys(shape), keySpan, [...path, key]);
        continue;
      }
      seen.add(key);
      fields.set(key, spanOf(pair.value) ?? keySpan);
      const before = this.problems.length;
      const r = this.validate(shape[key]!, pair.value, [...path, key], keySpan);
      if (r.ok) {
        if (r.value !== undefined) out[key] = r.value;
      } else if (acceptsUndefined(shape[key]!)) {
        this.annotate(before, 'ignored');
      } else {
        failed = true;
      }
    }
    for (const key of Object.keys(shape)) {
      if (!seen.has(key) && !acceptsUndefined(shape[key]!)) {
        this.report(`missing \`${key}\``, 'error', this.firstLine(at), [...path, key]);
        failed = true;
      }
    }
    if (failed) return FAIL;
    this.fieldSpans.set(out, fields);
    return this.finish(schema, out, node, path, at);
  }

  private validateArray(schema: z.ZodType, base: z.ZodArray, node: SeqNode, path: Path, at: Span): Outcome {
    const out: unknown[] = [];
    node.items.forEach((item, i) => {
      const before = this.problems.length;
      const r = this.validate(base.element as z.ZodType, item, [...path, i], spanOf(item) ?? at);
      if (r.ok) out.push(r.value);
      else this.annotate(before, 'this entry is ignored');
    });
    return this.finish(schema, out, node, path, at);
  }

  private validateRecord(base: z.ZodRecord, node: MapNode, path: Path, at: Span): Outcome {
    // A null prototype: a key named `__proto__` is just a name here.
    const out: Record<string, unknown> = Object.create(null);
    for (const pair of node.items) {
      const keySpan = spanOf(pair.key) ?? at;
      const key = keyText(pair.key);
      if (key === null || !(base.keyType as unknown as z.ZodType).safeParse(key).success) {
        this.report('keys must be non-empty plain names', 'error', keySpan, path);
        continue;
      }
      const before = this.problems.length;
      const r = this.validate(base.valueType as z.ZodType, pair.value, [...path, key], keySpan);
      if (r.ok && r.value !== undefined) out[key] = r.value;
      else if (!r.ok) this.annotate(before, 'ignored');
    }
    return { ok: true, value: out };
  }

  private validateLeaf(schema: z.ZodType, node: unknown, path: Path, at: Span): Outcome {
    let value: unknown;
    try {
      // Maps as Map: a leaf is never a mapping where valid, and a collection used as a key would
      // otherwise make the yaml package print a process warning.
      value = isNode(node) ? node.toJS(this.doc, { maxAliasCount: MAX_ALIASES, mapAsMap: true }) : node;
    } catch {
      this.report('aliases here expand to too much data', 'error', at, path);
      return FAIL;
    }
    const r = schema.safeParse(value);
    if (r.success) return { ok: true, value: r.data };
    this.reportIssues(r.error.issues, value, node, path, at);
    return FAIL;
  }

  /** Runs the checks that need the whole object or list (refinements, lengths). */
  private finish(schema: z.ZodType, out: unknown, node: unknown, path: Path, at: Span): Outcome {
    const r = schema.safeParse(out);
    if (!r.success) {
      this.reportIssues(r.error.issues, out, node, path, this.firstLine(at));
      return FAIL;
    }
    // Keep the validated pieces rather than zod's copy: the schema has no transforms, spans are
    // keyed by these objects, and a record key such as `__proto__` survives only in them.
    if (typeof out === 'object' && out !== null) this.spans.set(out, this.trim(at));
    return { ok: true, value: out };
  }

  private reportIssues(issues: readonly z.core.$ZodIssue[], value: unknown, node: unknown, path: Path, at: Span): void {
    const seen = new Set<string>();
    for (const issue of issues) {
      const sub = issue.path as Path;
      // One problem per place: `1e29` for an integer field is both too big and not an integer.
      const key = JSON.stringify(sub);
      if (seen.has(key)) continue;
      seen.add(key);
      const target = sub.length > 0 && (isMap(node) || isSeq(node)) ? (node as MapNode).getIn(sub, true) : undefined;
      const span = (target !== undefined ? spanOf(target) : null) ?? at;
      const full = [...path, ...sub];
      const name = full.length > 0 ? `\`${formatPath(full)}\`: ` : '';
      this.report(name + issueMessage(issue, valueAt(value, sub)), 'error', span, full);
    }
  }

  private reportUnknownKey(key: string, known: string[], span: Span, path: Path): void {
    const hint = closest(key, known);
    const where = path.length > 1 ? ` in \`${formatPath(path.slice(0, -1))}\`` : '';
    const tail = hint !== null ? `; did you mean \`${hint}\`?` : `; known keys: ${known.map((k) => `\`${k}\``).join(', ')}`;
    this.report(`unknown key \`${key}\`${where} is ignored${tail}`, 'warning', span, path);
  }

  /** A span without trailing blanks and line breaks (block nodes end after their last newline). */
  private trim(span: Span): Span {
    let end = span.end;
    while (end > span.start + 1 && /[\s]/.test(this.text[end - 1] ?? '')) end--;
    return end === span.end ? span : { start: span.start, end };
  }

  /** The first line of a span, so a problem about a whole block does not paint the block. */
  private firstLine(span: Span): Span {
    const nl = this.text.indexOf('\n', span.start);
    let end = nl === -1 || nl > span.end ? span.end : nl;
    if (end > span.start && this.text[end - 1] === '\r') end--;
    return end > span.start ? { start: span.start, end } : span;
  }

  /** Says what happened to a value whose problems were just reported, once, innermost first. */
  private annotate(from: number, consequence: string): void {
    const p = this.problems.slice(from).find((q) => q.severity === 'error' && !this.annotated.has(q));
    if (p === undefined) return;
    p.message += ` (${consequence})`;
    this.annotated.add(p);
    for (const q of this.problems.slice(from)) this.annotated.add(q);
  }
}

interface MapNode {
  items: { key: unknown; value: unknown }[];
  getIn(path: Iterable<unknown>, keepScalar?: boolean): unknown;
}
interface SeqNode {
  items: unknown[];
}

/** The zod type under optional / default / nullable wrappers. */
function structural(schema: z.ZodType): z.ZodType {
  let s: z.ZodType = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodDefault || s instanceof z.ZodNullable) s = s.unwrap() as z.ZodType;
  return s;
}

/** How many nodes `node` stands for with aliases expanded, counting no further than `limit`. */
function expandedSize(node: unknown, doc: Document, limit: number): number {
  let count = 0;
  const stack: unknown[] = [node];
  while (stack.length > 0 && count <= limit) {
    let n = stack.pop();
    if (isAlias(n)) n = n.resolve(doc);
    count++;
    if (isMap(n)) for (const pair of n.items) stack.push(pair.key, pair.value);
    else if (isSeq(n)) stack.push(...n.items);
  }
  return count;
}

function acceptsUndefined(schema: z.ZodType): boolean {
  return schema.safeParse(undefined).success;
}

/** A node's extent without trailing comments, or null when it has none. */
export function spanOf(node: unknown): Span | null {
  if (!isNode(node) && !isAlias(node)) return null;
  const range = (node as { range?: [number, number, number] | null }).range;
  if (!range || range[1] <= range[0]) return null;
  return { start: range[0], end: range[1] };
}

function keyText(key: unknown): string | null {
  if (isScalar(key) && (typeof key.value === 'string' || typeof key.value === 'number')) return String(key.value);
  return null;
}

function valueAt(value: unknown, path: Path): unknown {
  let v = value;
  for (const p of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string | number, unknown>)[p];
  }
  return v;
}

const EXPECTED: Record<string, string> = {
  object: 'a mapping (`key: value` lines)',
  array: 'a list',
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: '`true` or `false`',
};

function issueMessage(issue: z.core.$ZodIssue, value: unknown): string {
  if (issue.code === 'invalid_type') return `expected ${EXPECTED[issue.expected] ?? issue.expected}, found ${describeValue(value)}`;
  if (issue.code === 'invalid_value' && issue.values.length > 1) {
    return `expected one of ${issue.values.map((v) => `\`${String(v)}\``).join(', ')}, found ${describeValue(value)}`;
  }
  return issue.message;
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') return `the text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === 'number') return Number.isFinite(value) ? `the number ${value}` : 'a number too large to use';
  if (typeof value === 'boolean') return `\`${value}\``;
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Map) return 'a mapping';
  return 'a mapping';
}
