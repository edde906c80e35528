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
  // Work in flight at deactivation may still log once the channel is gone (VS Code disposes the
  // subscriptions in order, the channel first); its lines are dropped rather than written to a
  // closed channel, which throws.
  let deactivated = false;
  const log = (line: string) => {
    if (!deactivated) output.appendLine(line);
  };
  const settings = new SettingsStore(log);
  const workspace = new WorkspaceConfigStore();
  const idle = new IdleTracker();
  const engine: Engine = createdOnUse(() => new (lazyCore().Engine)(extensionAssets(context.extensionUri), log));
  const analysis = new Analysis(engine, settings, workspace, idle, () => backend(engine, log), log);
  const deps = { analysis, engine, settings, workspace };
  const sel = documentSelector;
  let diagnostics: DiagnosticsFeature | undefined;

  context.subscriptions.push(
    { dispose: () => void (deactivated = true) },
    output,
    settings,
    workspace,
    analysis,
    new FeatureController(settings, (s) => s.codeLens, () => registerCodeLens(sel, analysis, settings)),
    new FeatureController(settings, (s) => s.hover, () => registerHover(sel, analysis, engine, settings, workspace)),
    new FeatureController(settings, (s) => s.diagnostics, () => vscode.Disposable.from(
      (diagnostics = new DiagnosticsFeature(analysis, settings, idle)),
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
    stats: () => {
      const d = diagnostics?.counts() ?? { documents: 0, pending: 0 };
      return { documents: documentsOf(analysis), diagnostics: d.documents, pendingDiagnostics: d.pending };
    },
  };
}

/**
 * Documents the analysis holds state for. Analysis keeps no public count (it needs none), so the
 * test-only `stats()` reads its per-document map; a redesign that drops the map must say here where
 * its per-document state lives, and the lifecycle test fails loudly (NaN) until it does.
 */
function documentsOf(analysis: Analysis): number {
  const counted = analysis as unknown as { documentCount?: () => number; entries?: unknown };
  if (typeof counted.documentCount === 'function') return counted.documentCount();
  return counted.entries instanceof Map ? counted.entries.size : Number.NaN;
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
