import type { CostBreakdown, Finding, Nanodollars, Severity, SiteEstimate, Span } from '../model';
import type { LineIndex } from '../text/lines';
import type { ReportCost, ReportError, ReportFeature, ReportFinding, ReportSite, ScanReport } from './types';
import { cacheableUncachedShare, premiumShare } from './shares';
import type { FeatureWorksheetRow } from './worksheet';

/** What a report needs besides the estimates. */
export interface ScanReportMeta {
  toolVersion: string;
  pricingAsOf: string;
  errors: ReportError[];
  /**
   * The line index of a file's text, for 1-based positions. Estimates carry offsets only, so the
   * front end that read the text supplies this; a file without one reports line 1, column 1.
   */
  lines?: (file: string) => LineIndex | undefined;
  /** The feature a site is attributed to (globs or ids in `promptmeter.yaml`), or null. */
  featureOf?: (estimate: SiteEstimate) => string | null;
  /** Findings that belong to no single site (file, feature or workspace budgets), with their file. */
  findings?: readonly { file: string; finding: Finding }[];
  /**
   * The cost-per-task worksheet (`featureWorksheet` over the same estimates and the workspace's
   * `promptmeter.yaml`), so every renderer shows it; omitted, the report has no feature rows.
   */
  features?: readonly FeatureWorksheetRow[];
  /**
   * What makes a model premium: a priced model's input rate per million tokens (null when unknown)
   * and the threshold (`promptmeter.report.premiumThresholdPerMTok`). Omitted, the premium share
   * is null.
   */
  premium?: { inputPerMTok: (modelId: string) => number | null; thresholdPerMTok: number };
}

const NANO_PER_DOLLAR = 1e9;

/** Nano-dollars to dollars: the report is the one place money leaves its integer form. */
export function nanoToDollars(n: Nanodollars): number {
  return n / NANO_PER_DOLLAR;
}

function cost(c: CostBreakdown | null): ReportCost | null {
  return c ? { input: nanoToDollars(c.input), output: nanoToDollars(c.output), total: nanoToDollars(c.total) } : null;
}

function range(index: LineIndex | undefined, span: Span): { line: number; column: number; endLine: number; endColumn: number } {
  if (!index) return { line: 1, column: 1, endLine: 1, endColumn: 1 };
  const s = index.position(span.start);
  const e = index.position(Math.max(span.start, span.end));
  return { line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
}

function finding(file: string, index: LineIndex | undefined, f: Finding): ReportFinding {
  return { rule: f.rule, severity: f.severity, message: f.message, file, ...range(index, f.span) };
}

function site(e: SiteEstimate, meta: ScanReportMeta): ReportSite {
  const index = meta.lines?.(e.file);
  const s = e.site;
  return {
    id: e.id,
    file: e.file,
    ...range(index, s.span),
    kind: s.kind,
    language: s.language,
    provider: s.provider,
    api: s.api,
    model: s.model?.id ?? null,
    resolvedModel: e.resolvedModel,
    inputTokens: e.inputTokens,
    inputTokensExact: e.inputTokensExact,
    inputTokensRange: { min: e.inputTokensRange.min, max: e.inputTokensRange.max },
    outputTokensCap: s.cap ? s.cap.value : null,
    outputCapParam: s.cap?.param ?? null,
    outputTokensLimit: e.outputTokensCap,
    outputTokensExpected: e.outputTokensExpected,
    costPerCall: cost(e.costPerCall),
    costPerCallWorstCase: cost(e.worstCasePerCall),
    callsPerMonth: e.volume.callsPerMonth,
    volumeSource: e.volume.source,
    volumeDetail: e.volume.detail ?? null,
    monthlyCost: e.monthlyCost === null ? null : nanoToDollars(e.monthlyCost),
    feature: meta.featureOf?.(e) ?? null,
    cache: { eligibleTokens: e.cache.eligibleTokens, used: e.cache.used },
    findings: e.findings.map((f) => finding(e.file, index, f)).sort(byPosition),
  };
}

const dollarsOrNull = (n: Nanodollars | null): number | null => (n === null ? null : nanoToDollars(n));

function feature(r: FeatureWorksheetRow): ReportFeature {
  return {
    name: r.name,
    sites: r.sites,
    unpricedSites: r.unpricedSites,
    tasksPerMonth: r.tasksPerMonth,
    callsPerTask: r.callsPerTask,
    successRate: r.successRate,
    basis: r.basis,
    costPerTask: dollarsOrNull(r.costPerTask),
    costPerSuccessfulTask: dollarsOrNull(r.costPerSuccessfulTask),
    monthlyCost: nanoToDollars(r.monthlyCost),
    monthlyBudget: dollarsOrNull(r.monthlyBudget),
    overBudget: r.overBudget,
  };
}

function byPosition(a: { file: string; line: number; column: number }, b: { file: string; line: number; column: number }): number {
  return compareText(a.file, b.file) || a.line - b.line || a.column - b.column;
}

/** Code-unit order, not locale order, so reports are byte-identical on every machine. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Builds the CLI's JSON contract from priced, judged sites. Sites are ordered by file, line and
 * column so that two scans of the same tree give the same bytes.
 */
export function buildScanReport(estimates: readonly SiteEstimate[], meta: ScanReportMeta): ScanReport {
  const sites = estimates.map((e) => site(e, meta)).sort((a, b) => byPosition(a, b) || compareText(a.id, b.id));
  const loose = (meta.findings ?? []).map((x) => finding(x.file, meta.lines?.(x.file), x.finding)).sort(byPosition);
  let monthly = 0;
  let unpriced = 0;
  for (const e of estimates) {
    if (e.monthlyCost === null) unpriced++;
    else monthly += e.monthlyCost; // integers: exact up to 9e15 nano-dollars ($9M a month)
  }
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const f of [...sites.flatMap((s) => s.findings), ...loose]) counts[f.severity]++;
  return {
    schemaVersion: 1,
    tool: { name: 'promptmeter', version: meta.toolVersion },
    pricing: { asOf: meta.pricingAsOf, currency: 'USD' },
    sites,
    totals: {
      sites: sites.length,
      monthlyCost: nanoToDollars(monthly),
      unpricedSites: unpriced,
      findings: counts,
      shares: {
        premium: meta.premium ? premiumShare(sites, meta.premium.inputPerMTok, meta.premium.thresholdPerMTok) : null,
        cacheableUncached: cacheableUncachedShare(sites),
      },
    },
    features: (meta.features ?? []).map(feature),
    findings: loose,
    errors: [...meta.errors].sort((a, b) => compareText(a.file, b.file) || compareText(a.message, b.message)),
  };
}

/** Every finding of a report, site findings first then the loose ones, in file order. */
export function allFindings(r: ScanReport): ReportFinding[] {
  return [...r.sites.flatMap((s) => s.findings), ...r.findings].sort(byPosition);
}
