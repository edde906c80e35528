/**
 * What clicking a CodeLens opens: the site's breakdown as a quick pick — each prompt part with its
 * tokens (choosing one selects it in the editor), then the costs.
 */
import * as vscode from 'vscode';
import { timesCalls } from '../core/estimate';
import type { Analysis } from './analysis';
import { toRange } from './convert';
import type { Engine } from './engine';
import { formatCalls, formatInt, lensTitle, perCallMoney, totalMoney } from './present';
import type { SettingsStore } from './settings';
import type { WorkspaceConfigStore } from './workspaceConfig';

interface Item extends vscode.QuickPickItem {
  range?: vscode.Range;
}

export async function showBreakdown(
  deps: { analysis: Analysis; engine: Engine; settings: SettingsStore; workspace: WorkspaceConfigStore },
  uri?: vscode.Uri,
  siteId?: string,
): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const doc = uri ? await vscode.workspace.openTextDocument(uri) : editor?.document;
  if (!doc) return;
  const estimates = await deps.analysis.estimates(doc);
  const cursor = editor?.document === doc ? doc.offsetAt(editor.selection.active) : -1;
  const est = estimates.find((e) => e.id === siteId) ?? estimates.find((e) => e.site.span.start <= cursor && cursor <= e.site.span.end) ?? estimates[0];
  if (!est) {
    void vscode.window.showInformationMessage('Promptmeter: no LLM call or prompt template in this file.');
    return;
  }
  const s = deps.settings.value;
  const d = s.currencyDisplay;
  const items: Item[] = [{ label: 'Prompt parts', kind: vscode.QuickPickItemKind.Separator }];
  for (const p of est.parts) {
    items.push({
      label: `$(symbol-string) ${p.role}`,
      description: `${formatInt(p.tokens)} tokens`,
      detail: p.slots.length ? `placeholders: ${p.slots.map((x) => `${x.name} ≈${formatInt(x.tokens)}`).join(', ')}` : undefined,
      range: toRange(doc, p.span),
    });
  }
  items.push({ label: 'Cost', kind: vscode.QuickPickItemKind.Separator });
  const calls = est.volume.callsPerMonth;
  const details = deps.engine.details(est, deps.workspace.configFor(doc.uri));
  const costRow = (label: string, total: number) => ({ label, description: `${perCallMoney(total, d)}/call · ${totalMoney(timesCalls(total, calls), d)}/mo @ ${formatCalls(calls)}/mo` });
  if (est.costPerCall) items.push(costRow('$(credit-card) uncached', est.costPerCall.total));
  else items.push({ label: '$(warning) unpriced model', description: est.site.model?.id ?? '' });
  if (details.cached) items.push(costRow('$(database) with caching', details.cached.total));
  if (details.batch) items.push(costRow('$(layers) batch', details.batch.total));
  if (est.worstCasePerCall) items.push(costRow('$(arrow-up) worst case at the cap', est.worstCasePerCall.total));
  for (const sib of details.siblings.slice(0, s.hover.maxCheaperModels)) items.push(costRow(`$(arrow-down) on ${sib.id}`, sib.perCall.total));
  const picked = await vscode.window.showQuickPick(items, { title: `Promptmeter: ${lensTitle(est, s)}`, matchOnDescription: true });
  if (picked?.range) {
    const ed = await vscode.window.showTextDocument(doc);
    ed.selection = new vscode.Selection(picked.range.start, picked.range.end);
    ed.revealRange(picked.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
}
