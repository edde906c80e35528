/**
 * Prompt text from code: literals, template literals and f-strings (placeholders become slots),
 * concatenation, `dedent`, `.strip()` / `.trim()`, `.format()`, `join`, same-file constants, and
 * files read with a literal path (resolved through `DetectInput.readFile`).
 */
import type { Segment, Span } from '../model';
import type { FileContext } from './context';
import { dottedName, type Expr } from './ir';
import { concat, dedent, fromPieces, placeholders, textOnly, trim } from './segments';
import { numberOf, objectProps, stringOf, valueOf } from './values';

export interface Text {
  segments: Segment[];
  /** Where the text stands: the literal it came from, or the expression at the call. */
  span: Span;
  sourceFile?: string;
  /** The value could not be followed at all (its size is unknown). */
  unresolved?: boolean;
}

const MAX_DEPTH = 12;
const SLOT_NAME_MAX = 80;

function slot(e: Expr): Segment[] {
  const name = e.node.text.replace(/\s+/g, ' ').trim();
  return [{ kind: 'slot', name: name.length > SLOT_NAME_MAX ? `${name.slice(0, SLOT_NAME_MAX - 1)}…` : name, span: e.span }];
}

const trims: Record<string, 'both' | 'start' | 'end'> = {
  strip: 'both',
  trim: 'both',
  lstrip: 'start',
  trimStart: 'start',
  trimLeft: 'start',
  rstrip: 'end',
  trimEnd: 'end',
  trimRight: 'end',
};

const dedents: Record<string, 'python' | 'js' | 'cleandoc'> = {
  'textwrap.dedent': 'python',
  dedent: 'python',
  'inspect.cleandoc': 'cleandoc',
  cleandoc: 'cleandoc',
};

const jsDedentTags = new Set(['dedent', 'outdent', 'stripIndent', 'stripIndents', 'ts.dedent', 'oneLine', 'endent', 'codeBlock', 'html']);

/** The text of an expression; unknown parts become slots named by their source. */
export function textOf(ctx: FileContext, e: Expr): Text {
  const r = walk(ctx, e, 0);
  const literal = valueOf(ctx, e);
  const span = literal !== e && literal.k === 'str' ? literal.span : e.span;
  return { segments: r.segs, span, ...(r.file ? { sourceFile: r.file } : {}), ...(r.unresolved ? { unresolved: true } : {}) };
}

interface Walked {
  segs: Segment[];
  file?: string;
  unresolved?: boolean;
}

function walk(ctx: FileContext, e: Expr, depth: number): Walked {
  if (depth > MAX_DEPTH) return { segs: slot(e) };
  switch (e.k) {
    case 'str':
      return { segs: fromPieces(e.pieces) };
    case 'num':
      return { segs: [{ kind: 'text', text: String(e.value) }] };
    case 'ident':
    case 'member': {
      const v = valueOf(ctx, e);
      if (v !== e) return walk(ctx, v, depth + 1);
      return { segs: slot(e) };
    }
    case 'bin': {
      if (e.op === '+') {
        const l = walk(ctx, e.left, depth + 1);
        const r = walk(ctx, e.right, depth + 1);
        return { segs: concat(l.segs, r.segs), ...((l.file ?? r.file) ? { file: l.file ?? r.file } : {}) };
      }
      if (e.op === '%') return { segs: concat(walk(ctx, e.left, depth + 1).segs, slot(e.right)) };
      if (e.op === '*') return repeated(ctx, e, depth);
      if (e.op === '??' || e.op === '||' || e.op === 'or') {
        const l = walk(ctx, e.left, depth + 1);
        return l.segs.some((s) => s.kind === 'text') ? l : walk(ctx, e.right, depth + 1);
      }
      return { segs: slot(e) };
    }
    case 'tagged': {
      const inner = walk(ctx, e.template, depth + 1);
      const tag = dottedName(e.tag) ?? '';
      return jsDedentTags.has(tag) ? { ...inner, segs: dedent(inner.segs, 'js') } : inner;
    }
    case 'call':
      return call(ctx, e, depth);
    default:
      return { segs: slot(e) };
  }
}

function call(ctx: FileContext, e: Extract<Expr, { k: 'call' }>, depth: number): Walked {
  const name = dottedName(e.callee) ?? '';
  const first = e.args[0]?.value;
  const mode = dedents[name];
  if (mode && first) {
    const inner = walk(ctx, first, depth + 1);
    return { ...inner, segs: dedent(inner.segs, mode) };
  }
  if (jsDedentTags.has(name) && first) {
    const inner = walk(ctx, first, depth + 1);
    return { ...inner, segs: dedent(inner.segs, 'js') };
  }
  if ((name === 'str' || name === 'String') && first) return walk(ctx, first, depth + 1);
  if ((name === 'json.dumps' || name === 'JSON.stringify') && first) return { segs: [{ kind: 'text', text: jsonText(ctx, first) }] };
  const file = readFileCall(ctx, e);
  if (file) return file;
  if (e.callee.k === 'member') {
    const m = e.callee.prop;
    const recv = e.callee.object;
    const side = trims[m];
    if (side) {
      const inner = walk(ctx, recv, depth + 1);
      const arg = first ? stringOf(ctx, first) : null;
      const chars = arg ? new RegExp(`[${arg.text.replace(/[\]\\^-]/g, '\\$&')}]`) : /\s/;
      return { ...inner, segs: trim(inner.segs, side, chars) };
    }
    if (m === 'format' && ctx.lang.id === 'python') {
      const inner = walk(ctx, recv, depth + 1);
      return { ...inner, segs: placeholders(inner.segs, true) };
    }
    if (m === 'join') return join(ctx, e, depth);
    if (m === 'repeat' && ctx.lang.id !== 'python' && e.args[0]) return repeat(ctx, walk(ctx, recv, depth + 1), numberOf(ctx, e.args[0].value), e);
    if (m === 'format' || m === 'replace' || m === 'replaceAll') return walk(ctx, recv, depth + 1);
  }
  return { segs: slot(e) };
}

/** Longest text a repetition may produce; beyond it the count is left as a slot. */
const MAX_REPEAT_CHARS = 1_000_000;

/** Python `"…" * 80` or `80 * "…"`: the text repeated, when both sides are static. */
function repeated(ctx: FileContext, e: Extract<Expr, { k: 'bin' }>, depth: number): Walked {
  const ln = numberOf(ctx, e.left);
  const [strSide, n] = ln !== null ? [e.right, ln] : [e.left, numberOf(ctx, e.right)];
  return repeat(ctx, walk(ctx, strSide, depth + 1), n, e);
}

/** `times` copies of static text (`'x '.repeat(80)` too); a slot when the text or count is not static. */
function repeat(_ctx: FileContext, inner: Walked, times: number | null, e: Expr): Walked {
  if (times === null || !Number.isInteger(times) || times < 0 || !inner.segs.every((s) => s.kind === 'text')) return { segs: slot(e) };
  const text = inner.segs.map((s) => (s.kind === 'text' ? s.text : '')).join('');
  if (text.length * times > MAX_REPEAT_CHARS) return { segs: slot(e) };
  return { segs: times === 0 || !text ? [] : [{ kind: 'text', text: text.repeat(times) }] };
}

function join(ctx: FileContext, e: Extract<Expr, { k: 'call' }>, depth: number): Walked {
  if (e.callee.k !== 'member') return { segs: slot(e) };
  // Python: `sep.join(items)`; JS: `items.join(sep)`.
  const [sepExpr, itemsExpr] = ctx.lang.id === 'python' ? [e.callee.object, e.args[0]?.value] : [e.args[0]?.value, e.callee.object];
  const sep = sepExpr ? stringOf(ctx, sepExpr)?.text : ctx.lang.id === 'js' ? ',' : undefined;
  const items = itemsExpr ? valueOf(ctx, itemsExpr) : undefined;
  if (sep === undefined || !items || items.k !== 'arr') return { segs: slot(e) };
  const parts: Segment[][] = [];
  items.items.forEach((it, i) => {
    if (i > 0) parts.push([{ kind: 'text', text: sep }]);
    parts.push(it.k === 'spread' ? slot(it) : walk(ctx, it, depth + 1).segs);
  });
  return { segs: concat(...parts) };
}

const jsReaders = new Set(['readFileSync', 'fs.readFileSync', 'readFile', 'fs.readFile', 'fs.promises.readFile', 'fsp.readFile', 'promises.readFile', 'Deno.readTextFile', 'Bun.file']);

/** `readFileSync(p)`, `open(p).read()`, `f.read()` after `with open(p) as f`, `Path(p).read_text()`. */
function readFileCall(ctx: FileContext, e: Extract<Expr, { k: 'call' }>): Walked | null {
  const name = dottedName(e.callee) ?? '';
  let pathExpr: Expr | undefined;
  if (ctx.lang.id === 'js' && (jsReaders.has(name) || /(^|\.)readFile(Sync)?$/.test(name))) pathExpr = e.args[0]?.value;
  if (ctx.lang.id === 'python' && e.callee.k === 'member') {
    const m = e.callee.prop;
    const recv = valueOf(ctx, e.callee.object);
    if ((m === 'read' || m === 'read_text') && recv.k === 'call') {
      const opener = dottedName(recv.callee) ?? '';
      if (m === 'read' && (opener === 'open' || opener === 'io.open' || opener === 'codecs.open')) pathExpr = recv.args[0]?.value;
      if (m === 'read_text' || m === 'read') {
        if (opener === 'Path' || opener === 'pathlib.Path') pathExpr = recv;
        if (recv.callee.k === 'member' && recv.callee.prop === 'open') pathExpr = recv.callee.object;
      }
    } else if (m === 'read_text') pathExpr = e.callee.object;
  }
  if (!pathExpr) return null;
  const path = pathOf(ctx, pathExpr, 0);
  if (path === null) return { segs: slot(e), unresolved: true };
  ctx.linked.push(path);
  const content = safeRead(ctx, path);
  if (content === undefined) return { segs: slot(e), file: path, unresolved: true };
  return { segs: placeholders([{ kind: 'text', text: content }], false), file: path };
}

function safeRead(ctx: FileContext, path: string): string | undefined {
  try {
    return ctx.input.readFile?.(path);
  } catch {
    return undefined;
  }
}

const dirOfFile = new Set(['__dirname', 'import.meta.dirname', '__file__.parent', 'os.path.dirname(__file__)', 'os.getcwd()', 'process.cwd()']);

/** A path written in code, relative to the file when it is built from `__dirname` / `__file__`. */
export function pathOf(ctx: FileContext, e: Expr, depth: number): string | null {
  if (depth > MAX_DEPTH) return null;
  const compact = e.node.text.replace(/\s+/g, '');
  if (dirOfFile.has(compact) || /^(os\.path\.dirname\((os\.path\.(abspath|realpath)\()?__file__\)?\)|Path\(__file__\)(\.(resolve|absolute)\(\))?\.parent)$/.test(compact)) return '';
  const s = stringOf(ctx, e);
  if (s) return joinPath('', s.text);
  const v = valueOf(ctx, e);
  if (v !== e) return pathOf(ctx, v, depth + 1);
  if (e.k === 'bin' && e.op === '/') return joinPath(pathOf(ctx, e.left, depth + 1), pathOf(ctx, e.right, depth + 1));
  if (e.k === 'call') {
    const name = dottedName(e.callee) ?? '';
    if (/^(path\.)?(join|resolve)$|^os\.path\.join$|^(pathlib\.)?(Path|PurePath)$/.test(name)) {
      let acc: string | null = '';
      for (const a of e.args) {
        if (a.spread || a.name) return null;
        acc = joinPath(acc, pathOf(ctx, a.value, depth + 1));
      }
      return acc;
    }
    if (e.isNew && name === 'URL' && e.args[0]) return pathOf(ctx, e.args[0].value, depth + 1);
    if (e.callee.k === 'member' && (e.callee.prop === 'joinpath' || e.callee.prop === 'resolve' || e.callee.prop === 'absolute')) {
      let acc = pathOf(ctx, e.callee.object, depth + 1);
      for (const a of e.args) acc = joinPath(acc, pathOf(ctx, a.value, depth + 1));
      return acc;
    }
  }
  if (e.k === 'member' && e.prop === 'parent') {
    const base = pathOf(ctx, e.object, depth + 1);
    return base === null ? null : base === '' ? '..' : base.replace(/\/?[^/]*$/, '') || '';
  }
  return null;
}

function joinPath(a: string | null, b: string | null): string | null {
  if (a === null || b === null) return null;
  if (b.startsWith('/')) return b;
  const parts = [...a.split('/'), ...b.split('/')].filter((p) => p && p !== '.');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..' && out.length && out[out.length - 1] !== '..') out.pop();
    else out.push(p);
  }
  return out.join('/');
}

/** A JSON-like rendering of a value (tool schemas count as the text of their JSON). */
export function jsonText(ctx: FileContext, e: Expr, depth = 0): string {
  if (depth > MAX_DEPTH) return e.node.text;
  const v = valueOf(ctx, e);
  switch (v.k) {
    case 'str':
      return JSON.stringify(textOnly(fromPieces(v.pieces)));
    case 'num':
      return String(v.value);
    case 'bool':
      return String(v.value);
    case 'null':
      return 'null';
    case 'arr':
      return `[${v.items.map((i) => (i.k === 'spread' ? i.node.text : jsonText(ctx, i, depth + 1))).join(',')}]`;
    case 'obj': {
      const props = objectProps(ctx, v) ?? [];
      return `{${props.map((p) => `${JSON.stringify(p.key)}:${jsonText(ctx, p.value, depth + 1)}`).join(',')}}`;
    }
    default:
      return v.node.text;
  }
}
