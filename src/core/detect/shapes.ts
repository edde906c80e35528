/**
 * One reader per request shape: where each SDK family puts the model, the prompt, the output cap,
 * cache markers and reasoning budgets. Parameter names are data; the readers only say where.
 */
import type { CacheMarker, OutputCap, ReasoningBudget, Site } from '../model';
import type { FileContext } from './context';
import type { Expr } from './ir';
import { PartReader } from './parts';
import { Request } from './request';
import type { ShapeId } from './sdk/types';
import { type FlatProp, boolOf, numberOf, type Origin, propOf, stringOf, valueOf } from './values';

export type SiteFields = Pick<Site, 'model' | 'parts' | 'cap' | 'cache' | 'streaming'> & Partial<Pick<Site, 'reasoning' | 'capRequired' | 'args'>>;

interface ShapeSpec {
  model: string[];
  caps: string[];
  reasoning?: Array<{ path: string; as: 'budget' | 'effort' }>;
  read(r: Request, p: PartReader, ctx: FileContext): void;
  /** Extra cache parameters (`prompt_cache_key`, cached content). */
  cacheParams?: Array<{ path: string; kind: CacheMarker['kind'] }>;
  /** Put fixes in the constructor's arguments (where a LangChain or legacy Gemini model is configured). */
  argsInCtor?: boolean;
}

const openaiReasoning = [
  { path: 'reasoning_effort', as: 'effort' as const },
  { path: 'reasoning.effort', as: 'effort' as const },
  { path: 'reasoningEffort', as: 'effort' as const },
];
const openaiCache = [
  { path: 'prompt_cache_key', kind: 'prompt_cache_key' as const },
  { path: 'prompt_cache_retention', kind: 'prompt_cache_retention' as const },
];
const geminiReasoning = [
  { path: 'config.thinking_config.thinking_budget', as: 'budget' as const },
  { path: 'config.thinkingConfig.thinkingBudget', as: 'budget' as const },
  { path: 'config.thinking_config.thinking_level', as: 'effort' as const },
  { path: 'config.thinkingConfig.thinkingLevel', as: 'effort' as const },
];

function has(r: Request, ...names: string[]): FlatProp | undefined {
  const p = r.get(...names);
  return p && p.value.k !== 'null' ? p : undefined;
}

const shapes: Record<ShapeId, ShapeSpec> = {
  'openai-chat': {
    // openai<1.0 (and its Azure use) named the model `engine`.
    model: ['model', 'engine'],
    caps: ['max_completion_tokens', 'max_tokens', 'max_output_tokens'],
    reasoning: [...openaiReasoning, { path: 'thinking.budget_tokens', as: 'budget' }],
    cacheParams: openaiCache,
    read(r, p) {
      const m = has(r, 'messages');
      if (m) p.messages(m.value);
      const t = has(r, 'tools', 'functions');
      if (t) p.tools(t.value);
    },
  },
  'openai-responses': {
    model: ['model'],
    caps: ['max_output_tokens'],
    reasoning: openaiReasoning,
    cacheParams: openaiCache,
    read(r, p) {
      const i = has(r, 'instructions');
      if (i) p.text('instructions', i.value);
      const input = has(r, 'input');
      if (input) p.messages(input.value, 'user', true);
      const t = has(r, 'tools');
      if (t) p.tools(t.value);
    },
  },
  'openai-completions': {
    model: ['model', 'engine'],
    caps: ['max_tokens'],
    cacheParams: openaiCache,
    read(r, p) {
      const pr = has(r, 'prompt');
      if (pr) p.text('prompt', pr.value);
    },
  },
  'anthropic-messages': {
    model: ['model'],
    caps: ['max_tokens'],
    reasoning: [
      { path: 'thinking.budget_tokens', as: 'budget' },
      { path: 'output_config.effort', as: 'effort' },
    ],
    read(r, p) {
      const t = has(r, 'tools');
      if (t) p.tools(t.value);
      const s = has(r, 'system');
      if (s) p.content('system', s.value);
      const m = has(r, 'messages');
      if (m) p.messages(m.value);
      const top = has(r, 'cache_control');
      if (top) p.marker({ k: 'obj', props: [{ key: 'cache_control', keySpan: top.keySpan, value: top.value, span: top.span }], dict: true, span: top.span, node: top.value.node });
    },
  },
  'anthropic-completions': {
    model: ['model'],
    caps: ['max_tokens_to_sample'],
    read(r, p) {
      const pr = has(r, 'prompt');
      if (pr) p.text('prompt', pr.value);
    },
  },
  'gemini-generate': {
    model: ['model'],
    caps: ['config.max_output_tokens', 'config.maxOutputTokens'],
    reasoning: geminiReasoning,
    cacheParams: [
      { path: 'config.cached_content', kind: 'cached_content' },
      { path: 'config.cachedContent', kind: 'cached_content' },
    ],
    read(r, p) {
      const t = has(r, 'config.tools');
      if (t) p.tools(t.value);
      const s = has(r, 'config.system_instruction', 'config.systemInstruction');
      if (s) p.content('system', s.value);
      const c = has(r, 'contents');
      if (c) p.messages(c.value, 'user', true);
    },
  },
  'gemini-chat': {
    model: ['model'],
    caps: ['config.max_output_tokens', 'config.maxOutputTokens'],
    reasoning: geminiReasoning,
    cacheParams: [
      { path: 'config.cached_content', kind: 'cached_content' },
      { path: 'config.cachedContent', kind: 'cached_content' },
    ],
    read(r, p) {
      const t = has(r, 'config.tools');
      if (t) p.tools(t.value);
      const s = has(r, 'config.system_instruction', 'config.systemInstruction');
      if (s) p.content('system', s.value);
      const h = has(r, 'history');
      if (h) p.messages(h.value);
      const msg = has(r, 'message') ?? undefined;
      const pos = r.positional(0);
      if (msg) p.messages(msg.value, 'user', true);
      else if (pos) p.messages(pos, 'user', true);
    },
  },
  'gemini-legacy': {
    model: ['model_name', 'model'],
    caps: ['generation_config.max_output_tokens', 'generationConfig.maxOutputTokens', 'generation_config.maxOutputTokens'],
    reasoning: [],
    cacheParams: [
      { path: 'cached_content', kind: 'cached_content' },
      { path: 'cachedContent', kind: 'cached_content' },
    ],
    argsInCtor: true,
    read(r, p) {
      const t = has(r, 'tools');
      if (t) p.tools(t.value);
      const s = has(r, 'system_instruction', 'systemInstruction');
      if (s) p.content('system', s.value);
      const h = has(r, 'history');
      if (h) p.messages(h.value);
      const c = has(r, 'contents');
      const pos = r.positional(0);
      if (c) p.messages(c.value, 'user', true);
      else if (pos) p.messages(pos, 'user', true);
    },
  },
  vercel: {
    model: ['model'],
    caps: ['maxOutputTokens', 'maxTokens'],
    reasoning: [
      { path: 'providerOptions.openai.reasoningEffort', as: 'effort' },
      { path: 'providerOptions.anthropic.thinking.budgetTokens', as: 'budget' },
      { path: 'providerOptions.google.thinkingConfig.thinkingBudget', as: 'budget' },
    ],
    cacheParams: [{ path: 'providerOptions.openai.promptCacheKey', kind: 'prompt_cache_key' }],
    read(r, p) {
      const t = has(r, 'tools');
      if (t) p.tools(t.value);
      const s = has(r, 'system', 'instructions');
      if (s) p.content('system', s.value);
      const pr = has(r, 'prompt');
      if (pr) p.messages(pr.value, 'prompt', true);
      const m = has(r, 'messages');
      if (m) p.messages(m.value);
      const po = has(r, 'providerOptions.anthropic.cacheControl');
      if (po) {
        const ttl = stringOf(r.ctx, propOf(r.ctx, po.value, 'ttl')?.value ?? po.value)?.text;
        p.out.cache.push({ kind: 'providerOptions.cacheControl', ttl: ttl === '1h' ? '1h' : '5m', span: po.span });
      }
    },
  },
  'vercel-agent': {
    model: ['model'],
    caps: ['maxOutputTokens', 'maxTokens'],
    argsInCtor: true,
    read(r, p) {
      shapes.vercel.read(r, p, r.ctx);
    },
  },
  langchain: {
    model: ['model', 'model_name', 'modelName', 'model_id', 'modelId', 'azure_deployment', 'deployment_name', 'azureOpenAIApiDeploymentName'],
    caps: ['max_tokens', 'max_completion_tokens', 'max_output_tokens', 'maxTokens', 'maxOutputTokens', 'maxCompletionTokens', 'num_predict', 'numPredict', 'max_new_tokens'],
    reasoning: [
      { path: 'reasoning_effort', as: 'effort' },
      { path: 'reasoningEffort', as: 'effort' },
      { path: 'reasoning.effort', as: 'effort' },
      { path: 'thinking.budget_tokens', as: 'budget' },
      { path: 'thinking_budget', as: 'budget' },
    ],
    argsInCtor: true,
    read() {
      // Input parts come from the invoke call and the chain's template (recognize.ts).
    },
  },
  'langchain-ctor': {
    model: [],
    caps: [],
    read() {
      // Same as `langchain`, without an input.
    },
  },
  'bedrock-converse': {
    model: ['modelId'],
    caps: ['inferenceConfig.maxTokens'],
    reasoning: [{ path: 'additionalModelRequestFields.thinking.budget_tokens', as: 'budget' }],
    read(r, p) {
      const t = has(r, 'toolConfig.tools');
      if (t) p.tools(t.value);
      const s = has(r, 'system');
      if (s) p.content('system', s.value);
      const m = has(r, 'messages');
      if (m) p.messages(m.value);
    },
  },
  'bedrock-invoke': {
    model: ['modelId'],
    caps: [],
    read() {
      // The JSON body is read in recognize.ts, where it becomes its own request.
    },
  },
};
shapes['langchain-ctor'] = { ...shapes.langchain };

/** The shape reader for a shape id. */
export function shapeOf(id: ShapeId): ShapeSpec {
  return shapes[id];
}

/** A model id: a literal, a same-file constant, or an environment variable's default. */
export function modelOf(ctx: FileContext, e: Expr | undefined, providerHelpers = false): Site['model'] {
  if (!e) return null;
  const origin: Origin = { viaName: false, dynamic: false };
  const v = valueOf(ctx, e, origin);
  const s = stringOf(ctx, v);
  if (s && s.text) return { id: s.text, span: s.expr.span, origin: origin.dynamic ? 'dynamic' : origin.viaName ? 'constant' : 'literal' };
  if (v.k === 'bin' && (v.op === '??' || v.op === '||' || v.op === 'or')) {
    const fallback = modelOf(ctx, v.right, providerHelpers) ?? modelOf(ctx, v.left, providerHelpers);
    return fallback ? { ...fallback, origin: 'dynamic' } : null;
  }
  if (v.k === 'call') {
    const callee = v.node.type === 'call' || v.node.type === 'call_expression' ? v.callee.node.text.replace(/\s+/g, '') : '';
    if (/^(os\.environ\.get|os\.getenv|getenv|environ\.get)$/.test(callee) && v.args[1]) {
      const d = modelOf(ctx, v.args[1].value);
      return d ? { ...d, origin: 'dynamic' } : null;
    }
    if (providerHelpers && v.args[0]) {
      // `openai('gpt-4o')`, `anthropic.messages('…')`, `wrapLanguageModel({ model: … })`.
      const first = valueOf(ctx, v.args[0].value);
      if (first.k === 'obj') return modelOf(ctx, propOf(ctx, first, 'model')?.value, true);
      return modelOf(ctx, v.args[0].value);
    }
  }
  return null;
}

/** The output cap: the first of the shape's parameter names present (a cap of 0 is a cap). */
export function capOf(r: Request, names: readonly string[]): OutputCap | null {
  for (const n of names) {
    const p = has(r, n);
    if (p) return { param: n, value: numberOf(r.ctx, p.value), span: p.value.span };
  }
  return null;
}

export function reasoningOf(r: Request, list: ShapeSpec['reasoning']): ReasoningBudget | undefined {
  for (const x of list ?? []) {
    const p = has(r, x.path);
    if (!p) continue;
    if (x.as === 'budget') return { param: x.path, budget: numberOf(r.ctx, p.value), span: p.span };
    const effort = stringOf(r.ctx, p.value)?.text;
    return { param: x.path, ...(effort ? { effort } : {}), span: p.span };
  }
  return undefined;
}

export function cacheParamsOf(r: Request, list: ShapeSpec['cacheParams']): CacheMarker[] {
  const out: CacheMarker[] = [];
  for (const c of list ?? []) {
    const p = has(r, c.path);
    if (!p) continue;
    const v = stringOf(r.ctx, p.value)?.text;
    out.push({ kind: c.kind, ...(c.kind === 'prompt_cache_retention' && v === '24h' ? { ttl: '24h' as const } : {}), span: p.span });
  }
  return out;
}

/** `stream=True` / `stream: true` / LangChain `streaming=True`. */
export function streamFlag(r: Request): boolean {
  const p = r.get('stream', 'streaming');
  return !!p && boolOf(r.ctx, p.value) === true;
}
