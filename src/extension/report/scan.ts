/**
 * The workspace scan behind the report: lists files with `findFiles` (so it works in virtual and
 * web workspaces), drops what `.gitignore`, `files.exclude` and the report's include/exclude
 * settings leave out, reads through `vscode.workspace.fs` and analyses through the editor's
 * analysis backend (`Analysis.analyzeText`): on the desktop the worker, so parsing a large file
 * never holds the extension host's thread; on the web the host's thread, one file at a time.
 * Results are kept per file (by modification time and size, or by document version for open
 * editors) so a second run only re-reads what changed. A file that cannot be analysed becomes an
 * error line, never the end of the scan, and the extension host gets a turn between files.
 */
import * as vscode from 'vscode';
import { matchesAny, templateGlobs, type Settings, type WorkspaceConfig } from '../../core/config';
import { languageForPath, parseStoppedMessage } from '../../core/detect';
import { isTemplatePath } from '../../core/detect/templates';
import type { SiteEstimate } from '../../core/model';
import { LineIndex } from '../../core/text/lines';
import { isPathIgnored, parseGitignore, type IgnoreLayer } from '../../core/util/gitignore';
import { sizeSkipReason, textSkipReason, MAX_TEXT_FILE_BYTES } from '../../core/util/textFile';
import type { Analysis } from '../analysis';
import type { LinkedTexts } from '../worker/protocol';

/** What the scan needs of the editor's analysis. */
export type ScanAnalysis = Pick<Analysis, 'handles' | 'estimates' | 'parseStopped' | 'analyzeText'>;

/** A folder the report covers, with the configuration that applies to it. */
export interface ScanRoot {
  uri: vscode.Uri;
  /** Shown before paths when the report covers several folders. */
  name: string;
  ws: WorkspaceConfig;
  /** Whether open editors of this folder are analysed by the editor's own cache. */
  inWorkspace: boolean;
}

export interface ScannedFile {
  root: ScanRoot;
  /** Relative to the root, forward slashes: what volumes, features and budgets match. */
  path: string;
  uri: vscode.Uri;
  estimates: SiteEstimate[];
  lines: LineIndex | undefined;
  error: string | null;
}

export interface ScanStats {
  /** Files listed after every filter. */
  files: number;
  /** Files read and analysed this run. */
  analysed: number;
  /** Files whose results were reused from an earlier run. */
  reused: number;
  errors: number;
  /** Wall time of the whole scan, and of listing the files (findFiles, .gitignore) within it. */
  ms: number;
  listMs: number;
}

export interface ScanOutcome {
  files: ScannedFile[];
  stats: ScanStats;
  cancelled: boolean;
}

interface Cached {
  key: string;
  estimates: SiteEstimate[];
  lines: LineIndex | undefined;
  error: string | null;
  /** Prompt files the code read, with their keys then: a change there re-analyses the file. */
  linked: { uri: vscode.Uri; key: string }[];
}

/** How long the extension host may be kept busy before the scan yields to other work. */
const SLICE_MS = 15;
/** Files whose stat and read are in flight ahead of the one being analysed. */
const READ_AHEAD = 8;

/** A file's I/O done: the cached result still valid, or the bytes to analyse, or why not. */
interface Prepared {
  key: string;
  hit?: Cached;
  dirty?: vscode.TextDocument;
  bytes?: Uint8Array;
  error?: string;
}

export class WorkspaceScanner implements vscode.Disposable {
  private readonly cache = new Map<string, Cached>();
  private readonly listeners: vscode.Disposable[];

  constructor(
    private readonly analysis: ScanAnalysis,
    onConfigChange: vscode.Event<unknown>[],
  ) {
    // Settings and promptmeter.yaml change every estimate: nothing cached survives them.
    this.listeners = onConfigChange.map((e) => e(() => this.cache.clear()));
  }

  /** Lists and analyses every wanted file of the roots, reporting `done/total` as it goes. */
  async scan(
    roots: readonly ScanRoot[],
    settings: Settings,
    progress: (done: number, total: number) => void,
    token: vscode.CancellationToken,
  ): Promise<ScanOutcome> {
    const t0 = Date.now();
    const listed: { root: ScanRoot; path: string; uri: vscode.Uri }[] = [];
    for (const root of roots) {
      for (const f of await listFiles(root, settings, token)) listed.push({ root, ...f });
      if (token.isCancellationRequested) break;
    }
    const stats: ScanStats = { files: listed.length, analysed: 0, reused: 0, errors: 0, ms: 0, listMs: Date.now() - t0 };
    const files: ScannedFile[] = [];
    // Stats and reads are round trips (to a remote or virtual file system): keep a few in flight
    // ahead of the analysis, which runs one file at a time on the extension host.
    const ahead: Promise<Prepared>[] = [];
    const prepared = (i: number) => (ahead[i] ??= this.prepare(listed[i]!.uri));
    let slice = Date.now();
    for (let i = 0; i < listed.length; i++) {
      if (token.isCancellationRequested) break;
      for (let j = i + 1; j < Math.min(listed.length, i + READ_AHEAD); j++) void prepared(j);
      const f = listed[i]!;
      const r = await this.file(f.root, f.path, f.uri, await prepared(i), settings, stats);
      delete ahead[i]; // the bytes are not needed any more
      if (r.error) stats.errors++;
      files.push({ root: f.root, path: f.path, uri: f.uri, ...r });
      progress(files.length, listed.length);
      if (Date.now() - slice > SLICE_MS) {
        await new Promise((res) => setTimeout(res, 0));
        slice = Date.now();
      }
    }
    if (!token.isCancellationRequested) {
      // Deleted or newly excluded files: nothing to keep for them.
      const live = new Set(listed.map((f) => f.uri.toString()));
      for (const id of this.cache.keys()) if (!live.has(id)) this.cache.delete(id);
    }
    stats.ms = Date.now() - t0;
    return { files, stats, cancelled: token.isCancellationRequested };
  }

  /** The I/O part of a file: its key, and its bytes unless the cached result still holds. Never rejects. */
  private async prepare(uri: vscode.Uri): Promise<Prepared> {
    const id = uri.toString();
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === id);
    try {
      // An unsaved editor is the truth for its file; a saved one equals the disk.
      const dirty = open?.isDirty ? open : undefined;
      if (dirty) return { key: `v${dirty.version}`, dirty };
      const stat = await vscode.workspace.fs.stat(uri);
      const key = `${stat.mtime}:${stat.size}`;
      const hit = this.cache.get(id);
      if (hit && hit.key === key && (await unchanged(hit.linked))) return { key, hit };
      const big = sizeSkipReason(stat.size);
      if (big) return { key, error: big };
      return { key, bytes: await vscode.workspace.fs.readFile(uri) };
    } catch (e) {
      return { key: '', error: `cannot read: ${e instanceof Error ? e.message : String(e)}` };
    }
  }

  private async file(root: ScanRoot, path: string, uri: vscode.Uri, p: Prepared, settings: Settings, stats: ScanStats): Promise<Omit<Cached, 'key'>> {
    const id = uri.toString();
    if (p.hit) {
      stats.reused++;
      return p.hit;
    }
    stats.analysed++;
    try {
      const result = p.error
        ? skipped(p.error)
        : p.dirty && root.inWorkspace && this.analysis.handles(p.dirty)
          ? await this.fromEditor(p.dirty)
          : await this.fromText(root, path, uri, p.dirty ? new TextEncoder().encode(p.dirty.getText()) : p.bytes!, settings);
      if (p.key) this.cache.set(id, { key: p.key, ...result });
      return result;
    } catch (e) {
      this.cache.delete(id);
      return skipped(`cannot analyse: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** An open editor: the editor's own analysis (unsaved edits included), shared with CodeLens. */
  private async fromEditor(doc: vscode.TextDocument): Promise<Omit<Cached, 'key'>> {
    const estimates = await this.analysis.estimates(doc);
    if (this.analysis.parseStopped(doc)) return skipped(parseStoppedMessage(doc.getText().length));
    return { estimates, lines: estimates.length ? new LineIndex(doc.getText()) : undefined, error: null, linked: [] };
  }

  private async fromText(root: ScanRoot, path: string, uri: vscode.Uri, bytes: Uint8Array, settings: Settings): Promise<Omit<Cached, 'key'>> {
    const binary = textSkipReason(bytes, null);
    if (binary) return skipped(binary);
    const text = new TextDecoder('utf-8').decode(bytes);
    const skip = textSkipReason(bytes, text);
    if (skip) return skipped(skip);

    const languageId = languageForPath(path) ?? 'plaintext';
    const linked = new LinkedReader(vscode.Uri.joinPath(uri, '..'));
    const doc = { path, languageId, text, version: 1, settings, workspace: root.ws };
    const r = await this.analysis.analyzeText(doc, (paths) => linked.texts(paths));
    // A stopped parse left the file unread, not empty: list it, or a broken file looks call-free.
    if (r.parseStopped) return { ...skipped(parseStoppedMessage(text.length)), linked: linked.keys() };
    const estimates = r.estimates ?? [];
    return { estimates, lines: estimates.length ? new LineIndex(text) : undefined, error: null, linked: linked.keys() };
  }

  dispose(): void {
    this.cache.clear();
    for (const l of this.listeners) l.dispose();
  }
}


function skipped(reason: string): Omit<Cached, 'key'> {
  return { estimates: [], lines: undefined, error: reason, linked: [] };
}

async function statKey(uri: vscode.Uri): Promise<string> {
  const s = await vscode.workspace.fs.stat(uri);
  return `${s.mtime}:${s.size}`;
}

async function unchanged(linked: readonly { uri: vscode.Uri; key: string }[]): Promise<boolean> {
  for (const l of linked) if ((await statKey(l.uri).catch(() => 'missing')) !== l.key) return false;
  return true;
}

/** Prompt files a source reads (`readFileSync('prompts/x.txt')`), resolved beside it. */
class LinkedReader {
  private readonly read = new Map<string, { uri: vscode.Uri; key: string }>();
  constructor(private readonly dir: vscode.Uri) {}

  /** The text of each path, or null when missing, too big or not beside the source. */
  async texts(paths: readonly string[]): Promise<LinkedTexts> {
    const out: LinkedTexts = {};
    for (const p of paths) out[p] = await this.one(p);
    return out;
  }

  private async one(path: string): Promise<string | null> {
    if (/^[a-z]+:/i.test(path) || path.startsWith('/')) return null;
    const uri = vscode.Uri.joinPath(this.dir, path);
    // Recorded even when missing: the file appearing later re-analyses the source.
    const entry = { uri, key: 'missing' };
    this.read.set(uri.toString(), entry);
    try {
      const key = await statKey(uri);
      entry.key = key;
      if (Number(key.split(':')[1]) > MAX_TEXT_FILE_BYTES) return null;
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      return null; // missing: detection prices the call without it, as in the editor
    }
  }

  keys(): { uri: vscode.Uri; key: string }[] {
    return [...this.read.values()].map(({ uri, key }) => ({ uri, key }));
  }
}

/** One glob for `findFiles` from several (`{a,b}`); globs holding braces are left to the filter after. */
function oneGlob(globs: readonly string[]): string | undefined {
  const plain = globs.filter((g) => !/[{}]/.test(g));
  if (plain.length === 0) return undefined;
  return plain.length === 1 ? plain[0] : `{${plain.join(',')}}`;
}

/** `files.exclude` of a folder: the patterns set to true (conditional `when` entries are left out). */
function filesExclude(root: vscode.Uri): string[] {
  const cfg = vscode.workspace.getConfiguration('files', root).get<Record<string, unknown>>('exclude') ?? {};
  return Object.entries(cfg)
    .filter(([, v]) => v === true)
    .map(([k]) => k);
}

async function gitignoreLayers(root: vscode.Uri, exclude: string | undefined, token: vscode.CancellationToken): Promise<IgnoreLayer[]> {
  const found = await vscode.workspace.findFiles(new vscode.RelativePattern(root, '**/.gitignore'), exclude, undefined, token);
  const layers: IgnoreLayer[] = [];
  for (const uri of found) {
    const rel = relativeTo(root, uri);
    if (rel === null) continue;
    const base = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '';
    try {
      layers.push({ base, rules: parseGitignore(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))) });
    } catch {
      // an unreadable .gitignore ignores nothing, as for git
    }
  }
  // Deeper files win over shallower ones: they must come later.
  return layers.sort((a, b) => depth(a.base) - depth(b.base) || (a.base < b.base ? -1 : a.base > b.base ? 1 : 0));
}

const depth = (base: string): number => (base === '' ? 0 : base.split('/').length);

/** As `files.exclude` reads a glob: a match on a folder excludes everything under it. */
function excludedPath(path: string, globs: readonly string[]): boolean {
  if (matchesAny(path, globs)) return true;
  for (let i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) if (matchesAny(path.slice(0, i), globs)) return true;
  return false;
}

/** The path of `uri` under `root` with forward slashes, or null when outside it. */
export function relativeTo(root: vscode.Uri, uri: vscode.Uri): string | null {
  if (root.scheme !== uri.scheme || root.authority !== uri.authority) return null;
  const base = root.path.endsWith('/') ? root.path : `${root.path}/`;
  return uri.path.startsWith(base) ? uri.path.slice(base.length) : null;
}

/**
 * The files of a root the report analyses, sorted by path: code in a language detection knows,
 * or a template file; minus `.gitignore`, `files.exclude` and `promptmeter.report.exclude`, within
 * `promptmeter.report.include`.
 */
export async function listFiles(root: ScanRoot, settings: Settings, token: vscode.CancellationToken): Promise<{ path: string; uri: vscode.Uri }[]> {
  const excludes = [...settings.report.exclude, ...filesExclude(root.uri)];
  const exclude = oneGlob(excludes);
  const include = oneGlob(settings.report.include) ?? '**';
  const [uris, layers] = await Promise.all([
    vscode.workspace.findFiles(new vscode.RelativePattern(root.uri, include), exclude, undefined, token),
    gitignoreLayers(root.uri, exclude, token),
  ]);
  const templates = [...templateGlobs(root.ws, settings)];
  const out: { path: string; uri: vscode.Uri }[] = [];
  for (const uri of uris) {
    const path = relativeTo(root.uri, uri);
    if (path === null) continue;
    if (!matchesAny(path, settings.report.include) || excludedPath(path, excludes)) continue;
    if (languageForPath(path) === null && !isTemplatePath(path, templates)) continue;
    if (isPathIgnored(path, layers)) continue;
    out.push({ path, uri });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
