import type { Segment } from '../../model';

/** Placeholder syntaxes found in prompt templates. */
export type PlaceholderSyntax =
  /** `{{ name }}`, `{{{ name }}}`, block helpers and comments (Handlebars, Mustache, Dotprompt, Prompty). */
  | 'handlebars'
  /** `{{ name | filter }}`, `{% control %}`, `{# comment #}`. */
  | 'jinja'
  /** Python `str.format`: `{name}`, `{name!r:>10}`; `{{` and `}}` are literal braces. */
  | 'format'
  /** VS Code prompt files: `${input:name}`, `${selection}`, `${file}`. */
  | 'vscode'
  /** No placeholders: the text is taken as written. */
  | 'none';

const IDENT = /^[A-Za-z_][\w.]*$/;

/**
 * Splits template text into literal text and placeholder slots. Control tags (`{{#each}}`,
 * `{% if %}`) and comments are dropped: a loop body is counted once, which is what a reader
 * of the template sees; the slot estimate carries the uncertainty.
 *
 * `base` is the offset of `text` in the analysed file, so slot spans point into the file.
 */
export function splitPlaceholders(text: string, syntax: PlaceholderSyntax, base = 0): Segment[] {
  switch (syntax) {
    case 'handlebars':
    case 'jinja':
      return splitBraces(text, syntax, base);
    case 'format':
      return splitFormat(text, base);
    case 'vscode':
      return splitVscode(text, base);
    default:
      return text ? [{ kind: 'text', text }] : [];
  }
}

/** Picks the syntax of a plain template file from its extension and, failing that, its text. */
export function syntaxForPlainTemplate(path: string, text: string): PlaceholderSyntax {
  const lower = path.toLowerCase();
  if (/\.(j2|jinja2?|liquid)$/.test(lower)) return 'jinja';
  if (/\.(hbs|handlebars|mustache)$/.test(lower)) return 'handlebars';
  if (/\{%.*?%\}/s.test(text)) return 'jinja';
  // A lone `{name}` means str.format, whose `{{` is an escaped brace; otherwise `{{name}}` is Mustache.
  if (/(?<!\{)\{[A-Za-z_][\w.]*(![rsa])?(:[^{}]*)?\}(?!\})/.test(text)) return 'format';
  if (/\{\{.*?\}\}/s.test(text)) return 'handlebars';
  return 'none';
}

class SegmentBuilder {
  readonly segments: Segment[] = [];
  private pending = '';
  text(t: string): void {
    this.pending += t;
  }
  slot(name: string, start: number, end: number): void {
    this.flush();
    this.segments.push({ kind: 'slot', name, span: { start, end } });
  }
  done(): Segment[] {
    this.flush();
    return this.segments;
  }
  private flush(): void {
    if (this.pending) this.segments.push({ kind: 'text', text: this.pending });
    this.pending = '';
  }
}

function splitBraces(text: string, syntax: 'handlebars' | 'jinja', base: number): Segment[] {
  const out = new SegmentBuilder();
  let i = 0;
  while (i < text.length) {
    const open = nextOpen(text, i, syntax);
    if (open < 0) {
      out.text(text.slice(i));
      break;
    }
    out.text(text.slice(i, open));
    const two = text.slice(open, open + 2);
    if (syntax === 'jinja' && (two === '{%' || two === '{#')) {
      const close = text.indexOf(two === '{%' ? '%}' : '#}', open + 2);
      i = close < 0 ? text.length : close + 2;
      continue;
    }
    const triple = text.startsWith('{{{', open);
    const closer = triple ? '}}}' : '}}';
    const close = text.indexOf(closer, open + closer.length);
    if (close < 0) {
      // An unclosed tag is text as far as the model is concerned.
      out.text(text.slice(open));
      break;
    }
    const inner = text.slice(open + closer.length, close).replace(/^~|~$/g, '').replace(/^-|-$/g, '').trim();
    const end = close + closer.length;
    const name = placeholderName(inner, syntax);
    if (name !== null) out.slot(name, base + open, base + end);
    i = end;
  }
  return out.done();
}

function nextOpen(text: string, from: number, syntax: 'handlebars' | 'jinja'): number {
  const a = text.indexOf('{{', from);
  if (syntax === 'handlebars') return a;
  const b = text.indexOf('{%', from);
  const c = text.indexOf('{#', from);
  const found = [a, b, c].filter((x) => x >= 0);
  return found.length ? Math.min(...found) : -1;
}

/** The slot name of a `{{ … }}` tag, or null for control tags, comments and partials. */
function placeholderName(inner: string, syntax: 'handlebars' | 'jinja'): string | null {
  if (!inner) return null;
  const c = inner[0]!;
  if (syntax === 'handlebars' && '#/!>^'.includes(c)) return null;
  if (syntax === 'handlebars' && /^else\b/.test(inner)) return null;
  if (syntax === 'handlebars' && /^role\s/.test(inner)) return null;
  // `name | filter(x)` → `name`; `media url=x` → `media`; `user.name` stays dotted.
  const head = inner.split('|')[0]!.trim().split(/\s+/)[0]!;
  return head.replace(/[()]/g, '') || inner;
}

function splitFormat(text: string, base: number): Segment[] {
  const out = new SegmentBuilder();
  let i = 0;
  let last = 0;
  while (i < text.length) {
    const ch = text[i];
    if ((ch === '{' || ch === '}') && text[i + 1] === ch) {
      out.text(text.slice(last, i + 1));
      i += 2;
      last = i;
      continue;
    }
    if (ch === '{') {
      const close = text.indexOf('}', i + 1);
      const inner = close < 0 ? '' : text.slice(i + 1, close);
      const field = inner.split(/[!:]/)[0]!.trim();
      if (close >= 0 && (field === '' || IDENT.test(field) || /^\d+$/.test(field))) {
        out.text(text.slice(last, i));
        out.slot(field || '{}', base + i, base + close + 1);
        i = close + 1;
        last = i;
        continue;
      }
    }
    i++;
  }
  out.text(text.slice(last));
  return out.done();
}

function splitVscode(text: string, base: number): Segment[] {
  const out = new SegmentBuilder();
  const re = /\$\{(input:)?([A-Za-z_][\w]*)(?::[^}]*)?\}/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.text(text.slice(last, m.index));
    out.slot(m[2]!, base + m.index, base + m.index + m[0].length);
    last = m.index + m[0].length;
  }
  out.text(text.slice(last));
  return out.done();
}
