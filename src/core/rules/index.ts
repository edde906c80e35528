/**
 * core/rules: PM001–PM008 as pure functions over an estimated site, their metadata, configured
 * severities, inline suppression and the budget checks that look across sites.
 */
import type { AnalysisContext } from '../analyze/context';
import { lookupModel } from '../analyze/memo';
import { ruleSeverity as configSeverity, type Settings, type WorkspaceConfig } from '../config';
import type { Finding, RuleId, Severity, SiteEstimate } from '../model';
import { cacheBustingPrefix } from './cacheBustingPrefix';
import { capOverModelLimit } from './capOverModelLimit';
import { contextOverflow } from './contextOverflow';
import { missingOutputCap } from './missingOutputCap';
import { exceededBudgets, overBudget, type BudgetFinding } from './overBudget';
import { retiredModel } from './retiredModel';
import type { Rule } from './rule';
import { isSuppressed } from './suppression';
import { uncachedStablePrompt } from './uncachedStablePrompt';
import { unknownModel } from './unknownModel';

export type { BudgetFinding, BudgetScope } from './overBudget';
export type { Draft, Rule, RuleInput } from './rule';
export { directiveRules, isSuppressed, suppressedRules, suppressionFix } from './suppression';
export { applyEdits } from './edits';

/** Every rule, in id order. */
export const rules: readonly Rule[] = [
  missingOutputCap,
  capOverModelLimit,
  contextOverflow,
  uncachedStablePrompt,
  cacheBustingPrefix,
  unknownModel,
  retiredModel,
  overBudget,
];

export interface RuleInfo {
  name: string;
  /** Repository path of the rule's page, with a bad example, the message and the fix. */
  docs: string;
  defaultSeverity: Severity;
  summary: string;
}

/** Name, docs page, default severity and one-line summary of each rule. */
export const ruleInfo: Readonly<Record<RuleId, RuleInfo>> = Object.freeze(
  Object.fromEntries(
    rules.map((r) => [r.id, Object.freeze({ name: r.name, docs: `docs/rules/${r.id}.md`, defaultSeverity: r.defaultSeverity, summary: r.summary })]),
  ) as Record<RuleId, RuleInfo>,
);

/**
 * A rule's severity: `rules` in promptmeter.yaml, else the `diagnostics.severity` setting, else
 * the rule's default (config's one order). `off` means the rule does not run.
 */
export function ruleSeverity(id: RuleId, ws: WorkspaceConfig, settings?: Settings): Severity | 'off' {
  return settings ? configSeverity(id, settings, ws) : (ws.rules[id] ?? ruleInfo[id].defaultSeverity);
}

/**
 * Runs every enabled rule on one estimate. With the file's `text`, fixes are written in its
 * syntax and findings suppressed by a `promptmeter-ignore` comment are dropped.
 */
export function runRules(est: SiteEstimate, ctx: AnalysisContext, text?: string): Finding[] {
  const model = est.resolvedModel ? lookupModel(ctx.prices, est.resolvedModel) : null;
  const out: Finding[] = [];
  for (const rule of rules) {
    const severity = ruleSeverity(rule.id, ctx.workspace, ctx.settings);
    if (severity === 'off') continue;
    const drafts = rule.check({ est, model, ctx, text }).filter((d) => text === undefined || !isSuppressed(rule.id, d.span, est.site, text));
    const first = drafts[0];
    if (!first) continue;
    // One finding per rule per site, so an editor never stacks copies: several budgets one call
    // exceeds read as one message.
    const message = drafts.map((d) => d.message).join('; ');
    out.push({ rule: rule.id, severity, message, span: first.span, fixes: drafts.flatMap((d) => d.fixes) });
  }
  return out;
}

/**
 * PM008 across sites: every budget the estimates exceed, at its configured severity. Give it all
 * of the workspace's estimates; a site whose `suppressedRules` lists PM008 carries no finding.
 */
export function budgetFindings(estimates: readonly SiteEstimate[], ws: WorkspaceConfig, settings?: Settings): BudgetFinding[] {
  const severity = ruleSeverity('PM008', ws, settings);
  if (severity === 'off') return [];
  return exceededBudgets(estimates, ws, severity);
}

/**
 * Adds the group budget findings (feature, file glob, workspace) to the estimates they point at,
 * once: a message already carried (from {@link runRules}) is not added again, and a site keeps a
 * single PM008 finding whose message lists every budget it is over. Returns the estimates,
 * changed in place.
 */
export function attachBudgetFindings(estimates: SiteEstimate[], ws: WorkspaceConfig, settings?: Settings): SiteEstimate[] {
  const byId = new Map(estimates.map((e) => [e.id, e] as const));
  for (const b of budgetFindings(estimates, ws, settings)) {
    const est = byId.get(b.siteId);
    if (!est) continue;
    const at = est.findings.findIndex((f) => f.rule === 'PM008');
    if (at < 0) est.findings.push(b.finding);
    else if (!est.findings[at]!.message.includes(b.finding.message)) {
      // Still one PM008 per site: a group budget joins the site's own budget message.
      const had = est.findings[at]!;
      est.findings[at] = { ...had, message: `${had.message}; ${b.finding.message}` };
    }
  }
  return estimates;
}
