/**
 * The per-document analysis cache every feature reads from. Sites and estimates are computed once
 * per document version (in-flight work is shared) by a backend: the analysis worker on the
 * desktop, the extension host's thread on the web. The backend keeps each document's text and
 * syntax tree and re-parses only what the edits queued here since the last request touched.
 * Documents over the open-document bounds (`bounds.ts`) are never sent. Settings or
 * `promptmeter.yaml` changes drop the results.
 */
import * as vscode from 'vscode';
import type { Site, SiteEstimate } from '../core/model';
import { documentSkipReason } from './bounds';
import { mergeEdits } from './edits';
import type { Engine } from './engine';
import type { IdleTracker } from './idle';
import { sourceLanguages } from './ids';
import type { SettingsStore } from './settings';
import type { AnalysisBackend } from './worker/backend';
import { analyzeOnce } from './worker/oneShot';
import { OUT_OF_SYNC, WORKER_DIED, type AnalyzeResult, type LinkedTexts, type OpenDocument, type Want } from './worker/protocol';
import type { WorkspaceConfigStore } from './workspaceConfig';

interface Versioned<T> {
  version: number;
  value: T;
}

interface Entry {
  key: string;
  doc: vscode.TextDocument;
  /** Whether the backend holds this document (its text as of the last request). */
  opened: boolean;
  /** Changes since the last request, sent folded into one with the next. */
  queue: vscode.TextDocumentContentChangeEvent[];
  /** Linked files read since the last request, shipped with the next. */
  files: LinkedTexts;
  sites?: Promise<Versioned<Site[]>>;
  estimates?: Promise<Versioned<SiteEstimate[]>>;
  latest?: Versioned<SiteEstimate[]>;
  skip?: { version: number; reason: string | null };
  /** Whether the parse of this version was stopped by its time budget (see `parseStopped`). */
  stopped?: { version: number; stopped: boolean };
}

/** Requests overtaken by newer ones are asked again; typing can overtake a few in a row. */
const MAX_ROUNDS = 50;

export class Analysis implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly linked = new LinkedFiles(() => this.invalidate());
  private readonly invalidated = new vscode.EventEmitter<void>();
  private readonly analyzed = new vscode.EventEmitter<{ uri: vscode.Uri; estimates: SiteEstimate[] }>();
  private readonly disposables: vscode.Disposable[];
  private readonly reportedSkips = new Map<string, string>();
  private backendInstance: AnalysisBackend | undefined;
  private disposed = false;
  /** Fires when every result is stale (settings, workspace file, a prompt file changed). */
  readonly onDidInvalidate = this.invalidated.event;
  /** Fires when a document's estimates are ready. */
  readonly onDidAnalyze = this.analyzed.event;

  constructor(
    private readonly engine: Engine,
    private readonly settings: SettingsStore,
    private readonly workspace: WorkspaceConfigStore,
    private readonly idle: IdleTracker,
    /** Made on the first analysis (a worker is not started at activation). */
    private readonly createBackend: () => AnalysisBackend,
    private readonly log: (line: string) => void = () => undefined,
  ) {
    this.disposables = [
      vscode.workspace.onDidChangeTextDocument((e) => {
        const entry = this.entries.get(e.document.uri.toString());
        if (entry?.opened && e.contentChanges.length) entry.queue.push(...e.contentChanges);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d)),
      settings.onDidChange(() => this.invalidate()),
      workspace.onDidChange(() => this.invalidate()),
      this.linked,
    ];
  }

  /** Whether a document can hold call sites or is a template file. */
  handles(doc: vscode.TextDocument): boolean {
    // Code languages need no settings to decide, so this answers without loading core.
    if (sourceLanguages.includes(doc.languageId)) return true;
    return this.engine.handles(doc.languageId, relativePath(doc.uri), this.settings.value, this.workspace.configFor(doc.uri));
  }

  /**
   * Why a document is not analysed (over 2 MB, minified, binary), or null; checked once per
   * version. The first time a document is skipped for a reason, the output channel says so.
   */
  skipReason(doc: vscode.TextDocument): string | null {
    const entry = this.entry(doc);
    if (entry.skip?.version !== doc.version) {
      entry.skip = { version: doc.version, reason: documentSkipReason(doc.getText()) };
      const reason = entry.skip.reason;
      if (reason && this.reportedSkips.get(entry.key) !== reason) {
        this.reportedSkips.set(entry.key, reason);
        this.log(`${relativePath(doc.uri)}: not analysed (${reason}); no CodeLens or diagnostics for it`);
      }
    }
    return entry.skip.reason;
  }

  /**
   * Whether the backend stopped the parse of the document's current version (tree-sitter's error
   * recovery ran past its time budget): it then shows no sites because its text was not read.
   * Known once a request for this version has answered; false before and once a later one parses.
   */
  parseStopped(doc: vscode.TextDocument): boolean {
    const s = this.entries.get(doc.uri.toString())?.stopped;
    return !!s && s.version === doc.version && s.stopped;
  }

  /** The sites of the document's current text: detection only, no tokenizer needed. */
  sites(doc: vscode.TextDocument): Promise<Site[]> {
    const entry = this.entry(doc);
    const cached = entry.sites;
    const p = (async (): Promise<Versioned<Site[]>> => {
      const prev = cached ? await cached.catch(() => undefined) : undefined;
      if (prev && prev.version === doc.version) return prev;
      const r = await this.request(doc, entry, 'sites');
      return { version: r.version, value: r.sites };
    })();
    entry.sites = p;
    return this.idle.track(p).then((s) => s.value);
  }

  /** Priced and judged sites of the document's current text. */
  estimates(doc: vscode.TextDocument): Promise<SiteEstimate[]> {
    const entry = this.entry(doc);
    const cached = entry.estimates;
    const p = (async (): Promise<Versioned<SiteEstimate[]>> => {
      const prev = cached ? await cached.catch(() => undefined) : undefined;
      if (prev && prev.version === doc.version) return prev;
      const r = await this.request(doc, entry, 'estimates');
      const result = { version: r.version, value: r.estimates ?? [] };
      if (this.entries.get(entry.key) === entry && (!entry.latest || entry.latest.version <= result.version)) {
        entry.latest = result;
        this.analyzed.fire({ uri: doc.uri, estimates: result.value });
      }
      return result;
    })();
    entry.estimates = p;
    p.catch((e: unknown) => !this.disposed && this.log(`analysis of ${relativePath(doc.uri)} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
    return this.idle.track(p).then((r) => r.value);
  }

  /** Tokens of free text (a selection) with a model's tokenizer, off the host thread where possible. */
  count(text: string, model: string | null): Promise<{ tokens: number; exact: boolean }> {
    return this.backend().count(text, model);
  }

  /**
   * One analysis of a text no editor holds (the report's scan), on the same backend as the
   * editor's documents (the worker on the desktop) under a key of its own; see `analyzeOnce`.
   */
  analyzeText(doc: OpenDocument, readLinked: (paths: string[]) => Promise<LinkedTexts>): Promise<AnalyzeResult> {
    return analyzeOnce(() => this.backend(), doc, readLinked);
  }

  /** The last estimates computed for a document, whatever its version; for synchronous readers. */
  latest(uri: vscode.Uri): { version: number; estimates: SiteEstimate[] } | undefined {
    const l = this.entries.get(uri.toString())?.latest;
    return l && { version: l.version, estimates: l.value };
  }

  /** Documents with analysis state (the lifecycle test checks it returns to its baseline). */
  documentCount(): number {
    return this.entries.size;
  }

  /**
   * One round trip to the backend for the document's current text. A skipped document gets no
   * sites; a request overtaken by a newer one, a resync or a worker that died is asked again.
   */
  private async request(doc: vscode.TextDocument, entry: Entry, want: Want): Promise<AnalyzeResult> {
    if (!this.handles(doc) || this.skipReason(doc)) {
      this.close(entry);
      return { version: doc.version, sites: [], estimates: [], misses: [] };
    }
    await this.workspace.ready();
    let failures = 0;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const backend = this.backend();
      // Text, version and queue are read together, with no await in between: every change event
      // up to now is in the queue and in the text.
      const text = doc.getText();
      const version = doc.version;
      const files = entry.files;
      entry.files = {};
      let edit = null;
      if (!entry.opened) {
        backend.open(entry.key, {
          path: relativePath(doc.uri), languageId: doc.languageId, text, version,
          settings: this.settings.value, workspace: this.workspace.configFor(doc.uri),
        });
        entry.opened = true;
        entry.queue = [];
      } else {
        edit = mergeEdits(entry.queue.splice(0).map((c) => ({ start: c.rangeOffset, oldEnd: c.rangeOffset + c.rangeLength, newText: c.text })), text);
      }
      let outcome;
      try {
        outcome = await backend.analyze(entry.key, { version, edit, length: text.length, want, files });
      } catch (e) {
        // Out of sync, or the worker died under the request: open the document afresh, once.
        if (++failures > 1 || !(e instanceof Error) || !(e.message.includes(OUT_OF_SYNC) || e.message === WORKER_DIED)) throw e;
        this.close(entry);
        continue;
      }
      if (outcome.superseded) continue;
      if (outcome.misses.length && this.readLinked(doc, entry, outcome.misses)) continue;
      this.noteStopped(doc, entry, outcome);
      return outcome;
    }
    throw new Error(`analysis of ${relativePath(doc.uri)} kept being overtaken by newer edits`);
  }

  /** Records whether this version's parse was stopped; the output channel says so once per stop. */
  private noteStopped(doc: vscode.TextDocument, entry: Entry, outcome: AnalyzeResult): void {
    const stopped = outcome.parseStopped === true;
    const was = entry.stopped?.stopped === true;
    if (!entry.stopped || entry.stopped.version <= outcome.version) entry.stopped = { version: outcome.version, stopped };
    if (stopped && !was) this.log(`${relativePath(doc.uri)}: not analysed (parse stopped: tree-sitter could not recover from a syntax error in time); analysis resumes on the next edit that parses`);
  }

  /** Reads the linked files detection missed; true when one was at hand, so a re-read helps. */
  private readLinked(doc: vscode.TextDocument, entry: Entry, misses: string[]): boolean {
    const dir = vscode.Uri.joinPath(doc.uri, '..');
    let found = false;
    for (const p of misses) {
      const text = this.linked.read(dir, p);
      entry.files[p] = text ?? null;
      if (text !== undefined) found = true;
    }
    return found;
  }

  private backend(): AnalysisBackend {
    // Work that was in flight at deactivation must not start a worker nobody will stop.
    if (this.disposed) throw new Error('analysis stopped: the extension was deactivated');
    if (!this.backendInstance) {
      this.backendInstance = this.createBackend();
      // The worker was replaced: it holds no documents; each is opened again on its next request.
      this.backendInstance.onDidReset(() => {
        for (const e of this.entries.values()) e.opened = false;
      });
    }
    return this.backendInstance;
  }

  private close(entry: Entry): void {
    if (entry.opened) this.backendInstance?.close(entry.key);
    entry.opened = false;
    entry.queue = [];
  }

  private entry(doc: vscode.TextDocument): Entry {
    const key = doc.uri.toString();
    let e = this.entries.get(key);
    // A closed untitled document's name is given to the next one: a new document object under a
    // known key is a new document, whatever its version says (its close event may come later).
    if (e && e.doc !== doc) {
      this.close(e);
      e = undefined;
    }
    if (!e) this.entries.set(key, (e = { key, doc, opened: false, queue: [], files: {} }));
    return e;
  }

  /** Drops every result (and syntax tree: template globs may have changed what a file is). */
  invalidate(): void {
    for (const e of this.entries.values()) this.close(e);
    this.entries.clear();
    this.invalidated.fire();
  }

  private forget(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    const e = this.entries.get(key);
    // Only the closed document's own state: its name may belong to a newer document already.
    if (e && e.doc !== doc) return;
    if (e) this.close(e);
    this.entries.delete(key);
    this.reportedSkips.delete(key);
  }

  dispose(): void {
    this.disposed = true;
    this.invalidate();
    this.backendInstance?.dispose();
    this.backendInstance = undefined;
    this.invalidated.dispose();
    this.analyzed.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

export function relativePath(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false).replace(/\\/g, '/');
}

/**
 * Prompt files that code reads from disk (`readFileSync('prompts/x.txt')`). Detection asks
 * synchronously; a file not read yet is fetched in the background and the analysis redone.
 */
class LinkedFiles implements vscode.Disposable {
  private readonly texts = new Map<string, string | undefined>();
  constructor(private readonly onLoaded: () => void) {}

  read(dir: vscode.Uri, path: string): string | undefined {
    if (/^[a-z]+:/i.test(path) || path.startsWith('/')) return undefined;
    const uri = vscode.Uri.joinPath(dir, path);
    const key = uri.toString();
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    if (open) return open.getText();
    if (this.texts.has(key)) return this.texts.get(key);
    this.texts.set(key, undefined);
    void Promise.resolve(vscode.workspace.fs.readFile(uri)).then(
      (bytes) => {
        this.texts.set(key, new TextDecoder().decode(bytes));
        this.onLoaded();
      },
      () => undefined,
    );
    return undefined;
  }

  dispose(): void {
    this.texts.clear();
  }
}
