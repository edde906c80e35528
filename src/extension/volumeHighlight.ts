/**
 * Highlights the volume annotation (`// promptmeter: 20k/day`) a site's monthly cost comes from,
 * with the calls per month it means on hover.
 */
import * as vscode from 'vscode';
import type { Analysis } from './analysis';
import { toRange } from './convert';
import { formatInt } from './present';

export class VolumeHighlight implements vscode.Disposable {
  private readonly decoration = vscode.window.createTextEditorDecorationType({
    backgroundColor: new vscode.ThemeColor('editor.wordHighlightTextBackground'),
    fontWeight: 'bold',
  });
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly analysis: Analysis) {
    this.disposables = [
      analysis.onDidAnalyze((e) => this.paint(e.uri)),
      vscode.window.onDidChangeVisibleTextEditors(() => {
        for (const ed of vscode.window.visibleTextEditors) if (analysis.handles(ed.document)) void analysis.estimates(ed.document).catch(() => undefined);
      }),
    ];
  }

  private paint(uri: vscode.Uri): void {
    const latest = this.analysis.latest(uri);
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.uri.toString() !== uri.toString() || !latest || latest.version !== editor.document.version) continue;
      const ranges: vscode.DecorationOptions[] = [];
      for (const est of latest.estimates) {
        const v = est.volume;
        if (v.source !== 'annotation' || !v.span) continue;
        ranges.push({ range: toRange(editor.document, v.span), hoverMessage: `Promptmeter volume: ${formatInt(v.callsPerMonth)} calls/month` });
      }
      editor.setDecorations(this.decoration, ranges);
    }
  }

  dispose(): void {
    this.decoration.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
