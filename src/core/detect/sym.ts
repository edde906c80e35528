/**
 * Symbolic evaluation of SDK values: what a receiver expression is in SDK terms (an imported
 * module, a client, a chat, a LangChain model), following imports, aliases, assignments,
 * `self.x` / `this.x` and type annotations. Anything provably not from an SDK is null.
 */
import type { FileContext } from './context';
import type { Expr } from './ir';
import type { Node } from './parser';
import type { SdkSpec, Transition } from './sdk/types';
import { stringOf } from './values';

type CallExpr = Extract<Expr, { k: 'call' }>;

export type Sym =
  | { t: 'import'; module: string; path: string[] }
  | { t: 'obj'; spec: SdkSpec; kind: string; path: string[]; ctors: CallExpr[]; template?: Expr }
  /** A receiver that cannot be resolved (an untyped parameter, a factory in another file). */
  | { t: 'unknown'; path: string[] }
  /** A function declared in this file: calling it gives what it returns. */
  | { t: 'fn'; node: Node };

const MAX_DEPTH = 10;

export class SymEvaluator {
  constructor(
    private readonly ctx: FileContext,
    private readonly specs: readonly SdkSpec[],
  ) {}

  /** Which SDK a module path belongs to, and the names after the SDK's module. */
  matchModule(module: string, path: string[]): { spec: SdkSpec; rest: string[] } | null {
    if (this.ctx.lang.id === 'python') {
      // Submodules named in the import (`from langchain_openai.chat_models import ChatOpenAI`)
      // do not count: what matters is the names used after it.
      const modSegs = module.split('.');
      const dotted = [...modSegs, ...path];
      for (const spec of this.specs) {
        for (const m of spec.modules.python ?? []) {
          const ms = m.split('.');
          if (ms.length <= dotted.length && ms.every((s, i) => dotted[i] === s)) {
            return { spec, rest: ms.length <= modSegs.length ? path : dotted.slice(ms.length) };
          }
        }
      }
      return null;
    }
    for (const spec of this.specs) {
      for (const m of spec.modules.js ?? []) {
        if (module === m || module.startsWith(`${m}/`)) {
          const rest = path[0] === 'default' && spec.jsDefault ? [spec.jsDefault, ...path.slice(1)] : path;
          return { spec, rest };
        }
      }
    }
    return null;
  }

  /** The SDK value an expression stands for, or null when it is provably something else. */
  eval(e: Expr, depth = 0): Sym | null {
    if (depth > MAX_DEPTH) return null;
    switch (e.k) {
      case 'ident':
        return this.ident(e.name, e.node, depth);
      case 'self':
        return { t: 'unknown', path: [] };
      case 'member':
        return this.member(e, depth);
      case 'call':
        return this.call(e, depth);
      case 'other':
        return /^(arrow_function|function_expression|function|lambda)$/.test(e.node.type) ? { t: 'fn', node: e.node } : null;
      case 'bin':
        if (e.op === '|') return this.pipe(e.left, e.right, depth) ?? this.chainHead(e.left, depth);
        return e.op === '??' || e.op === '||' || e.op === 'or' ? this.eval(e.left, depth + 1) : null;
      default:
        return null;
    }
  }

  private ident(name: string, at: Node, depth: number): Sym | null {
    const r = this.ctx.resolve(name, at);
    if (!r) return { t: 'unknown', path: [] };
    const d = r.decl;
    if (d.kind === 'import') return { t: 'import', module: d.module, path: [...d.path] };
    if (d.kind === 'local') return d.fn ? { t: 'fn', node: d.fn } : null;
    let s: Sym | null = null;
    if (d.value) {
      s = this.eval(this.ctx.expr(d.value), depth + 1);
      for (const p of d.path) s = s ? this.extend(s, p) : null;
    }
    if ((!s || s.t === 'unknown') && d.type) s = this.typed(d.type, depth) ?? s;
    if (!s && !d.value) return { t: 'unknown', path: [] };
    return s;
  }

  /** An annotation (`client: OpenAI`, `Optional[anthropic.Anthropic]`) stands for an instance of its class. */
  private typed(type: Node, depth: number): Sym | null {
    const m = /([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)/.exec(type.text.replace(/^(Optional|Annotated)\[/, ''));
    if (!m || !m[1]) return null;
    const [head, ...rest] = m[1].split('.');
    if (!head) return null;
    const base = this.ident(head, type, depth + 1);
    if (!base || base.t !== 'import') return null;
    return this.construct({ ...base, path: [...base.path, ...rest] }, null);
  }

  private extend(s: Sym, prop: string): Sym | null {
    if (s.t === 'fn') return null;
    if (s.t === 'obj' && s.spec.passMembers?.includes(prop)) return s;
    return { ...s, path: [...s.path, prop] } as Sym;
  }

  private member(e: Extract<Expr, { k: 'member' }>, depth: number): Sym | null {
    if (e.object.k === 'self') {
      // What is assigned says more than an annotation (`llm: BaseChatModel` then `this.llm = new ChatAnthropic(…)`).
      const decls = this.ctx.member(e.prop, e.node);
      let fallback: Sym | null = null;
      for (const d of decls) {
        const s = d.value ? this.eval(this.ctx.expr(d.value), depth + 1) : null;
        if (s && s.t !== 'unknown') return s;
        fallback ??= s;
      }
      for (const d of decls) {
        const s = d.type ? this.typed(d.type, depth) : null;
        if (s) return s;
      }
      if (fallback) return fallback;
      return decls.length && decls.every((d) => d.value) ? null : { t: 'unknown', path: [] };
    }
    const o = this.eval(e.object, depth + 1);
    return o ? this.extend(o, e.prop) : null;
  }

  private pipe(left: Expr, right: Expr, depth: number): Sym | null {
    const r = this.eval(right, depth + 1);
    if (r && r.t === 'obj' && r.path.length === 0 && r.kind === 'chatmodel') return { ...r, template: left };
    return null;
  }

  /** `prompt | llm | parser`: the chain still calls the model its left side holds. */
  private chainHead(left: Expr, depth: number): Sym | null {
    const l = this.eval(left, depth + 1);
    return l && l.t === 'obj' && l.kind === 'chatmodel' ? l : null;
  }

  private call(e: CallExpr, depth: number): Sym | null {
    const callee = e.callee;
    if (!e.isNew && callee.k === 'ident' && callee.name === 'require' && e.args[0]) {
      const m = stringOf(this.ctx, e.args[0].value);
      if (m && !this.ctx.resolve('require', callee.node)) return { t: 'import', module: m.text, path: [] };
    }
    if (callee.k === 'member') {
      const recv = this.eval(callee.object, depth + 1);
      // LangChain `.bind(max_tokens=…)` sets call parameters over the constructor's: one more layer.
      if (recv && recv.t === 'obj' && recv.kind === 'chatmodel' && callee.prop === 'bind') return { ...recv, ctors: [...recv.ctors, e] };
      if (recv && recv.t === 'obj' && recv.spec.passCalls?.includes(callee.prop)) return recv;
      if (callee.prop === 'pipe' && e.args[0]) {
        const r = this.pipe(callee.object, e.args[0].value, depth);
        if (r) return r;
        if (recv && recv.t === 'obj' && recv.kind === 'chatmodel') return recv;
      }
      if (recv && recv.t === 'import' && recv.path.length === 0 && (callee.prop === 'default' || callee.prop === 'createRequire')) return null;
    }
    const s = this.eval(callee, depth + 1);
    if (!s) return null;
    if (s.t === 'unknown') return s;
    if (s.t === 'fn') return this.returns(s.node, depth);
    return this.construct(s, e);
  }

  /** What a same-file factory returns: its return annotation, else its first SDK-valued `return`. */
  private returns(fn: Node, depth: number): Sym | null {
    const ret = fn.childForFieldName('return_type');
    const annotated = ret ? this.typed(ret.namedChildren[0] ?? ret, depth) : null;
    if (annotated) return annotated;
    const body = fn.childForFieldName('body');
    if (!body) return null;
    // `() => new OpenAI()`, `lambda: OpenAI()`
    if (body.type !== 'statement_block' && body.type !== 'block') {
      const s = this.eval(this.ctx.expr(body), depth + 1);
      return s && (s.t === 'obj' || s.t === 'unknown') ? s : null;
    }
    let unknown: Sym | null = null;
    for (const r of body.descendantsOfType('return_statement')) {
      const v = r?.namedChildren[0];
      const s = v ? this.eval(this.ctx.expr(v), depth + 1) : null;
      if (s && s.t === 'obj') return s;
      if (s && s.t === 'unknown') unknown = s;
    }
    return unknown;
  }

  /** Applies a call to an SDK value: a constructor, a factory, or a method making a new value. */
  construct(s: Sym, call: CallExpr | null): Sym | null {
    if (s.t === 'unknown' || s.t === 'fn') return s.t === 'unknown' ? s : null;
    let spec: SdkSpec;
    let from: string;
    let path: string[];
    let ctors: CallExpr[] = [];
    if (s.t === 'import') {
      const m = this.matchModule(s.module, s.path);
      if (!m) {
        // A class from another package (`new PrismaClient()`) is not an LLM client; a
        // factory function from elsewhere (`makeClient()`) may return one.
        const last = s.path[s.path.length - 1] ?? '';
        return /^[A-Z]/.test(last) || s.module.startsWith('node:') ? null : { t: 'unknown', path: [] };
      }
      spec = m.spec;
      from = 'module';
      path = m.rest.length === 0 && spec.jsDefault && this.ctx.lang.id === 'js' ? [spec.jsDefault] : m.rest;
    } else {
      spec = s.spec;
      from = s.kind;
      path = s.path;
      ctors = s.ctors;
    }
    const t = spec.transitions.find((tr) => tr.from === from && samePath(tr.path, path) && this.checkArgs(tr, call));
    if (!t) return null;
    const made = call ? [call] : [];
    return { t: 'obj', spec, kind: t.to, path: [], ctors: t.keep ? [...ctors, ...made] : made, ...(s.t === 'obj' && s.template ? { template: s.template } : {}) };
  }

  private checkArgs(t: Transition, call: CallExpr | null): boolean {
    if (!t.firstArgIn) return true;
    if (!call) return false;
    const a = call.args.find((x) => (t.firstArgIn?.keyword && x.name === t.firstArgIn.keyword) || (!x.name && !x.spread));
    const v = a ? stringOf(this.ctx, a.value) : null;
    return !!v && t.firstArgIn.values.includes(v.text);
  }
}

export function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
