/**
 * PM003 context-overflow: the statically known input plus the written output cap exceed the
 * model's context window, before any placeholder is filled. Without a written cap the provider
 * bounds the output by the room left, so only the input alone can overflow.
 */
import { tokens } from './format';
import type { Draft, Rule, RuleInput } from './rule';

export const contextOverflow: Rule = {
  id: 'PM003',
  name: 'context-overflow',
  summary: "Static input plus the output cap exceed the model's context window.",
  defaultSeverity: 'warning',
  check({ est, model }: RuleInput): Draft[] {
    const window = model?.contextWindow ?? null;
    if (!model || window === null) return [];
    const input = est.inputTokensRange.min;
    const cap = est.site.cap?.value ?? null;
    const approx = est.inputTokensExact ? '' : '≈ ';
    if (input > window) {
      return [
        {
          message: `static input ${approx}${tokens(input)} tokens is above ${model.id}'s context window of ${tokens(window)} tokens`,
          span: est.site.anchor,
          fixes: [],
        },
      ];
    }
    if (cap === null || input + cap <= window) return [];
    return [
      {
        message:
          `static input ${approx}${tokens(input)} tokens + ${est.site.cap!.param} ${tokens(cap)} = ${tokens(input + cap)} tokens, ` +
          `above ${model.id}'s context window of ${tokens(window)} tokens`,
        span: est.site.anchor,
        fixes: [],
      },
    ];
  },
};
