/** The {@link Detector}: parse with tree-sitter, recognise sites, keep trees for incremental edits. */
import type { Site } from '../model';
import { FileContext } from './context';
import type { LanguageModule } from './ir';
import { javascript } from './lang/javascript';
import { python } from './lang/python';
import { grammarFor, type Parsers, type Point, type Tree } from './parser';
import { recognize } from './recognize';
import type { DetectDocument, DetectInput, Detector, TextChange } from './types';

function moduleFor(input: DetectInput): LanguageModule | null {
  const g = grammarFor[input.language];
  if (!g) return null;
  return g === 'python' ? python : javascript;
}

function analyse(tree: Tree | null, input: DetectInput): Site[] {
  const lang = moduleFor(input);
  if (!tree || !lang) return [];
  try {
    return recognize(new FileContext(input.text, tree.rootNode, lang, input), input.language);
  } catch {
    return [];
  }
}

/** Row and column (UTF-16 units, as web-tree-sitter counts for JS strings) of an offset. */
function pointAt(text: string, offset: number): Point {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

class Document implements DetectDocument {
  private tree: Tree | null;
  private current: Site[] | null = null;

  constructor(
    private readonly parsers: Parsers,
    private input: DetectInput,
  ) {
    this.tree = parse(parsers, input, null);
  }

  get text(): string {
    return this.input.text;
  }

  sites(): Site[] {
    this.current ??= analyse(this.tree, this.input);
    return this.current;
  }

  applyEdit(e: TextChange): Site[] {
    const old = this.input.text;
    const start = clamp(e.start, 0, old.length);
    const oldEnd = clamp(e.oldEnd, start, old.length);
    const text = old.slice(0, start) + e.newText + old.slice(oldEnd);
    const newEnd = start + e.newText.length;
    if (this.tree) {
      try {
        this.tree.edit({
          startIndex: start,
          oldEndIndex: oldEnd,
          newEndIndex: newEnd,
          startPosition: pointAt(old, start),
          oldEndPosition: pointAt(old, oldEnd),
          newEndPosition: pointAt(text, newEnd),
        });
      } catch {
        this.tree.delete();
        this.tree = null;
      }
    }
    this.input = { ...this.input, text };
    const next = parse(this.parsers, this.input, this.tree);
    this.tree?.delete();
    this.tree = next;
    this.current = null;
    return this.sites();
  }

  dispose(): void {
    this.tree?.delete();
    this.tree = null;
    this.current = [];
  }
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(Math.max(Number.isFinite(n) ? n : lo, lo), hi);
}

function parse(parsers: Parsers, input: DetectInput, old: Tree | null): Tree | null {
  try {
    return parsers.parserFor(input.language)?.parse(input.text, old) ?? null;
  } catch {
    return null;
  }
}

/** Detection over loaded parsers. */
export class TreeSitterDetector implements Detector {
  constructor(private readonly parsers: Parsers) {}

  detect(input: DetectInput): Site[] {
    if (typeof input?.text !== 'string') return [];
    const tree = parse(this.parsers, input, null);
    try {
      return analyse(tree, input);
    } finally {
      tree?.delete();
    }
  }

  open(input: DetectInput): DetectDocument {
    return new Document(this.parsers, { ...input, text: typeof input?.text === 'string' ? input.text : '' });
  }
}
