/** Python for detection. */
import type { Arg, Decl, Expr, LanguageModule, MemberDecl, Prop, StrPiece } from '../ir';
import { spanOf } from '../ir';
import type { Node } from '../parser';
import { field, named, other, pushText, readStringRange } from './common';

const scopes = new Set(['function_definition', 'class_definition', 'lambda', 'module']);

function stringPieces(n: Node, out: StrPiece[]): boolean {
  const kids = named(n);
  const start = kids.find((c) => c.type === 'string_start');
  const end = kids.find((c) => c.type === 'string_end');
  const prefix = (start?.text ?? '').toLowerCase();
  const raw = prefix.includes('r');
  readStringRange(n, start ? start.endIndex : n.startIndex, end ? end.startIndex : n.endIndex, out, raw, (c) => field(c, 'expression'));
  return raw;
}

function str(n: Node): Expr {
  const pieces: StrPiece[] = [];
  let raw = false;
  if (n.type === 'concatenated_string') {
    for (const c of named(n)) if (c.type === 'string') raw = stringPieces(c, pieces) || raw;
  } else {
    raw = stringPieces(n, pieces);
  }
  // Merge text pieces split across implicit concatenation.
  const merged: StrPiece[] = [];
  for (const p of pieces) {
    if (p.kind === 'text') pushText(merged, p.text);
    else merged.push(p);
  }
  return { k: 'str', pieces: merged, raw, span: spanOf(n), node: n };
}

function keyText(k: Node): string | null {
  if (k.type !== 'string' && k.type !== 'concatenated_string') return null;
  const e = str(k);
  if (e.k !== 'str' || e.pieces.some((p) => p.kind === 'slot')) return null;
  return e.pieces.map((p) => (p.kind === 'text' ? p.text : '')).join('');
}

function args(n: Node | null): Arg[] {
  if (!n) return [];
  if (n.type === 'generator_expression') return [{ value: other(n), span: spanOf(n) }];
  const out: Arg[] = [];
  for (const c of named(n)) {
    if (c.type === 'comment') continue;
    if (c.type === 'keyword_argument') {
      const name = field(c, 'name');
      const value = field(c, 'value');
      if (name && value) out.push({ name: name.text, value: expr(value), span: spanOf(c) });
    } else if (c.type === 'list_splat' || c.type === 'dictionary_splat') {
      const v = named(c)[0];
      if (v) out.push({ value: expr(v), span: spanOf(c), spread: c.type === 'list_splat' ? 'list' : 'dict' });
    } else {
      out.push({ value: expr(c), span: spanOf(c) });
    }
  }
  return out;
}

function dict(n: Node): Prop[] {
  const out: Prop[] = [];
  for (const c of named(n)) {
    if (c.type === 'pair') {
      const k = field(c, 'key');
      const v = field(c, 'value');
      if (k && v) out.push({ key: keyText(k), keySpan: spanOf(k), value: expr(v), span: spanOf(c) });
    } else if (c.type === 'dictionary_splat') {
      const v = named(c)[0];
      if (v) out.push({ key: null, keySpan: spanOf(c), value: expr(v), span: spanOf(c), spread: true });
    }
  }
  return out;
}

/** Converts a Python expression node to the neutral view. */
export function expr(n: Node): Expr {
  const span = spanOf(n);
  switch (n.type) {
    case 'string':
    case 'concatenated_string':
      return str(n);
    case 'integer':
    case 'float': {
      const v = Number(n.text.replace(/_/g, ''));
      return Number.isFinite(v) ? { k: 'num', value: v, span, node: n } : other(n);
    }
    case 'true':
    case 'false':
      return { k: 'bool', value: n.type === 'true', span, node: n };
    case 'none':
      return { k: 'null', span, node: n };
    case 'identifier':
      return n.text === 'self' ? { k: 'self', span, node: n } : { k: 'ident', name: n.text, span, node: n };
    case 'attribute': {
      const o = field(n, 'object');
      const a = field(n, 'attribute');
      if (!o || !a) return other(n);
      return { k: 'member', object: expr(o), prop: a.text, propSpan: spanOf(a), span, node: n };
    }
    case 'subscript': {
      const o = field(n, 'value');
      const i = field(n, 'subscript');
      const key = i ? keyText(i) : null;
      if (o && i && key !== null) return { k: 'member', object: expr(o), prop: key, propSpan: spanOf(i), span, node: n };
      return other(n);
    }
    case 'call': {
      const f = field(n, 'function');
      const a = field(n, 'arguments');
      if (!f) return other(n);
      return { k: 'call', callee: expr(f), args: args(a), isNew: false, argsSpan: a ? spanOf(a) : span, span, node: n };
    }
    case 'dictionary':
      return { k: 'obj', props: dict(n), dict: true, span, node: n };
    case 'list':
    case 'tuple':
      return {
        k: 'arr',
        items: named(n)
          .filter((c) => c.type !== 'comment')
          .map((c) => (c.type === 'list_splat' ? { k: 'spread' as const, value: expr(named(c)[0] ?? c), span: spanOf(c), node: c } : expr(c))),
        span,
        node: n,
      };
    case 'binary_operator':
    case 'boolean_operator': {
      const l = field(n, 'left');
      const r = field(n, 'right');
      const op = field(n, 'operator');
      if (!l || !r) return other(n);
      return { k: 'bin', op: op ? op.text : n.type === 'boolean_operator' ? 'or' : '', left: expr(l), right: expr(r), span, node: n };
    }
    case 'parenthesized_expression':
    case 'await': {
      const inner = named(n).find((c) => c.type !== 'comment');
      return inner ? expr(inner) : other(n);
    }
    default:
      return other(n);
  }
}

function callOfCalleeName(n: Node): Node | null {
  let cur: Node = n;
  const parent = cur.parent;
  if (!parent) return null;
  if (parent.type === 'attribute' && field(parent, 'attribute')?.equals(cur)) cur = parent;
  const call = cur.parent;
  if (!call || call.type !== 'call') return null;
  return field(call, 'function')?.equals(cur) ? call : null;
}

function scopeOf(n: Node): Node {
  for (let c = n.parent; c; c = c.parent) if (scopes.has(c.type)) return c;
  return n.tree.rootNode;
}

function typeNode(n: Node): Node | null {
  const t = field(n, 'type');
  return t ? (named(t)[0] ?? null) : null;
}

function dotted(n: Node | null): string[] {
  return n ? n.text.split('.').map((s) => s.trim()) : [];
}

function importDecl(id: Node, p: Node): Decl | null {
  const at = id.startIndex;
  const scope = scopeOf(p);
  const stmt = p.type === 'aliased_import' || p.type === 'dotted_name' ? p.parent : p;
  if (!stmt) return null;
  if (stmt.type === 'import_statement') {
    // `import a.b.c` binds `a`; `import a.b as x` binds `x` to `a.b`.
    const item = p;
    if (item.type === 'aliased_import') {
      if (!field(item, 'alias')?.equals(id)) return null;
      return { kind: 'import', module: dotted(field(item, 'name')).join('.'), path: [], scope, at };
    }
    if (item.type === 'dotted_name' && named(item)[0]?.equals(id)) return { kind: 'import', module: id.text, path: [], scope, at };
    return null;
  }
  if (stmt.type === 'import_from_statement') {
    const module = dotted(field(stmt, 'module_name')).join('.');
    if (field(stmt, 'module_name')?.equals(p)) return null;
    if (p.type === 'aliased_import') {
      if (!field(p, 'alias')?.equals(id)) return null;
      return { kind: 'import', module, path: dotted(field(p, 'name')), scope, at };
    }
    if (p.type === 'dotted_name') return { kind: 'import', module, path: dotted(p), scope, at };
  }
  return null;
}

function declarationAt(id: Node): Decl | null {
  const p = id.parent;
  if (!p || id.type !== 'identifier') return null;
  const at = id.startIndex;
  switch (p.type) {
    case 'assignment':
      if (field(p, 'left')?.equals(id)) {
        return { kind: 'value', value: field(p, 'right'), type: typeNode(p), path: [], scope: scopeOf(p), at };
      }
      return null;
    case 'augmented_assignment':
      return null;
    case 'as_pattern_target': {
      const asp = p.parent;
      const v = asp ? named(asp)[0] : null;
      return { kind: 'value', value: v ?? null, type: null, path: [], scope: scopeOf(p), at };
    }
    case 'aliased_import':
    case 'dotted_name':
      return importDecl(id, p);
    case 'typed_parameter':
    case 'typed_default_parameter':
    case 'default_parameter': {
      const name = p.type === 'typed_parameter' ? named(p)[0] : field(p, 'name');
      if (!name?.equals(id)) return null;
      const fn = p.parent?.parent ?? p;
      return { kind: 'value', value: field(p, 'value'), type: typeNode(p), path: [], scope: fn, at, dynamic: true };
    }
    case 'parameters':
    case 'lambda_parameters':
      return { kind: 'value', value: null, type: null, path: [], scope: p.parent ?? p, at, dynamic: true };
    case 'function_definition':
      return field(p, 'name')?.equals(id) ? { kind: 'local', scope: scopeOf(p), at, fn: p } : null;
    case 'class_definition':
      return field(p, 'name')?.equals(id) ? { kind: 'local', scope: scopeOf(p), at } : null;
    case 'for_statement':
    case 'for_in_clause':
    case 'pattern_list':
    case 'tuple_pattern':
    case 'global_statement':
      return { kind: 'local', scope: scopeOf(p), at };
    default:
      return null;
  }
}

/** `self.x = …`, `self.x: T = …`, or a class-body `x = …`. */
function memberDeclarationAt(id: Node): MemberDecl | null {
  const p = id.parent;
  if (!p) return null;
  if (p.type === 'attribute' && field(p, 'attribute')?.equals(id) && field(p, 'object')?.text === 'self') {
    const asg = p.parent;
    if (asg && asg.type === 'assignment' && field(asg, 'left')?.equals(p)) {
      return { value: field(asg, 'right'), type: typeNode(asg), owner: classOf(asg) };
    }
    return null;
  }
  if (p.type === 'assignment' && field(p, 'left')?.equals(id)) {
    const block = p.parent?.parent;
    if (block?.type === 'block' && block.parent?.type === 'class_definition') {
      return { value: field(p, 'right'), type: typeNode(p), owner: block.parent };
    }
  }
  return null;
}

function classOf(n: Node): Node | null {
  for (let c = n.parent; c; c = c.parent) if (c.type === 'class_definition') return c;
  return null;
}

function calleeOf(call: Node): Node | null {
  return call.type === 'call' ? field(call, 'function') : null;
}

function aliasAt(n: Node): string | null {
  const p = n.parent;
  if (!p) return null;
  if (p.type === 'dotted_name' && p.parent?.type === 'aliased_import' && field(p.parent, 'name')?.equals(p)) {
    return field(p.parent, 'alias')?.text ?? null;
  }
  let value: Node = n;
  if (p.type === 'attribute' && field(p, 'attribute')?.equals(n)) value = p;
  const asg = value.parent;
  if (asg && asg.type === 'assignment' && field(asg, 'right')?.equals(value)) {
    const left = field(asg, 'left');
    return left && left.type === 'identifier' ? left.text : null;
  }
  return null;
}

export const python: LanguageModule = {
  id: 'python',
  expr,
  callOfCalleeName,
  aliasAt,
  calleeOf,
  declarationAt,
  memberDeclarationAt,
  scopeOf,
  classOf,
  identChar: /\w/,
};
