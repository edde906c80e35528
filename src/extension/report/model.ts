/**
 * From scanned files to what the report shows: core's JSON contract (the same the CLI prints),
 * budgets across files (PM008), the cost-per-task worksheet, cost shares, and what-if answers.
 * No `vscode` here beyond URIs: the numbers all come from core.
 */
import type * as vscode from 'vscode';
import { featureFor, type Settings } from '../../core/config';
import type { SiteEstimate } from '../../core/model';
import { defaultPriceTable, type ModelPrice, type PriceTable } from '../../core/pricing';
import {
  buildScanReport,
  formatDelta,
  formatDollars,
  nanoToDollars,
  featureWorksheet,
  whatIf,
  type FeatureWorksheetRow,
  type ScanReport,
} from '../../core/report';
import { attachBudgetFindings } from '../../core/rules';
import type { LineIndex } from '../../core/text/lines';
import type { WhatIfReply, WhatIfRequest } from './messages';
import type { ScanRoot, ScanStats, ScannedFile } from './scan';

/** Everything the panel renders and the test hook returns. */
export interface ReportModel {
  report: ScanReport;
  worksheet: FeatureWorksheetRow[];
  stats: ScanStats;
  /** Priced models a what-if can switch to, by provider then id. */
  models: { id: string; provider: string }[];
}

interface Located {
  estimate: SiteEstimate;
  /** The report's path (with the folder name first when several folders are scanned). */
  file: string;
  uri: vscode.Uri;
  table: PriceTable;
  /** The feature as the report names it, or null. */
  feature: string | null;
}

/** A built report with what it needs to answer reveal and what-if requests. */
export class ReportData {
  readonly model: ReportModel;
  private readonly located: Located[];
  private readonly tables: PriceTable[];

  constructor(files: readonly ScannedFile[], roots: readonly ScanRoot[], settings: Settings, stats: ScanStats, toolVersion: string) {
    const multi = roots.length > 1;
    const display = (root: ScanRoot, path: string) => (multi ? `${root.name}/${path}` : path);
    const tables = new Map<ScanRoot, PriceTable>(roots.map((r) => [r, defaultPriceTable(r.ws.models)]));
    this.tables = [...tables.values()];
    const located: Located[] = [];
    const lines = new Map<string, LineIndex>();
    const feature = new Map<SiteEstimate, string | null>();
    const worksheet: FeatureWorksheetRow[] = [];
    for (const root of roots) {
      const mine = files.filter((f) => f.root === root);
      // Copies: the editor's cached estimates must not collect the workspace's budget findings.
      const estimates = mine.flatMap((f) => f.estimates.map((e) => ({ ...e, findings: [...e.findings] })));
      attachBudgetFindings(estimates, root.ws, settings);
      worksheet.push(...featureWorksheet(estimates, root.ws).map((r) => (multi ? { ...r, name: `${root.name}: ${r.name}` } : r)));
      const uriOf = new Map(mine.map((f) => [f.path, f.uri]));
      for (const f of mine) if (f.lines) lines.set(display(root, f.path), f.lines);
      for (const e of estimates) {
        const shown = { ...e, file: display(root, e.file) };
        const name = featureFor({ file: e.file, siteId: e.id }, root.ws)?.name ?? null;
        const shownFeature = name === null || !multi ? name : `${root.name}: ${name}`;
        feature.set(shown, shownFeature);
        located.push({ estimate: shown, file: shown.file, uri: uriOf.get(e.file)!, table: tables.get(root)!, feature: shownFeature });
      }
    }
    this.located = located;
    const first = this.tables[0] ?? defaultPriceTable();
    const report = buildScanReport(
      located.map((l) => l.estimate),
      {
        toolVersion,
        pricingAsOf: first.asOf,
        errors: files.filter((f) => f.error).map((f) => ({ file: display(f.root, f.path), message: f.error! })),
        lines: (file) => lines.get(file),
        featureOf: (e) => feature.get(e) ?? null,
        features: worksheet,
        premium: { inputPerMTok: (id) => this.lookup(id)?.inputPerMTok ?? null, thresholdPerMTok: settings.report.premiumThresholdPerMTok },
      },
    );
    this.model = {
      report,
      worksheet,
      stats,
      models: first
        .all()
        .filter((m) => m.status !== 'retired')
        .map((m) => ({ id: m.id, provider: m.provider }))
        .sort((a, b) => (a.provider + a.id < b.provider + b.id ? -1 : 1)),
    };
  }

  /** The file a report path points at. */
  uriOf(file: string): vscode.Uri | undefined {
    return this.located.find((l) => l.file === file)?.uri ?? undefined;
  }

  private lookup(id: string): ModelPrice | null {
    for (const t of this.tables) {
      const m = t.lookup(id);
      if (m) return m;
    }
    return null;
  }

  /** Re-prices the chosen sites under the change and says it in words. */
  whatIf(req: WhatIfRequest): WhatIfReply {
    const chosen = this.located.filter((l) =>
      req.target.kind === 'workspace' ? true : req.target.kind === 'site' ? l.estimate.id === req.target.id : l.feature === req.target.name,
    );
    const model = req.model === null ? null : this.lookup(req.model);
    const what = [req.model ? `on ${model?.id ?? req.model}` : '', req.batch ? 'batch' : '', req.caching ? 'caching on' : ''].filter(Boolean).join(', ') || 'as written';
    const target = req.target.kind === 'workspace' ? 'the workspace' : req.target.kind === 'feature' ? `feature "${req.target.name}"` : `site ${req.target.id}`;
    const label = `${target}, ${what}`;
    if (req.model !== null && !model) return { type: 'whatIfResult', ok: false, label, before: '', after: '', delta: '', percent: '', notes: [`no price for ${req.model}`] };
    if (!chosen.length) return { type: 'whatIfResult', ok: false, label, before: '', after: '', delta: '', percent: '', notes: ['no priced site matches'] };
    const tableOf = new Map(chosen.map((l) => [l.estimate, l.table] as const));
    const r = whatIf(
      chosen.map((l) => l.estimate),
      (e) => (e.resolvedModel ? (tableOf.get(e)?.lookup(e.resolvedModel) ?? null) : null),
      { model, batch: req.batch, caching: req.caching },
    );
    const notes = [...r.notes];
    if (r.unpriced) notes.push(`${r.unpriced} unpriced site${r.unpriced === 1 ? '' : 's'} left out`);
    return {
      type: 'whatIfResult',
      ok: true,
      label,
      // The report's own money format, so the answer reads like the table beside it.
      before: `${formatDollars(nanoToDollars(r.before))}/mo`,
      after: `${formatDollars(nanoToDollars(r.after))}/mo`,
      delta: `${formatDelta(nanoToDollars(r.delta))}/mo`,
      percent: r.before > 0 ? `${r.delta > 0 ? '+' : ''}${((r.delta / r.before) * 100).toFixed(1)}%` : '',
      notes,
    };
  }
}
