/**
 * The breakdown on hover: over a prompt part (string, template literal, f-string, template body)
 * or the call itself, the innermost site that contains the cursor.
 */
import * as vscode from 'vscode';
import type { SiteEstimate, Span } from '../core/model';
import type { Analysis } from './analysis';
import { toRange } from './convert';
import type { Engine } from './engine';
import { hoverMarkdown } from './present';
import type { SettingsStore } from './settings';
import type { WorkspaceConfigStore } from './workspaceConfig';

const contains = (s: Span, offset: number) => s.start <= offset && offset <= s.end;

/** The estimate and the span under an offset: a part if one holds it, else the call's anchor or span. */
export function estimateAt(estimates: SiteEstimate[], offset: number): { est: SiteEstimate; span: Span } | undefined {
  let best: { est: SiteEstimate; span: Span } | undefined;
  const consider = (est: SiteEstimate, span: Span) => {
    if (contains(span, offset) && (!best || span.end - span.start < best.span.end - best.span.start)) best = { est, span };
  };
  for (const est of estimates) {
    for (const p of est.parts) if (!p.span || p.span.end > p.span.start) consider(est, p.span);
    consider(est, est.site.anchor);
    consider(est, est.site.span);
  }
  return best;
}

export function registerHover(
  selector: vscode.DocumentSelector,
  analysis: Analysis,
  engine: Engine,
  settings: SettingsStore,
  workspace: WorkspaceConfigStore,
): vscode.Disposable {
  return vscode.languages.registerHoverProvider(selector, {
    async provideHover(doc, position) {
      const hit = estimateAt(await analysis.estimates(doc), doc.offsetAt(position));
      if (!hit) return undefined;
      const md = new vscode.MarkdownString(hoverMarkdown(hit.est, engine.details(hit.est, workspace.configFor(doc.uri)), settings.value));
      return new vscode.Hover(md, toRange(doc, hit.span));
    },
  });
}
