/**
 * The composition root shared by the Node and the web entry. Activation only wires things up:
 * no core code (zod, yaml, prices, tokenizers, tree-sitter), no WASM, no file reads until a
 * document needs them. Core arrives through `lazyCore()` on first use (issue 4: activation
 * ≤ 100 ms; issue 2: no cold start on the host's thread at activation).
 * Two lifetimes: the extension's (`context.subscriptions`) and each feature's, which its
 * controller rebuilds when settings change.
 */
import * as vscode from 'vscode';
import { Analysis } from './analysis';
import type { PromptmeterApi } from './api';
import { extensionAssets } from './assets';
import { showBreakdown } from './breakdown';
import { registerCodeLens } from './codeLens';
import { FeatureController } from './controller';
import { DiagnosticsFeature } from './diagnostics';
import type { Engine } from './engine';
import { registerHover } from './hover';
import { IdleTracker } from './idle';
import { commands } from './ids';
import { registerQuickFixes } from './quickFixes';
import { createdOnUse, lazyCore } from './lazyCore';
import type { ReportDeps } from './report/command';
import { documentSelector } from './selector';
import { SettingsStore } from './settings';
import { StatusBarFeature } from './statusBar';
import { VolumeHighlight } from './volumeHighlight';
import { WorkspaceConfigStore } from './workspaceConfig';
import { InThreadBackend, type AnalysisBackend } from './worker/backend';
import { DocumentAnalyzer } from './worker/documents';
import { shownStatus } from './statusBar';

/** Where analysis runs: the Node entry passes the worker; by default (web) the host's thread. */
export type BackendFactory = (engine: Engine, log: (line: string) => void) => AnalysisBackend;

const inThread: BackendFactory = (engine) => new InThreadBackend(new DocumentAnalyzer(engine));

export function activateExtension(context: vscode.ExtensionContext, backend: BackendFactory = inThread): PromptmeterApi {
  const output = vscode.window.createOutputChannel('Promptmeter');
  const settings = new SettingsStore(output);
  const workspace = new WorkspaceConfigStore();
  const idle = new IdleTracker();
  const engine: Engine = createdOnUse(() => new (lazyCore().Engine)(extensionAssets(context.extensionUri), (line) => output.appendLine(line)));
  const log = (line: string) => output.appendLine(line);
  const analysis = new Analysis(engine, settings, workspace, idle, () => backend(engine, log), log);
  const deps = { analysis, engine, settings, workspace };
  const sel = documentSelector;

  context.subscriptions.push(
    output,
    settings,
    workspace,
    analysis,
    new FeatureController(settings, (s) => s.codeLens, () => registerCodeLens(sel, analysis, settings)),
    new FeatureController(settings, (s) => s.hover, () => registerHover(sel, analysis, engine, settings, workspace)),
    new FeatureController(settings, (s) => s.diagnostics, () => vscode.Disposable.from(
      new DiagnosticsFeature(analysis, settings, idle),
      registerQuickFixes(sel, analysis),
    )),
    new FeatureController(settings, (s) => s.statusBar, () => new StatusBarFeature(analysis, settings)),
    new FeatureController(settings, () => true, () => new VolumeHighlight(analysis)),
    vscode.commands.registerCommand(commands.showBreakdown, (uri?: vscode.Uri, siteId?: string) => showBreakdown(deps, uri, siteId)),
    reportCommandOnFirstUse(context, deps),
  );

  return {
    whenIdle: () => idle.whenIdle(),
    analyze: async (uri) => analysis.estimates(await vscode.workspace.openTextDocument(uri)),
    status: shownStatus,
  };
}

/**
 * The report pulls in core's renderers and a workspace scanner: stand in for its command until it
 * is first run, then hand over to the real registration and forward the call (and its result).
 */
function reportCommandOnFirstUse(context: vscode.ExtensionContext, deps: ReportDeps): vscode.Disposable {
  let real: vscode.Disposable | undefined;
  const standIn = vscode.commands.registerCommand(commands.showReport, (...args: unknown[]) => {
    standIn.dispose();
    real = lazyCore().registerReportCommand(context, deps);
    return vscode.commands.executeCommand(commands.showReport, ...args);
  });
  return { dispose: () => (real ?? standIn).dispose() };
}
