/**
 * Presentation of numbers and text for the renderers. Money arrives here in dollars (from the
 * report) and is only formatted, never summed.
 */

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Whole numbers with thousands separators: `12,345`. */
export function formatCount(n: number): string {
  return grouped.format(n);
}

/**
 * Dollars for people: `$1,235` from a thousand up, `$12.34` from a dollar, and three significant
 * digits below (`$0.0061`), since per-call costs live in the fourth decimal. Null is "unpriced":
 * an unknown price is never shown as $0.
 */
export function formatDollars(d: number | null): string {
  if (d === null) return 'unpriced';
  const sign = d < 0 ? '-' : '';
  const a = Math.abs(d);
  if (a === 0) return '$0';
  if (a >= 1000) return `${sign}$${grouped.format(Math.round(a))}`;
  if (a >= 1) return `${sign}$${a.toFixed(2)}`;
  const digits = Number(a.toPrecision(3)).toString();
  return `${sign}$${digits.includes('e') ? a.toFixed(9).replace(/0+$/, '') : digits}`;
}

/** A signed change: `+$12.50`, `-$3.10`, `$0`. */
export function formatDelta(d: number): string {
  return d > 0 ? `+${formatDollars(d)}` : formatDollars(d);
}

/** Tokens, with `≈` when the count is an approximation. */
export function formatTokens(n: number, exact: boolean): string {
  return `${exact ? '' : '≈'}${formatCount(n)}`;
}

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Escapes text for a GitHub Markdown table cell: inline syntax is neutralised with backslashes,
 * `|` cannot end the cell, angle brackets cannot open HTML, `@name` and `#12` do not mention or
 * link, `$` cannot open GitHub math, and a line break cannot end the row.
 */
export function escapeMarkdown(s: string): string {
  return s
    .replace(/[\\`*_[\]|~@#$]/g, (c) => `\\${c}`)
    .replace(/</g, '&lt;')
    .replace(/\r\n|\r|\n/g, ' ');
}

/** Text inside backticks: a backtick cannot close the span early, a pipe cannot end the cell. */
export function markdownCode(s: string): string {
  const clean = s.replace(/\r\n|\r|\n/g, ' ').replace(/\|/g, '\\|');
  const fence = clean.includes('`') ? '`` ' : '`';
  return `${fence}${clean}${fence.split('').reverse().join('')}`;
}

/** How a site's output is bounded, for a table cell: `(≤1,024)`, `(no cap)`, `(cap: n)`. */
export function capNote(s: { outputTokensCap: number | null; outputCapParam: string | null }): string {
  if (s.outputCapParam === null) return '(no cap)';
  return s.outputTokensCap === null ? `(cap: ${s.outputCapParam})` : `(≤${formatCount(s.outputTokensCap)})`;
}
