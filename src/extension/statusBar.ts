/**
 * Tokens (and cost) of the selection, or of the prompt under the cursor, with its model; hidden
 * when there is nothing to show. A click runs the workspace report.
 */
import * as vscode from 'vscode';
import type { Analysis } from './analysis';
import type { Engine } from './engine';
import { estimateAt } from './hover';
import { commands } from './ids';
import { statusText } from './present';
import type { SettingsStore } from './settings';

export class StatusBarFeature implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('promptmeter.status', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;

  constructor(private readonly analysis: Analysis, private readonly engine: Engine, private readonly settings: SettingsStore) {
    this.item.name = 'Promptmeter';
    this.item.command = commands.showReport;
    this.disposables = [
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule(0)),
      vscode.window.onDidChangeTextEditorSelection(() => this.schedule(80)),
      analysis.onDidAnalyze((e) => e.uri.toString() === vscode.window.activeTextEditor?.document.uri.toString() && this.schedule(0)),
      analysis.onDidInvalidate(() => this.schedule(0)),
    ];
    this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), delayMs);
  }

  private async update(): Promise<void> {
    const gen = ++this.generation;
    const editor = vscode.window.activeTextEditor;
    const text = editor && this.analysis.handles(editor.document) ? await this.compute(editor).catch(() => undefined) : undefined;
    if (gen !== this.generation) return; // a newer update won
    if (!text) {
      this.item.hide();
      return;
    }
    this.item.text = `$(symbol-number) ${text.label}`;
    this.item.tooltip = text.tooltip;
    this.item.show();
  }

  private async compute(editor: vscode.TextEditor): Promise<{ label: string; tooltip: string } | undefined> {
    const doc = editor.document;
    const estimates = await this.analysis.estimates(doc);
    const sel = editor.selection;
    const display = this.settings.value.currencyDisplay;
    const hit = estimateAt(estimates, doc.offsetAt(sel.active));
    if (!sel.isEmpty) {
      const model = hit?.est.resolvedModel ?? hit?.est.site.model?.id ?? (this.settings.value.defaultModel || null);
      const n = await this.engine.count(doc.getText(sel), model);
      return { label: statusText(n.tokens, n.exact, model, null, display), tooltip: 'Promptmeter: tokens in the selection — click for the workspace cost report' };
    }
    if (!hit) return undefined;
    const est = hit.est;
    return {
      label: statusText(est.inputTokens, est.inputTokensExact, est.resolvedModel ?? est.site.model?.id ?? null, est.costPerCall?.total ?? null, display),
      tooltip: 'Promptmeter: input tokens and cost per call of the prompt under the cursor — click for the workspace cost report',
    };
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.item.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
