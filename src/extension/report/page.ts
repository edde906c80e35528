/**
 * The report page: core's HTML report (the same the CLI writes with `--format html`: totals with
 * both shares, charts, worksheet, table) with the editor's additions in the places core's
 * renderer offers for them — export and rescan buttons, the what-if form, the webview script and
 * stylesheet from `media/report/`. Pure text: every value from the workspace is escaped, and only
 * nonce'd scripts run.
 */
import { escapeHtml, formatCount, renderHtml } from '../../core/report';
import type { ReportModel } from './model';

export interface PageOptions {
  nonce: string;
  /** The webview's `cspSource`, allowed for the stylesheet. */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
}

function toolbar(m: ReportModel): string {
  const s = m.stats;
  const facts = [
    `${formatCount(s.files)} files scanned`,
    s.reused ? `${formatCount(s.reused)} reused` : '',
    s.errors ? `${formatCount(s.errors)} not analysed` : '',
    `${formatCount(s.ms)} ms`,
  ].filter(Boolean);
  return [
    `<nav id="pm-toolbar" aria-label="Report actions">`,
    `<button type="button" data-export="md">Export Markdown</button>`,
    `<button type="button" data-export="csv">Export CSV</button>`,
    `<button type="button" data-export="json">Export JSON</button>`,
    `<button type="button" id="pm-rescan" class="pm-secondary">Rescan</button>`,
    `<span class="pm-muted" id="pm-scan-stats">${escapeHtml(facts.join(' · '))}</span>`,
    `</nav>`,
  ].join('\n');
}

function option(value: unknown, label: string): string {
  return `<option value="${escapeHtml(JSON.stringify(value))}">${escapeHtml(label)}</option>`;
}

function whatIfForm(m: ReportModel): string {
  const features = m.worksheet.map((r) => option({ kind: 'feature', name: r.name }, r.name));
  const sites = m.report.sites
    .filter((s) => s.monthlyCost !== null)
    .map((s) => option({ kind: 'site', id: s.id }, `${s.file}:${s.line} · ${s.resolvedModel ?? s.model ?? 'dynamic'}`));
  const providers = [...new Set(m.models.map((x) => x.provider))];
  const models = providers.map(
    (p) => `<optgroup label="${escapeHtml(p)}">${m.models.filter((x) => x.provider === p).map((x) => `<option value="${escapeHtml(x.id)}">${escapeHtml(x.id)}</option>`).join('')}</optgroup>`,
  );
  return [
    `<section id="pm-whatif" aria-labelledby="pm-whatif-h"><h2 id="pm-whatif-h">What if</h2>`,
    `<form id="pm-whatif-form" class="pm-form">`,
    `<label for="pm-whatif-target">Apply to</label>`,
    `<select id="pm-whatif-target">${option({ kind: 'workspace' }, 'The whole workspace')}`,
    features.length ? `<optgroup label="Features">${features.join('')}</optgroup>` : '',
    sites.length ? `<optgroup label="Call sites">${sites.join('')}</optgroup>` : '',
    `</select>`,
    `<label for="pm-whatif-model">Model</label>`,
    `<select id="pm-whatif-model"><option value="">each site's own</option>${models.join('')}</select>`,
    `<label class="pm-check"><input type="checkbox" id="pm-whatif-batch"> Batch API</label>`,
    `<label class="pm-check"><input type="checkbox" id="pm-whatif-caching"> Prompt caching on</label>`,
    `<button type="submit">Compare</button>`,
    `</form>`,
    `<output id="pm-whatif-result" for="pm-whatif-target pm-whatif-model" aria-live="polite"></output>`,
    `</section>`,
  ].join('\n');
}

/** The whole webview document. */
export function reportPage(m: ReportModel, o: PageOptions): string {
  return renderHtml(m.report, {
    nonce: o.nonce,
    cspSource: o.cspSource,
    title: 'Promptmeter cost report',
    stylesheets: [o.styleUri],
    scripts: [o.scriptUri],
    toolbar: toolbar(m),
    sections: [whatIfForm(m)],
  });
}
