/**
 * Tree-sitter (WASM) as detection's parser. The runtime and grammars arrive as bytes from the
 * host, so nothing here depends on Node or a URL; see docs/detection.md for why tree-sitter.
 */
import { Language as TsLanguage, Node as TsNode, Parser } from '@vscode/tree-sitter-wasm';
import type { Language } from '../model';
import type { DetectionHost, WasmName } from './types';

export type { Node, Tree, Edit, Point, Parser } from '@vscode/tree-sitter-wasm';

/**
 * A node's `type`, `endIndex` and `parent` are getters that call into WASM on every read (five
 * writes to a transfer buffer, then the call); detection reads them again and again while it
 * converts and resolves (a quarter of an analysis). A node is a snapshot of one tree that
 * detection never keeps across an edit, so each is read once per node object and kept on it.
 */
function rememberGetter(name: 'type' | 'endIndex' | 'parent'): void {
  const proto = TsNode.prototype as unknown as Record<PropertyKey, unknown>;
  const desc = Object.getOwnPropertyDescriptor(proto, name);
  const read = desc?.get;
  if (!read || (read as { remembered?: boolean }).remembered) return;
  const slot = Symbol(name);
  const get = function (this: Record<symbol, unknown>): unknown {
    let v = this[slot];
    if (v === undefined) {
      v = read.call(this);
      this[slot] = v;
    }
    return v;
  };
  (get as { remembered?: boolean }).remembered = true;
  Object.defineProperty(proto, name, { configurable: true, enumerable: desc.enumerable ?? false, get });
}
for (const name of ['type', 'endIndex', 'parent'] as const) rememberGetter(name);

/** Which grammar parses which source language; template formats are not parsed here. */
export const grammarFor: Partial<Record<Language, Exclude<WasmName, 'tree-sitter'>>> = {
  typescript: 'typescript',
  typescriptreact: 'tsx',
  javascript: 'javascript',
  javascriptreact: 'javascript',
  python: 'python',
};

/** Loaded grammars and one parser per grammar (a parser keeps its language set). */
export class Parsers {
  private readonly parsers = new Map<string, Parser>();

  private constructor(private readonly languages: Map<string, TsLanguage>) {}

  /** Loads the runtime once per process, then every grammar (in parallel). */
  static async load(host: DetectionHost): Promise<Parsers> {
    await initRuntime(host);
    const names = [...new Set(Object.values(grammarFor))] as Exclude<WasmName, 'tree-sitter'>[];
    const langs = await Promise.all(names.map(async (n) => [n, await TsLanguage.load(await host.loadWasm(n))] as const));
    return new Parsers(new Map(langs));
  }

  /** The parser for a source language, or null when the language is not parsed. */
  parserFor(language: Language): Parser | null {
    const grammar = grammarFor[language];
    if (!grammar) return null;
    let p = this.parsers.get(grammar);
    if (!p) {
      const lang = this.languages.get(grammar);
      if (!lang) return null;
      p = new Parser();
      p.setLanguage(lang);
      warmUp(p, grammar);
      this.parsers.set(grammar, p);
    }
    return p;
  }
}

/**
 * Code that takes the parser through its common paths and its error recovery. V8 compiles WASM
 * functions on their first call: parsed first, a real file paid that inside its own parse (several
 * times its warm cost), enough to look stuck to the parse budget (parseBudget.ts).
 */
const warmUpCode = {
  js: "import a from 'b';\nconst x = { y: [1, 'z', `t${v}`], ...o };\nexport async function f(q) { return await a.b.c(q, ...r) ?? null; }\nclass C { m() { this.x = new D(); } }\nfunction g() { const s = ''p q r s t; }\n",
  python: 'import a\nfrom b import c as d\nclass C:\n    def m(self, q=1):\n        return self.x.y(q, *r, k="s" f"{t}", **w)\n\ndef g():\n    s = str"p q r s t\n    return s\n',
};

function warmUp(p: Parser, grammar: string): void {
  try {
    p.parse(grammar === 'python' ? warmUpCode.python : warmUpCode.js)?.delete();
  } catch {
    // only a warm-up
  }
}

let runtime: Promise<void> | null = null;

/** The emscripten module is global state: initialise it once, and retry after a failure. */
function initRuntime(host: DetectionHost): Promise<void> {
  if (!runtime) {
    runtime = host
      .loadWasm('tree-sitter')
      // The typings list only `locateFile`, but the emscripten module takes `wasmBinary` too,
      // which is what keeps the runtime from fetching or reading a file itself.
      .then((wasmBinary) => Parser.init({ wasmBinary } as unknown as Parameters<typeof Parser.init>[0]))
      .catch((e: unknown) => {
        runtime = null;
        throw e;
      });
  }
  return runtime;
}
