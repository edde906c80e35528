/**
 * PM008 over-budget: budgets from `promptmeter.yaml` (per site, file glob, feature or the whole
 * workspace; per month or per call) that the estimates exceed. Unlike the other rules it looks
 * across sites: a monthly budget of a glob, feature or workspace sums every priced site it covers.
 *
 * Where a finding goes: a per-call limit flags each call over it; a monthly limit of one site
 * flags that site; a monthly limit of a group flags the group's most expensive site, the first
 * place to look, so a file does not fill with copies of one message.
 */
import { featureFor, type BudgetEntry, type WorkspaceConfig } from '../config';
import { addMoney, fromDollars } from '../estimate';
import type { Finding, Nanodollars, Severity, SiteEstimate } from '../model';
import { matchesAny } from '../util/glob';
import { tokens, usd } from './format';
import type { Draft, Rule, RuleInput } from './rule';

export type BudgetScope = BudgetEntry['scope'];

/** One exceeded budget, with the site its finding is attached to. */
export interface BudgetFinding {
  scope: BudgetScope;
  /** The glob, site id or feature name; null for the workspace. */
  target: string | null;
  per: 'month' | 'call';
  limit: Nanodollars;
  actual: Nanodollars;
  /**
   * `local` when the estimates of one file decide it (any per-call limit, a site's monthly limit);
   * `aggregate` when it sums sites that may live in other files.
   */
  reach: 'local' | 'aggregate';
  siteId: string;
  file: string;
  finding: Finding;
}

/** The estimates a budget covers. */
function covered(b: BudgetEntry, estimates: readonly SiteEstimate[], ws: WorkspaceConfig): SiteEstimate[] {
  switch (b.scope) {
    case 'workspace':
      return [...estimates];
    case 'site':
      return estimates.filter((e) => e.id === b.target);
    case 'file':
      return estimates.filter((e) => b.target !== null && matchesAny(e.file, [b.target]));
    case 'feature':
      return estimates.filter((e) => featureFor({ file: e.file, siteId: e.id }, ws)?.name === b.target);
  }
}

function label(b: BudgetEntry): string {
  switch (b.scope) {
    case 'workspace':
      return 'the workspace';
    case 'site':
      return 'this call site';
    case 'file':
      return `files ${b.target}`;
    case 'feature':
      return `feature "${b.target}"`;
  }
}

function finding(est: SiteEstimate, message: string, severity: Severity): Finding {
  return { rule: 'PM008', severity, message, span: est.site.anchor, fixes: [] };
}

function perCallFindings(b: BudgetEntry, sites: readonly SiteEstimate[], severity: Severity): BudgetFinding[] {
  if (b.perCallUsd === null) return [];
  const limit = fromDollars(b.perCallUsd);
  return sites
    .filter((e) => !quiet(e) && e.costPerCall !== null && e.costPerCall.total > limit)
    .map((e) => ({
      scope: b.scope,
      target: b.target,
      per: 'call' as const,
      limit,
      actual: e.costPerCall!.total,
      reach: 'local' as const,
      siteId: e.id,
      file: e.file,
      finding: finding(e, `${usd(e.costPerCall!.total)} per call is over the ${usd(limit)} per-call budget of ${label(b)}`, severity),
    }));
}

/** A site whose `promptmeter-ignore` comment covers PM008 never carries a budget finding. */
const quiet = (e: SiteEstimate): boolean => e.suppressedRules?.includes('PM008') === true;

function monthlyFinding(b: BudgetEntry, sites: readonly SiteEstimate[], severity: Severity): BudgetFinding[] {
  if (b.monthlyUsd === null) return [];
  const priced = sites.filter((e) => e.monthlyCost !== null);
  const limit = fromDollars(b.monthlyUsd);
  const actual = addMoney(...priced.map((e) => e.monthlyCost!));
  // The group total still counts a suppressed site; the finding goes to the largest other one.
  const candidates = priced.filter((e) => !quiet(e));
  if (actual <= limit || candidates.length === 0) return [];
  const top = candidates.reduce((a, e) => (e.monthlyCost! > a.monthlyCost! ? e : a));
  const unpriced = sites.length - priced.length;
  const rest = unpriced > 0 ? `; ${tokens(unpriced)} unpriced site${unpriced === 1 ? '' : 's'} not counted` : '';
  const message =
    b.scope === 'site'
      ? `${usd(actual)}/mo at ${tokens(top.volume.callsPerMonth)} calls is over this call site's ${usd(limit)}/mo budget`
      : `${label(b)} projects ${usd(actual)}/mo, over its ${usd(limit)}/mo budget` +
        (priced.length > 1 ? `; this call is the largest share at ${usd(top.monthlyCost!)}/mo` : `, all of it from this call`) +
        rest;
  return [
    {
      scope: b.scope,
      target: b.target,
      per: 'month',
      limit,
      actual,
      reach: b.scope === 'site' ? 'local' : 'aggregate',
      siteId: top.id,
      file: top.file,
      finding: finding(top, message, severity),
    },
  ];
}

/**
 * Every budget of the workspace that the given estimates exceed, each with the finding that says
 * so. Group budgets are only right when given all the workspace's estimates.
 */
export function exceededBudgets(estimates: readonly SiteEstimate[], ws: WorkspaceConfig, severity: Severity): BudgetFinding[] {
  const out: BudgetFinding[] = [];
  for (const b of ws.budgets) {
    const sites = covered(b, estimates, ws);
    out.push(...perCallFindings(b, sites, severity), ...monthlyFinding(b, sites, severity));
  }
  return out;
}

export const overBudget: Rule = {
  id: 'PM008',
  name: 'over-budget',
  summary: 'A call site, file or feature projects a cost above its budget in promptmeter.yaml.',
  defaultSeverity: 'warning',
  // Per site, only what this one estimate decides; group totals come from `budgetFindings`.
  check({ est, ctx }: RuleInput): Draft[] {
    return exceededBudgets([est], ctx.workspace, 'warning')
      .filter((b) => b.reach === 'local')
      .map((b) => ({ message: b.finding.message, span: b.finding.span, fixes: [] }));
  },
};
