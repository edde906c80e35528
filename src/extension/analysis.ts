/**
 * The per-document analysis cache every feature reads from. Sites and estimates are computed once
 * per document version (in-flight work is shared); code documents keep their syntax tree and
 * re-parse only what an edit touched. Settings or `promptmeter.yaml` changes drop the results.
 */
import * as vscode from 'vscode';
import type { Site, SiteEstimate } from '../core/model';
import { mergeEdits } from './edits';
import type { Engine, SiteSource } from './engine';
import type { IdleTracker } from './idle';
import { sourceLanguages } from './ids';
import type { SettingsStore } from './settings';
import type { WorkspaceConfigStore } from './workspaceConfig';

interface Versioned<T> {
  version: number;
  text: string;
  value: T;
}

interface Entry {
  source?: Promise<SiteSource>;
  /** Edits since the source was opened, applied lazily on the next read. */
  queue: vscode.TextDocumentContentChangeEvent[];
  sites?: Promise<Versioned<Site[]>>;
  estimates?: Promise<Versioned<SiteEstimate[]>>;
  latest?: Versioned<SiteEstimate[]>;
}

export class Analysis implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly linked = new LinkedFiles(() => this.invalidate());
  private readonly invalidated = new vscode.EventEmitter<void>();
  private readonly analyzed = new vscode.EventEmitter<{ uri: vscode.Uri; estimates: SiteEstimate[] }>();
  private readonly disposables: vscode.Disposable[];
  /** Fires when every result is stale (settings, workspace file, a prompt file changed). */
  readonly onDidInvalidate = this.invalidated.event;
  /** Fires when a document's estimates are ready. */
  readonly onDidAnalyze = this.analyzed.event;

  constructor(
    private readonly engine: Engine,
    private readonly settings: SettingsStore,
    private readonly workspace: WorkspaceConfigStore,
    private readonly idle: IdleTracker,
    private readonly log: (line: string) => void = () => undefined,
  ) {
    this.disposables = [
      vscode.workspace.onDidChangeTextDocument((e) => {
        const entry = this.entries.get(e.document.uri.toString());
        if (entry?.source && e.contentChanges.length) entry.queue.push(...e.contentChanges);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
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

  /** The sites of the document's current text: detection only, no tokenizer needed. */
  sites(doc: vscode.TextDocument): Promise<Site[]> {
    return this.sitesVersioned(doc).then((s) => s.value);
  }

  /** Priced and judged sites of the document's current text. */
  estimates(doc: vscode.TextDocument): Promise<SiteEstimate[]> {
    const entry = this.entry(doc.uri);
    const cached = entry.estimates;
    const p = (async (): Promise<Versioned<SiteEstimate[]>> => {
      const prev = cached ? await cached.catch(() => undefined) : undefined;
      if (prev && prev.version === doc.version) return prev;
      const sites = await this.sitesVersioned(doc);
      await this.workspace.ready();
      const ws = this.workspace.configFor(doc.uri);
      const value = await this.engine.estimate(relativePath(doc.uri), sites.text, sites.value, this.settings.value, ws);
      const result = { version: sites.version, text: sites.text, value };
      if (!entry.latest || entry.latest.version <= result.version) {
        entry.latest = result;
        this.analyzed.fire({ uri: doc.uri, estimates: value });
      }
      return result;
    })();
    entry.estimates = p;
    p.catch((e: unknown) => this.log(`analysis of ${relativePath(doc.uri)} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
    return this.idle.track(p).then((r) => r.value);
  }

  /** The last estimates computed for a document, whatever its version; for synchronous readers. */
  latest(uri: vscode.Uri): { version: number; estimates: SiteEstimate[] } | undefined {
    const l = this.entries.get(uri.toString())?.latest;
    return l && { version: l.version, estimates: l.value };
  }

  private sitesVersioned(doc: vscode.TextDocument): Promise<Versioned<Site[]>> {
    const entry = this.entry(doc.uri);
    const cached = entry.sites;
    const p = (async (): Promise<Versioned<Site[]>> => {
      const prev = cached ? await cached.catch(() => undefined) : undefined;
      if (prev && prev.version === doc.version) return prev;
      if (!this.handles(doc)) return { version: doc.version, text: doc.getText(), value: [] };
      await this.workspace.ready();
      for (let attempt = 0; ; attempt++) {
        const source = await this.source(doc, entry);
        // Read text and version after the await: every change event up to now is in the queue.
        const text = doc.getText();
        const version = doc.version;
        try {
          const edit = mergeEdits(entry.queue.splice(0).map((c) => ({ start: c.rangeOffset, oldEnd: c.rangeOffset + c.rangeLength, newText: c.text })), text);
          if (edit) source.edit(edit);
          return { version, text, value: source.sites(text) };
        } catch (e) {
          source.dispose();
          entry.source = undefined;
          if (attempt > 0) throw e;
        }
      }
    })();
    entry.sites = p;
    return this.idle.track(p);
  }

  private source(doc: vscode.TextDocument, entry: Entry): Promise<SiteSource> {
    if (!entry.source) {
      entry.queue = [];
      const dir = vscode.Uri.joinPath(doc.uri, '..');
      entry.source = this.engine.open(
        { path: relativePath(doc.uri), text: doc.getText(), languageId: doc.languageId, readFile: (p) => this.linked.read(dir, p) },
        this.settings.value,
        this.workspace.configFor(doc.uri),
      );
    }
    return entry.source;
  }

  private entry(uri: vscode.Uri): Entry {
    const key = uri.toString();
    let e = this.entries.get(key);
    if (!e) this.entries.set(key, (e = { queue: [] }));
    return e;
  }

  /** Drops every result (and syntax tree: template globs may have changed what a file is). */
  invalidate(): void {
    for (const e of this.entries.values()) void e.source?.then((s) => s.dispose(), () => undefined);
    this.entries.clear();
    this.invalidated.fire();
  }

  private forget(uri: vscode.Uri): void {
    const e = this.entries.get(uri.toString());
    void e?.source?.then((s) => s.dispose(), () => undefined);
    this.entries.delete(uri.toString());
  }

  dispose(): void {
    this.invalidate();
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
