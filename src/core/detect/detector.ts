/** The {@link Detector}: parse with tree-sitter, recognise sites, keep trees for incremental edits. */
import type { Site } from '../model';
import { FileContext } from './context';
import { type EditShape, planEdit, shiftOffset, shiftSpan } from './incremental';
import type { LanguageModule } from './ir';
import { javascript } from './lang/javascript';
import { python } from './lang/python';
import { LineIndex } from './lineIndex';
import { WordIndex } from './wordIndex';
import { mayContainSite } from './prefilter';
import { BudgetedParse } from './parseBudget';
import { grammarFor, type Parsers, type Tree } from './parser';
import { type Analysis, recognize, recognizeAt } from './recognize';
import { sdks, siteNames } from './sdk';
import type { DetectDocument, DetectInput, Detector, TextChange } from './types';

/** Words that, typed or deleted anywhere, can make or unmake a site. */
const keywords: ReadonlySet<string> = new Set([...siteNames(sdks), 'import', 'require', 'from', 'as', 'self', 'this', 'with', 'open', 'readFileSync', 'readFile', 'read_text']);

function moduleFor(input: DetectInput): LanguageModule | null {
  const g = grammarFor[input.language];
  if (!g) return null;
  return g === 'python' ? python : javascript;
}

const empty: Analysis = { sites: [], deps: [], global: [], words: new Set() };

function analyse(tree: Tree | null, input: DetectInput, words: WordIndex | null = null): Analysis {
  const lang = moduleFor(input);
  if (!tree || !lang) return empty;
  try {
    return recognize(new FileContext(input.text, tree.rootNode, lang, input, words), input.language);
  } catch {
    return empty;
  }
}

class Document implements DetectDocument {
  private tree: Tree | null;
  private analysis: Analysis | null = null;
  private readonly lines: LineIndex;
  /** Word offsets of the text, built by the first analysis and updated by each edit. */
  private words: WordIndex | null = null;

  constructor(
    private readonly parsers: Parsers,
    private input: DetectInput,
    private readonly budget: BudgetedParse,
  ) {
    // No tree for a file that cannot hold a site; an edit that makes it one parses it then.
    this.tree = mayContainSite(input.text) ? parse(parsers, budget, input, null) : null;
    this.lines = new LineIndex(input.text);
  }

  get text(): string {
    return this.input.text;
  }

  sites(): Site[] {
    if (!this.analysis) {
      const lang = moduleFor(this.input);
      if (this.tree && lang) this.words ??= new WordIndex(this.input.text, lang.id === 'js');
      this.analysis = analyse(this.tree, this.input, this.words);
    }
    return this.analysis.sites;
  }

  applyEdit(change: TextChange): Site[] {
    const old = this.input.text;
    const start = clamp(change.start, 0, old.length);
    const oldEnd = clamp(change.oldEnd, start, old.length);
    const newText = typeof change.newText === 'string' ? change.newText : '';
    const text = old.slice(0, start) + newText + old.slice(oldEnd);
    const e: EditShape = { start, oldEnd, newEnd: start + newText.length };
    const oldTree = this.tree;
    const startPosition = this.lines.pointAt(start);
    const oldEndPosition = this.lines.pointAt(oldEnd);
    this.lines.edit(start, oldEnd, newText);
    const newEndPosition = this.lines.pointAt(e.newEnd);
    let edited = false;
    if (oldTree) {
      try {
        oldTree.edit({ startIndex: start, oldEndIndex: oldEnd, newEndIndex: e.newEnd, startPosition, oldEndPosition, newEndPosition });
        edited = true;
      } catch {
        edited = false;
      }
    }
    this.input = { ...this.input, text };
    this.words?.edit(old, text, start, oldEnd, e.newEnd);
    const next = oldTree || mayContainSite(text) ? parse(this.parsers, this.budget, this.input, edited ? oldTree : null) : null;
    let changed: Array<{ start: number; end: number }> | null = null;
    try {
      changed = edited && oldTree && next ? next.getChangedRanges(oldTree).map((r) => ({ start: r.startIndex, end: r.endIndex })) : null;
    } catch {
      changed = null;
    }
    oldTree?.delete();
    this.tree = next;
    const prev = this.analysis;
    this.analysis = prev && changed ? this.reuse(prev, e, old, changed) : null;
    return this.sites();
  }

  /** The analysis after an edit from the previous one, or null when it must be redone in full. */
  private reuse(prev: Analysis, e: EditShape, old: string, changed: Array<{ start: number; end: number }>): Analysis | null {
    const lang = moduleFor(this.input);
    if (!this.tree || !lang) return null;
    try {
      const plan = planEdit(prev, e, old, this.input.text, changed, keywords);
      if (plan.kind === 'full') return null;
      const ctx = new FileContext(this.input.text, this.tree.rootNode, lang, this.input, this.words);
      const sites = [...plan.keep];
      const deps = [...plan.deps];
      for (const i of plan.redo) {
        const before = prev.sites[i] as Site;
        const s = shiftOffset(e, before.span.start);
        const a = shiftSpan(e, before.anchor);
        if (s === null || a === null) return null;
        const again = recognizeAt(ctx, this.input.language, s, a);
        if (!again) return null;
        sites[i] = again.site;
        deps[i] = again.site ? again.deps : null;
      }
      const kept = sites.map((site, i) => ({ site, deps: deps[i] })).filter((x): x is { site: Site; deps: Array<{ start: number; end: number }> } => !!x.site && !!x.deps);
      kept.sort((x, y) => x.site.span.start - y.site.span.start);
      const words = new Set(prev.words);
      for (const w of ctx.lookedUp) words.add(w);
      return {
        sites: kept.map((k) => k.site),
        deps: kept.map((k) => k.deps),
        global: prev.global.map((g) => shiftSpan(e, g)).filter((g): g is { start: number; end: number } => !!g),
        words,
      };
    } catch {
      return null;
    }
  }

  dispose(): void {
    this.tree?.delete();
    this.tree = null;
    this.analysis = empty;
  }
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(Math.max(Number.isFinite(n) ? n : lo, lo), hi);
}

function parse(parsers: Parsers, budget: BudgetedParse, input: DetectInput, old: Tree | null): Tree | null {
  const parser = parsers.parserFor(input.language);
  if (!parser) return null;
  try {
    return budget.parse(parser, input.text, old);
  } catch {
    try {
      parser.reset();
    } catch {
      // nothing more to undo
    }
    return null;
  }
}

/** Detection over loaded parsers. */
export class TreeSitterDetector implements Detector {
  private readonly budget: BudgetedParse;

  constructor(
    private readonly parsers: Parsers,
    clock?: () => number,
  ) {
    this.budget = new BudgetedParse(clock);
  }

  detect(input: DetectInput): Site[] {
    if (typeof input?.text !== 'string' || !mayContainSite(input.text)) return [];
    const tree = parse(this.parsers, this.budget, input, null);
    try {
      return analyse(tree, input).sites;
    } finally {
      tree?.delete();
    }
  }

  open(input: DetectInput): DetectDocument {
    return new Document(this.parsers, { ...input, text: typeof input?.text === 'string' ? input.text : '' }, this.budget);
  }
}
