/**
 * PM007 retired-model: the model is past its provider's retirement date (or the table marks it
 * retired), so calls fail or are redirected. The fix moves to the successor the table names, and
 * the message says what the same call costs there.
 */
import { costOfCall } from '../estimate';
import type { Fix } from '../model';
import { replaceModelId } from './edits';
import { usd } from './format';
import type { Draft, Rule, RuleInput } from './rule';

/** Today as YYYY-MM-DD: the context's pinned day, else the clock (UTC). */
export function today(input: RuleInput): string {
  return input.ctx.today ?? new Date().toISOString().slice(0, 10);
}

export const retiredModel: Rule = {
  id: 'PM007',
  name: 'retired-model',
  summary: "The model is past its provider's retirement date.",
  defaultSeverity: 'error',
  check(input: RuleInput): Draft[] {
    const { est, model, ctx, text } = input;
    if (!model || (model.retiredOn === null && model.status !== 'retired')) return [];
    const past = model.retiredOn !== null && model.retiredOn <= today(input);
    if (!past && model.status !== 'retired') return [];
    const when = model.retiredOn !== null ? ` on ${model.retiredOn}` : '';
    const successor = model.successor ? ctx.prices.lookup(model.successor) : null;
    let next = '';
    const fixes: Fix[] = [];
    if (successor) {
      const there = costOfCall(successor, { input: est.inputTokens, output: est.outputTokensExpected }).total;
      const here = est.costPerCall ? ` (${usd(est.costPerCall.total)} here)` : '';
      next = `; its successor ${successor.id} costs ${usd(there)} per call${here}`;
      const span = est.site.model?.span;
      const edit = span && text !== undefined ? replaceModelId(text, span, successor.id) : null;
      if (edit) fixes.push({ title: `Replace with ${successor.id}`, edits: [edit], preferred: true });
    } else if (model.successor) {
      next = `; its successor is ${model.successor}`;
    }
    return [
      {
        message: `${model.id} was retired${when}: calls to it fail or are redirected${next}`,
        span: est.site.model?.span ?? est.site.anchor,
        fixes,
      },
    ];
  },
};
