/** JavaScript, TypeScript and TSX (ESM, CommonJS, JSX) for detection. */
import type { Arg, Decl, Expr, LanguageModule, MemberDecl, Prop, StrPiece } from '../ir';
import { spanOf } from '../ir';
import type { Node } from '../parser';
import { ancestor, field, named, other, readStringRange } from './common';

const wrappers = new Set([
  'parenthesized_expression',
  'await_expression',
  'as_expression',
  'satisfies_expression',
  'non_null_expression',
  'type_assertion',
]);

const scopes = new Set([
  'function_declaration',
  'function_expression',
  'function',
  'arrow_function',
  'method_definition',
  'generator_function_declaration',
  'generator_function',
  'class_body',
  'program',
]);

const classBodies = new Set(['class_body']);

function stringPieces(n: Node): StrPiece[] {
  const out: StrPiece[] = [];
  readStringRange(n, n.startIndex + 1, n.endIndex - 1, out, false, (c) => named(c)[0] ?? null);
  return out;
}

function keyOf(k: Node): string | null {
  switch (k.type) {
    case 'property_identifier':
    case 'identifier':
    case 'private_property_identifier':
      return k.text;
    case 'string':
      return stringPieces(k).map((p) => (p.kind === 'text' ? p.text : '')).join('');
    case 'number':
      return k.text;
    default:
      return null;
  }
}

function args(n: Node | null): Arg[] {
  if (!n) return [];
  if (n.type === 'template_string') return [{ value: expr(n), span: spanOf(n) }];
  return named(n)
    .filter((c) => c.type !== 'comment')
    .map((c) =>
      c.type === 'spread_element'
        ? { value: expr(named(c)[0] ?? c), span: spanOf(c), spread: 'list' as const }
        : { value: expr(c), span: spanOf(c) },
    );
}

function props(n: Node): Prop[] {
  const out: Prop[] = [];
  for (const c of named(n)) {
    if (c.type === 'pair') {
      const k = field(c, 'key');
      const v = field(c, 'value');
      if (!k || !v) continue;
      out.push({ key: keyOf(k), keySpan: spanOf(k), value: expr(v), span: spanOf(c) });
    } else if (c.type === 'shorthand_property_identifier') {
      out.push({ key: c.text, keySpan: spanOf(c), value: { k: 'ident', name: c.text, span: spanOf(c), node: c }, span: spanOf(c) });
    } else if (c.type === 'spread_element') {
      const v = named(c)[0];
      if (v) out.push({ key: null, keySpan: spanOf(c), value: expr(v), span: spanOf(c), spread: true });
    }
  }
  return out;
}

/** Converts a JS/TS expression node to the neutral view. */
export function expr(n: Node): Expr {
  const span = spanOf(n);
  switch (n.type) {
    case 'string':
      return { k: 'str', pieces: stringPieces(n), raw: false, span, node: n };
    case 'template_string':
      return { k: 'str', pieces: stringPieces(n), raw: false, span, node: n };
    case 'number': {
      const v = Number(n.text.replace(/_/g, ''));
      return Number.isFinite(v) ? { k: 'num', value: v, span, node: n } : other(n);
    }
    case 'true':
    case 'false':
      return { k: 'bool', value: n.type === 'true', span, node: n };
    case 'null':
    case 'undefined':
      return { k: 'null', span, node: n };
    case 'identifier':
    case 'shorthand_property_identifier':
      return { k: 'ident', name: n.text, span, node: n };
    case 'this':
      return { k: 'self', span, node: n };
    case 'member_expression': {
      const o = field(n, 'object');
      const p = field(n, 'property');
      if (!o || !p) return other(n);
      return { k: 'member', object: expr(o), prop: p.text, propSpan: spanOf(p), span, node: n };
    }
    case 'subscript_expression': {
      const o = field(n, 'object');
      const i = field(n, 'index');
      if (o && i && i.type === 'string') {
        return { k: 'member', object: expr(o), prop: keyOf(i) ?? '', propSpan: spanOf(i), span, node: n };
      }
      return other(n);
    }
    case 'call_expression': {
      const f = field(n, 'function');
      const a = field(n, 'arguments');
      if (!f) return other(n);
      if (a && a.type === 'template_string') return { k: 'tagged', tag: expr(f), template: expr(a), span, node: n };
      return { k: 'call', callee: expr(f), args: args(a), isNew: false, argsSpan: a ? spanOf(a) : span, span, node: n };
    }
    case 'new_expression': {
      const f = field(n, 'constructor');
      const a = field(n, 'arguments');
      if (!f) return other(n);
      return { k: 'call', callee: expr(f), args: args(a), isNew: true, argsSpan: a ? spanOf(a) : span, span, node: n };
    }
    case 'object':
      return { k: 'obj', props: props(n), dict: false, span, node: n };
    case 'array':
      return {
        k: 'arr',
        items: named(n)
          .filter((c) => c.type !== 'comment')
          .map((c) => (c.type === 'spread_element' ? { k: 'spread' as const, value: expr(named(c)[0] ?? c), span: spanOf(c), node: c } : expr(c))),
        span,
        node: n,
      };
    case 'binary_expression': {
      const l = field(n, 'left');
      const r = field(n, 'right');
      const op = field(n, 'operator');
      if (!l || !r) return other(n);
      return { k: 'bin', op: op ? op.text : '', left: expr(l), right: expr(r), span, node: n };
    }
    default:
      if (wrappers.has(n.type)) {
        const inner = named(n)[0];
        return inner ? expr(inner) : other(n);
      }
      return other(n);
  }
}

const callTypes = new Set(['call_expression', 'new_expression']);

function callOfCalleeName(n: Node): Node | null {
  let cur: Node = n;
  const parent = cur.parent;
  if (!parent) return null;
  if (parent.type === 'member_expression' && field(parent, 'property')?.equals(cur)) cur = parent;
  // `client.create<T>(…)`, `(client.create)(…)`, `client.create!(…)`
  for (let p = cur.parent; p && (p.type === 'parenthesized_expression' || p.type === 'non_null_expression'); p = p.parent) cur = p;
  const call = cur.parent;
  if (!call || !callTypes.has(call.type)) return null;
  const callee = field(call, call.type === 'new_expression' ? 'constructor' : 'function');
  return callee && callee.equals(cur) ? call : null;
}

function scopeOf(n: Node): Node {
  for (let c = n.parent; c; c = c.parent) if (scopes.has(c.type)) return c;
  return n.tree.rootNode;
}

function typeOf(n: Node | null): Node | null {
  const t = n ? field(n, 'type') : null;
  return t ? (named(t)[0] ?? null) : null;
}

function importSource(n: Node): string | null {
  const stmt = ancestor(n, new Set(['import_statement']));
  const src = stmt ? field(stmt, 'source') : null;
  return src ? stringPieces(src).map((p) => (p.kind === 'text' ? p.text : '')).join('') : null;
}

/** The declaration made where this identifier stands. */
function declarationAt(id: Node): Decl | null {
  const p = id.parent;
  if (!p) return null;
  const at = id.startIndex;
  switch (p.type) {
    case 'variable_declarator':
      if (field(p, 'name')?.equals(id)) {
        return { kind: 'value', value: field(p, 'value'), type: typeOf(p), path: [], scope: scopeOf(p), at };
      }
      return null;
    case 'shorthand_property_identifier_pattern':
    case 'pair_pattern':
    case 'object_pattern': {
      // `const { generateText: gt } = require('ai')`: the value is a property of the right side.
      let key = id.text;
      let pat: Node | null = p;
      if (p.type === 'pair_pattern') {
        if (!field(p, 'value')?.equals(id)) return null;
        key = field(p, 'key')?.text ?? key;
        pat = p.parent;
      }
      if (id.type === 'shorthand_property_identifier_pattern') pat = p;
      const decl = pat && pat.type === 'object_pattern' ? pat.parent : null;
      if (!decl || decl.type !== 'variable_declarator') return null;
      return { kind: 'value', value: field(decl, 'value'), type: null, path: [key], scope: scopeOf(decl), at };
    }
    case 'import_specifier': {
      const name = field(p, 'name');
      const alias = field(p, 'alias');
      if (!(alias ?? name)?.equals(id) || !name) return null;
      const module = importSource(p);
      return module === null ? null : { kind: 'import', module, path: [name.text], scope: id.tree.rootNode, at };
    }
    case 'import_clause': {
      const module = importSource(p);
      return module === null ? null : { kind: 'import', module, path: ['default'], scope: id.tree.rootNode, at };
    }
    case 'namespace_import': {
      const module = importSource(p);
      return module === null ? null : { kind: 'import', module, path: [], scope: id.tree.rootNode, at };
    }
    case 'import_require_clause': {
      const src = field(p, 'source');
      const module = src ? src.text.slice(1, -1) : null;
      return module === null ? null : { kind: 'import', module, path: [], scope: id.tree.rootNode, at };
    }
    case 'assignment_expression':
      if (field(p, 'left')?.equals(id)) {
        return { kind: 'value', value: field(p, 'right'), type: null, path: [], scope: scopeOf(p), at };
      }
      return null;
    case 'required_parameter':
    case 'optional_parameter': {
      if (!field(p, 'pattern')?.equals(id)) return null;
      const fn = p.parent?.parent ?? p;
      const dflt = field(p, 'value');
      return { kind: 'value', value: dflt, type: typeOf(p), path: [], scope: fn, at, dynamic: true };
    }
    case 'formal_parameters': {
      const fn = p.parent ?? p;
      return { kind: 'value', value: null, type: null, path: [], scope: fn, at, dynamic: true };
    }
    case 'function_declaration':
    case 'generator_function_declaration':
      return field(p, 'name')?.equals(id) ? { kind: 'local', scope: scopeOf(p), at, fn: p } : null;
    case 'class_declaration':
      return field(p, 'name')?.equals(id) ? { kind: 'local', scope: scopeOf(p), at } : null;
    case 'catch_clause':
    case 'for_in_statement':
      return { kind: 'local', scope: scopeOf(p), at };
    default:
      return null;
  }
}

/** `this.x = …`, a class field `x = …` / `x: T`, or a constructor parameter property. */
function memberDeclarationAt(id: Node): MemberDecl | null {
  const p = id.parent;
  if (!p) return null;
  if (p.type === 'member_expression' && field(p, 'property')?.equals(id) && field(p, 'object')?.type === 'this') {
    const asg = p.parent;
    if (asg && asg.type === 'assignment_expression' && field(asg, 'left')?.equals(p)) {
      return { value: field(asg, 'right'), type: null, owner: classOf(asg) };
    }
    return null;
  }
  if ((p.type === 'public_field_definition' || p.type === 'field_definition') && (field(p, 'name') ?? field(p, 'property'))?.equals(id)) {
    return { value: field(p, 'value'), type: typeOf(p), owner: classOf(p) };
  }
  if (p.type === 'required_parameter' || p.type === 'optional_parameter') {
    const isProperty = named(p).some((c) => c.type === 'accessibility_modifier' || c.type === 'override_modifier') || /^\s*readonly\b/.test(p.text);
    if (isProperty && field(p, 'pattern')?.equals(id)) return { value: null, type: typeOf(p), owner: classOf(p) };
  }
  return null;
}

function classOf(n: Node): Node | null {
  for (let c = n.parent; c; c = c.parent) if (classBodies.has(c.type)) return c;
  return null;
}

function calleeOf(call: Node): Node | null {
  if (call.type === 'call_expression') return field(call, 'function');
  if (call.type === 'new_expression') return field(call, 'constructor');
  return null;
}

function aliasAt(n: Node): string | null {
  const p = n.parent;
  if (!p) return null;
  if (p.type === 'import_specifier' && field(p, 'name')?.equals(n)) return field(p, 'alias')?.text ?? null;
  if (p.type === 'pair_pattern' && field(p, 'key')?.equals(n)) {
    const v = field(p, 'value');
    return v && v.type === 'identifier' ? v.text : null;
  }
  let value: Node = n;
  if (p.type === 'member_expression' && field(p, 'property')?.equals(n)) value = p;
  const decl = value.parent;
  if (decl && decl.type === 'variable_declarator' && field(decl, 'value')?.equals(value)) {
    const name = field(decl, 'name');
    return name && name.type === 'identifier' ? name.text : null;
  }
  return null;
}

export const javascript: LanguageModule = {
  id: 'js',
  expr,
  callOfCalleeName,
  aliasAt,
  calleeOf,
  declarationAt,
  memberDeclarationAt,
  scopeOf,
  classOf,
  identChar: /[\w$]/,
};
