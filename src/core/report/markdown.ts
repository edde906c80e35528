import { allFindings } from './build';
import { capNote, escapeMarkdown, formatCount, formatDollars, formatTokens, markdownCode } from './format';
import { type CostGroup, groupMonthlyCost, topSites } from './groups';
import type { ReportSite, ScanReport } from './types';
import { renderWorksheetMarkdown } from './worksheet';

export interface MarkdownOptions {
  /** How many of the most expensive sites to list (default 10). */
  topSites?: number;
  /** How many findings to list before folding the rest away (default 50). */
  maxFindings?: number;
}

/** GitHub refuses comments over 65,536 characters; past this many findings rows a comment would risk it. */
const MAX_FOLDED_ROWS = 250;

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function table(head: string[], align: ('l' | 'r')[], rows: string[][]): string[] {
  return [row(head), row(align.map((a) => (a === 'r' ? '---:' : '---'))), ...rows.map(row)];
}

function where(file: string, line: number): string {
  return markdownCode(`${file}:${line}`);
}

function out(s: ReportSite): string {
  return `${formatCount(s.outputTokensExpected)} ${capNote(s)}`;
}

function siteRows(sites: ReportSite[]): string[][] {
  return sites.map((s) => [
    where(s.file, s.line),
    s.model === null ? '_dynamic_' : markdownCode(s.resolvedModel ?? s.model),
    formatTokens(s.inputTokens, s.inputTokensExact),
    out(s),
    formatDollars(s.costPerCall?.total ?? null),
    formatCount(s.callsPerMonth),
    formatDollars(s.monthlyCost),
  ]);
}

function summary(r: ScanReport): string[] {
  const t = r.totals;
  const f = t.findings;
  const lines = [
    `**${formatDollars(t.monthlyCost)} / month** projected across **${formatCount(t.sites)}** LLM call ${t.sites === 1 ? 'site' : 'sites'} and templates.`,
  ];
  if (t.unpricedSites) lines.push(`${formatCount(t.unpricedSites)} unpriced (unknown or dynamic model) not included in the total.`);
  if (t.monthlyCost > 0) lines.push(shares(r));
  lines.push(`Findings: ${count(f.error, 'error')}, ${count(f.warning, 'warning')}, ${f.info} info. Prices as of ${r.pricing.asOf} (${r.pricing.currency}).`);
  return lines;
}

/** The two levers, as the HTML totals state them. */
function shares(r: ScanReport): string {
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  const { premium, cacheableUncached } = r.totals.shares;
  return `${premium === null ? '' : `On premium models: ${pct(premium)} of cost. `}Cacheable but uncached: ${pct(cacheableUncached)} of cost.`;
}

function groupCost(g: CostGroup): string {
  if (g.unpricedSites === g.sites) return 'unpriced';
  return g.unpricedSites ? `${formatDollars(g.value)} + ${g.unpricedSites} unpriced` : formatDollars(g.value);
}

function groups(r: ScanReport): string[] {
  const out: string[] = [];
  for (const by of ['feature', 'model'] as const) {
    const g = groupMonthlyCost(r, by);
    if (g.length < 2 && by === 'feature') continue;
    out.push('', `### By ${by}`, '');
    out.push(...table([by === 'feature' ? 'Feature' : 'Model', 'Sites', '$/month'], ['l', 'r', 'r'], g.map((x) => [escapeMarkdown(x.label), formatCount(x.sites), groupCost(x)])));
  }
  return out;
}

function findings(r: ScanReport, max: number): string[] {
  const all = allFindings(r);
  if (!all.length) return [];
  const rows = all.map((f) => [f.severity, f.rule, where(f.file, f.line), escapeMarkdown(f.message)]);
  const head = ['Severity', 'Rule', 'Where', 'Message'];
  const lines = ['', `### Findings (${all.length})`, '', ...table(head, ['l', 'l', 'l', 'l'], rows.slice(0, max))];
  if (rows.length > max) {
    const folded = rows.slice(max, MAX_FOLDED_ROWS);
    lines.push('', `<details><summary>${rows.length - max} more</summary>`, '', ...table(head, ['l', 'l', 'l', 'l'], folded), '', '</details>');
    if (rows.length > MAX_FOLDED_ROWS) lines.push('', `…and ${rows.length - MAX_FOLDED_ROWS} more findings not shown: see the SARIF or JSON output.`);
  }
  return lines;
}

function errors(r: ScanReport): string[] {
  if (!r.errors.length) return [];
  return ['', `<details><summary>${r.errors.length} ${r.errors.length === 1 ? 'file' : 'files'} not analysed</summary>`, '', ...r.errors.map((e) => `- ${markdownCode(e.file)}: ${escapeMarkdown(e.message)}`), '', '</details>'];
}

/**
 * The report as GitHub-flavoured Markdown for a pull-request comment: the monthly total first,
 * then the most expensive sites, the cost-per-task worksheet, cost by feature and model,
 * findings, and unreadable files folded away. Every piece of source-derived text is escaped.
 */
export function renderMarkdown(r: ScanReport, opts: MarkdownOptions = {}): string {
  const n = opts.topSites ?? 10;
  const lines = ['## Promptmeter cost report', '', ...summary(r)];
  if (r.sites.length) {
    const top = topSites(r, n);
    lines.push('', r.sites.length > n ? `### Top ${n} sites by monthly cost` : '### Sites by monthly cost', '');
    lines.push(...table(['Site', 'Model', 'Input tokens', 'Output tokens', '$/call', 'Calls/month', '$/month'], ['l', 'l', 'r', 'r', 'r', 'r', 'r'], siteRows(top)));
    if (r.features.length) lines.push('', '### Cost per task, by feature', '', renderWorksheetMarkdown(r.features));
    lines.push(...groups(r));
  }
  lines.push(...findings(r, opts.maxFindings ?? 50), ...errors(r));
  return `${lines.join('\n')}\n`;
}

/** `1 warning`, `3 warnings`. */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
