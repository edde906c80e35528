import { allFindings } from './build';
import { capNote, escapeHtml, formatCount, formatDollars, formatTokens } from './format';
import { groupMonthlyCost } from './groups';
import { renderBarChartSvg } from './svg';
import type { ReportSite, ScanReport } from './types';
import { renderWorksheetHtml } from './worksheet';

export interface HtmlOptions {
  /** Put on the `<style>` and `<script>` elements and allowed by the page's CSP. */
  nonce?: string;
  /** The webview's `cspSource`, allowed for styles and images besides the nonce. */
  cspSource?: string;
  /** Include the small sorting/filtering script (default true; needs `nonce`). */
  script?: boolean;
  title?: string;
  /** Stylesheets a host links after core's style, by URI; they load only from `cspSource`. */
  stylesheets?: readonly string[];
  /**
   * Scripts a host loads after core's script, by URI, each carrying the nonce. Without a nonce
   * they could not run under the CSP, so asking for one without a nonce throws instead of
   * rendering a page that silently lacks it. They load only from `cspSource`.
   */
  scripts?: readonly string[];
  /** HTML a host puts before the totals (the webview's toolbar); the host escapes what it writes. */
  toolbar?: string;
  /** HTML sections a host adds after the cost-per-task worksheet, before the table of sites. */
  sections?: readonly string[];
}

/** One figure in the totals strip; the id is for a host's script and tests. */
interface TotalItem {
  id: string;
  label: string;
  value: string;
}

/**
 * Colours come from VS Code's theme variables inside a webview and fall back to light or dark
 * defaults in a browser; nothing is loaded from elsewhere.
 */
export const REPORT_CSS = `:root{--pm-fg:#1f2328;--pm-bg:#fff;--pm-muted:#59636e;--pm-border:#d1d9e0;--pm-accent:#0969da;--pm-bar:#3b82f6}
@media (prefers-color-scheme:dark){:root{--pm-fg:#e6edf3;--pm-bg:#0d1117;--pm-muted:#9198a1;--pm-border:#3d444d;--pm-accent:#4493f8;--pm-bar:#4493f8}}
body{margin:0;padding:16px 24px;font-family:var(--vscode-font-family,system-ui,sans-serif);font-size:var(--vscode-font-size,14px);color:var(--vscode-foreground,var(--pm-fg));background:var(--vscode-editor-background,var(--pm-bg))}
h1{font-size:1.4em;margin:0 0 4px}h2{font-size:1.1em;margin:24px 0 8px}
.pm-muted{color:var(--vscode-descriptionForeground,var(--pm-muted))}
.pm-totals{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0;padding:0;list-style:none}
.pm-totals li{border:1px solid var(--vscode-panel-border,var(--pm-border));border-radius:6px;padding:8px 12px;min-width:120px}
.pm-totals strong{display:block;font-size:1.3em}
.pm-charts{display:flex;flex-wrap:wrap;gap:24px}
.pm-chart{max-width:100%;height:auto;color:var(--vscode-foreground,var(--pm-fg))}
.pm-bar{fill:var(--vscode-charts-blue,var(--pm-bar))}
table{border-collapse:collapse;width:100%}
th,td{padding:4px 8px;border-bottom:1px solid var(--vscode-panel-border,var(--pm-border));text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
th button{font:inherit;font-weight:bold;color:inherit;background:none;border:0;padding:0;cursor:pointer}
th button:focus-visible,tr[tabindex]:focus-visible,input:focus-visible{outline:2px solid var(--vscode-focusBorder,var(--pm-accent));outline-offset:1px}
tbody tr[tabindex]{cursor:pointer}
tbody tr:hover{background:var(--vscode-list-hoverBackground,rgba(127,127,127,.1))}
.pm-sev-error{color:var(--vscode-errorForeground,#d1242f)}.pm-sev-warning{color:var(--vscode-editorWarning-foreground,#9a6700)}
input[type=search]{font:inherit;color:inherit;background:var(--vscode-input-background,transparent);border:1px solid var(--vscode-input-border,var(--pm-border));padding:4px 6px;margin:4px 0 8px;min-width:280px}
code{font-family:var(--vscode-editor-font-family,ui-monospace,monospace)}`;

/**
 * Sorts the table by a clicked header (numbers largest first, then toggling) and filters rows by
 * the search box. Rows announce
 * activation as a `pm-reveal` event carrying file, line and column, which the VS Code webview
 * turns into "reveal the code"; a standalone page ignores it. No inline handlers anywhere.
 */
export const REPORT_SCRIPT = `(function(){
var table=document.getElementById('pm-sites');if(!table)return;var body=table.tBodies[0];
var heads=table.querySelectorAll('th[data-col]');
heads.forEach(function(th){th.querySelector('button').addEventListener('click',function(){
var col=+th.getAttribute('data-col');var num=th.hasAttribute('data-num');var cur=th.getAttribute('aria-sort');var asc=num?cur==='descending':cur!=='ascending';
heads.forEach(function(h){h.removeAttribute('aria-sort')});th.setAttribute('aria-sort',asc?'ascending':'descending');
var rows=Array.prototype.slice.call(body.rows);
rows.sort(function(a,b){var x=a.cells[col].getAttribute('data-v'),y=b.cells[col].getAttribute('data-v');
if(num){var p=x===''?-Infinity:+x,q=y===''?-Infinity:+y;return asc?p-q:q-p}
return asc?x.localeCompare(y):y.localeCompare(x)});
rows.forEach(function(r){body.appendChild(r)})})});
var filter=document.getElementById('pm-filter');if(filter)filter.addEventListener('input',function(){
var q=filter.value.toLowerCase();Array.prototype.forEach.call(body.rows,function(r){r.hidden=q!==''&&r.textContent.toLowerCase().indexOf(q)<0})});
function reveal(r){document.dispatchEvent(new CustomEvent('pm-reveal',{detail:{file:r.getAttribute('data-file'),line:+r.getAttribute('data-line'),column:+r.getAttribute('data-column'),id:r.getAttribute('data-id')}}))}
body.addEventListener('click',function(e){var r=e.target.closest('tr');if(r)reveal(r)});
body.addEventListener('keydown',function(e){if(e.key==='Enter'||e.key===' '){var r=e.target.closest('tr');if(r){e.preventDefault();reveal(r)}}});
})();`;

type Col = { head: string; num?: boolean; cell: (s: ReportSite) => { text: string; v: string | number | null; cls?: string } };

const COLS: Col[] = [
  { head: 'Site', cell: (s) => ({ text: `<code>${escapeHtml(`${s.file}:${s.line}`)}</code>`, v: `${s.file}:${String(s.line).padStart(8, '0')}` }) },
  { head: 'Provider', cell: (s) => ({ text: escapeHtml(s.provider), v: s.provider }) },
  { head: 'Model', cell: (s) => ({ text: s.model === null ? '<span class="pm-muted">dynamic</span>' : escapeHtml(s.resolvedModel ?? s.model), v: s.resolvedModel ?? s.model ?? '' }) },
  { head: 'Feature', cell: (s) => ({ text: escapeHtml(s.feature ?? ''), v: s.feature ?? '' }) },
  { head: 'In', num: true, cell: (s) => ({ text: formatTokens(s.inputTokens, s.inputTokensExact), v: s.inputTokens }) },
  { head: 'Out', num: true, cell: (s) => ({ text: `${formatCount(s.outputTokensExpected)} ${escapeHtml(capNote(s))}`, v: s.outputTokensExpected }) },
  { head: '$/call', num: true, cell: (s) => ({ text: formatDollars(s.costPerCall?.total ?? null), v: s.costPerCall?.total ?? null }) },
  { head: 'Calls/month', num: true, cell: (s) => ({ text: formatCount(s.callsPerMonth), v: s.callsPerMonth }) },
  { head: '$/month', num: true, cell: (s) => ({ text: formatDollars(s.monthlyCost), v: s.monthlyCost }) },
  { head: 'Findings', cell: (s) => ({ text: s.findings.map((f) => `<span class="pm-sev-${f.severity}" title="${escapeHtml(f.message)}">${f.rule}</span>`).join(' '), v: s.findings.map((f) => f.rule).join(' ') }) },
];

function sitesTable(r: ScanReport): string {
  const head = COLS.map((c, i) => `<th scope="col" data-col="${i}"${c.num ? ' data-num class="n"' : ''}><button type="button">${escapeHtml(c.head)}</button></th>`).join('');
  const rows = r.sites.map((s) => {
    const cells = COLS.map((c) => {
      const { text, v } = c.cell(s);
      return `<td${c.num ? ' class="n"' : ''} data-v="${escapeHtml(v === null ? '' : String(v))}">${text}</td>`;
    }).join('');
    return `<tr tabindex="0" data-id="${escapeHtml(s.id)}" data-file="${escapeHtml(s.file)}" data-line="${s.line}" data-column="${s.column}">${cells}</tr>`;
  });
  return `<table id="pm-sites"><caption class="pm-muted">${formatCount(r.sites.length)} sites; select a column to sort</caption><thead><tr>${head}</tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

function totalItem(t: TotalItem): string {
  return `<li id="${t.id}"><span class="pm-muted">${escapeHtml(t.label)}</span><strong>${escapeHtml(t.value)}</strong></li>`;
}

function percentOfCost(share: number): string {
  return `${Math.round(share * 100)}% of cost`;
}

function totals(r: ScanReport): string {
  const t = r.totals;
  const items: TotalItem[] = [
    { id: 'pm-total-monthly', label: 'Monthly cost', value: formatDollars(t.monthlyCost) },
    { id: 'pm-total-sites', label: 'Sites', value: formatCount(t.sites) },
    { id: 'pm-total-unpriced', label: 'Unpriced sites', value: formatCount(t.unpricedSites) },
    ...(t.shares.premium === null ? [] : [{ id: 'pm-share-premium', label: 'On premium models', value: percentOfCost(t.shares.premium) }]),
    { id: 'pm-share-uncached', label: 'Cacheable but uncached', value: percentOfCost(t.shares.cacheableUncached) },
    { id: 'pm-total-findings', label: 'Findings', value: `${t.findings.error} errors · ${t.findings.warning} warnings` },
  ];
  return `<ul class="pm-totals">${items.map(totalItem).join('')}</ul>`;
}

function charts(r: ScanReport): string {
  const specs = [
    ['feature', 'Monthly cost by feature'],
    ['model', 'Monthly cost by model'],
    ['file', 'Monthly cost by file'],
  ] as const;
  return `<div class="pm-charts">${specs.map(([by, title]) => renderBarChartSvg(groupMonthlyCost(r, by).filter((g) => g.sites > g.unpricedSites), { title, id: `pm-chart-${by}`, width: 520 })).join('\n')}</div>`;
}

function findingsList(r: ScanReport): string {
  const all = allFindings(r);
  if (!all.length) return '<p class="pm-muted">No findings.</p>';
  const items = all.map((f) => `<li><span class="pm-sev-${f.severity}">${f.severity}</span> <strong>${f.rule}</strong> <code>${escapeHtml(`${f.file}:${f.line}:${f.column}`)}</code> ${escapeHtml(f.message)}</li>`);
  return `<ul class="pm-findings">\n${items.join('\n')}\n</ul>`;
}

function errorsList(r: ScanReport): string {
  if (!r.errors.length) return '';
  return `<h2>Files not analysed (${r.errors.length})</h2><ul>\n${r.errors.map((e) => `<li><code>${escapeHtml(e.file)}</code>: ${escapeHtml(e.message)}</li>`).join('\n')}\n</ul>`;
}

/**
 * The report's body: totals, the three bar charts, the cost-per-task worksheet, the sortable table
 * of sites, findings and unanalysed files, with a host's toolbar and sections in their
 * places. Every text taken from the scanned code is escaped.
 */
export function renderReportBody(r: ScanReport, opts: HtmlOptions = {}): string {
  return [
    `<header><h1>${escapeHtml(opts.title ?? 'Promptmeter cost report')}</h1>`,
    `<p class="pm-muted">Prices as of ${escapeHtml(r.pricing.asOf)} (${escapeHtml(r.pricing.currency)}) · ${escapeHtml(r.tool.name)} ${escapeHtml(r.tool.version)}</p></header>`,
    ...(opts.toolbar ? [opts.toolbar] : []),
    `<main>`,
    totals(r),
    `<h2>Monthly cost</h2>`,
    charts(r),
    ...(r.features.length ? [renderWorksheetHtml(r.features)] : []),
    ...(opts.sections ?? []),
    `<h2>Call sites and templates</h2>`,
    `<label for="pm-filter">Filter</label> <input type="search" id="pm-filter" placeholder="file, model, rule…">`,
    sitesTable(r),
    `<h2>Findings</h2>`,
    findingsList(r),
    errorsList(r),
    `</main>`,
  ].join('\n');
}

/** Whether the page runs any script: core's (unless turned off) or a host's, only ever by nonce. */
function runsScripts(opts: HtmlOptions): boolean {
  return !!opts.nonce && (opts.script !== false || (opts.scripts?.length ?? 0) > 0);
}

/** The Content-Security-Policy the page declares: nothing remote, styles and script by nonce. */
export function reportCsp(opts: HtmlOptions): string {
  const src = opts.cspSource ? ` ${opts.cspSource}` : '';
  const style = opts.nonce ? `'nonce-${opts.nonce}'` : `'unsafe-inline'`;
  const script = runsScripts(opts) ? `'nonce-${opts.nonce}'` : `'none'`;
  return `default-src 'none'; img-src data:${src}; style-src ${style}${src}; script-src ${script}; base-uri 'none'; form-action 'none'`;
}

/**
 * The whole report as one self-contained HTML file: no remote resources, inline CSS and script
 * carrying the nonce, a host's stylesheets and scripts in their places, and a CSP that allows
 * only them (a host's assets load only from its `cspSource`). Throws when `scripts` are asked
 * for without a nonce.
 */
export function renderHtml(r: ScanReport, opts: HtmlOptions = {}): string {
  if (opts.scripts?.length && !opts.nonce) throw new Error('renderHtml: scripts need a nonce to run under the report\'s CSP');
  const n = opts.nonce ? ` nonce="${escapeHtml(opts.nonce)}"` : '';
  const links = (opts.stylesheets ?? []).map((href) => `\n<link rel="stylesheet" href="${escapeHtml(href)}">`).join('');
  const own = opts.nonce && opts.script !== false ? `\n<script${n}>\n${REPORT_SCRIPT}\n</script>` : '';
  const hosted = (opts.scripts ?? []).map((src) => `\n<script${n} src="${escapeHtml(src)}"></script>`).join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(reportCsp(opts))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(opts.title ?? 'Promptmeter cost report')}</title>
<style${n}>
${REPORT_CSS}
</style>${links}
</head>
<body>
${renderReportBody(r, opts)}${own}${hosted}
</body>
</html>
`;
}
