import * as assert from 'node:assert/strict';
import { costOfCall, formatUsd, monthlyCost } from '../../../src/core/estimate';
import { defaultPriceTable } from '../../../src/core/pricing';
import type { ModelPrice } from '../../../src/core/pricing';

/*
 * Every expected amount below is worked out by hand from the providers' list prices (USD per
 * million tokens), written as  tokens × $/MTok ÷ 1,000,000  and then in nano-dollars (1e-9 USD).
 */

function model(id: string): ModelPrice {
  const m = defaultPriceTable().lookup(id);
  assert.ok(m, `${id} is in the bundled table`);
  return m;
}

describe('estimate/cost', () => {
  describe('gpt-4o at list prices ($2.50 in, $1.25 cached, $10 out, batch −50%)', () => {
    const m = model('gpt-4o');
    it('has the list prices', () => {
      assert.deepEqual([m.inputPerMTok, m.cachedInputPerMTok, m.outputPerMTok, m.batchDiscount], [2.5, 1.25, 10, 0.5]);
    });
    it('plain call: 1,240 in, 300 out = $0.0061', () => {
      // in: 1,240 × 2.50 / 1e6 = $0.0031 ; out: 300 × 10 / 1e6 = $0.003
      const c = costOfCall(m, { input: 1240, output: 300 });
      assert.deepEqual([c.input, c.output, c.total], [3_100_000, 3_000_000, 6_100_000]);
      assert.equal(formatUsd(c.total), '$0.0061');
      // 50,000 calls a month: $0.0061 × 50,000 = $305
      assert.equal(monthlyCost(c, 50_000), 305_000_000_000);
    });
    it('cache read: 10,000 in of which 8,192 cached, 500 out', () => {
      // uncached 1,808 × 2.50 = $0.00452 ; cached 8,192 × 1.25 = $0.01024 ; in = $0.01476
      // out 500 × 10 = $0.005 ; total $0.01976
      const c = costOfCall(m, { input: 10_000, cachedInput: 8_192, output: 500 });
      assert.deepEqual([c.input, c.output, c.total], [14_760_000, 5_000_000, 19_760_000]);
      assert.deepEqual(c.parts, { uncachedInput: 4_520_000, cacheRead: 10_240_000, cacheWrite: 0 });
    });
    it('cache writes cost ordinary input on OpenAI before GPT-5.6', () => {
      // 2,000 written × 2.50 = $0.005
      const c = costOfCall(m, { input: 2_000, cacheWrite: 2_000, output: 0 });
      assert.equal(c.total, 5_000_000);
    });
    it('batch halves every part, cache reads included', () => {
      // ($0.0031 + $0.003) / 2 = $0.00155 + $0.0015
      const plain = costOfCall(m, { input: 1240, output: 300, batch: true });
      assert.deepEqual([plain.input, plain.output, plain.total], [1_550_000, 1_500_000, 3_050_000]);
      assert.equal(plain.batchApplied, true);
      // ($0.01476 + $0.005) / 2 = $0.00738 + $0.0025
      const cached = costOfCall(m, { input: 10_000, cachedInput: 8_192, output: 500, batch: true });
      assert.deepEqual([cached.input, cached.output], [7_380_000, 2_500_000]);
    });
  });

  describe('claude-sonnet-4-5 at list prices ($3 in, $0.30 read, $3.75 5m write, $6 1h write, $15 out)', () => {
    const m = model('claude-sonnet-4-5');
    it('has the list prices and a >200k tier ($6 / $0.60 / $7.50 / $12 / $22.50)', () => {
      assert.deepEqual(
        [m.inputPerMTok, m.cachedInputPerMTok, m.cacheWrite5mPerMTok, m.cacheWrite1hPerMTok, m.outputPerMTok, m.batchDiscount],
        [3, 0.3, 3.75, 6, 15, 0.5],
      );
      assert.deepEqual(m.longContextTiers, [
        { aboveInputTokens: 200_000, inputPerMTok: 6, outputPerMTok: 22.5, cachedInputPerMTok: 0.6, cacheWrite5mPerMTok: 7.5, cacheWrite1hPerMTok: 12 },
      ]);
    });
    it('cache read: 12,000 in of which 8,000 read, 700 out', () => {
      // uncached 4,000 × 3 = $0.012 ; read 8,000 × 0.30 = $0.0024 ; in = $0.0144
      // out 700 × 15 = $0.0105 ; total $0.0249
      const c = costOfCall(m, { input: 12_000, cachedInput: 8_000, output: 700 });
      assert.deepEqual([c.input, c.output, c.total], [14_400_000, 10_500_000, 24_900_000]);
    });
    it('5-minute cache write: 5,000 in of which 4,096 written, 100 out', () => {
      // uncached 904 × 3 = $0.002712 ; write 4,096 × 3.75 = $0.01536 ; in = $0.018072
      // out 100 × 15 = $0.0015 ; total $0.019572
      const c = costOfCall(m, { input: 5_000, cacheWrite: 4_096, cacheTtl: '5m', output: 100 });
      assert.deepEqual([c.input, c.output, c.total], [18_072_000, 1_500_000, 19_572_000]);
      // the TTL defaults to 5 minutes
      assert.equal(costOfCall(m, { input: 5_000, cacheWrite: 4_096, output: 100 }).total, 19_572_000);
    });
    it('1-hour cache write costs 2× input: same call = $0.028788', () => {
      // uncached 904 × 3 = $0.002712 ; write 4,096 × 6 = $0.024576 ; in = $0.027288 ; out $0.0015
      const c = costOfCall(m, { input: 5_000, cacheWrite: 4_096, cacheTtl: '1h', output: 100 });
      assert.deepEqual([c.input, c.output, c.total], [27_288_000, 1_500_000, 28_788_000]);
    });
    it('batch on top of a 1-hour write halves it: $0.014394', () => {
      const c = costOfCall(m, { input: 5_000, cacheWrite: 4_096, cacheTtl: '1h', output: 100, batch: true });
      assert.deepEqual([c.input, c.output, c.total], [13_644_000, 750_000, 14_394_000]);
    });
    it('long context: above 200,000 input tokens the tier prices the whole request', () => {
      // exactly 200,000 is not above: 200,000 × 3 = $0.60 ; out 1,000 × 15 = $0.015
      const at = costOfCall(m, { input: 200_000, output: 1_000 });
      assert.deepEqual([at.input, at.output, at.tier], [600_000_000, 15_000_000, null]);
      // 200,001 is: 200,001 × 6 = $1.200006 ; out 1,000 × 22.50 = $0.0225
      const above = costOfCall(m, { input: 200_001, output: 1_000 });
      assert.deepEqual([above.input, above.output, above.total], [1_200_006_000, 22_500_000, 1_222_506_000]);
      assert.equal(above.tier?.aboveInputTokens, 200_000);
    });
    it('long context with cache reads, 1h writes and batch', () => {
      // 250,000 in: 100,000 read × 0.60 = $0.06 ; 50,000 written (1h) × 12 = $0.60 ;
      // 100,000 uncached × 6 = $0.60 ; in = $1.26, batch → $0.63
      // out 2,000 × 22.50 = $0.045, batch → $0.0225 ; total $0.6525
      const c = costOfCall(m, { input: 250_000, cachedInput: 100_000, cacheWrite: 50_000, cacheTtl: '1h', output: 2_000, batch: true });
      assert.deepEqual([c.input, c.output, c.total], [630_000_000, 22_500_000, 652_500_000]);
    });
  });

  describe('gemini-2.5-flash at list prices ($0.30 in, $0.03 cached, $2.50 out, batch −50%)', () => {
    const m = model('gemini-2.5-flash');
    it('has the list prices', () => {
      assert.deepEqual([m.inputPerMTok, m.cachedInputPerMTok, m.outputPerMTok, m.batchDiscount], [0.3, 0.03, 2.5, 0.5]);
    });
    it('odd counts: 3,333 in, 777 out = $0.0029424', () => {
      // in 3,333 × 0.30 = $0.0009999 ; out 777 × 2.50 = $0.0019425
      const c = costOfCall(m, { input: 3_333, output: 777 });
      assert.deepEqual([c.input, c.output, c.total], [999_900, 1_942_500, 2_942_400]);
    });
    it('implicit cache hit: 50,000 in of which 40,000 cached, 1,000 out', () => {
      // uncached 10,000 × 0.30 = $0.003 ; cached 40,000 × 0.03 = $0.0012 ; out 1,000 × 2.50 = $0.0025
      const c = costOfCall(m, { input: 50_000, cachedInput: 40_000, output: 1_000 });
      assert.deepEqual([c.input, c.output, c.total], [4_200_000, 2_500_000, 6_700_000]);
    });
    it('creating a cache is billed at the input price', () => {
      // 50,000 written × 0.30 = $0.015
      assert.equal(costOfCall(m, { input: 50_000, cacheWrite: 50_000, output: 0 }).total, 15_000_000);
    });
    it('batch: $0.00049995 + $0.00097125', () => {
      const c = costOfCall(m, { input: 3_333, output: 777, batch: true });
      assert.deepEqual([c.input, c.output, c.total], [499_950, 971_250, 1_471_200]);
    });
  });

  describe('rounding and edge cases', () => {
    const base: ModelPrice = {
      id: 'test-model', provider: 'test', aliases: [], inputPerMTok: 0.0005, outputPerMTok: 1, cachedInputPerMTok: null,
      cacheWrite5mPerMTok: null, cacheWrite1hPerMTok: null, batchDiscount: null, longContextTiers: [], contextWindow: null,
      maxOutputTokens: null, minCacheableTokens: null, tokenizer: 'o200k_base', status: 'active', retiredOn: null,
      successor: null, family: 'test', source: 'test', asOf: '2026-01-01',
    };
    it('rounds sub-nano amounts once, halves away from zero', () => {
      // 1 token × $0.0005/MTok = 0.5 nano → 1 ; 3 tokens = 1.5 → 2 ; 4 tokens = 2.0 → 2
      assert.equal(costOfCall(base, { input: 1, output: 0 }).input, 1);
      assert.equal(costOfCall(base, { input: 3, output: 0 }).input, 2);
      assert.equal(costOfCall(base, { input: 4, output: 0 }).input, 2);
    });
    it('without a cache-read price, reads are billed as input; without batch discount, batch is list price', () => {
      const c = costOfCall(base, { input: 2_000_000, cachedInput: 2_000_000, output: 0, batch: true });
      assert.equal(c.input, 1_000_000); // 2,000,000 × 0.0005 / 1e6 = $0.001
      assert.equal(c.batchApplied, false);
    });
    it('a tier that omits cache rates scales the base ones by its input multiplier', () => {
      const m: ModelPrice = {
        ...base, inputPerMTok: 2, cachedInputPerMTok: 0.5, outputPerMTok: 8,
        longContextTiers: [{ aboveInputTokens: 1000, inputPerMTok: 4, outputPerMTok: 12 }],
      };
      // tier doubles input, so a read costs 0.5 × 2 = $1/MTok: 2,000 read × 1 = $0.002 ; uncached 1,000 × 4 = $0.004
      const c = costOfCall(m, { input: 3_000, cachedInput: 2_000, output: 0 });
      assert.equal(c.input, 6_000_000);
    });
    it('rounds fractional token estimates up to whole tokens', () => {
      assert.equal(costOfCall(base, { input: 0, output: 0.2 }).output, 1_000); // 1 token × $1/MTok
    });
    it('refuses cache tokens beyond the input, and negative counts', () => {
      assert.throws(() => costOfCall(base, { input: 10, cachedInput: 8, cacheWrite: 3, output: 0 }), RangeError);
      assert.throws(() => costOfCall(base, { input: -1, output: 0 }), RangeError);
      assert.throws(() => costOfCall(base, { input: Number.NaN, output: 0 }), RangeError);
    });
  });
});
