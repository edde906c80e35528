import * as assert from 'node:assert/strict';
import { whatIf } from '../../../src/core/report';
import { estimate, price } from '../helpers/estimates';

describe('whatIf (re-pricing sites)', () => {
  // Model P: $2 in, $8 out, $0.50 cached in per million tokens, 50% batch discount.
  const P = price({ id: 'p' });
  // Model Q: $0.10 in, $0.40 out, no cache-read price, no batch tier, at most 400 output tokens.
  const Q = price({ id: 'q', inputPerMTok: 0.1, outputPerMTok: 0.4, cachedInputPerMTok: null, batchDiscount: null, maxOutputTokens: 400 });
  // 1,000 in × $2/M = $0.002, 500 out × $8/M = $0.004 → $0.006 a call, × 10,000 = $60/month.
  const a = estimate({ id: 'a', file: 'a.ts', model: 'p', input: 1000, output: 500, perCall: 6_000_000, calls: 10_000, eligible: 800 });
  const unpriced = estimate({ id: 'u', file: 'u.ts', model: null, input: 10, output: 10, perCall: null, calls: 10 });
  const priceOf = (e: { resolvedModel: string | null }) => (e.resolvedModel === 'p' ? P : null);

  it('no change: the same monthly cost as the report', () => {
    const r = whatIf([a], priceOf, {});
    assert.equal(r.before, 60_000_000_000);
    assert.equal(r.after, 60_000_000_000);
    assert.equal(r.delta, 0);
  });

  it('caching on: the 800-token stable prefix at the cache-read rate', () => {
    // 200 × $2/M = $0.0004, 800 × $0.50/M = $0.0004, output $0.004 → $0.0048 × 10,000 = $48
    const r = whatIf([a], priceOf, { caching: true });
    assert.equal(r.after, 48_000_000_000);
    assert.equal(r.delta, -12_000_000_000);
  });

  it('batch halves every part; with caching too', () => {
    assert.equal(whatIf([a], priceOf, { batch: true }).after, 30_000_000_000); // $0.003 × 10,000
    assert.equal(whatIf([a], priceOf, { batch: true, caching: true }).after, 24_000_000_000); // $0.0024 × 10,000
  });

  it('another model: same tokens, output bounded by its maximum, notes for what it lacks', () => {
    // 1,000 × $0.10/M = $0.0001; output 500 bounded to 400 × $0.40/M = $0.00016 → $0.00026 × 10,000 = $2.60
    const r = whatIf([a], priceOf, { model: Q, batch: true, caching: true });
    assert.equal(r.after, 2_600_000_000);
    assert.deepEqual(r.notes.sort(), ["output bounded by q's maximum of 400 tokens", 'q has no batch discount', 'q has no cache-read price']);
  });

  it('an unpriced site stays out of both sums unless the new model prices it', () => {
    const r = whatIf([a, unpriced], priceOf, {});
    assert.equal(r.unpriced, 1);
    assert.equal(r.before, 60_000_000_000);
    assert.deepEqual(r.sites.map((s) => [s.id, s.before, s.after]), [['a', 60_000_000_000, 60_000_000_000], ['u', null, null]]);
    // On P the unpriced site has a price after, but none before: still not comparable.
    const onP = whatIf([unpriced], priceOf, { model: P });
    assert.equal(onP.sites[0]!.after, 1_000_000); // (10 × $2 + 10 × $8)/M = $0.0001 × 10
    assert.equal(onP.unpriced, 1);
    assert.equal(onP.after, 0);
  });
});
