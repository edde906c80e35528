/** Helpers shared by the language modules. */
import type { Expr, StrPiece } from '../ir';
import { spanOf } from '../ir';
import type { Node } from '../parser';

export function field(n: Node, name: string): Node | null {
  return n.childForFieldName(name);
}

export function named(n: Node): Node[] {
  return n.namedChildren.filter((c): c is Node => c !== null);
}

export function other(n: Node): Expr {
  return { k: 'other', text: n.text, span: spanOf(n), node: n };
}

/** Walks up to the first ancestor (or self) whose type is in `types`. */
export function ancestor(n: Node, types: ReadonlySet<string>): Node | null {
  for (let c: Node | null = n; c; c = c.parent) if (types.has(c.type)) return c;
  return null;
}

/** Appends text to a piece list, merging with a preceding text piece. */
export function pushText(out: StrPiece[], text: string): void {
  if (!text) return;
  const last = out[out.length - 1];
  if (last && last.kind === 'text') last.text += text;
  else out.push({ kind: 'text', text });
}

const simpleEscapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0', a: '\x07' };

/** Decodes one backslash escape as JS and Python both spell the common ones. */
export function decodeEscape(esc: string): string {
  const c = esc[1] ?? '';
  if (c === '\n' || c === '\r') return '';
  if (c in simpleEscapes && esc.length === 2) return simpleEscapes[c] as string;
  const hex = /^\\(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|u\{([0-9a-fA-F]+)\}|U([0-9a-fA-F]{8}))$/.exec(esc);
  if (hex) {
    const code = parseInt(hex[1] ?? hex[2] ?? hex[3] ?? hex[4] ?? '0', 16);
    try {
      return String.fromCodePoint(code);
    } catch {
      return '';
    }
  }
  if (/^\\[0-7]{1,3}$/.test(esc)) return String.fromCharCode(parseInt(esc.slice(1), 8));
  return esc.slice(1);
}

/**
 * Reads the text between `start` and `end` of a string node: gaps are literal text, escapes are
 * decoded (unless raw), placeholders become slots named by their expression.
 */
export function readStringRange(
  n: Node,
  start: number,
  end: number,
  out: StrPiece[],
  raw: boolean,
  slotExpr: (c: Node) => Node | null,
): void {
  let pos = start;
  const src = n.text;
  const base = n.startIndex;
  for (const c of named(n)) {
    if (c.endIndex <= start || c.startIndex >= end) continue;
    if (c.startIndex > pos) pushText(out, src.slice(pos - base, c.startIndex - base));
    switch (c.type) {
      case 'escape_sequence':
        pushText(out, raw ? c.text : decodeEscape(c.text));
        break;
      case 'escape_interpolation':
        pushText(out, c.text.slice(0, 1));
        break;
      case 'template_substitution':
      case 'interpolation': {
        const inner = slotExpr(c);
        out.push({ kind: 'slot', name: (inner ?? c).text.trim(), span: spanOf(c) });
        break;
      }
      case 'string_content':
      case 'string_fragment':
        readStringRange(c, c.startIndex, c.endIndex, out, raw, slotExpr);
        break;
      default:
        pushText(out, c.text);
    }
    pos = c.endIndex;
  }
  if (pos < end) pushText(out, src.slice(pos - base, end - base));
}
