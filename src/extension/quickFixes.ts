/**
 * Quick fixes for Promptmeter diagnostics: core's own edits for the finding (add the cap with
 * the SDK's parameter name, add `cache_control`, replace a retired or unknown model) and
 * "ignore this rule here", which inserts core's `promptmeter-ignore` comment for the site.
 */
import * as vscode from 'vscode';
import type { Finding, Fix, SiteEstimate } from '../core/model';
import type { Analysis } from './analysis';
import { toRange, toWorkspaceEdit } from './convert';
import { diagnosticSource } from './ids';
import { lazyCore } from './lazyCore';

function ruleOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : c === undefined ? undefined : String(c);
}

export class CostQuickFixProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly analysis: Analysis) {}

  async provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const ours = context.diagnostics.filter((d) => d.source === diagnosticSource && ruleOf(d));
    if (ours.length === 0) return [];
    // Fresh estimates: the fix's offsets must be those of the text the edit applies to.
    const estimates = await this.analysis.estimates(doc);
    const actions: vscode.CodeAction[] = [];
    for (const diag of ours) {
      const hit = findFinding(doc, estimates, diag);
      if (!hit) continue;
      for (const fix of hit.finding.fixes) actions.push(this.action(doc, fix, diag, fix.preferred === true));
      const ignore = lazyCore().suppressionFix(hit.finding.rule, hit.est.site, doc.getText());
      if (ignore) actions.push(this.action(doc, ignore, diag, false));
    }
    return actions;
  }

  private action(doc: vscode.TextDocument, fix: Fix, diag: vscode.Diagnostic, preferred: boolean): vscode.CodeAction {
    const a = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
    a.edit = toWorkspaceEdit(doc, fix);
    a.diagnostics = [diag];
    a.isPreferred = preferred;
    return a;
  }
}

function findFinding(doc: vscode.TextDocument, estimates: SiteEstimate[], diag: vscode.Diagnostic): { est: SiteEstimate; finding: Finding } | undefined {
  const rule = ruleOf(diag);
  let overlap: { est: SiteEstimate; finding: Finding } | undefined;
  for (const est of estimates) {
    for (const finding of est.findings) {
      if (finding.rule !== rule) continue;
      const r = toRange(doc, finding.span);
      if (r.isEqual(diag.range)) return { est, finding };
      if (!overlap && r.intersection(diag.range)) overlap = { est, finding };
    }
  }
  return overlap;
}

export function registerQuickFixes(selector: vscode.DocumentSelector, analysis: Analysis): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider(selector, new CostQuickFixProvider(analysis), {
    providedCodeActionKinds: CostQuickFixProvider.kinds,
  });
}
