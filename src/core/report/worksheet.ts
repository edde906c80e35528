import { featureFor, type WorkspaceConfig } from '../config';
import { addMoney, fromDollars, roundDiv, timesCalls } from '../estimate';
import type { Nanodollars, SiteEstimate } from '../model';
import { escapeHtml, escapeMarkdown, formatCount, formatDollars } from './format';
import type { FeatureRow, ReportFeature } from './types';

/** One feature of `promptmeter.yaml` on the cost-per-task worksheet, money in nano-dollars. */
export type FeatureWorksheetRow = FeatureRow<Nanodollars>;

/** Fractions taken to a millionth, then divided by the one rounding rule of money. */
const PPM = 1_000_000;
function divide(amount: Nanodollars, by: number): Nanodollars {
  return Number(roundDiv(BigInt(amount) * BigInt(PPM), BigInt(Math.round(by * PPM))));
}

/**
 * The cost-per-task worksheet: for each feature of `promptmeter.yaml`, in file order, its monthly
 * cost, cost per task and quality-adjusted cost per task (÷ success rate). Pass every estimate of
 * the workspace; sites are attributed as budgets and volumes attribute them.
 */
export function featureWorksheet(estimates: readonly SiteEstimate[], ws: WorkspaceConfig): FeatureWorksheetRow[] {
  const members = new Map<string, SiteEstimate[]>();
  for (const e of estimates) {
    const f = featureFor({ file: e.file, siteId: e.id }, ws);
    if (f) members.set(f.name, [...(members.get(f.name) ?? []), e]);
  }
  const seen = new Set<string>();
  const rows: FeatureWorksheetRow[] = [];
  for (const f of ws.features) {
    if (seen.has(f.name)) continue; // a duplicate name gets no sites (the first wins)
    seen.add(f.name);
    const sites = members.get(f.name) ?? [];
    const priced = sites.filter((e) => e.costPerCall !== null && e.monthlyCost !== null);
    const monthly = addMoney(...priced.map((e) => e.monthlyCost!));
    let basis: FeatureWorksheetRow['basis'] = null;
    let perTask: Nanodollars | null = null;
    if (priced.length > 0 && f.tasksPerMonth !== null && f.tasksPerMonth > 0) {
      basis = 'tasks';
      perTask = divide(monthly, f.tasksPerMonth);
    } else if (priced.length > 0 && f.callsPerTask !== null) {
      basis = 'callsPerTask';
      perTask = timesCalls(addMoney(...priced.map((e) => e.costPerCall!.total)), f.callsPerTask);
    }
    const budget = f.budget?.monthlyUsd ?? null;
    const monthlyBudget = budget === null ? null : fromDollars(budget);
    rows.push({
      name: f.name,
      sites: sites.length,
      unpricedSites: sites.length - priced.length,
      tasksPerMonth: f.tasksPerMonth,
      callsPerTask: f.callsPerTask,
      successRate: f.successRate,
      monthlyCost: monthly,
      basis,
      costPerTask: perTask,
      costPerSuccessfulTask: perTask === null ? null : divide(perTask, f.successRate ?? 1),
      monthlyBudget,
      overBudget: monthlyBudget !== null && monthly > monthlyBudget,
    });
  }
  return rows;
}

const dash = (d: number | null): string => (d === null ? '—' : formatDollars(d));
const count = (n: number | null): string => (n === null ? '—' : formatCount(n));
/** A success rate as written, to a tenth of a percent; 100% when not given. */
const rate = (r: number | null): string => (r === null ? '100%' : `${Math.round(r * 1000) / 10}%`);

const HEAD = ['Feature', 'Sites', 'Tasks/month', 'Calls/task', '$/task', 'Success rate', '$/successful task', '$/month', 'Budget/month'];

/**
 * The worksheet as an HTML section (`#pm-features`), escaped: static, since each row is a sum the
 * report already holds. Empty when the workspace defines no features.
 */
export function renderWorksheetHtml(rows: readonly ReportFeature[]): string {
  if (!rows.length) return '';
  const num = (i: number) => i > 0;
  const body = rows.map((r) => {
    const cells = [
      escapeHtml(r.name),
      `${formatCount(r.sites)}${r.unpricedSites ? ` <span class="pm-muted">(${formatCount(r.unpricedSites)} unpriced)</span>` : ''}`,
      count(r.tasksPerMonth),
      count(r.callsPerTask),
      dash(r.costPerTask),
      r.successRate === null ? '100% <span class="pm-muted">(assumed)</span>' : rate(r.successRate),
      dash(r.costPerSuccessfulTask),
      formatDollars(r.monthlyCost),
      r.monthlyBudget === null ? '—' : `<span class="${r.overBudget ? 'pm-sev-warning' : ''}">${formatDollars(r.monthlyBudget)}${r.overBudget ? ' (over)' : ''}</span>`,
    ];
    return `<tr data-feature="${escapeHtml(r.name)}">${cells.map((c, i) => `<td${num(i) ? ' class="n"' : ''}>${c}</td>`).join('')}</tr>`;
  });
  return [
    `<section id="pm-features" aria-labelledby="pm-features-h"><h2 id="pm-features-h">Cost per task, by feature</h2>`,
    `<table class="pm-worksheet"><thead><tr>${HEAD.map((h, i) => `<th scope="col"${num(i) ? ' class="n"' : ''}>${escapeHtml(h)}</th>`).join('')}</tr></thead>`,
    `<tbody>\n${body.join('\n')}\n</tbody></table></section>`,
  ].join('\n');
}

/**
 * The worksheet as a Markdown table with the HTML section's columns, for the CLI, exports and
 * pull-request comments; empty without features.
 */
export function renderWorksheetMarkdown(rows: readonly ReportFeature[]): string {
  if (!rows.length) return '';
  const lines = [
    `| ${HEAD.join(' | ')} |`,
    `| --- | ${HEAD.slice(1).map(() => '---:').join(' | ')} |`,
    ...rows.map((r) => {
      const cells = [
        escapeMarkdown(r.name),
        `${formatCount(r.sites)}${r.unpricedSites ? ` (${formatCount(r.unpricedSites)} unpriced)` : ''}`,
        count(r.tasksPerMonth),
        count(r.callsPerTask),
        dash(r.costPerTask),
        rate(r.successRate),
        dash(r.costPerSuccessfulTask),
        formatDollars(r.monthlyCost),
        r.monthlyBudget === null ? '—' : `${formatDollars(r.monthlyBudget)}${r.overBudget ? ' (over)' : ''}`,
      ];
      return `| ${cells.join(' | ')} |`;
    }),
  ];
  return lines.join('\n');
}
