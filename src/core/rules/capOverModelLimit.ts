/**
 * PM002 cap-over-model-limit: an output cap above the model's maximum output, which the provider
 * rejects or silently clamps. The fix sets the cap to the maximum.
 */
import type { Fix, Span } from '../model';
import { tokens } from './format';
import type { Draft, Rule, RuleInput } from './rule';

/** Where the cap's number is written: the argument's value, else the number inside the cap's span. */
export function capValueSpan(input: RuleInput): Span | null {
  const { est, text } = input;
  const cap = est.site.cap;
  if (!cap) return null;
  const prop = est.site.args?.properties.find((p) => p.name === cap.param || p.name.endsWith(`.${cap.param}`));
  if (prop) return prop.valueSpan;
  if (text === undefined) return null;
  const raw = text.slice(cap.span.start, cap.span.end);
  const m = /(\d[\d_]*)\s*$/.exec(raw);
  return m ? { start: cap.span.start + m.index, end: cap.span.start + m.index + m[1]!.length } : null;
}

export const capOverModelLimit: Rule = {
  id: 'PM002',
  name: 'cap-over-model-limit',
  summary: "The output cap is above the model's maximum output.",
  defaultSeverity: 'error',
  check(input: RuleInput): Draft[] {
    const { est, model } = input;
    const cap = est.site.cap;
    const max = model?.maxOutputTokens ?? null;
    if (!model || !cap || cap.value === null || max === null || cap.value <= max) return [];
    const at = capValueSpan(input);
    const fixes: Fix[] = at ? [{ title: `Set ${cap.param} to ${max}`, edits: [{ span: at, newText: String(max) }], preferred: true }] : [];
    return [
      {
        message: `${cap.param} ${tokens(cap.value)} is above ${model.id}'s maximum output of ${tokens(max)} tokens: the provider rejects or clamps it`,
        span: cap.span,
        fixes,
      },
    ];
  },
};
