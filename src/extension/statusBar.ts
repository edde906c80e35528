/**
 * Tokens (and cost) of the selection, or of the prompt under the cursor, with its model; hidden
 * when there is nothing to show. A click runs the workspace report. A document over the
 * open-document bounds shows `Promptmeter: skipped` with the reason, so a missing CodeLens is
 * never a silent failure; nor is a parse the time budget stopped (`Promptmeter: not analysed`).
 */
import * as vscode from 'vscode';
import type { Analysis } from './analysis';
import { estimateAt } from './hover';
import { commands } from './ids';
import { statusText } from './present';
import type { SettingsStore } from './settings';

export class StatusBarFeature implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('promptmeter.status', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;

  constructor(private readonly analysis: Analysis, private readonly settings: SettingsStore) {
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
      shown = undefined;
      return;
    }
    this.item.text = text.skipped ? `$(dashboard) ${text.label}` : `$(symbol-number) ${text.label}`;
    this.item.tooltip = text.tooltip;
    this.item.show();
    shown = { text: this.item.text, tooltip: text.tooltip };
  }

  private async compute(editor: vscode.TextEditor): Promise<{ label: string; tooltip: string; skipped?: boolean } | undefined> {
    const doc = editor.document;
    const skipped = this.analysis.skipReason(doc);
    if (skipped) {
      return { label: 'Promptmeter: skipped', tooltip: `Promptmeter does not analyse this file (${skipped}): no CodeLens, hover or diagnostics here`, skipped: true };
    }
    const estimates = await this.analysis.estimates(doc);
    if (this.analysis.parseStopped(doc)) {
      return {
        label: 'Promptmeter: not analysed',
        tooltip:
          'Promptmeter could not read this file: tree-sitter could not recover from a syntax error in time, so it shows no CodeLens, hover or diagnostics here. Fix the syntax error; analysis resumes on the next edit that parses.',
        skipped: true,
      };
    }
    const sel = editor.selection;
    const display = this.settings.value.currencyDisplay;
    const hit = estimateAt(estimates, doc.offsetAt(sel.active));
    if (!sel.isEmpty) {
      const model = hit?.est.resolvedModel ?? hit?.est.site.model?.id ?? (this.settings.value.defaultModel || null);
      const n = await this.analysis.count(doc.getText(sel), model);
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
    shown = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.item.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

let shown: { text: string; tooltip: string } | undefined;

/** What the status bar item shows now (undefined: hidden); for the integration tests' API. */
export function shownStatus(): { text: string; tooltip: string } | undefined {
  return shown;
}
