import type { Language, Provider, RuleId, Severity } from '../model';

/**
 * The CLI's JSON (DESIGN.md "The CLI's JSON"): a stable contract. Fields may be added; none is
 * renamed or removed without a new `schemaVersion`. Money is in dollars here (the only place it
 * leaves nano-dollars), and `null` means "unpriced", never zero.
 */
export interface ScanReport {
  schemaVersion: 1;
  tool: { name: 'promptmeter'; version: string };
  pricing: { asOf: string; currency: 'USD' };
  sites: ReportSite[];
  totals: ReportTotals;
  /**
   * The cost-per-task worksheet: one row per feature of `promptmeter.yaml`, in file order; empty
   * when the workspace names no features.
   */
  features: ReportFeature[];
  /** Findings that belong to no single site: file, feature and workspace budgets (PM008). */
  findings: ReportFinding[];
  errors: ReportError[];
}

/**
 * One feature of `promptmeter.yaml` on the cost-per-task worksheet. `Money` is the unit: nano-dollars
 * while it is computed (`featureWorksheet`), dollars in the report.
 */
export interface FeatureRow<Money extends number> {
  name: string;
  /** Sites attributed to the feature (by id first, then by glob; see `featureFor`). */
  sites: number;
  /** Of those, sites with no price: left out of every sum of the row. */
  unpricedSites: number;
  tasksPerMonth: number | null;
  callsPerTask: number | null;
  /** As written in `promptmeter.yaml`, or null when not given (then 1 is used). */
  successRate: number | null;
  /**
   * `tasks`: monthly cost ÷ tasks per month; `callsPerTask`: calls per task × the sum of the
   * sites' per-call costs (each site runs that often per task); null when neither is given.
   */
  basis: 'tasks' | 'callsPerTask' | null;
  costPerTask: Money | null;
  /** Cost per task ÷ success rate: what one successful outcome costs. */
  costPerSuccessfulTask: Money | null;
  /** The sum of the priced sites' monthly costs, whatever set their volumes. */
  monthlyCost: Money;
  /** The feature's monthly budget, when it has one. */
  monthlyBudget: Money | null;
  overBudget: boolean;
}

/** One feature on the report's cost-per-task worksheet, in dollars. */
export type ReportFeature = FeatureRow<number>;

export interface ReportCost {
  input: number;
  output: number;
  total: number;
}

export interface ReportFinding {
  rule: RuleId;
  severity: Severity;
  message: string;
  /** The file the finding points into; equals the site's file for site findings. */
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface ReportSite {
  /** Stable across runs and unrelated edits: what `diff` matches on. */
  id: string;
  /** Relative to the scanned folder, forward slashes. */
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  kind: 'call' | 'template';
  language: Language;
  provider: Provider;
  api: string;
  /** The model as written, or null when only known at run time. */
  model: string | null;
  /** The priced id after alias normalisation, or null when no price matched. */
  resolvedModel: string | null;
  inputTokens: number;
  inputTokensExact: boolean;
  inputTokensRange: { min: number; max: number };
  /** The output cap written in the call, or null when there is none (or it is not a literal). */
  outputTokensCap: number | null;
  /** The cap's parameter as written (`max_completion_tokens`, …), or null when the call has none. */
  outputCapParam: string | null;
  /** The most output one call can bill: the cap, an SDK default or the model's maximum; null if unknown. */
  outputTokensLimit: number | null;
  outputTokensExpected: number;
  costPerCall: ReportCost | null;
  /** Per call with the output at its cap, null when unpriced. */
  costPerCallWorstCase: ReportCost | null;
  callsPerMonth: number;
  /** Which rule gave the volume (`annotation`, `workspace`, `feature`, `default`) and its words. */
  volumeSource: string;
  volumeDetail: string | null;
  monthlyCost: number | null;
  /** The feature from `promptmeter.yaml` the site is attributed to, or null. */
  feature: string | null;
  cache: { eligibleTokens: number; used: boolean };
  findings: ReportFinding[];
}

export interface ReportTotals {
  sites: number;
  /** The sum over priced sites; unpriced ones are counted in `unpricedSites`. */
  monthlyCost: number;
  unpricedSites: number;
  findings: Record<Severity, number>;
  /** Shares (0–1) of the priced monthly cost that two levers could move (see `shares.ts`). */
  shares: ReportShares;
}

export interface ReportShares {
  /** On models whose input price is at or above the premium threshold; null when built without prices. */
  premium: number | null;
  /** On cacheable-but-uncached sites (`isCacheableUncached`). */
  cacheableUncached: number;
}

export interface ReportError {
  file: string;
  message: string;
}
