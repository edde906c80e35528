import type { Nanodollars } from '../model';

/**
 * Money, in one place. Amounts are integer nano-dollars ({@link Nanodollars}, 1e-9 USD); prices
 * are turned into integer micro-dollars per million tokens, so the cost of N tokens is an exact
 * integer of atto-dollars (1e-18 USD) computed with BigInt and never a float sum.
 *
 * THE rounding rule: an exact amount becomes a whole number of units by rounding to the nearest
 * unit, halves away from zero ({@link roundDiv}). It is applied once per priced component (input,
 * output) when atto-dollars become nano-dollars, and once more only for display. Every other
 * operation on nano-dollars (sums, times an integer number of calls) is exact.
 */

export const NANOS_PER_DOLLAR = 1_000_000_000;
const ATTOS_PER_NANO = 1_000_000_000n;
const PPM = 1_000_000n;

/**
 * Divides and rounds to the nearest integer, halves away from zero. The only rounding of money in
 * Promptmeter: costs, derived rates, calls that are not whole and displayed digits all go here.
 */
export function roundDiv(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (2n * n + d) / (2n * d);
  return negative ? -q : q;
}

function whole(n: number, what: string): bigint {
  if (!Number.isFinite(n) || !Number.isInteger(n)) throw new RangeError(`${what} must be a whole number, got ${n}`);
  return BigInt(n);
}

/** A price in USD per million tokens as integer micro-dollars per million tokens (exact to 6 decimals). */
export function rateUnits(perMTok: number): bigint {
  if (!Number.isFinite(perMTok) || perMTok < 0) throw new RangeError(`price must be a non-negative number, got ${perMTok}`);
  return BigInt(Math.round(perMTok * 1e6));
}

/** A fraction in [0, 1] (what remains after a discount) as parts per million. */
export function fractionPpm(fraction: number): bigint {
  if (!Number.isFinite(fraction) || fraction < 0 || fraction > 1) throw new RangeError(`fraction must be within [0, 1], got ${fraction}`);
  return BigInt(Math.round(fraction * 1e6));
}

/**
 * The exact charge, in atto-dollars, for `tokens` tokens at `rate` micro-dollars per million
 * tokens, of which `keepPpm` parts per million are billed (1,000,000 = full price).
 */
export function tokenCharge(tokens: number, rate: bigint, keepPpm: bigint = PPM): bigint {
  if (tokens < 0) throw new RangeError(`token counts cannot be negative, got ${tokens}`);
  return whole(tokens, 'a token count') * rate * keepPpm;
}

/** Exact atto-dollars → nano-dollars, by the one rounding rule. */
export function attoToNano(atto: bigint): Nanodollars {
  return Number(roundDiv(atto, ATTOS_PER_NANO));
}

/** Sums amounts exactly. */
export function addMoney(...amounts: Nanodollars[]): Nanodollars {
  return Number(amounts.reduce((acc, n) => acc + whole(n, 'an amount of nano-dollars'), 0n));
}

/**
 * An amount per call times calls (per month). Exact for whole numbers of calls; a fractional
 * volume (an average) is taken to a millionth of a call and rounded by the one rule.
 */
export function timesCalls(amount: Nanodollars, calls: number): Nanodollars {
  if (!Number.isFinite(calls) || calls < 0) throw new RangeError(`calls must be a non-negative number, got ${calls}`);
  const n = whole(amount, 'an amount of nano-dollars');
  if (Number.isInteger(calls)) return Number(n * BigInt(calls));
  return Number(roundDiv(n * BigInt(Math.round(calls * 1e6)), PPM));
}

/** Dollars as a JSON number (`0.0061`); the nearest double to the exact decimal. */
export function toDollars(amount: Nanodollars): number {
  return amount / NANOS_PER_DOLLAR;
}

/** Whole nano-dollars from dollars, by the one rounding rule (for config values such as budgets). */
export function fromDollars(dollars: number): Nanodollars {
  if (!Number.isFinite(dollars)) throw new RangeError(`not a dollar amount: ${dollars}`);
  // Dollar amounts typed by people have few decimals; 1e-12 precision keeps them exact.
  const [int, frac = ''] = Math.abs(dollars).toFixed(12).split('.');
  const pico = BigInt(int!) * 1_000_000_000_000n + BigInt(frac.padEnd(12, '0'));
  const nano = roundDiv(pico, 1000n);
  return Number(dollars < 0 ? -nano : nano);
}

export interface FormatUsdOptions {
  /** Significant digits for amounts under $1 (default 2: `$0.0061`). */
  digits?: number;
  /** Prefix positive amounts with `+` (for cost differences). */
  sign?: boolean;
  /** Drop trailing zeros after the cents (`$0.003` rather than `$0.00300` at 3 digits). */
  trim?: boolean;
}

/**
 * Formats dollars for people, with digits that stay readable across six orders of magnitude:
 *
 * | amount            | shown as                 | e.g.                      |
 * |-------------------|--------------------------|---------------------------|
 * | under $1          | 2 significant digits, at least 2 decimals | `$0.0061`, `$0.25`, `$0.000012` |
 * | $1 to under $100  | cents                    | `$3.05`, `$30.50`         |
 * | $100 to under $1M | whole dollars, grouped   | `$305`, `$12,480`         |
 * | $1M and up        | 3 significant digits + M/B | `$1.23M`, `$45.6M`, `$2.10B` |
 *
 * Zero is `$0.00`. Rounding is the one rule of this module (halves away from zero).
 */
export function formatUsd(amount: Nanodollars, opts: FormatUsdOptions = {}): string {
  const n = whole(amount, 'an amount of nano-dollars');
  const abs = n < 0n ? -n : n;
  const sign = n < 0n ? '-' : opts.sign && n > 0n ? '+' : '';
  const text = formatAbs(abs, opts.digits ?? 2);
  return `${sign}$${opts.trim ? trimZeros(text) : text}`;
}

function trimZeros(text: string): string {
  return text.replace(/^(\d[\d,]*\.\d\d\d*?)0+$/, '$1');
}

const DOLLAR = 1_000_000_000n;

function formatAbs(n: bigint, digits: number): string {
  if (n === 0n) return '0.00';
  if (n < DOLLAR) return fixed(n, Math.min(9, Math.max(2, digits + 9 - n.toString().length)));
  if (n < 100n * DOLLAR) return fixed(n, 2);
  if (n < 1_000_000n * DOLLAR) return group(roundDiv(n, DOLLAR).toString());
  return scaled(n);
}

/** `n` nano-dollars with `decimals` decimals. */
function fixed(n: bigint, decimals: number): string {
  const units = roundDiv(n, 10n ** BigInt(9 - decimals)).toString().padStart(decimals + 1, '0');
  return `${units.slice(0, -decimals)}.${units.slice(-decimals)}`;
}

function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function scaled(n: bigint): string {
  const billion = 1_000_000_000n * DOLLAR;
  const [unit, suffix] = n >= billion ? [billion, 'B'] : [1_000_000n * DOLLAR, 'M'];
  // Three significant digits: 1.23, 12.3 or 123 units.
  const wholeUnits = n / unit;
  const decimals = wholeUnits >= 100n ? 0 : wholeUnits >= 10n ? 1 : 2;
  const scaledUnits = roundDiv(n * 10n ** BigInt(decimals), unit).toString().padStart(decimals + 1, '0');
  const text = decimals === 0 ? scaledUnits : `${scaledUnits.slice(0, -decimals)}.${scaledUnits.slice(-decimals)}`;
  return `${group(text.split('.')[0]!)}${text.includes('.') ? `.${text.split('.')[1]}` : ''}${suffix}`;
}
