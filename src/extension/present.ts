/**
 * Words and numbers the editor shows: the CodeLens title, the hover's Markdown table, the status
 * bar text. Pure (no `vscode`), so unit tests check the strings in plain Node.
 */
import type { Settings } from '../core/config';
import { formatUsd, timesCalls } from '../core/estimate';
import type { CostBreakdown, Nanodollars, PartEstimate, SiteEstimate, Volume } from '../core/model';
import type { ModelPrice } from '../core/pricing';

type Display = Settings['currencyDisplay'];

/** 1240 → `1,240`. */
export function formatInt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** Calls as people say them: 50000 → `50k`, 2500 → `2.5k`, 1200000 → `1.2M`. */
export function formatCalls(n: number): string {
  const short = (v: number, unit: string) => `${Number(v.toFixed(v < 10 ? 1 : 0))}${unit}`;
  if (n >= 1e9) return short(n / 1e9, 'B');
  if (n >= 1e6) return short(n / 1e6, 'M');
  if (n >= 1e3) return short(n / 1e3, 'k');
  return formatInt(n);
}

const CENT = 10_000_000;

/** An amount per call in the chosen display. */
export function perCallMoney(n: Nanodollars, display: Display): string {
  if (display === 'perThousandCalls') return `${formatUsd(timesCalls(n, 1000))}/1k`;
  if (display === 'cents') return n > 0 && n < CENT / 2 ? '<$0.01' : centsOf(n);
  return formatUsd(n);
}

/** A monthly (large) amount in the chosen display. */
export function totalMoney(n: Nanodollars, display: Display): string {
  return display === 'auto' ? formatUsd(n) : centsOf(n);
}

function centsOf(n: Nanodollars): string {
  const cents = Math.round(n / CENT);
  return `$${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

function inputLabel(est: SiteEstimate): string {
  return `${est.inputTokensExact ? '' : '≈'}${formatInt(est.inputTokens)} in`;
}

function outputLabel(est: SiteEstimate): string {
  return est.outputTokensCap !== null ? `≤${formatInt(est.outputTokensCap)} out` : `≈${formatInt(est.outputTokensExpected)} out`;
}

/** `≈1,240 in · ≤512 out · $0.0061/call · ≈$305/mo @ 50k/mo`, or `… · unpriced model` */
export function lensTitle(est: SiteEstimate, settings: Settings): string {
  const parts = [inputLabel(est), outputLabel(est)];
  if (!est.costPerCall) {
    parts.push(est.site.model?.id ? `unpriced model ${est.site.model.id}` : 'unpriced model');
    return parts.join(' · ');
  }
  parts.push(`${perCallMoney(est.costPerCall.total, settings.currencyDisplay)}/call`);
  if (settings.codeLens.showMonthly && est.monthlyCost !== null) {
    parts.push(`≈${totalMoney(est.monthlyCost, settings.currencyDisplay)}/mo @ ${formatCalls(est.volume.callsPerMonth)}/mo`);
  }
  return parts.join(' · ');
}

/** Status bar: `$(symbol) ≈1,240 tokens · gpt-4o · $0.0061` */
export function statusText(tokens: number, exact: boolean, model: string | null, cost: Nanodollars | null, display: Display): string {
  const bits = [`${exact ? '' : '≈'}${formatInt(tokens)} tokens`];
  if (model) bits.push(model);
  if (cost !== null) bits.push(perCallMoney(cost, display));
  return bits.join(' · ');
}

/** What the hover shows beyond the estimate itself, computed by the engine from the price table. */
export interface PriceDetails {
  price: ModelPrice | null;
  /** Per call with the stable prefix read from cache, when the provider caches. */
  cached: CostBreakdown | null;
  /** Per call on the batch tier, when there is one. */
  batch: CostBreakdown | null;
  /** The same call on cheaper models of the same family and tokenizer. */
  siblings: { id: string; perCall: CostBreakdown; monthly: Nanodollars }[];
}

function roleName(p: PartEstimate): string {
  return p.role === 'tools' ? 'tool schemas' : p.role;
}

function volumeSource(v: Volume): string {
  switch (v.source) {
    case 'annotation':
      return `annotation \`${v.detail ?? ''}\``.replace(' ``', '');
    case 'workspace':
      return `promptmeter.yaml${v.detail ? ` (${v.detail})` : ''}`;
    case 'feature':
      return `feature${v.detail ? ` ${v.detail}` : ''} in promptmeter.yaml`;
    default:
      return v.detail ? `default (${v.detail})` : 'default volume';
  }
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/**
 * The hover, compact enough for the editor's hover box (at most 250 px high on most screens): a
 * line with the model and token totals, a line of tokens per part, the costs as a table, then the
 * prices with their source and date and where the volume came from.
 */
export function hoverMarkdown(est: SiteEstimate, details: PriceDetails, settings: Settings): string {
  const d = settings.currencyDisplay;
  const model = est.resolvedModel ?? est.site.model?.id ?? 'unknown model';
  const out = `${formatInt(est.outputTokensExpected)} out${est.outputTokensCap !== null ? ` (cap ${formatInt(est.outputTokensCap)})` : ' (no cap)'}`;
  const lines: string[] = [
    `**Promptmeter** · \`${cell(model)}\` · ${inputLabel(est)} · ${out} · ${est.encoding}${est.inputTokensExact ? '' : ', approximate'}`,
    '',
  ];
  const parts = est.parts.map((p) => {
    const slots = p.slots.map((s) => `\`{${cell(s.name)}}\` ≈${formatInt(s.tokens)}${s.source === 'default' ? ' by default' : ''}`).join(', ');
    return `${roleName(p)}${p.unresolved ? ' (unresolved)' : ''} **${formatInt(p.tokens)}**${slots ? ` (${slots})` : ''}`;
  });
  const framing = est.inputTokens - est.parts.reduce((a, p) => a + p.tokens, 0);
  if (framing > 0) parts.push(`framing **${formatInt(framing)}**`);
  if (parts.length) lines.push(`Tokens: ${parts.join(' · ')}`, '');

  const p = details.price;
  if (!p || !est.costPerCall) {
    lines.push(`**Unpriced model**: \`${cell(est.site.model?.id ?? 'unknown')}\` is not in the price table, so no cost is shown.`);
    return lines.join('\n');
  }
  const calls = est.volume.callsPerMonth;
  lines.push(`| cost | per call | per month @ ${formatCalls(calls)} |`, '|---|---:|---:|');
  const row = (label: string, c: CostBreakdown) => `| ${label} | ${perCallMoney(c.total, d)} | ${totalMoney(timesCalls(c.total, calls), d)} |`;
  lines.push(row('uncached', est.costPerCall));
  if (details.cached && settings.prices.showCaching) lines.push(row(`with caching (${formatInt(est.cache.eligibleTokens)} cached)`, details.cached));
  if (details.batch && settings.prices.showBatch) lines.push(row('batch', details.batch));
  if (est.worstCasePerCall) lines.push(row(`worst case (output at cap ${formatInt(est.outputTokensCap ?? 0)})`, est.worstCasePerCall));
  if (settings.hover.compareCheaperModels) {
    for (const s of details.siblings.slice(0, settings.hover.maxCheaperModels)) lines.push(row(`on \`${cell(s.id)}\``, s.perCall));
  }
  lines.push('');
  const rate = (n: number | null) => (n === null ? '—' : `$${n}`);
  const monthly =
    settings.hover.showMonthly && est.monthlyCost !== null
      ? ` Monthly ≈${totalMoney(est.monthlyCost, d)} at ${formatInt(calls)} calls/month, from ${volumeSource(est.volume)}.`
      : '';
  lines.push(`Per 1M tokens: input ${rate(p.inputPerMTok)} · cached input ${rate(p.cachedInputPerMTok)} · output ${rate(p.outputPerMTok)} (${cell(p.source)}, as of ${p.asOf}).${monthly}`);
  return lines.join('\n');
}
