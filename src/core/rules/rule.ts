/** The shape every rule has: a pure check over one estimated site. */
import type { AnalysisContext } from '../analyze/context';
import type { Fix, RuleId, Severity, SiteEstimate, Span } from '../model';
import type { ModelPrice } from '../pricing';

/** What a rule looks at. */
export interface RuleInput {
  est: SiteEstimate;
  /** The priced row of the site's model, or null when the model is unknown or dynamic. */
  model: ModelPrice | null;
  ctx: AnalysisContext;
  /** The analysed file; fixes that must match its syntax (indentation, quotes) need it. */
  text: string | undefined;
}

/** A finding before its configured severity is applied. */
export interface Draft {
  message: string;
  span: Span;
  fixes: Fix[];
}

export interface Rule {
  id: RuleId;
  name: string;
  summary: string;
  defaultSeverity: Severity;
  check(input: RuleInput): Draft[];
}
