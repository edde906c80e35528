/**
 * The one module that drives core for the editor: detection (tree-sitter loaded on first need),
 * tokenizers (ranks loaded on first need, per encoding), prices with the workspace's overrides,
 * and `analyzeSites`. Features never call core's pipeline themselves.
 */
import { analyzeSites, estimateSite, requiredEncodings, siteIds, type AnalysisContext } from '../core/analyze';
import { runRules, suppressedRules } from '../core/rules';
import { templateGlobs, type Settings, type WorkspaceConfig } from '../core/config';
import { initDetection, type DetectDocument, type Detector } from '../core/detect';
import { detectTemplate, isTemplatePath } from '../core/detect/templates';
import type { Language, Site, SiteEstimate } from '../core/model';
import { costOfCall, timesCalls } from '../core/estimate';
import { defaultPriceTable, type PriceTable } from '../core/pricing';
import { Tokenizers } from '../core/tokens';
import type { Assets } from './assets';
import type { PriceDetails } from './present';

/** What analysis needs to know about one document. */
export interface SourceText {
  /** Workspace-relative path with forward slashes (what reports and volumes match against). */
  path: string;
  text: string;
  /** The editor's language id. */
  languageId: string;
  /** Prompt files the code reads, resolved relative to this document; undefined when missing. */
  readFile?: (path: string) => string | undefined;
}

const CODE_LANGUAGES: Record<string, Language> = {
  typescript: 'typescript',
  typescriptreact: 'typescriptreact',
  javascript: 'javascript',
  javascriptreact: 'javascriptreact',
  python: 'python',
};

export class Engine {
  private detector: Promise<Detector> | undefined;
  private readonly tokenizers: Tokenizers;
  private prices: { models: WorkspaceConfig['models']; table: PriceTable } | undefined;

  private readonly ensured = new Set<string>();

  constructor(private readonly assets: Assets, private readonly log: (line: string) => void) {
    this.tokenizers = new Tokenizers((enc) => assets.ranks(enc));
  }

  /** Whether a document is analysed at all: a served language or a template file. */
  handles(languageId: string, path: string, settings: Settings, ws: WorkspaceConfig): boolean {
    return languageId in CODE_LANGUAGES || isTemplatePath(path, [...templateGlobs(ws, settings)]);
  }

  /** Template files need no parser; code waits for tree-sitter the first time. */
  async open(src: SourceText, settings: Settings, ws: WorkspaceConfig): Promise<SiteSource> {
    const globs = [...templateGlobs(ws, settings)];
    if (isTemplatePath(src.path, globs)) return new TemplateSource(src.path, globs);
    const language = CODE_LANGUAGES[src.languageId];
    if (!language) return new EmptySource();
    this.detector ??= this.timed('tree-sitter loaded', () => initDetection({ loadWasm: (name) => this.assets.wasm(name) }));
    const detector = await this.detector;
    return new CodeSource(detector.open({ text: src.text, language, path: src.path, readFile: src.readFile }));
  }

  /** Prices and judges the sites of one text; loads any tokenizer they need first. */
  async estimate(path: string, text: string, sites: Site[], settings: Settings, ws: WorkspaceConfig): Promise<SiteEstimate[]> {
    if (sites.length === 0) return [];
    const ctx: AnalysisContext = { tokenizers: this.tokenizers, prices: this.priceTable(ws), settings, workspace: ws };
    await Promise.all(requiredEncodings(sites, ctx).map((e) => this.timed(`${e} ranks loaded`, () => this.tokenizers.ensure(e), true)));
    return sites.length === 1 ? analyzeSites(path, text, sites, ctx) : analyzeSliced(path, text, sites, ctx);
  }

  /** Tokens of free text (a selection) with a model's tokenizer; unknown models are approximated. */
  async count(text: string, modelId: string | null): Promise<{ tokens: number; exact: boolean }> {
    await this.tokenizers.ensure(this.tokenizers.encodingFor(modelId));
    const t = this.tokenizers.forModel(modelId);
    return { tokens: t.count(text), exact: t.exact };
  }

  /** The price row and the alternative costs a hover shows for one estimate. */
  details(est: SiteEstimate, ws: WorkspaceConfig): PriceDetails {
    const table = this.priceTable(ws);
    const price = est.resolvedModel ? table.lookup(est.resolvedModel) : null;
    if (!price) return { price: null, cached: null, batch: null, siblings: [] };
    const usage = { input: est.inputTokens, output: est.outputTokensExpected };
    const cached =
      // Below the provider's minimum a prefix is never cached, so there is no cached price to show.
      price.cachedInputPerMTok !== null && est.cache.eligibleTokens > 0 && est.cache.eligibleTokens >= (price.minCacheableTokens ?? 0)
        ? costOfCall(price, { ...usage, cachedInput: Math.min(est.cache.eligibleTokens, est.inputTokens) })
        : null;
    const batch = price.batchDiscount ? costOfCall(price, { ...usage, batch: true }) : null;
    const siblings = table.cheaperSiblings(price).map((m) => {
      const perCall = costOfCall(m, usage);
      return { id: m.id, perCall, monthly: timesCalls(perCall.total, est.volume.callsPerMonth) };
    });
    return { price, cached, batch, siblings };
  }

  /** Logs how long a one-off load took (the first time only), for the output channel. */
  private async timed<T>(what: string, f: () => Promise<T>, once = false): Promise<T> {
    if (once && this.ensured.has(what)) return f();
    this.ensured.add(what);
    const t = Date.now();
    const r = await f();
    this.log(`${what} in ${Date.now() - t} ms`);
    return r;
  }

  private priceTable(ws: WorkspaceConfig): PriceTable {
    if (!this.prices || this.prices.models !== ws.models) this.prices = { models: ws.models, table: defaultPriceTable(ws.models) };
    return this.prices.table;
  }
}


/** Longest stretch the extension host is kept busy before analysis yields to other work. */
const SLICE_MS = 20;

/**
 * `analyzeSites`, one site at a time with a yield whenever a slice is used up, so a file with
 * many prompts never holds the extension host for long. Ids are computed over all sites first
 * (they number sites of the same API in file order, and volumes in promptmeter.yaml refer to them).
 */
async function analyzeSliced(path: string, text: string, sites: Site[], ctx: AnalysisContext): Promise<SiteEstimate[]> {
  const ids = siteIds(path, sites);
  const out: SiteEstimate[] = [];
  let sliceStart = Date.now();
  for (let i = 0; i < sites.length; i++) {
    if (Date.now() - sliceStart > SLICE_MS) {
      await yieldToHost();
      sliceStart = Date.now();
    }
    const est = estimateSite(path, text, sites[i]!, ids[i]!, ctx);
    const suppressed = suppressedRules(sites[i]!, text);
    if (suppressed.length) est.suppressedRules = suppressed;
    est.findings = runRules(est, ctx, text);
    out.push(est);
  }
  return out;
}

/**
 * Lets queued events run. setImmediate (Node host) resumes right after them; a timer would add at
 * least its 1 ms clamp and, on a busy machine, a wait for the timer phase. The web worker host
 * has no setImmediate and falls back to a timer.
 */
function yieldToHost(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (f: () => void) => unknown }).setImmediate;
  return new Promise((r) => (immediate ? immediate(r) : setTimeout(r, 0)));
}

/** The sites of one document, kept across edits (incrementally for code). */
export interface SiteSource {
  sites(text: string): Site[];
  /** Applies one edit in offsets of the text before it; returns false when a full re-read is needed. */
  edit(change: { start: number; oldEnd: number; newText: string }): boolean;
  dispose(): void;
  /** Whether the last parse was stopped by its time budget (the text then has no sites); absent: never. */
  parseStopped?(): boolean;
}

class CodeSource implements SiteSource {
  private current: Site[] | undefined;
  constructor(private readonly doc: DetectDocument) {}
  sites(text: string): Site[] {
    // A missed or misordered change would leave the tree behind the editor: never trust it then.
    if (this.doc.text !== text) throw new Error('detection text out of sync');
    return (this.current ??= this.doc.sites());
  }
  edit(change: { start: number; oldEnd: number; newText: string }): boolean {
    this.current = this.doc.applyEdit(change);
    return true;
  }
  parseStopped(): boolean {
    return this.doc.parseStopped;
  }
  dispose(): void {
    this.doc.dispose();
  }
}

class TemplateSource implements SiteSource {
  constructor(private readonly path: string, private readonly globs: string[]) {}
  sites(text: string): Site[] {
    const s = detectTemplate(this.path, text, { templateGlobs: this.globs });
    return s ? [s] : [];
  }
  edit(): boolean {
    return true;
  }
  dispose(): void {}
}

class EmptySource implements SiteSource {
  sites(): Site[] {
    return [];
  }
  edit(): boolean {
    return true;
  }
  dispose(): void {}
}

