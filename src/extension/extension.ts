/**
 * The composition root shared by the Node and the web entry. Activation only wires things up:
 * no tokenizer ranks, no WASM, no file reads beyond `promptmeter.yaml` until a document needs them.
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
import { Engine } from './engine';
import { registerHover } from './hover';
import { IdleTracker } from './idle';
import { commands } from './ids';
import { registerQuickFixes } from './quickFixes';
import { registerReportCommand } from './report/command';
import { documentSelector } from './selector';
import { SettingsStore } from './settings';
import { StatusBarFeature } from './statusBar';
import { VolumeHighlight } from './volumeHighlight';
import { WorkspaceConfigStore } from './workspaceConfig';

export function activateExtension(context: vscode.ExtensionContext): PromptmeterApi {
  const output = vscode.window.createOutputChannel('Promptmeter');
  const settings = new SettingsStore(output);
  const workspace = new WorkspaceConfigStore();
  const idle = new IdleTracker();
  const engine = new Engine(extensionAssets(context.extensionUri), (line) => output.appendLine(line));
  const analysis = new Analysis(engine, settings, workspace, idle, (line) => output.appendLine(line));
  const deps = { analysis, engine, settings, workspace };
  const sel = documentSelector;

  context.subscriptions.push(
    output,
    settings,
    workspace,
    analysis,
    new FeatureController(settings, (s) => s.codeLens.enable, () => registerCodeLens(sel, analysis, settings)),
    new FeatureController(settings, (s) => s.hover.enable, () => registerHover(sel, analysis, engine, settings, workspace)),
    new FeatureController(settings, (s) => s.diagnostics.enable, () => vscode.Disposable.from(
      new DiagnosticsFeature(analysis, settings, idle),
      registerQuickFixes(sel, analysis),
    )),
    new FeatureController(settings, (s) => s.statusBar.enable, () => new StatusBarFeature(analysis, engine, settings)),
    new FeatureController(settings, () => true, () => new VolumeHighlight(analysis)),
    vscode.commands.registerCommand(commands.showBreakdown, (uri?: vscode.Uri, siteId?: string) => showBreakdown(deps, uri, siteId)),
    registerReportCommand(context, deps),
  );

  return {
    whenIdle: () => idle.whenIdle(),
    analyze: async (uri) => analysis.estimates(await vscode.workspace.openTextDocument(uri)),
  };
}
