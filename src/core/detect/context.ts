/**
 * Per-analysis state for one file: a word index over the text (to find a name's occurrences
 * without walking the whole tree), name resolution by scope, and `self.x` / `this.x` members.
 * Work is proportional to the names a call actually uses, which keeps re-analysis cheap.
 */
import type { Decl, Expr, LanguageModule, MemberDecl } from './ir';
import type { Span } from '../model';
import type { Node } from './parser';
import type { DetectInput } from './types';
import { scanWord, WordIndex } from './wordIndex';

export interface Resolved {
  decl: Decl;
  node: Node;
  /** The declaration's range, computed on first need (climbing the tree is not free). */
  range?: Span;
}

/**
 * The offsets `pick` compares, read once per declaration: every `endIndex` of a tree-sitter node
 * is a call into WASM, and a name like `q` declared in each of 90 methods was compared 90 x 90
 * times per analysis.
 */
interface Candidate extends Resolved {
  scopeStart: number;
  scopeEnd: number;
  /** The declared value's range ([0, 0) without one): a use inside it is not of this declaration. */
  valueStart: number;
  valueEnd: number;
  nodeStart: number;
}

function candidate(decl: Decl, node: Node): Candidate {
  const v = decl.kind === 'value' ? decl.value : null;
  return {
    decl,
    node,
    scopeStart: decl.scope.startIndex,
    scopeEnd: decl.scope.endIndex,
    valueStart: v ? v.startIndex : 0,
    valueEnd: v ? v.endIndex : 0,
    nodeStart: node.startIndex,
  };
}

/** The range a declaration covers: its name through its value (or its type). */
function declRange(r: Resolved): Span {
  const d = r.decl;
  const from = r.node.parent ?? r.node;
  if (d.kind === 'value') {
    const ends = [from.endIndex, d.value?.endIndex ?? 0, d.type?.endIndex ?? 0];
    return { start: Math.min(from.startIndex, d.value?.startIndex ?? Infinity), end: Math.max(...ends) };
  }
  // An import covers its whole statement: editing the module name changes what it binds.
  let stmt: Node = from;
  while (stmt.parent && !/import/.test(stmt.type)) stmt = stmt.parent;
  while (stmt.parent && /import/.test(stmt.parent.type)) stmt = stmt.parent;
  return /import/.test(stmt.type) ? { start: stmt.startIndex, end: stmt.endIndex } : { start: from.startIndex, end: from.endIndex };
}

/** A `self.x` / `this.x` declaration with its class's offsets read once. */
type MemberEntry = MemberDecl & { node: Node; range?: Span; ownerStart: number; ownerEnd: number };

function plainWord(name: string, js: boolean): boolean {
  return (js ? /^[\w$]+$/ : /^\w+$/).test(name);
}

const SCANS_BEFORE_INDEX = 12;

export class FileContext {
  private readonly scanned = new Map<string, number[]>();
  private readonly decls = new Map<string, Candidate[]>();
  private readonly members = new Map<string, MemberEntry[]>();
  private readonly exprs = new Map<number, Expr>();
  /** Files read by the site being built (reset per site). */
  linked: string[] = [];
  /** Where the ranges read by the current analysis step are collected (for incremental reuse). */
  deps: Span[] | null = null;
  /** Every name looked up by this analysis. */
  readonly lookedUp = new Set<string>();

  /** `index`: the document's word index of `text`, kept across edits (built here when absent and needed). */
  constructor(
    readonly text: string,
    readonly root: Node,
    readonly lang: LanguageModule,
    readonly input: DetectInput,
    private index: WordIndex | null = null,
  ) {}

  /**
   * Start offsets of `name` as a whole word. The first few names are found by a scan each (an
   * edit that re-reads one site needs only its own names); past that one pass indexes every word.
   */
  occurrences(name: string): number[] {
    // An empty name (an identifier node of a half-written expression) would make the scan below
    // match the empty string forever without advancing: a fuzzed edit grew that array until V8
    // aborted the process.
    if (!name) return [];
    // The index holds ASCII words only; a name with other characters (`café`) is always scanned
    // for, so a document and a one-shot analysis find the same occurrences.
    const plain = plainWord(name, this.lang.id === 'js');
    if (this.index && plain) return this.index.get(name);
    let hits = this.scanned.get(name);
    if (hits) return hits;
    if (plain && this.scanned.size >= SCANS_BEFORE_INDEX) {
      this.index = new WordIndex(this.text, this.lang.id === 'js');
      return this.index.get(name);
    }
    hits = scanWord(this.text, name, this.lang.id === 'js');
    this.scanned.set(name, hits);
    return hits;
  }

  /** The first character after `pos` that is not white space ('' at the end). */
  nextChar(pos: number): string {
    let i = pos;
    while (i < this.text.length && /\s/.test(this.text[i] as string)) i++;
    return this.text.slice(i, i + 2);
  }

  /**
   * Whether the name ending at `end` can stand where a name is declared or aliased: a name
   * followed by `.`, `(`, `[` or `==` is a use, which saves asking the tree about most occurrences.
   */
  mayDeclare(end: number): boolean {
    const c = this.nextChar(end);
    return !(c.startsWith('.') || c.startsWith('(') || c.startsWith('[') || c.startsWith('`') || c === '==' || c === '?.');
  }

  /** Whether the name ending at `end` can be a callee (`f(`, `f<T>(`, `f!(`, `f?.(`, tagged `f\``). */
  mayCall(end: number): boolean {
    const c = this.nextChar(end);
    return c.startsWith('(') || c.startsWith('<') || c.startsWith('!') || c === '?.' || c.startsWith('`');
  }

  /** The smallest named node covering `[start, end)`. */
  nodeAt(start: number, end: number): Node | null {
    return this.root.namedDescendantForIndex(start, end);
  }

  /** The expression view of a node, converted once per analysis. */
  expr(n: Node): Expr {
    let e = this.exprs.get(n.id);
    if (!e) {
      e = this.lang.expr(n);
      this.exprs.set(n.id, e);
    }
    return e;
  }

  private declsOf(name: string): Candidate[] {
    let out = this.decls.get(name);
    if (!out) {
      out = [];
      for (const at of this.occurrences(name)) {
        if (!this.mayDeclare(at + name.length)) continue;
        const n = this.nodeAt(at, at + name.length);
        if (!n || n.startIndex !== at || n.endIndex !== at + name.length) continue;
        const d = this.lang.declarationAt(n);
        if (d) out.push(candidate(d, n));
      }
      this.decls.set(name, out);
    }
    return out;
  }

  /**
   * The declaration `name` refers to at `use`: the innermost visible scope wins; within it the
   * last declaration before the use, else the first after it (module constants used above).
   */
  resolve(name: string, use: Node): Resolved | null {
    const best = this.pick(name, use);
    this.lookedUp.add(name);
    if (best && this.deps) this.deps.push((best.range ??= declRange(best)));
    return best;
  }

  private pick(name: string, use: Node): Resolved | null {
    const u = use.startIndex;
    const uEnd = use.endIndex;
    let best: Candidate | null = null;
    let bestSize = Infinity;
    let bestBefore = false;
    for (const r of this.declsOf(name)) {
      if (r.scopeStart > u || r.scopeEnd < uEnd) continue;
      if (r.valueStart <= u && u < r.valueEnd) continue;
      if (r.nodeStart === u) continue;
      const size = r.scopeEnd - r.scopeStart;
      const before = r.decl.at < u;
      if (
        !best ||
        size < bestSize ||
        (size === bestSize && before && (!bestBefore || r.decl.at > best.decl.at)) ||
        (size === bestSize && !before && !bestBefore && r.decl.at < best.decl.at)
      ) {
        best = r;
        bestSize = size;
        bestBefore = before;
      }
    }
    return best;
  }

  /** Declarations of `self.prop` / `this.prop`, those of the class enclosing `use` first. */
  member(prop: string, use: Node): MemberEntry[] {
    let all = this.members.get(prop);
    if (!all) {
      all = [];
      for (const at of this.occurrences(prop)) {
        if (!this.mayDeclare(at + prop.length)) continue;
        const n = this.nodeAt(at, at + prop.length);
        if (!n || n.startIndex !== at || n.endIndex !== at + prop.length) continue;
        const d = this.lang.memberDeclarationAt(n);
        if (d) all.push({ ...d, node: n, ownerStart: d.owner ? d.owner.startIndex : -1, ownerEnd: d.owner ? d.owner.endIndex : -1 });
      }
      this.members.set(prop, all);
    }
    // The declarations in the innermost class around the use, found by ranges (no tree climbing).
    const u = use.startIndex;
    const uEnd = use.endIndex;
    let inner: { start: number; end: number } | null = null;
    for (const d of all) {
      if (d.ownerStart >= 0 && d.ownerStart <= u && uEnd <= d.ownerEnd && (!inner || d.ownerEnd - d.ownerStart < inner.end - inner.start)) inner = { start: d.ownerStart, end: d.ownerEnd };
    }
    const own = inner ? all.filter((d) => d.ownerStart === inner.start) : [];
    const out = own.length ? own : all;
    this.lookedUp.add(prop);
    if (this.deps) {
      for (const d of out) {
        if (!d.range) {
          const p = d.node.parent ?? d.node;
          d.range = { start: Math.min(p.startIndex, d.value?.startIndex ?? Infinity), end: Math.max(p.endIndex, d.value?.endIndex ?? 0) };
        }
        this.deps.push(d.range);
      }
    }
    return out;
  }
}
