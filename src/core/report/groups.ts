import { compareText, nanoToDollars } from './build';
import type { ReportSite, ScanReport } from './types';

/** A dimension the report groups monthly cost by. */
export type GroupKey = 'feature' | 'model' | 'file' | 'provider';

/** One group: its label, monthly dollars of its priced sites, and how many sites it holds. */
export interface CostGroup {
  label: string;
  value: number;
  sites: number;
  unpricedSites: number;
}

const NONE: Record<GroupKey, string> = {
  feature: '(no feature)',
  model: '(model unknown)',
  file: '(no file)',
  provider: 'unknown',
};

function keyOf(s: ReportSite, by: GroupKey): string {
  const k = by === 'model' ? (s.resolvedModel ?? s.model) : by === 'feature' ? s.feature : by === 'file' ? s.file : s.provider;
  return k ?? NONE[by];
}

/**
 * Monthly cost grouped by a dimension, largest first (ties by label). Sums are taken in whole
 * nano-dollars so a group of many small sites carries no float drift.
 */
export function groupMonthlyCost(r: ScanReport, by: GroupKey): CostGroup[] {
  const acc = new Map<string, { nano: number; sites: number; unpriced: number }>();
  for (const s of r.sites) {
    const k = keyOf(s, by);
    const g = acc.get(k) ?? { nano: 0, sites: 0, unpriced: 0 };
    g.sites++;
    if (s.monthlyCost === null) g.unpriced++;
    else g.nano += Math.round(s.monthlyCost * 1e9);
    acc.set(k, g);
  }
  return [...acc.entries()]
    .map(([label, g]) => ({ label, value: nanoToDollars(g.nano), sites: g.sites, unpricedSites: g.unpriced }))
    .sort((a, b) => b.value - a.value || compareText(a.label, b.label));
}

/** Sites by monthly cost, most expensive first; unpriced sites last. */
export function topSites(r: ScanReport, n: number): ReportSite[] {
  return [...r.sites]
    .sort((a, b) => (b.monthlyCost ?? -1) - (a.monthlyCost ?? -1) || compareText(a.file, b.file) || a.line - b.line)
    .slice(0, n);
}
