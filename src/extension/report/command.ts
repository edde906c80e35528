/**
 * "Promptmeter: Show Workspace Cost Report": scan with a cancellable progress notification, build
 * the report with core, show it in the panel, and answer the panel (reveal, what-if, export,
 * rescan). The command resolves to a {@link ReportSession} so tests can check what was shown.
 */
import * as vscode from 'vscode';
import { emptyWorkspaceConfig, parseWorkspaceConfig, type WorkspaceConfig } from '../../core/config';
import { renderCsv, renderMarkdown } from '../../core/report';
import type { Analysis } from '../analysis';
import type { Engine } from '../engine';
import { commands } from '../ids';
import type { SettingsStore } from '../settings';
import type { WorkspaceConfigStore } from '../workspaceConfig';
import type { ExportFormat, WebviewMessage, WhatIfReply, WhatIfRequest } from './messages';
import { ReportData, type ReportModel } from './model';
import { ReportPanel } from './panel';
import { WorkspaceScanner, type ScanRoot } from './scan';

export interface ReportDeps {
  analysis: Analysis;
  engine: Engine;
  settings: SettingsStore;
  workspace: WorkspaceConfigStore;
}

/** What the command resolves to; undefined when there was nothing to scan or it was cancelled. */
export interface ReportSession {
  model: ReportModel;
  /** The webview document as rendered. */
  html: string;
  panelVisible(): boolean;
  whatIf(req: Omit<WhatIfRequest, 'type'>): WhatIfReply;
  /** Writes an export where the save dialog would. */
  exportTo(format: ExportFormat, uri: vscode.Uri): Promise<void>;
  /** Opens the code of a report row, as a click on it does. */
  reveal(file: string, line: number, column: number): Promise<vscode.TextEditor | undefined>;
}

/** Optional arguments: another folder to scan instead of the workspace folders (tests, scripts). */
export interface ReportArgs {
  folder?: vscode.Uri;
}

const EXPORTS: Record<ExportFormat, { label: string; ext: string }> = {
  md: { label: 'Markdown', ext: 'md' },
  csv: { label: 'CSV', ext: 'csv' },
  json: { label: 'JSON', ext: 'json' },
};

export function registerReportCommand(context: vscode.ExtensionContext, deps: ReportDeps): vscode.Disposable {
  const scanner = new WorkspaceScanner(deps.analysis, [deps.settings.onDidChange, deps.workspace.onDidChange]);
  const version = String((context.extension.packageJSON as { version?: unknown }).version ?? '0.0.0');
  let panel: ReportPanel | undefined;
  let current: ReportData | undefined;
  let lastArgs: ReportArgs | undefined;

  async function run(args?: ReportArgs): Promise<ReportSession | undefined> {
    lastArgs = args;
    const roots = await scanRoots(deps, args);
    if (!roots.length) {
      void vscode.window.showInformationMessage('Promptmeter: open a folder to see its cost report.');
      return undefined;
    }
    const settings = deps.settings.value;
    const outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Promptmeter: scanning the workspace', cancellable: true },
      async (progress, token) => {
        let shown = 0;
        return scanner.scan(roots, settings, (done, total) => {
          const pct = Math.floor((done / Math.max(1, total)) * 100);
          progress.report({ message: `${done} / ${total} files`, increment: pct - shown });
          shown = pct;
        }, token);
      },
    );
    if (outcome.cancelled) {
      void vscode.window.showInformationMessage(`Promptmeter: report cancelled after ${outcome.files.length} of ${outcome.stats.files} files.`);
      return undefined;
    }
    current = new ReportData(outcome.files, roots, settings, outcome.stats, version);
    panel ??= new ReportPanel(context.extensionUri, onMessage, () => (panel = undefined));
    panel.show(current.model);
    return session(current, panel);
  }

  function session(data: ReportData, p: ReportPanel): ReportSession {
    return {
      model: data.model,
      html: p.html,
      panelVisible: () => p.visible,
      whatIf: (req) => data.whatIf({ type: 'whatIf', ...req }),
      exportTo: (format, uri) => writeExport(data.model, format, uri),
      reveal: (file, line, column) => reveal(data, file, line, column),
    };
  }

  async function onMessage(m: WebviewMessage): Promise<void> {
    if (!current) return;
    switch (m.type) {
      case 'reveal':
        await reveal(current, m.file, m.line, m.column);
        return;
      case 'whatIf':
        await panel?.post(current.whatIf(m));
        return;
      case 'export':
        await exportWithDialog(current.model, m.format);
        return;
      case 'rescan':
        await run(lastArgs);
        return;
    }
  }

  return vscode.Disposable.from(
    scanner,
    vscode.commands.registerCommand(commands.showReport, (args?: unknown) => run(isArgs(args) ? args : undefined)),
    { dispose: () => panel?.dispose() },
  );
}

function isArgs(a: unknown): a is ReportArgs {
  return typeof a === 'object' && a !== null && (a as ReportArgs).folder instanceof vscode.Uri;
}

async function scanRoots(deps: ReportDeps, args?: ReportArgs): Promise<ScanRoot[]> {
  await deps.workspace.ready();
  if (args?.folder) {
    const folder = vscode.workspace.getWorkspaceFolder(args.folder);
    const ws = folder?.uri.toString() === args.folder.toString() ? deps.workspace.configFor(args.folder) : await readConfig(args.folder);
    return [{ uri: args.folder, name: args.folder.path.split('/').filter(Boolean).pop() ?? 'folder', ws, inWorkspace: !!folder }];
  }
  return (vscode.workspace.workspaceFolders ?? []).map((f) => ({ uri: f.uri, name: f.name, ws: deps.workspace.configFor(f.uri), inWorkspace: true }));
}

/** promptmeter.yaml of a folder outside the workspace (its problems show only for workspace folders). */
async function readConfig(folder: vscode.Uri): Promise<WorkspaceConfig> {
  try {
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, 'promptmeter.yaml')));
    return parseWorkspaceConfig(text).config;
  } catch {
    return emptyWorkspaceConfig;
  }
}

function render(model: ReportModel, format: ExportFormat): string {
  if (format === 'md') return renderMarkdown(model.report);
  if (format === 'csv') return renderCsv(model.report);
  return `${JSON.stringify(model.report, null, 2)}\n`;
}

async function writeExport(model: ReportModel, format: ExportFormat, uri: vscode.Uri): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(render(model, format)));
}

async function exportWithDialog(model: ReportModel, format: ExportFormat): Promise<void> {
  const { label, ext } = EXPORTS[format];
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const uri = await vscode.window.showSaveDialog({
    title: `Export the Promptmeter report as ${label}`,
    defaultUri: folder && vscode.Uri.joinPath(folder, `promptmeter-report.${ext}`),
    filters: { [label]: [ext] },
    saveLabel: 'Export',
  });
  if (!uri) return;
  await writeExport(model, format, uri);
  void vscode.window.showInformationMessage(`Promptmeter: report exported to ${vscode.workspace.asRelativePath(uri)}.`);
}

async function reveal(data: ReportData, file: string, line: number, column: number): Promise<vscode.TextEditor | undefined> {
  const uri = data.uriOf(file);
  if (!uri) return undefined;
  const pos = new vscode.Position(Math.max(0, line - 1), Math.max(0, column - 1));
  return vscode.window.showTextDocument(uri, { selection: new vscode.Range(pos, pos), viewColumn: vscode.ViewColumn.Beside, preview: false });
}
