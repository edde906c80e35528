/**
 * `promptmeter.yaml` of each workspace folder: read through `vscode.workspace.fs` (or the open
 * editor's text, so problems follow typing), parsed by core, its problems shown as diagnostics at
 * their exact place while the valid rest applies. Parsing needs yaml and zod, so the files are
 * first read when an analysis asks (`ready()`) or a `promptmeter.yaml` is opened or changed, never
 * at activation.
 */
import * as vscode from 'vscode';
import type { WorkspaceConfig } from '../core/config';
import { configProblemToDiagnostic } from './convert';
import { workspaceConfigFile } from './ids';
import { lazyCore } from './lazyCore';

export class WorkspaceConfigStore implements vscode.Disposable {
  private readonly configs = new Map<string, WorkspaceConfig>();
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('promptmeter.yaml');
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [];
  private loading: Promise<void> | undefined;
  private pending: ReturnType<typeof setTimeout> | undefined;
  /** Fires after any folder's configuration changed. */
  readonly onDidChange = this.changed.event;

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${workspaceConfigFile}`);
    const reload = (uri: vscode.Uri) => this.isConfigUri(uri) && this.schedule(0);
    this.disposables.push(
      watcher,
      watcher.onDidCreate(reload),
      watcher.onDidChange(reload),
      watcher.onDidDelete(reload),
      vscode.workspace.onDidChangeTextDocument((e) => this.isConfigUri(e.document.uri) && this.schedule(150)),
      vscode.workspace.onDidOpenTextDocument((d) => !this.loading && this.isConfigUri(d.uri) && this.schedule(0)),
      vscode.workspace.onDidCloseTextDocument((d) => this.isConfigUri(d.uri) && this.schedule(0)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.schedule(0)),
    );
    // An open promptmeter.yaml shows its problems without waiting for an analysis.
    if (vscode.workspace.textDocuments.some((d) => this.isConfigUri(d.uri))) this.schedule(0);
  }

  /** Reads the files on the first call; resolves once they are read (call before the first analysis). */
  ready(): Promise<void> {
    return (this.loading ??= this.loadAll());
  }

  /** The configuration that applies to a document: its workspace folder's, else none. */
  configFor(uri: vscode.Uri): WorkspaceConfig {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return (folder && this.configs.get(folder.uri.toString())) ?? lazyCore().emptyWorkspaceConfig;
  }

  private isConfigUri(uri: vscode.Uri): boolean {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return !!folder && uri.toString() === vscode.Uri.joinPath(folder.uri, workspaceConfigFile).toString();
  }

  private schedule(delayMs: number): void {
    if (this.pending) clearTimeout(this.pending);
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.loading = this.loadAll().then(() => this.changed.fire());
    }, delayMs);
  }

  private async loadAll(): Promise<void> {
    this.configs.clear();
    this.diagnostics.clear();
    await Promise.all((vscode.workspace.workspaceFolders ?? []).map((f) => this.load(f)));
  }

  private async load(folder: vscode.WorkspaceFolder): Promise<void> {
    const uri = vscode.Uri.joinPath(folder.uri, workspaceConfigFile);
    const text = await readText(uri);
    if (text === undefined) return;
    const { config, problems } = lazyCore().parseWorkspaceConfig(text);
    this.configs.set(folder.uri.toString(), config);
    this.diagnostics.set(uri, problems.map(configProblemToDiagnostic));
  }

  dispose(): void {
    if (this.pending) clearTimeout(this.pending);
    this.diagnostics.dispose();
    this.changed.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

/** The open editor's text when there is one (unsaved edits count), else the file's. */
async function readText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}
