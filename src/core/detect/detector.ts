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
import type { DetectDocument, DetectInput, DetectResult, Detector, TextChange } from './types';

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
  private stopped = false;
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
    this.tree = mayContainSite(input.text) ? this.parsed(parse(parsers, budget, input, null)) : null;
    this.lines = new LineIndex(input.text);
  }

  get text(): string {
    return this.input.text;
  }

  get parseStopped(): boolean {
    return this.stopped;
  }

  private parsed(p: Parsed): Tree | null {
    this.stopped = p.stopped;
    return p.tree;
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
    // A text that cannot hold a site is not parsed, so it cannot have been stopped either.
    const next = this.parsed(oldTree || mayContainSite(text) ? parse(this.parsers, this.budget, this.input, edited ? oldTree : null) : unparsed);
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

/** A parse's tree, and whether the budget stopped it (null without being stopped: no grammar, or the parser threw). */
interface Parsed {
  tree: Tree | null;
  stopped: boolean;
}

const unparsed: Parsed = { tree: null, stopped: false };

function parse(parsers: Parsers, budget: BudgetedParse, input: DetectInput, old: Tree | null): Parsed {
  const parser = parsers.parserFor(input.language);
  if (!parser) return unparsed;
  try {
    // The budget answers null only when it stopped the parse (now, or for this text before).
    const tree = budget.parse(parser, input.text, old);
    return { tree, stopped: tree === null };
  } catch {
    try {
      parser.reset();
    } catch {
      // nothing more to undo
    }
    return unparsed;
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
    return this.detectWithStatus(input).sites;
  }

  detectWithStatus(input: DetectInput): DetectResult {
    if (typeof input?.text !== 'string' || !mayContainSite(input.text)) return { sites: [], parseStopped: false };
    const { tree, stopped } = parse(this.parsers, this.budget, input, null);
    try {
      return { sites: analyse(tree, input).sites, parseStopped: stopped };
    } finally {
      tree?.delete();
    }
  }

  open(input: DetectInput): DetectDocument {
    return new Document(this.parsers, { ...input, text: typeof input?.text === 'string' ? input.text : '' }, this.budget);
  }
}
