import * as assert from 'node:assert/strict';
import { addMoney, formatUsd, fromDollars, roundDiv, timesCalls, toDollars } from '../../../src/core/estimate';

describe('estimate/money', () => {
  describe('roundDiv (the one rounding rule: nearest, halves away from zero)', () => {
    it('rounds halves away from zero and everything else to the nearest', () => {
      assert.equal(roundDiv(5n, 10n), 1n); // 0.5 → 1
      assert.equal(roundDiv(15n, 10n), 2n); // 1.5 → 2
      assert.equal(roundDiv(25n, 10n), 3n); // 2.5 → 3 (not banker's 2)
      assert.equal(roundDiv(14n, 10n), 1n); // 1.4 → 1
      assert.equal(roundDiv(16n, 10n), 2n); // 1.6 → 2
      assert.equal(roundDiv(-5n, 10n), -1n); // -0.5 → -1
      assert.equal(roundDiv(-14n, 10n), -1n);
      assert.equal(roundDiv(0n, 7n), 0n);
    });
    it('refuses a zero divisor', () => {
      assert.throws(() => roundDiv(1n, 0n), RangeError);
    });
  });

  describe('sums and volumes stay exact', () => {
    it('adds nano-dollars without float drift', () => {
      // 0.1 + 0.2 dollars as floats is 0.30000000000000004; in nano-dollars it is exact.
      assert.equal(addMoney(100_000_000, 200_000_000), 300_000_000);
      assert.equal(addMoney(), 0);
      const tenths = Array.from({ length: 10 }, () => 100_000_000);
      assert.equal(addMoney(...tenths), 1_000_000_000);
    });
    it('multiplies by whole calls exactly: $0.0061 × 50,000 calls = $305', () => {
      assert.equal(timesCalls(6_100_000, 50_000), 305_000_000_000);
    });
    it('rounds only when the volume is fractional', () => {
      assert.equal(timesCalls(3, 0.5), 2); // 1.5 nano → 2
      assert.equal(timesCalls(7, 1.25), 9); // 8.75 → 9
      assert.throws(() => timesCalls(1, -1), RangeError);
      assert.throws(() => timesCalls(1.5, 2), RangeError);
    });
    it('converts to dollars for JSON and back', () => {
      assert.equal(toDollars(6_100_000), 0.0061);
      assert.equal(toDollars(305_000_000_000), 305);
      assert.equal(fromDollars(0.0061), 6_100_000);
      assert.equal(fromDollars(1234.56), 1_234_560_000_000);
      assert.equal(fromDollars(0.1 + 0.2), 300_000_000);
    });
  });

  describe('formatUsd', () => {
    it('shows sub-dollar amounts with two significant digits and at least cents', () => {
      assert.equal(formatUsd(6_100_000), '$0.0061');
      assert.equal(formatUsd(250_000_000), '$0.25');
      assert.equal(formatUsd(500_000_000), '$0.50');
      assert.equal(formatUsd(61_000_000), '$0.061');
      assert.equal(formatUsd(12), '$0.000000012');
      assert.equal(formatUsd(1), '$0.000000001');
      assert.equal(formatUsd(0), '$0.00');
    });
    it('rounds the shown digit by the same rule', () => {
      assert.equal(formatUsd(6_150_000), '$0.0062'); // 0.00615 → half away from zero
      assert.equal(formatUsd(6_149_999), '$0.0061');
      assert.equal(formatUsd(999_999_999), '$1.00');
    });
    it('shows cents from $1 to $100, whole dollars to $1M, then M and B', () => {
      assert.equal(formatUsd(3_050_000_000), '$3.05');
      assert.equal(formatUsd(30_500_000_000), '$30.50');
      assert.equal(formatUsd(305_000_000_000), '$305');
      assert.equal(formatUsd(12_480_400_000_000), '$12,480');
      assert.equal(formatUsd(1_234_567_000_000_000), '$1.23M');
      assert.equal(formatUsd(45_650_000_000_000_000), '$45.7M');
      assert.equal(formatUsd(2_100_000_000_000_000_000), '$2.10B');
    });
    it('signs differences and honours more digits', () => {
      assert.equal(formatUsd(-500_000_000), '-$0.50');
      assert.equal(formatUsd(6_100_000, { sign: true }), '+$0.0061');
      assert.equal(formatUsd(652_500_000, { digits: 4 }), '$0.6525');
      assert.equal(formatUsd(3_000_000, { digits: 4 }), '$0.003000');
      assert.equal(formatUsd(3_000_000, { digits: 4, trim: true }), '$0.003');
      assert.equal(formatUsd(630_000_000, { digits: 4, trim: true }), '$0.63');
    });
    it('refuses fractional nano-dollars (a bug upstream, not a rounding case)', () => {
      assert.throws(() => formatUsd(0.5), RangeError);
    });
  });
});
