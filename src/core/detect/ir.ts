/**
 * A small language-neutral view of expressions, built on demand from tree-sitter nodes by a
 * language module. Recognisers and prompt-text resolution work on this view only, so adding a
 * language means writing one module that produces it.
 */
import type { Span } from '../model';
import type { Node } from './parser';

/** A piece of string text as written: literal text or a placeholder (`${x}`, `{x}`). */
export type StrPiece = { kind: 'text'; text: string } | { kind: 'slot'; name: string; span: Span };

export interface Arg {
  /** Keyword name (Python `name=value`); absent for positional arguments. */
  name?: string;
  value: Expr;
  span: Span;
  /** `*args` / `...args` (list) or `**kwargs` (dict). */
  spread?: 'list' | 'dict';
}

export interface Prop {
  /** The key as a string, or null for a spread or a computed key. */
  key: string | null;
  keySpan: Span;
  value: Expr;
  span: Span;
  spread?: boolean;
}

interface Base {
  span: Span;
  /** The node the expression came from (scope and binding lookups need it). */
  node: Node;
}

export type Expr =
  | (Base & { k: 'str'; pieces: StrPiece[]; raw: boolean })
  | (Base & { k: 'num'; value: number })
  | (Base & { k: 'bool'; value: boolean })
  | (Base & { k: 'null' })
  | (Base & { k: 'ident'; name: string })
  | (Base & { k: 'self' })
  | (Base & { k: 'member'; object: Expr; prop: string; propSpan: Span })
  | (Base & { k: 'call'; callee: Expr; args: Arg[]; isNew: boolean; argsSpan: Span })
  | (Base & { k: 'obj'; props: Prop[]; dict: boolean })
  | (Base & { k: 'arr'; items: Expr[] })
  | (Base & { k: 'spread'; value: Expr })
  | (Base & { k: 'bin'; op: string; left: Expr; right: Expr })
  | (Base & { k: 'tagged'; tag: Expr; template: Expr })
  | (Base & { k: 'other'; text: string });

/** What declares a name, as a language module reads it from the tree. */
export type Decl =
  | { kind: 'value'; value: Node | null; type: Node | null; path: string[]; scope: Node; at: number; dynamic?: boolean }
  | { kind: 'import'; module: string; path: string[]; scope: Node; at: number }
  | { kind: 'local'; scope: Node; at: number; fn?: Node };

/** A declaration of `self.x` / `this.x` (assignment, class field, constructor parameter property). */
export interface MemberDecl {
  value: Node | null;
  type: Node | null;
  /** The class body the member belongs to. */
  owner: Node | null;
}

/** Everything detection needs to know about one language's syntax. */
export interface LanguageModule {
  readonly id: 'js' | 'python';
  /** Converts an expression node; never throws (unknown syntax becomes `other`). */
  expr(node: Node): Expr;
  /** The callee (function or constructor) of a call or `new` node; null for other nodes. */
  calleeOf(call: Node): Node | null;
  /** If `name` at this node is the callee name of a call or `new`, that call's node. */
  callOfCalleeName(node: Node): Node | null;
  /** The declaration `node` (an identifier occurrence) makes, if any. */
  declarationAt(node: Node): Decl | null;
  /** The `self.x` / `this.x` declaration `node` (a property name occurrence) makes, if any. */
  memberDeclarationAt(node: Node): MemberDecl | null;
  /** The local name this occurrence of a name is bound to (`as gt`, `{ generateText: gt }`, `gt = ai.generateText`). */
  aliasAt(node: Node): string | null;
  /** The innermost function, class or module enclosing the node: the scope names resolve in. */
  scopeOf(node: Node): Node;
  /** The class body enclosing the node, for `self.x` / `this.x`. */
  classOf(node: Node): Node | null;
  /** Identifier characters, for the word-boundary text index. */
  readonly identChar: RegExp;
}

export function spanOf(n: Node): Span {
  return { start: n.startIndex, end: n.endIndex };
}

/** The dotted source path of a member chain (`a.b.c`), or null when it has other parts. */
export function dottedName(e: Expr): string | null {
  if (e.k === 'ident') return e.name;
  if (e.k === 'self') return 'self';
  if (e.k === 'member') {
    const o = dottedName(e.object);
    return o === null ? null : `${o}.${e.prop}`;
  }
  return null;
}
