/**
 * Static values: follows names to what they were assigned (same function or same file),
 * flattens objects, dicts, keyword arguments and spreads into one property list.
 */
import type { Span } from '../model';
import type { FileContext } from './context';
import type { Expr } from './ir';

const MAX_DEPTH = 8;

export interface Origin {
  /** The value came through a name (a constant) rather than being written in place. */
  viaName: boolean;
  /** The value is only a fallback (an environment variable's default). */
  dynamic: boolean;
}

/** Follows names and `self.x` / `this.x` to the expression they hold; returns the input otherwise. */
export function valueOf(ctx: FileContext, e: Expr, origin?: Origin, depth = 0): Expr {
  if (depth > MAX_DEPTH) return e;
  if (e.k === 'ident') {
    const r = ctx.resolve(e.name, e.node);
    if (!r || r.decl.kind !== 'value' || !r.decl.value) return e;
    if (r.decl.dynamic) {
      // A parameter's settings default (`max_tokens=500`, `params={"max_tokens": 500}`) is what a
      // call gets unless its caller overrides it, so it is read (marked dynamic). A string default
      // (a model id, a prompt) stays a run-time value: callers routinely pass their own.
      const d = valueOf(ctx, ctx.expr(r.decl.value), undefined, depth + 1);
      if (d.k !== 'num' && d.k !== 'obj') return e;
      if (origin) origin.dynamic = true;
      return d;
    }
    if (r.decl.path.length) {
      const base = valueOf(ctx, ctx.expr(r.decl.value), origin, depth + 1);
      const p = base.k === 'obj' ? propOf(ctx, base, r.decl.path[0] ?? '') : undefined;
      return p ? valueOf(ctx, p.value, origin, depth + 1) : e;
    }
    if (origin) origin.viaName = true;
    return valueOf(ctx, ctx.expr(r.decl.value), origin, depth + 1);
  }
  if (e.k === 'member' && e.object.k === 'self') {
    const m = ctx.member(e.prop, e.node).find((d) => d.value);
    if (!m || !m.value) return e;
    if (origin) origin.viaName = true;
    return valueOf(ctx, ctx.expr(m.value), origin, depth + 1);
  }
  if (e.k === 'member') {
    // `CONFIG.model`, `settings["model"]` on a same-file object literal.
    const base = valueOf(ctx, e.object, undefined, depth + 1);
    if (base.k === 'obj') {
      const p = propOf(ctx, base, e.prop);
      if (p) {
        if (origin) origin.viaName = true;
        return valueOf(ctx, p.value, origin, depth + 1);
      }
    }
  }
  return e;
}

export interface FlatProp {
  /** Dotted name from the container (`config.maxOutputTokens` for nested reads). */
  key: string;
  value: Expr;
  span: Span;
  keySpan: Span;
}

/**
 * The properties of an object literal, dict, or a call's keyword arguments (for
 * `types.GenerateContentConfig(max_output_tokens=…)` / `dict(…)`), with spreads merged in
 * order; later keys win. Null when the expression is not an object.
 */
export function objectProps(ctx: FileContext, e: Expr, depth = 0): FlatProp[] | null {
  const v = valueOf(ctx, e);
  if (depth > MAX_DEPTH) return null;
  const out: FlatProp[] = [];
  if (v.k === 'obj') {
    for (const p of v.props) {
      if (p.spread || p.key === null) {
        if (p.spread) for (const s of objectProps(ctx, p.value, depth + 1) ?? []) out.push(s);
        continue;
      }
      out.push({ key: p.key, value: p.value, span: p.span, keySpan: p.keySpan });
    }
    return dedupe(out);
  }
  if (v.k === 'call' && !v.isNew && ctx.lang.id === 'python' && v.args.some((a) => a.name || a.spread === 'dict')) {
    for (const a of v.args) {
      if (a.spread === 'dict') for (const s of objectProps(ctx, a.value, depth + 1) ?? []) out.push(s);
      else if (a.name) out.push({ key: a.name, value: a.value, span: a.span, keySpan: { start: a.span.start, end: a.span.start + a.name.length } });
    }
    return dedupe(out);
  }
  if (v.k === 'call' && v.isNew && v.args[0]) return objectProps(ctx, v.args[0].value, depth + 1);
  return null;
}

function dedupe(props: FlatProp[]): FlatProp[] {
  const seen = new Map<string, number>();
  const out: FlatProp[] = [];
  for (const p of props) {
    const i = seen.get(p.key);
    if (i !== undefined) out[i] = p;
    else {
      seen.set(p.key, out.length);
      out.push(p);
    }
  }
  return out;
}

export function propOf(ctx: FileContext, e: Expr, key: string): FlatProp | undefined {
  return objectProps(ctx, e)?.find((p) => p.key === key);
}

/** Reads `a.b.c` through nested objects; the returned key is the dotted path. */
export function propPath(ctx: FileContext, e: Expr, path: readonly string[]): FlatProp | undefined {
  let cur: FlatProp | undefined;
  let base: Expr = e;
  for (const k of path) {
    cur = propOf(ctx, base, k);
    if (!cur) return undefined;
    base = cur.value;
  }
  return cur ? { ...cur, key: path.join('.') } : undefined;
}

/** A number, through names; null when not static. */
export function numberOf(ctx: FileContext, e: Expr): number | null {
  const v = valueOf(ctx, e);
  if (v.k === 'num') return v.value;
  if (v.k === 'bin' && (v.op === '*' || v.op === '+' || v.op === '-' || v.op === '//' || v.op === '/')) {
    const a = numberOf(ctx, v.left);
    const b = numberOf(ctx, v.right);
    if (a === null || b === null) return null;
    const r = v.op === '*' ? a * b : v.op === '+' ? a + b : v.op === '-' ? a - b : v.op === '//' ? Math.floor(a / b) : a / b;
    return Number.isFinite(r) ? r : null;
  }
  return null;
}

/** A plain string (no placeholders), through names; null when not static. */
export function stringOf(ctx: FileContext, e: Expr, origin?: Origin): { text: string; expr: Expr } | null {
  const v = valueOf(ctx, e, origin);
  if (v.k === 'str' && v.pieces.every((p) => p.kind === 'text')) {
    return { text: v.pieces.map((p) => (p.kind === 'text' ? p.text : '')).join(''), expr: v };
  }
  return null;
}

/** `true` / `True` through names; null when not static. */
export function boolOf(ctx: FileContext, e: Expr): boolean | null {
  const v = valueOf(ctx, e);
  return v.k === 'bool' ? v.value : null;
}
