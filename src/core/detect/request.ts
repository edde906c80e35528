/**
 * A request's parameters as written: the keyword arguments or options object of a call, plus
 * those of the constructor calls that made the receiver (a LangChain model, a Gemini chat), with
 * where a fix can insert a new parameter.
 */
import type { ArgProperty, ArgsContainer } from '../model';
import type { FileContext } from './context';
import type { Arg, Expr } from './ir';
import { type FlatProp, objectProps, propPath, valueOf } from './values';

type CallExpr = Extract<Expr, { k: 'call' }>;

export interface Layer {
  props: FlatProp[];
  positional: Expr[];
  container: ArgsContainer | null;
  /** Parameters come from an object only known at run time, so an absent one may be present. */
  opaque?: boolean;
}

/** Values that cannot be an options object of their own: a message string, a list. */
const plainKinds = new Set<Expr['k']>(['str', 'num', 'bool', 'null', 'arr', 'tagged']);

/** A request argument (or spread) whose properties cannot be read: a parameter, a call result, `request.json`. */
function isOpaque(ctx: FileContext, e: Expr): boolean {
  const v = valueOf(ctx, e);
  if (plainKinds.has(v.k) || v.k === 'bin') return false;
  if (v.k === 'obj') return v.props.some((p) => p.spread && objectProps(ctx, p.value) === null);
  return objectProps(ctx, v) === null;
}

/** Keys whose values are prompt content, not settings: not listed as nested properties. */
const contentKeys = new Set(['messages', 'contents', 'input', 'prompt', 'system', 'tools', 'history', 'instructions', 'body', 'functions', 'schema']);

function properties(ctx: FileContext, props: FlatProp[], prefix = '', depth = 0): ArgProperty[] {
  const out: ArgProperty[] = [];
  for (const p of props) {
    const name = prefix + p.key;
    out.push({ name, span: p.span, valueSpan: p.value.span });
    if (depth < 2 && !contentKeys.has(p.key)) {
      const nested = objectProps(ctx, p.value);
      if (nested) out.push(...properties(ctx, nested, `${name}.`, depth + 1));
    }
  }
  return out;
}

/** The parameters of one call: Python keyword arguments, or the first JS argument that is an object. */
export function layerOf(ctx: FileContext, call: CallExpr): Layer {
  const positional = call.args.filter((a) => !a.name && !a.spread).map((a) => a.value);
  if (ctx.lang.id === 'python') return pythonLayer(ctx, call, positional);
  const arg = call.args.find((a) => !a.spread && objectProps(ctx, a.value) !== null);
  const first = call.args[0];
  if (!arg || arg.spread) return { props: [], positional, container: null, ...(first && isOpaque(ctx, first.value) ? { opaque: true } : {}) };
  const literal = valueOf(ctx, arg.value);
  const props = objectProps(ctx, arg.value);
  if (!props) return { props: [], positional, container: null };
  return {
    props,
    positional,
    container: literal.k === 'obj' ? { kind: 'object', span: literal.span, properties: properties(ctx, props) } : null,
    ...(isOpaque(ctx, arg.value) ? { opaque: true } : {}),
  };
}

function pythonLayer(ctx: FileContext, call: CallExpr, positional: Expr[]): Layer {
  const props: FlatProp[] = [];
  const named: Arg[] = call.args.filter((a) => a.name);
  for (const a of call.args) {
    if (a.spread === 'dict') props.push(...(objectProps(ctx, a.value) ?? []));
    else if (a.name) props.push({ key: a.name, value: a.value, span: a.span, keySpan: { start: a.span.start, end: a.span.start + a.name.length } });
  }
  const seen = new Map<string, number>();
  const flat: FlatProp[] = [];
  for (const p of props) {
    const i = seen.get(p.key);
    if (i !== undefined) flat[i] = p;
    else {
      seen.set(p.key, flat.length);
      flat.push(p);
    }
  }
  // `create(**params)` alone: a fix belongs in the dict literal the params come from.
  const splats = call.args.filter((a) => a.spread === 'dict');
  const opaque = splats.some((a) => objectProps(ctx, a.value) === null) ? { opaque: true } : {};
  if (!named.length && splats.length === 1 && splats[0]) {
    const d = valueOf(ctx, splats[0].value);
    if (d.k === 'obj') return { props: flat, positional, container: { kind: 'object', span: d.span, properties: properties(ctx, flat), quoteKeys: true }, ...opaque };
  }
  return { props: flat, positional, container: { kind: 'kwargs', span: call.argsSpan, properties: properties(ctx, flat) }, ...opaque };
}

/** Parameters read across layers: later layers (the call) override earlier ones (constructors). */
export class Request {
  constructor(
    readonly ctx: FileContext,
    readonly layers: Layer[],
  ) {}

  /** The first of `names` (dotted paths) present, from the latest layer that has it. */
  get(...names: string[]): FlatProp | undefined {
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const layer = this.layers[i] as Layer;
      for (const n of names) {
        const path = n.split('.');
        const head = layer.props.find((p) => p.key === path[0]);
        if (!head) continue;
        if (path.length === 1) return head;
        const nested = propPath(this.ctx, head.value, path.slice(1));
        if (nested) return { ...nested, key: n };
      }
    }
    return undefined;
  }

  /** Positional argument `i` of the call (the last layer), else of the earlier layers. */
  positional(i: number, layer = this.layers.length - 1): Expr | undefined {
    return this.layers[layer]?.positional[i];
  }

  /** Where a fix inserts a parameter: the call's own container, else the nearest constructor's. */
  container(preferCtor = false): ArgsContainer | undefined {
    const order = preferCtor ? this.layers : [...this.layers].reverse();
    return order.find((l) => l.container)?.container ?? undefined;
  }

}
