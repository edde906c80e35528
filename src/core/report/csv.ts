import type { ReportSite, ScanReport } from './types';

type Cell = string | number | boolean | null;

/**
 * One RFC 4180 field: quoted when it holds a comma, a quote or a line break, quotes doubled.
 * Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) gets a
 * leading apostrophe, since file names and model ids come from the scanned repository.
 */
export function csvField(v: Cell): string {
  if (v === null) return '';
  if (typeof v !== 'string') return String(v);
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows joined with CRLF, as RFC 4180 asks, ending with a line break. */
export function csvRows(rows: readonly (readonly Cell[])[]): string {
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

const COLUMNS: [string, (s: ReportSite) => Cell][] = [
  ['id', (s) => s.id],
  ['file', (s) => s.file],
  ['line', (s) => s.line],
  ['column', (s) => s.column],
  ['kind', (s) => s.kind],
  ['language', (s) => s.language],
  ['provider', (s) => s.provider],
  ['api', (s) => s.api],
  ['model', (s) => s.model],
  ['resolved_model', (s) => s.resolvedModel],
  ['feature', (s) => s.feature],
  ['input_tokens', (s) => s.inputTokens],
  ['input_tokens_exact', (s) => s.inputTokensExact],
  ['output_tokens_cap', (s) => s.outputTokensCap],
  ['output_cap_param', (s) => s.outputCapParam],
  ['output_tokens_limit', (s) => s.outputTokensLimit],
  ['output_tokens_expected', (s) => s.outputTokensExpected],
  ['cost_per_call_input_usd', (s) => s.costPerCall?.input ?? null],
  ['cost_per_call_output_usd', (s) => s.costPerCall?.output ?? null],
  ['cost_per_call_usd', (s) => s.costPerCall?.total ?? null],
  ['calls_per_month', (s) => s.callsPerMonth],
  ['volume_source', (s) => s.volumeSource],
  ['monthly_cost_usd', (s) => s.monthlyCost],
  ['cache_eligible_tokens', (s) => s.cache.eligibleTokens],
  ['cache_used', (s) => s.cache.used],
  ['findings', (s) => s.findings.map((f) => f.rule).join(' ')],
];

/**
 * Every site as one CSV row with a header. Money is in full-precision dollars and an unpriced
 * cost is an empty cell (never 0), so a spreadsheet's SUM stays honest.
 */
export function renderCsv(r: ScanReport): string {
  return csvRows([COLUMNS.map(([h]) => h), ...r.sites.map((s) => COLUMNS.map(([, get]) => get(s)))]);
}
