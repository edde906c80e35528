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

/** One feature on the cost-per-task worksheet, in dollars (see `featureWorksheet`). */
export interface ReportFeature {
  name: string;
  /** Sites attributed to the feature (by id first, then by glob). */
  sites: number;
  /** Of those, sites with no price: left out of every sum of the row. */
  unpricedSites: number;
  tasksPerMonth: number | null;
  callsPerTask: number | null;
  /** As written in `promptmeter.yaml`, or null when not given (then 1 is used). */
  successRate: number | null;
  /** `tasks`: monthly cost ÷ tasks per month; `callsPerTask`: calls per task × the per-call sum; null: neither given. */
  basis: 'tasks' | 'callsPerTask' | null;
  costPerTask: number | null;
  /** Cost per task ÷ success rate: what one successful outcome costs. */
  costPerSuccessfulTask: number | null;
  /** The sum of the priced sites' monthly costs. */
  monthlyCost: number;
  monthlyBudget: number | null;
  overBudget: boolean;
}

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
}

export interface ReportError {
  file: string;
  message: string;
}
