/**
 * Finds the sites in one parsed file: every call whose name some SDK uses is looked at, its
 * receiver evaluated symbolically, and the request read by its shape.
 */
import type { ArgsContainer, Language, Site, Span } from '../model';
import type { FileContext } from './context';
import { dottedName, type Expr } from './ir';
import type { Node } from './parser';
import { PartReader } from './parts';
import { type Layer, layerOf, Request } from './request';
import { sdks, siteNames } from './sdk';
import type { SdkSpec, SiteEntry } from './sdk/types';
import { cacheParamsOf, capOf, modelOf, reasoningOf, shapeOf, streamFlag } from './shapes';
import { samePath, type Sym, SymEvaluator } from './sym';
import { objectProps, propOf, valueOf } from './values';

type CallExpr = Extract<Expr, { k: 'call' }>;

const names = siteNames(sdks);

interface Match {
  spec: SdkSpec;
  entry: SiteEntry;
  sym: Sym | null;
}

/** Sites plus what they were computed from, so an edit elsewhere can reuse them. */
export interface Analysis {
  sites: Site[];
  /** Per site: the source ranges it was read from (the call, declarations it resolved). */
  deps: Span[][];
  /** Ranges read for calls that turned out not to be sites, and for cross-site decisions. */
  global: Span[];
  /** Names looked up, names of site calls and their aliases: editing one can change any site. */
  words: Set<string>;
}

interface Candidate {
  node: Node;
  callee: Expr;
}

/** The sites of a parsed file, in source order. Never throws. */
export function recognize(ctx: FileContext, language: Language): Analysis {
  const ev = new SymEvaluator(ctx, sdks);
  const found: Array<{ site: Site; deps: Span[] }> = [];
  const global: Span[] = [];
  const usedCtors = new Set<number>();
  const deferred: Array<{ call: CallExpr; m: Match }> = [];
  const words = new Set<string>();
  for (const c of candidates(ctx, words)) {
    const deps: Span[] = [{ start: c.node.startIndex, end: c.node.endIndex }];
    ctx.deps = deps;
    try {
      const m = match(ctx, ev, c.callee, c.node);
      if (!m) {
        global.push(...deps);
        continue;
      }
      const call = ctx.expr(c.node) as CallExpr;
      if (m.entry.unlessUsed) {
        global.push(...deps);
        deferred.push({ call, m });
        continue;
      }
      if (m.sym && m.sym.t === 'obj') for (const k of m.sym.ctors) usedCtors.add(k.span.start);
      found.push({ site: build(ctx, language, call, m), deps });
    } catch {
      // One unreadable call must not hide the others.
      global.push(...deps);
    }
  }
  ctx.deps = global;
  for (const { call, m } of deferred) {
    if (usedCtors.has(call.span.start)) continue;
    try {
      found.push({ site: build(ctx, language, call, { ...m, sym: { t: 'obj', spec: m.spec, kind: 'chatmodel', path: [], ctors: [call] } }), deps: [] });
    } catch {
      // as above
    }
  }
  ctx.deps = null;
  for (const w of ctx.lookedUp) words.add(w);
  found.sort((a, b) => a.site.span.start - b.site.span.start);
  return { sites: found.map((f) => f.site), deps: found.map((f) => f.deps), global, words };
}

/**
 * Re-reads the one site whose call starts at `start` with its callee spanning `anchor` (after an edit
 * inside it). `undefined` when the call can no longer be found there: the caller re-analyses.
 */
export function recognizeAt(ctx: FileContext, language: Language, start: number, anchor: Span): { site: Site | null; deps: Span[] } | undefined {
  // Climb from the callee to the call it is the callee of (not a call nested inside the callee).
  let n: Node | null = ctx.nodeAt(anchor.start, anchor.end);
  let callee: Node | null = null;
  for (; n && n.startIndex >= start; n = n.parent) {
    callee = ctx.lang.calleeOf(n);
    if (callee && callee.startIndex === anchor.start && callee.endIndex === anchor.end) break;
  }
  if (!n || !callee || n.startIndex !== start || callee.endIndex !== anchor.end) return undefined;
  const deps: Span[] = [{ start: n.startIndex, end: n.endIndex }];
  ctx.deps = deps;
  try {
    const m = match(ctx, new SymEvaluator(ctx, sdks), ctx.expr(callee), n);
    if (m?.entry.unlessUsed || (m && m.spec.provider === 'langchain')) return undefined;
    return { site: m ? build(ctx, language, ctx.expr(n) as CallExpr, m) : null, deps };
  } catch {
    return undefined;
  } finally {
    ctx.deps = null;
  }
}

/** Calls named like a site (or bound to such a name by an alias), each once. */
function* candidates(ctx: FileContext, words: Set<string>): Generator<Candidate> {
  const seen = new Set<number>();
  const queue = [...names];
  const queued = new Set(queue);
  for (let i = 0; i < queue.length; i++) {
    const name = queue[i] as string;
    words.add(name);
    for (const at of ctx.occurrences(name)) {
      const call = ctx.mayCall(at + name.length);
      if (!call && !ctx.mayDeclare(at + name.length)) continue;
      const n = ctx.nodeAt(at, at + name.length);
      if (!n || n.startIndex !== at || n.endIndex !== at + name.length) continue;
      const callNode = call ? ctx.lang.callOfCalleeName(n) : null;
      if (!callNode) {
        const alias = ctx.lang.aliasAt(n);
        if (alias && !queued.has(alias)) {
          queued.add(alias);
          queue.push(alias);
        }
        continue;
      }
      if (seen.has(callNode.startIndex)) continue;
      seen.add(callNode.startIndex);
      const callee = ctx.lang.calleeOf(callNode);
      // Only the callee is converted here; arguments are read once the call is known to be a site.
      if (callee) yield { node: callNode, callee: ctx.expr(callee) };
    }
  }
}

function match(ctx: FileContext, ev: SymEvaluator, callee: Expr, call: Node): Match | null {
  const sym = ev.eval(callee);
  if (!sym || sym.t === 'fn') return null;
  if (sym.t === 'import') {
    const m = ev.matchModule(sym.module, sym.path);
    // A client from the project's own module (`import { openai } from '@/lib/openai'`).
    if (!m) return looseMatch(ctx, sym.path, call);
    const entry = m.spec.sites.find((e) => e.from.includes('module') && samePath(e.path, m.rest));
    return entry ? { spec: m.spec, entry, sym } : null;
  }
  if (sym.t === 'obj') {
    const entry = sym.spec.sites.find((e) => e.from.includes(sym.kind) && samePath(e.path, sym.path));
    return entry ? { spec: sym.spec, entry, sym } : null;
  }
  return looseMatch(ctx, sym.path, call);
}

/** The parameters that mark a request of each shape, for receivers that cannot be resolved. */
export const signatures: Partial<Record<SiteEntry['shape'], string[]>> = {
  'openai-chat': ['model', 'messages'],
  'openai-responses': ['model', 'input'],
  'openai-completions': ['model', 'prompt'],
  'anthropic-messages': ['model', 'messages', 'max_tokens'],
  'anthropic-completions': ['model', 'prompt', 'max_tokens_to_sample'],
  'gemini-generate': ['model', 'contents'],
  'bedrock-converse': ['modelId', 'messages'],
  'bedrock-invoke': ['modelId', 'body'],
};

/**
 * An unresolvable receiver (a client passed in, or imported from the project's own module):
 * accept a distinctive SDK path when the file imports that SDK, or when the request carries the
 * parameters that mark the SDK's request shape (so `db.messages.create({ data })` stays out).
 */
function looseMatch(ctx: FileContext, path: string[], call: Node): Match | null {
  let best: Match | null = null;
  let keys: Set<string> | null = null;
  for (const spec of sdks) {
    for (const e of spec.sites) {
      if (!(e.loose ?? e.path.length >= 2) || e.unlessUsed || !e.from.some((f) => f !== 'module')) continue;
      if (e.path.length > path.length || !samePath(e.path, path.slice(path.length - e.path.length))) continue;
      if (best && e.path.length <= best.entry.path.length) continue;
      if (!importsSdk(ctx, spec)) {
        const sig = signatures[e.shape];
        if (!sig) continue;
        keys ??= new Set(layerOf(ctx, ctx.expr(call) as CallExpr).props.map((p) => p.key));
        if (!sig.every((k) => keys?.has(k))) continue;
      }
      best = { spec, entry: e, sym: null };
    }
  }
  return best;
}

const importCache = new WeakMap<FileContext, Map<SdkSpec, boolean>>();

function importsSdk(ctx: FileContext, spec: SdkSpec): boolean {
  let m = importCache.get(ctx);
  if (!m) importCache.set(ctx, (m = new Map()));
  let v = m.get(spec);
  if (v === undefined) {
    const mods = (ctx.lang.id === 'python' ? spec.modules.python : spec.modules.js) ?? [];
    v = mods.some((mod) => {
      const q = mod.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      const re =
        ctx.lang.id === 'python'
          ? new RegExp(`^\\s*(from\\s+${q}(\\.\\w+)*\\s+import|import\\s+([\\w.]+(\\s+as\\s+\\w+)?\\s*,\\s*)*${q}\\b)`, 'm')
          : new RegExp(`(from|require\\(|import\\()\\s*['"\`]${q}(/[^'"\`]*)?['"\`]`);
      return re.test(ctx.text);
    });
    m.set(spec, v);
  }
  return v;
}

function build(ctx: FileContext, language: Language, call: CallExpr, m: Match): Site {
  ctx.linked = [];
  const shape = shapeOf(m.entry.shape);
  const ctors = m.sym && m.sym.t === 'obj' ? m.sym.ctors : [];
  const isCtorSite = m.entry.shape === 'langchain-ctor';
  const layers: Layer[] = ctors.map((c) => layerOf(ctx, c));
  const langchain = m.entry.shape === 'langchain' || isCtorSite;
  if (!langchain) layers.push(layerOf(ctx, call));
  let req = new Request(ctx, layers);
  const reader = new PartReader(ctx, {});
  shape.read(req, reader, ctx);

  let model = modelOf(ctx, req.get(...shape.model)?.value, m.entry.shape === 'vercel' || m.entry.shape === 'vercel-agent');
  if (!model && (langchain || m.entry.shape === 'gemini-legacy')) model = modelOf(ctx, req.positional(0, 0));
  if (!model && m.entry.shape === 'gemini-chat' && layers.length > 1) model = modelOf(ctx, req.get('model')?.value);

  if (m.spec.provider === 'openai') model = azureDeployment(ctx, ctors, model);

  let capNames = shape.caps;
  let capRequired = m.entry.capRequired ?? false;
  let args = req.container(shape.argsInCtor) ?? (langchain ? emptyCtorArgs(ctx, ctors) : undefined);
  if (m.entry.shape === 'bedrock-invoke') {
    const body = bedrockBody(ctx, req, reader);
    if (body) {
      req = body.req;
      args = body.req.container() ?? args;
      capNames = ['max_tokens', 'max_tokens_to_sample', 'max_gen_len', 'textGenerationConfig.maxTokenCount', 'inferenceConfig.max_new_tokens', 'maxTokens', 'max_new_tokens'];
      capRequired = body.anthropic;
    }
  }
  if (langchain) langchainParts(ctx, call, m, reader, isCtorSite);

  const cap = capOf(req, capNames);
  const reasoning = reasoningOf(req, shape.reasoning);
  const cache = [...reader.out.cache, ...cacheParamsOf(req, shape.cacheParams)];
  const linked = [...new Set([...ctx.linked, ...reader.out.parts.map((p) => p.sourceFile).filter((f): f is string => !!f)])];
  const site: Site = {
    kind: 'call',
    language,
    provider: m.spec.provider,
    api: m.entry.shape === 'langchain' ? `${modelClass(ctors) ?? 'Runnable'}.${m.entry.api}` : m.entry.api,
    span: call.span,
    anchor: call.callee.span,
    model,
    parts: reader.out.parts,
    cap,
    ...(capRequired ? { capRequired } : {}),
    ...(!cap && !capRequired && opaqueRequest(m.entry.shape, layers) ? { capUnknown: true } : {}),
    ...(args ? { args } : {}),
    cache: cache.sort((a, b) => a.span.start - b.span.start),
    streaming: !!m.entry.streaming || streamFlag(req),
    ...(reasoning ? { reasoning } : {}),
    ...(linked.length ? { linkedFiles: linked } : {}),
  };
  return site;
}

/**
 * Azure OpenAI routes by deployment: a client's `azure_deployment` / `deployment` overrides the
 * call's `model`, and either is a user-chosen name, not a model id, so it is marked `dynamic`
 * (priced when it happens to name a model, never reported as an unknown model).
 */
function azureDeployment(ctx: FileContext, ctors: CallExpr[], model: Site['model']): Site['model'] {
  const azure = ctors.filter((c) => /AzureOpenAI$/.test(dottedName(c.callee) ?? ''));
  if (!azure.length) return model;
  const dep = new Request(ctx, azure.map((c) => layerOf(ctx, c))).get('azure_deployment', 'deployment', 'deploymentName');
  const named = dep ? modelOf(ctx, dep.value) : null;
  const chosen = named ?? model;
  return chosen ? { ...chosen, origin: 'dynamic' } : null;
}

/** Shapes whose first argument is the whole request (not a message, as for chats and LangChain). */
const requestFirst = new Set<SiteEntry['shape']>(['openai-chat', 'openai-responses', 'openai-completions', 'gemini-generate', 'vercel', 'bedrock-converse', 'bedrock-invoke']);

/**
 * The request is read from an object only known at run time: the call's own (its last layer), or
 * for LangChain, whose calls take their settings from the constructor, any constructor's options.
 */
function opaqueRequest(shape: SiteEntry['shape'], layers: Layer[]): boolean {
  if (shape === 'langchain' || shape === 'langchain-ctor') return layers.some((l) => !!l.opaque);
  return requestFirst.has(shape) && !!layers[layers.length - 1]?.opaque;
}

/**
 * `new ChatOpenAI()` in JS: empty parentheses are every constructor argument in view, as Python's
 * `ChatOpenAI()` is (a kwargs container), so the rules can tell it from `new ChatOpenAI(options)`
 * (no container) and a fix has a place to write the options object.
 */
function emptyCtorArgs(ctx: FileContext, ctors: CallExpr[]): ArgsContainer | undefined {
  const c = ctors.length === 1 ? ctors[0] : undefined;
  if (!c || c.args.length || ctx.text[c.argsSpan.start] !== '(' || ctx.text[c.argsSpan.end - 1] !== ')') return undefined;
  return { kind: 'object', span: c.argsSpan, properties: [] };
}

/** `ChatOpenAI` for `new ChatOpenAI(…).invoke(…)`: LangChain calls are named by the model class. */
function modelClass(ctors: CallExpr[]): string | null {
  const first = ctors[0];
  const name = first ? dottedName(first.callee) : null;
  return name ? (name.split('.').pop() ?? null) : null;
}

/** `invoke_model(body=json.dumps({...}))`: the body is the request; Anthropic bodies require a cap. */
function bedrockBody(ctx: FileContext, req: Request, reader: PartReader): { req: Request; anthropic: boolean } | null {
  const b = req.get('body');
  if (!b) return null;
  let v = valueOf(ctx, b.value);
  if (v.k === 'call' && (dottedName(v.callee) === 'json.dumps' || dottedName(v.callee) === 'JSON.stringify') && v.args[0]) v = valueOf(ctx, v.args[0].value);
  if (v.k === 'call' && v.callee.k === 'member' && v.callee.prop === 'encode') {
    const inner = valueOf(ctx, v.callee.object);
    if (inner.k === 'call' && dottedName(inner.callee) === 'json.dumps' && inner.args[0]) v = valueOf(ctx, inner.args[0].value);
  }
  const props = objectProps(ctx, v);
  if (!props || v.k !== 'obj') return null;
  const layer: Layer = {
    props,
    positional: [],
    container: { kind: 'object', span: v.span, properties: props.map((p) => ({ name: p.key, span: p.span, valueSpan: p.value.span })), ...(ctx.lang.id === 'python' ? { quoteKeys: true } : {}) },
  };
  const body = new Request(ctx, [layer]);
  const sys = body.get('system');
  if (sys) reader.content('system', sys.value);
  const msgs = body.get('messages');
  if (msgs) reader.messages(msgs.value);
  const prompt = body.get('prompt', 'inputText');
  if (prompt) reader.text('prompt', prompt.value);
  const tools = body.get('tools');
  if (tools) reader.tools(tools.value);
  return { req: body, anthropic: !!propOf(ctx, v, 'anthropic_version') };
}

/** A chain's template text, then the call's input (a string, messages, or variables for the template). */
function langchainParts(ctx: FileContext, call: CallExpr, m: Match, reader: PartReader, ctorOnly: boolean): void {
  const template = m.sym && m.sym.t === 'obj' ? m.sym.template : undefined;
  if (template) templateParts(ctx, template, reader);
  if (ctorOnly) return;
  let input = call.args.find((a) => !a.name || a.name === 'input')?.value;
  if (!input) return;
  if (/batch/.test(m.entry.api)) {
    const list = valueOf(ctx, input);
    if (list.k !== 'arr' || !list.items[0] || list.items[0].k === 'spread') {
      reader.unresolved('unknown', input);
      return;
    }
    input = list.items[0];
  }
  const v = valueOf(ctx, input);
  if (template && (v.k === 'obj' || v.k === 'ident')) return;
  reader.messages(input, 'user', true);
}

function templateParts(ctx: FileContext, e: Expr, reader: PartReader): void {
  const v = valueOf(ctx, e);
  if (v.k !== 'call') {
    reader.unresolved('unknown', e);
    return;
  }
  const name = dottedName(v.callee) ?? '';
  const last = name.split('.').pop() ?? '';
  let first = v.args.find((a) => !a.name)?.value ?? v.args.find((a) => a.name === 'template' || a.name === 'messages')?.value;
  // JS `new PromptTemplate({ template, inputVariables })`.
  const opts = first ? valueOf(ctx, first) : undefined;
  if (opts && opts.k === 'obj') first = (propOf(ctx, opts, 'template') ?? propOf(ctx, opts, 'promptMessages'))?.value;
  const braces = new PartReader(ctx, { braces: true });
  if (!first) return;
  if (last === 'from_messages' || last === 'fromMessages' || name === 'ChatPromptTemplate') braces.messages(first);
  else if (last === 'from_template' || last === 'fromTemplate') braces.text(name.includes('ChatPromptTemplate') ? 'user' : 'prompt', first);
  else if (last === 'PromptTemplate') braces.text('prompt', first);
  else reader.unresolved('unknown', e);
  reader.out.parts.push(...braces.out.parts);
  reader.out.cache.push(...braces.out.cache);
}
