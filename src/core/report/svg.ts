import { escapeHtml, formatDollars } from './format';

/** One bar: a label and a non-negative value. */
export interface Bar {
  label: string;
  value: number;
}

export interface BarChartOptions {
  /** Read by assistive technology and shown as the chart's heading. */
  title: string;
  /** Prefix for element ids, unique within the page that embeds several charts. */
  id?: string;
  /** Total width in px (default 640). */
  width?: number;
  /** How values are written beside the bars (default dollars). */
  format?: (value: number) => string;
  /** At most this many bars; the rest are summed into one "other" bar (default 10). */
  maxBars?: number;
}

const ROW = 24;
const BAR = 16;
const TOP = 28;
const CHAR_PX = 7; // average advance of a 12 px sans-serif glyph: enough to size the label column
const MAX_LABEL_CHARS = 40;

/** Keeps the last characters of a long label (file paths differ at their end). */
function shorten(label: string): string {
  return label.length <= MAX_LABEL_CHARS ? label : `…${label.slice(label.length - MAX_LABEL_CHARS + 1)}`;
}

function limit(bars: readonly Bar[], max: number): Bar[] {
  const clean = bars.map((b) => ({ label: b.label, value: Number.isFinite(b.value) && b.value > 0 ? b.value : 0 }));
  if (clean.length <= max) return clean;
  const rest = clean.slice(max - 1).reduce((sum, b) => sum + b.value, 0);
  return [...clean.slice(0, max - 1), { label: `other (${clean.length - max + 1})`, value: rest }];
}

/**
 * A horizontal bar chart as a standalone SVG string: labels on the left, values on the right.
 * All text is escaped; there are no `style` attributes or scripts, so the SVG is allowed under a
 * strict Content-Security-Policy, and colours are presentation attributes that a page's CSS may
 * override through the `pm-bar` / `pm-label` / `pm-value` classes. It has `role="img"`, an
 * `aria-label`, a `<title>` and a `<desc>` listing every value for screen readers.
 */
export function renderBarChartSvg(bars: readonly Bar[], opts: BarChartOptions): string {
  const fmt = opts.format ?? formatDollars;
  const width = opts.width ?? 640;
  const rows = limit(bars, Math.max(1, opts.maxBars ?? 10));
  const id = (opts.id ?? 'pm-chart').replace(/[^A-Za-z0-9_-]/g, '-');
  const labels = rows.map((b) => shorten(b.label));
  const values = rows.map((b) => fmt(b.value));
  const labelW = Math.min(Math.max(0, ...labels.map((l) => l.length)) * CHAR_PX + 8, Math.floor(width * 0.45));
  const valueW = Math.max(0, ...values.map((v) => v.length)) * CHAR_PX + 8;
  const plotW = Math.max(20, width - labelW - valueW);
  const max = Math.max(0, ...rows.map((b) => b.value));
  const height = TOP + Math.max(1, rows.length) * ROW + 4;
  const desc = rows.length ? rows.map((b, i) => `${b.label}: ${values[i]}`).join('; ') : 'No data.';
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="pm-chart" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" aria-label="${escapeHtml(opts.title)}" aria-describedby="${id}-desc">`,
    `<title id="${id}-title">${escapeHtml(opts.title)}</title>`,
    `<desc id="${id}-desc">${escapeHtml(desc)}</desc>`,
    `<text class="pm-heading" x="0" y="16" font-family="sans-serif" font-size="13" font-weight="bold" fill="currentColor">${escapeHtml(opts.title)}</text>`,
  ];
  if (!rows.length) {
    out.push(`<text class="pm-label" x="0" y="${TOP + 14}" font-family="sans-serif" font-size="12" fill="currentColor">No data.</text>`);
  }
  rows.forEach((b, i) => {
    const y = TOP + i * ROW;
    const w = max > 0 ? Math.max(b.value > 0 ? 1 : 0, Math.round((b.value / max) * plotW)) : 0;
    out.push(
      `<g class="pm-row"><title>${escapeHtml(`${b.label}: ${values[i]}`)}</title>`,
      `<text class="pm-label" x="${labelW - 8}" y="${y + 12}" text-anchor="end" font-family="sans-serif" font-size="12" fill="currentColor">${escapeHtml(labels[i]!)}</text>`,
      `<rect class="pm-bar" x="${labelW}" y="${y}" width="${w}" height="${BAR}" rx="2" fill="#3b82f6"/>`,
      `<text class="pm-value" x="${labelW + w + 6}" y="${y + 12}" font-family="sans-serif" font-size="12" fill="currentColor">${escapeHtml(values[i]!)}</text></g>`,
    );
  });
  out.push('</svg>');
  return out.join('\n');
}
