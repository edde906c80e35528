/** Numbers as rule messages write them: tokens with thousands separators, money through money.ts. */
import { formatUsd } from '../estimate';
import type { Nanodollars } from '../model';

/** `16384` → `16,384`, independent of the host's locale. */
export function tokens(n: number): string {
  const s = String(Math.round(Math.abs(n)));
  const grouped = s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return n < 0 ? `-${grouped}` : grouped;
}

/** Dollars as everywhere else in Promptmeter. */
export function usd(n: Nanodollars): string {
  return formatUsd(n);
}
