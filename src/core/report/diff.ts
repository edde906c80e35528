import { compareText, nanoToDollars } from './build';
import { escapeMarkdown, formatCount, formatDelta, formatDollars, markdownCode } from './format';
import type { ReportFinding, ReportSite, ScanReport } from './types';

/** A site present on both sides whose cost or shape moved. */
export interface ChangedSite {
  id: string;
  before: ReportSite;
  after: ReportSite;
  monthlyCostDelta: number;
}

/** Two scans compared: sites matched by stable id, with the change of the monthly total. */
export interface CostDiff {
  schemaVersion: 1;
  base: { ref: string; monthlyCost: number; sites: number };
  head: { monthlyCost: number; sites: number };
  monthlyCostDelta: number;
  added: (ReportSite & { monthlyCostDelta: number })[];
  removed: (ReportSite & { monthlyCostDelta: number })[];
  changed: ChangedSite[];
  /** Findings on the head side that the base did not have at the same site and rule. */
  newFindings: ReportFinding[];
}

const nano = (d: number | null): number => (d === null ? 0 : Math.round(d * 1e9));

/** A change worth listing: anything a reviewer would read in the cost line of the site. */
function moved(a: ReportSite, b: ReportSite): boolean {
  return (
    nano(a.monthlyCost) !== nano(b.monthlyCost) ||
    (a.monthlyCost === null) !== (b.monthlyCost === null) ||
    nano(a.costPerCall?.total ?? null) !== nano(b.costPerCall?.total ?? null) ||
    a.model !== b.model ||
    a.inputTokens !== b.inputTokens ||
    a.outputTokensCap !== b.outputTokensCap ||
    a.outputCapParam !== b.outputCapParam ||
    a.callsPerMonth !== b.callsPerMonth
  );
}

/**
 * Pairs the sites that lost their id (an edited prompt changes it) by file, api and order, so an
 * edited call reads as "changed" rather than as one removal and one addition.
 */
function pairLeftovers(removed: ReportSite[], added: ReportSite[]): [ReportSite, ReportSite][] {
  const pairs: [ReportSite, ReportSite][] = [];
  const pool = new Map<string, ReportSite[]>();
  for (const s of added) {
    const k = `${s.file}\0${s.api}`;
    pool.set(k, [...(pool.get(k) ?? []), s]);
  }
  for (const r of removed) {
    const cands = pool.get(`${r.file}\0${r.api}`);
    const a = cands?.shift();
    if (a) pairs.push([r, a]);
  }
  return pairs;
}

function findingKey(siteId: string, f: ReportFinding): string {
  return `${siteId}\0${f.rule}`;
}

/**
 * Compares a scan of the base revision with a scan of the working tree. Deltas are computed in
 * whole nano-dollars so "+$0.30" never prints as "+$0.30000000000000004".
 */
export function diffReports(base: ScanReport, head: ScanReport, baseRef: string): CostDiff {
  const before = new Map(base.sites.map((s) => [s.id, s]));
  const after = new Map(head.sites.map((s) => [s.id, s]));
  const changed: ChangedSite[] = [];
  const gone: ReportSite[] = [];
  const fresh: ReportSite[] = [];
  for (const s of base.sites) if (!after.has(s.id)) gone.push(s);
  for (const s of head.sites) {
    const b = before.get(s.id);
    if (!b) fresh.push(s);
    else if (moved(b, s)) changed.push({ id: s.id, before: b, after: s, monthlyCostDelta: nanoToDollars(nano(s.monthlyCost) - nano(b.monthlyCost)) });
  }
  const paired = pairLeftovers(gone, fresh);
  const pairedOld = new Set(paired.map(([b]) => b));
  const pairedNew = new Set(paired.map(([, a]) => a));
  for (const [b, a] of paired) changed.push({ id: a.id, before: b, after: a, monthlyCostDelta: nanoToDollars(nano(a.monthlyCost) - nano(b.monthlyCost)) });
  const renamed = new Map(paired.map(([b, a]) => [a.id, b.id]));
  const oldFindings = new Set(base.sites.flatMap((s) => s.findings.map((f) => findingKey(s.id, f))));
  const newFindings = head.sites.flatMap((s) => s.findings.filter((f) => !oldFindings.has(findingKey(renamed.get(s.id) ?? s.id, f))));
  const bySize = (x: { monthlyCostDelta: number; file: string; line: number }, y: { monthlyCostDelta: number; file: string; line: number }) =>
    Math.abs(y.monthlyCostDelta) - Math.abs(x.monthlyCostDelta) || compareText(x.file, y.file) || x.line - y.line;
  return {
    schemaVersion: 1,
    base: { ref: baseRef, monthlyCost: base.totals.monthlyCost, sites: base.totals.sites },
    head: { monthlyCost: head.totals.monthlyCost, sites: head.totals.sites },
    monthlyCostDelta: nanoToDollars(nano(head.totals.monthlyCost) - nano(base.totals.monthlyCost)),
    added: fresh.filter((s) => !pairedNew.has(s)).map((s) => ({ ...s, monthlyCostDelta: nanoToDollars(nano(s.monthlyCost)) })).sort(bySize),
    removed: gone.filter((s) => !pairedOld.has(s)).map((s) => ({ ...s, monthlyCostDelta: -nanoToDollars(nano(s.monthlyCost)) })).sort(bySize),
    changed: changed.sort((x, y) => bySize({ ...x.after, monthlyCostDelta: x.monthlyCostDelta }, { ...y.after, monthlyCostDelta: y.monthlyCostDelta })),
    newFindings,
  };
}

/** Rows are sorted by the size of the change, so the cut keeps what matters; GitHub caps a comment at 65,536 characters. */
const MAX_ROWS = 150;

function model(s: ReportSite): string {
  return s.model === null ? '_dynamic_' : markdownCode(s.resolvedModel ?? s.model);
}

function percent(delta: number, base: number): string {
  if (base === 0) return '';
  const p = (delta / base) * 100;
  return ` (${p > 0 ? '+' : ''}${Math.abs(p) < 10 ? p.toFixed(1) : Math.round(p)}%)`;
}

function capText(s: ReportSite): string {
  return s.outputCapParam === null ? 'none' : s.outputTokensCap === null ? s.outputCapParam : formatCount(s.outputTokensCap);
}

function change(c: ChangedSite): string {
  const parts: string[] = [];
  const a = c.before;
  const b = c.after;
  if (a.model !== b.model) parts.push(`model ${a.model ?? 'dynamic'} → ${b.model ?? 'dynamic'}`);
  if (a.inputTokens !== b.inputTokens) parts.push(`input ${formatCount(a.inputTokens)} → ${formatCount(b.inputTokens)} tokens`);
  if (a.outputTokensCap !== b.outputTokensCap || a.outputCapParam !== b.outputCapParam) parts.push(`cap ${capText(a)} → ${capText(b)}`);
  if (a.callsPerMonth !== b.callsPerMonth) parts.push(`${formatCount(a.callsPerMonth)} → ${formatCount(b.callsPerMonth)} calls/month`);
  return escapeMarkdown(parts.join('; ') || 'cost per call');
}

/**
 * The cost change as a pull-request comment: the total delta first, then one table of added,
 * removed and changed sites, largest change first, and the findings the change introduces.
 */
export function renderDiffMarkdown(d: CostDiff): string {
  const lines = [
    `## Promptmeter: LLM cost change against ${markdownCode(d.base.ref)}`,
    '',
    `Monthly projection: ${formatDollars(d.base.monthlyCost)} → **${formatDollars(d.head.monthlyCost)}**, **${formatDelta(d.monthlyCostDelta)}/month**${percent(d.monthlyCostDelta, d.base.monthlyCost)}.`,
  ];
  const rows: string[] = [];
  const cell = (s: ReportSite) => markdownCode(`${s.file}:${s.line}`);
  for (const s of d.added) rows.push(`| added | ${cell(s)} | ${model(s)} | ${formatDollars(s.monthlyCost)} | ${formatDelta(s.monthlyCostDelta)} | new call site |`);
  for (const s of d.removed) rows.push(`| removed | ${cell(s)} | ${model(s)} | ${formatDollars(s.monthlyCost)} | ${formatDelta(s.monthlyCostDelta)} | |`);
  for (const c of d.changed) rows.push(`| changed | ${cell(c.after)} | ${model(c.after)} | ${formatDollars(c.before.monthlyCost)} → ${formatDollars(c.after.monthlyCost)} | ${formatDelta(c.monthlyCostDelta)} | ${change(c)} |`);
  if (!rows.length) lines.push('', 'No call site was added, removed or changed.');
  else lines.push('', '| Change | Site | Model | $/month | Δ $/month | What changed |', '|---|---|---|---:|---:|---|', ...rows.slice(0, MAX_ROWS));
  if (rows.length > MAX_ROWS) lines.push('', `…and ${rows.length - MAX_ROWS} smaller changes not shown: see \`--format json\`.`);
  if (d.newFindings.length) {
    lines.push('', `### New findings (${d.newFindings.length})`, '');
    for (const f of d.newFindings.slice(0, MAX_ROWS)) lines.push(`- **${f.rule}** ${markdownCode(`${f.file}:${f.line}`)} ${escapeMarkdown(f.message)}`);
    if (d.newFindings.length > MAX_ROWS) lines.push(`- …and ${d.newFindings.length - MAX_ROWS} more`);
  }
  return `${lines.join('\n')}\n`;
}
