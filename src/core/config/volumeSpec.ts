/**
 * Call volumes as people write them: `50000`, `20k/day`, `1.5m per month`, `3,000 calls/week`.
 * Everything is normalised to calls per month, where a month is 30 days (so a day is 1/30 of a
 * month, an hour 1/720, a week 7/30, and a year is 12 months). The 30-day month keeps
 * `1k/day` = 30,000/month exact; the price of that convention is that `/year` is 360 days'
 * worth of `/day`, about 1.4% off a calendar year.
 */

/** Months per unit: how many of the unit fit in a 30-day month. */
const PER_MONTH: Record<string, number> = {
  hour: 30 * 24,
  day: 30,
  week: 30 / 7,
  month: 1,
  year: 1 / 12,
};

const UNIT_ALIASES: Record<string, keyof typeof PER_MONTH> = {
  h: 'hour', hr: 'hour', hrs: 'hour', hour: 'hour', hours: 'hour', hourly: 'hour',
  d: 'day', day: 'day', days: 'day', daily: 'day',
  w: 'week', wk: 'week', week: 'week', weeks: 'week', weekly: 'week',
  mo: 'month', mon: 'month', month: 'month', months: 'month', monthly: 'month',
  y: 'year', yr: 'year', year: 'year', years: 'year', yearly: 'year',
};

const MULTIPLIER: Record<string, number> = { '': 1, k: 1e3, m: 1e6 };

/** The largest volume accepted: more calls than this per month is a typo, not a forecast. */
export const MAX_CALLS_PER_MONTH = 1e12;

/**
 * The pattern of a volume spec, for JSON schema and highlighting: a number with optional
 * thousands separators and a `k`/`m` suffix, an optional `calls`, then `/unit` or `per unit`.
 */
export const VOLUME_SPEC_PATTERN =
  '^\\s*\\d[\\d,_]*(?:\\.\\d+)?\\s*[kKmM]?\\s*(?:calls?\\s*)?(?:(?:/|per\\s+|a\\s+)\\s*[A-Za-z]+)?\\s*$';

const SPEC = /^(\d[\d,_]*(?:\.\d+)?)\s*([kKmM]?)\s*(?:calls?\s*)?(?:(?:\/|per\s+|a\s+)\s*([A-Za-z]+))?$/;

/**
 * Calls per month for a volume spec, or null when the text is not one. A bare number is per
 * month. Units: hour, day, week, month, year (and `h`, `d`, `w`, `mo`, `y`, plurals); suffixes
 * `k` (thousand) and `m` (million, not minute); commas and underscores group digits.
 *
 * @example parseVolumeSpec('20k/day') === 600_000
 */
export function parseVolumeSpec(spec: string): number | null {
  if (typeof spec !== 'string' || spec.length > 100) return null;
  const m = SPEC.exec(spec.trim());
  if (!m) return null;
  const digits = m[1]!;
  if (/[,_]{2}|[,_]$|[,_]\./.test(digits)) return null;
  // `1,5k` is a European decimal or a typo; only thousands groups are read as separators.
  if (digits.includes(',') && !/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(digits)) return null;
  const count = Number(digits.replace(/[,_]/g, '')) * MULTIPLIER[m[2]!.toLowerCase()]!;
  const unit = m[3] === undefined ? 'month' : UNIT_ALIASES[m[3].toLowerCase()];
  if (unit === undefined || !Number.isFinite(count)) return null;
  const perMonth = roundCalls(count * PER_MONTH[unit]!);
  return perMonth <= MAX_CALLS_PER_MONTH ? perMonth : null;
}

/** Drops float noise (`20000 * 30/7`) without hiding real fractions of a call. */
function roundCalls(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
