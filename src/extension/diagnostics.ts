/**
 * Findings of rules PM001–PM008 as diagnostics: computed when a document opens, recomputed
 * after typing pauses (`promptmeter.diagnostics.debounceMs`), cleared when it closes; one per
 * rule per site, at the severity the workspace file or the settings give.
 */
import * as vscode from 'vscode';
import type { Finding, SiteEstimate } from '../core/model';
import type { Analysis } from './analysis';
import { toDiagnostic } from './convert';
import type { IdleTracker } from './idle';
import type { SettingsStore } from './settings';

/**
 * One diagnostic per rule per site (the first finding of each rule). Core already applied the
 * configured severities and dropped rules that are off.
 */
export function findingsToShow(estimates: SiteEstimate[]): { est: SiteEstimate; finding: Finding }[] {
  const out: { est: SiteEstimate; finding: Finding }[] = [];
  for (const est of estimates) {
    const seen = new Set<string>();
    for (const finding of est.findings) {
      if (seen.has(finding.rule)) continue;
      seen.add(finding.rule);
      out.push({ est, finding });
    }
  }
  return out;
}

export class DiagnosticsFeature implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('promptmeter');
  private readonly timers = new Map<string, { timer: ReturnType<typeof setTimeout>; release: () => void }>();
  private readonly disposables: vscode.Disposable[];
  private disposed = false;

  constructor(
    private readonly analysis: Analysis,
    settings: SettingsStore,
    private readonly idle: IdleTracker,
  ) {
    this.disposables = [
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length && this.schedule(e.document, settings.value.diagnostics.debounceMs)),
      vscode.workspace.onDidCloseTextDocument((d) => this.clear(d.uri)),
      analysis.onDidInvalidate(() => this.refreshAll()),
    ];
    // Documents open at activation are analysed just after it, so activation loads no core.
    const first = setTimeout(() => this.refreshAll(), 0);
    this.disposables.push({ dispose: () => clearTimeout(first) });
  }

  private refreshAll(): void {
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  private schedule(doc: vscode.TextDocument, delayMs: number): void {
    if (!this.analysis.handles(doc)) return;
    const key = doc.uri.toString();
    const prev = this.timers.get(key);
    if (prev) {
      clearTimeout(prev.timer);
      prev.release();
    }
    const release = this.idle.hold();
    const timer = setTimeout(() => {
      this.timers.delete(key);
      void this.refresh(doc).finally(release);
    }, delayMs);
    this.timers.set(key, { timer, release });
  }

  private async refresh(doc: vscode.TextDocument): Promise<void> {
    if (doc.isClosed) return;
    let estimates: SiteEstimate[];
    try {
      estimates = await this.analysis.estimates(doc);
    } catch {
      return; // a document that cannot be analysed has no findings; Analysis logged why
    }
    if (doc.isClosed) return;
    this.collection.set(doc.uri, findingsToShow(estimates).map((s) => toDiagnostic(doc, s.finding, s.est.id)));
  }

  private clear(uri: vscode.Uri): void {
    const t = this.timers.get(uri.toString());
    if (t) {
      clearTimeout(t.timer);
      t.release();
      this.timers.delete(uri.toString());
    }
    this.collection.delete(uri);
  }

  /** Documents in the collection and updates waiting on their debounce (the lifecycle test reads these). */
  counts(): { documents: number; pending: number } {
    let documents = 0;
    if (!this.disposed) this.collection.forEach(() => void documents++);
    return { documents, pending: this.timers.size };
  }

  dispose(): void {
    this.disposed = true;
    for (const t of this.timers.values()) {
      clearTimeout(t.timer);
      t.release();
    }
    this.timers.clear();
    this.collection.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
