/**
 * Prompt parts from request values: message lists in each SDK's shape, system prompts given as
 * strings or blocks, tool schemas, with cache markers found on the blocks.
 */
import type { CacheMarker, PartRole, PromptPart, Segment } from '../model';
import type { FileContext } from './context';
import { dottedName, type Expr } from './ir';
import { roleOf } from './roleWords';
import { placeholders } from './segments';
import { jsonText, textOf } from './text';
import { objectProps, propOf, stringOf, valueOf } from './values';

export interface PartsOut {
  parts: PromptPart[];
  cache: CacheMarker[];
}

const messageClasses: Record<string, PartRole> = {
  SystemMessage: 'system',
  HumanMessage: 'user',
  AIMessage: 'assistant',
  ToolMessage: 'tool',
  SystemMessagePromptTemplate: 'system',
  HumanMessagePromptTemplate: 'user',
  AIMessagePromptTemplate: 'assistant',
};


/** Options for reading one family's content. */
export interface ReadOpts {
  /** LangChain templates: `{name}` placeholders are slots. */
  braces?: boolean;
}

export class PartReader {
  readonly out: PartsOut = { parts: [], cache: [] };

  constructor(
    private readonly ctx: FileContext,
    private readonly opts: ReadOpts = {},
  ) {}

  /** A text-valued part (a system string, a prompt). */
  text(role: PartRole, e: Expr, cacheMarked = false): void {
    const t = textOf(this.ctx, e);
    const segs = this.opts.braces ? placeholders(t.segments, true) : t.segments;
    this.out.parts.push({
      role,
      segments: segs,
      span: t.span,
      ...(cacheMarked ? { cacheMarked } : {}),
      ...(t.sourceFile ? { sourceFile: t.sourceFile } : {}),
      ...(t.unresolved ? { unresolved: true } : {}),
    });
  }

  /** A part whose value cannot be followed (a message list passed in). */
  unresolved(role: PartRole, e: Expr): void {
    this.out.parts.push({ role, segments: [{ kind: 'slot', name: e.node.text.slice(0, 80), span: e.span }], span: e.span, unresolved: true });
  }

  /**
   * A string or a list of content blocks (`{type: 'text', text}`, Bedrock `{text}`, Gemini
   * `{text}` parts). Blocks' cache markers are recorded; the text of all blocks forms one part.
   */
  content(role: PartRole, e: Expr, messageMarked = false): void {
    const v = valueOf(this.ctx, e);
    if (v.k !== 'arr') {
      if (v.k === 'obj') {
        const text = propOf(this.ctx, v, 'text');
        if (text) {
          this.text(role, text.value, this.marker(v) || this.messageProviderCache(v) || messageMarked);
          return;
        }
      }
      this.text(role, e, messageMarked);
      return;
    }
    let marked = messageMarked;
    const segs: Segment[] = [];
    for (const item of v.items) {
      if (item.k === 'spread') continue;
      const b = valueOf(this.ctx, item);
      if (b.k === 'obj') {
        if (this.marker(b)) marked = true;
        if (this.messageProviderCache(b)) marked = true;
        const text = propOf(this.ctx, b, 'text') ?? propOf(this.ctx, b, 'content');
        if (text) {
          const t = textOf(this.ctx, text.value);
          if (segs.length) segs.push({ kind: 'text', text: '\n' });
          segs.push(...(this.opts.braces ? placeholders(t.segments, true) : t.segments));
        }
      } else if (b.k === 'str' || b.k === 'bin' || b.k === 'call' || b.k === 'ident' || b.k === 'member') {
        const t = textOf(this.ctx, b);
        if (segs.length) segs.push({ kind: 'text', text: '\n' });
        segs.push(...t.segments);
      }
    }
    this.out.parts.push({ role, segments: segs, span: v.span, ...(marked ? { cacheMarked: true } : {}) });
  }

  /**
   * A message list. Items may be `{role, content}` dicts, Gemini `{role, parts}`, LangChain
   * tuples `("system", "…")` and message classes, or plain strings (user turns).
   */
  messages(e: Expr, defaultRole: PartRole = 'user', scalarIsText = false): void {
    const v = valueOf(this.ctx, e);
    if (v.k === 'str' || v.k === 'bin' || (v.k === 'call' && !this.messageClass(v))) {
      this.text(defaultRole, e);
      return;
    }
    if (v.k === 'obj' || v.k === 'call') {
      this.message(v, defaultRole);
      return;
    }
    if (v.k !== 'arr') {
      // Where the API takes a string or a list (Gemini `contents`, a prompt, LangChain input),
      // an unknown value is most often the user's text: a placeholder, not an unknown list.
      if (scalarIsText && v.k !== 'other') this.text(defaultRole, e);
      else this.unresolved('unknown', e);
      return;
    }
    for (const item of v.items) {
      if (item.k === 'spread') {
        this.unresolved('unknown', item);
        continue;
      }
      this.message(item, defaultRole);
    }
  }

  private messageClass(c: Extract<Expr, { k: 'call' }>): PartRole | null {
    const name = dottedName(c.callee) ?? '';
    const last = name.split('.');
    const cls = last[last.length - 1] === 'from_template' || last[last.length - 1] === 'fromTemplate' ? last[last.length - 2] : last[last.length - 1];
    if (cls === 'MessagesPlaceholder') return 'unknown';
    if (cls === 'ChatMessage') return 'unknown';
    return (cls && messageClasses[cls]) || null;
  }

  private message(item: Expr, defaultRole: PartRole): void {
    const m = valueOf(this.ctx, item);
    if (m.k === 'arr' && m.items.length === 2) {
      const [r, c] = m.items;
      const role = r ? stringOf(this.ctx, r) : null;
      if (role && c) {
        if (role.text === 'placeholder') this.unresolved('unknown', c);
        else this.content(roleOf(role.text), c);
        return;
      }
    }
    if (m.k === 'call') {
      const role = this.messageClass(m);
      if (role) {
        const name = dottedName(m.callee) ?? '';
        if (name.endsWith('MessagesPlaceholder')) {
          this.unresolved('unknown', m);
          return;
        }
        const content = m.args.find((a) => a.name === 'content' || a.name === 'template' || a.name === 'prompt')?.value ?? m.args.find((a) => !a.name)?.value;
        const obj = content ? valueOf(this.ctx, content) : null;
        if (obj && obj.k === 'obj' && !m.args.some((a) => a.name)) {
          const c = propOf(this.ctx, obj, 'content');
          if (c) {
            this.content(role, c.value);
            return;
          }
        }
        if (content) this.content(role, content);
        return;
      }
    }
    if (m.k === 'obj') {
      const props = objectProps(this.ctx, m) ?? [];
      const roleProp = props.find((p) => p.key === 'role');
      const role = roleProp ? roleOf(stringOf(this.ctx, roleProp.value)?.text) : defaultRole;
      const content = props.find((p) => p.key === 'content' || p.key === 'parts' || p.key === 'text');
      const marked = this.marker(m) || this.messageProviderCache(m);
      if (content) this.content(role, content.value, marked);
      else if (props.some((p) => p.key === 'tool_calls' || p.key === 'function_call')) return;
      else this.unresolved(role, item);
      return;
    }
    if (m.k === 'str') {
      this.text(defaultRole, item);
      return;
    }
    this.unresolved('unknown', item);
  }

  /** Tool definitions count as the text of their JSON. */
  tools(e: Expr): void {
    const v = valueOf(this.ctx, e);
    const resolved = v.k === 'arr' || v.k === 'obj';
    this.out.parts.push({
      role: 'tools',
      segments: [{ kind: 'text', text: jsonText(this.ctx, e) }],
      span: e.span,
      ...(resolved ? {} : { unresolved: true }),
    });
    if (v.k === 'arr') for (const t of v.items) if (t.k !== 'spread') this.marker(valueOf(this.ctx, t));
  }

  /** Records a `cache_control` (Anthropic) or `cachePoint` (Bedrock) marker on a block. */
  marker(block: Expr): boolean {
    const props = objectProps(this.ctx, block);
    if (!props) return false;
    let found = false;
    for (const p of props) {
      if (p.key === 'cache_control' || p.key === 'cachePoint') {
        if (isNone(p.value)) continue;
        const ttl = stringOf(this.ctx, propOf(this.ctx, p.value, 'ttl')?.value ?? p.value)?.text;
        this.out.cache.push({ kind: 'cache_control', ttl: ttl === '1h' ? '1h' : '5m', span: p.span });
        found = true;
      }
    }
    return found;
  }

  /** Vercel AI SDK `providerOptions: { anthropic: { cacheControl } }` on a message or a content part. */
  messageProviderCache(m: Expr): boolean {
    // AI SDK 5+ `providerOptions`; 4 `providerMetadata` / 3 `experimental_providerMetadata`.
    const po = propOf(this.ctx, m, 'providerOptions') ?? propOf(this.ctx, m, 'providerMetadata') ?? propOf(this.ctx, m, 'experimental_providerMetadata');
    const cc = po ? (propOf(this.ctx, po.value, 'anthropic') ?? propOf(this.ctx, po.value, 'bedrock')) : undefined;
    const mark = cc ? (propOf(this.ctx, cc.value, 'cacheControl') ?? propOf(this.ctx, cc.value, 'cachePoint')) : undefined;
    if (!mark) return false;
    const ttl = stringOf(this.ctx, propOf(this.ctx, mark.value, 'ttl')?.value ?? mark.value)?.text;
    this.out.cache.push({ kind: 'providerOptions.cacheControl', ttl: ttl === '1h' ? '1h' : '5m', span: mark.span });
    return true;
  }
}

function isNone(e: Expr): boolean {
  return e.k === 'null';
}
