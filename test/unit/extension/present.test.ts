import * as assert from 'node:assert';
import { defaultSettings, type Settings } from '../../../src/core/config';
import type { SiteEstimate } from '../../../src/core/model';
import { formatCalls, hoverMarkdown, lensTitle, perCallMoney, statusText } from '../../../src/extension/present';

/** An estimate built by hand: 1,240 input tokens, cap 512, $0.0061 a call, 50k calls a month. */
function estimate(over: Partial<SiteEstimate> = {}): SiteEstimate {
  return {
    id: 'x', file: 'src/a.ts',
    site: { kind: 'call', language: 'typescript', provider: 'openai', api: 'chat.completions.create', span: { start: 0, end: 10 }, anchor: { start: 0, end: 5 },
      model: { id: 'gpt-4o', origin: 'literal' }, parts: [], cap: null, cache: [], streaming: false },
    resolvedModel: 'gpt-4o', encoding: 'o200k_base', inputTokens: 1240, inputTokensExact: false, inputTokensRange: { min: 1200, max: 1240 },
    parts: [
      { role: 'system', span: { start: 0, end: 1 }, tokens: 1000, slots: [], unresolved: false },
      { role: 'user', span: { start: 1, end: 2 }, tokens: 229, slots: [{ name: 'question', tokens: 40, source: 'config' }], unresolved: false },
    ],
    outputTokensCap: 512, outputTokensExpected: 300,
    costPerCall: { input: 3_100_000, output: 3_000_000, total: 6_100_000 },
    worstCasePerCall: { input: 3_100_000, output: 5_120_000, total: 8_220_000 },
    volume: { callsPerMonth: 50_000, source: 'annotation', detail: 'promptmeter: 50k/month' },
    monthlyCost: 305_000_000_000,
    cache: { eligibleTokens: 1024, used: false },
    findings: [],
    ...over,
  };
}

const settings = (over: Partial<Settings> = {}): Settings => ({ ...defaultSettings, ...over });

describe('extension/present', () => {
  it('writes the CodeLens title of the design', () => {
    assert.strictEqual(lensTitle(estimate(), settings()), '≈1,240 in · ≤512 out · $0.0061/call · ≈$305/mo @ 50k/mo');
  });

  it('drops ≈ on exact input, shows expected output without a cap, and omits monthly when asked', () => {
    const s = settings({ codeLens: { ...defaultSettings.codeLens, showMonthly: false } });
    assert.strictEqual(lensTitle(estimate({ inputTokensExact: true, outputTokensCap: null }), s), '1,240 in · ≈300 out · $0.0061/call');
  });

  it('says "unpriced model" instead of a price, never $0', () => {
    const t = lensTitle(estimate({ resolvedModel: null, costPerCall: null, monthlyCost: null, worstCasePerCall: null }), settings());
    assert.strictEqual(t, '≈1,240 in · ≤512 out · unpriced model gpt-4o');
    assert.ok(!t.includes('$'));
  });

  it('writes call volumes as people say them', () => {
    assert.deepStrictEqual([999, 2500, 50_000, 1_200_000, 3e9].map(formatCalls), ['999', '2.5k', '50k', '1.2M', '3B']);
  });

  it('follows currencyDisplay', () => {
    assert.strictEqual(perCallMoney(6_100_000, 'auto'), '$0.0061');
    assert.strictEqual(perCallMoney(6_100_000, 'cents'), '$0.01');
    assert.strictEqual(perCallMoney(4_000_000, 'cents'), '<$0.01');
    assert.strictEqual(perCallMoney(6_100_000, 'perThousandCalls'), '$6.10/1k');
  });

  it('writes the status bar text', () => {
    assert.strictEqual(statusText(1240, false, 'gpt-4o', 6_100_000, 'auto'), '≈1,240 tokens · gpt-4o · $0.0061');
    assert.strictEqual(statusText(12, true, null, null, 'auto'), '12 tokens');
  });

  it('builds the hover table: parts with slots, framing, prices with source, costs, monthly source', () => {
    const md = hoverMarkdown(estimate(), {
      price: { id: 'gpt-4o', inputPerMTok: 2.5, outputPerMTok: 10, cachedInputPerMTok: 1.25, source: 'openai.com/api/pricing', asOf: '2026-11-01' } as never,
      cached: { input: 1_820_000, output: 3_000_000, total: 4_820_000 },
      batch: { input: 1_550_000, output: 1_500_000, total: 3_050_000 },
      siblings: [{ id: 'gpt-4o-mini', perCall: { input: 186_000, output: 180_000, total: 366_000 }, monthly: 18_300_000_000 }],
    }, settings());
    assert.ok(md.startsWith('**Promptmeter** · `gpt-4o` · ≈1,240 in · 300 out (cap 512) · o200k_base, approximate'), md);
    // Framing is what the parts leave of the input: 1,240 − 1,000 − 229.
    assert.ok(md.includes('Tokens: system **1,000** · user **229** (`{question}` ≈40) · framing **11**'), md);
    assert.ok(md.includes('| cost | per call | per month @ 50k |'), md);
    assert.match(md, /input \$2\.5 · cached input \$1\.25 · output \$10 \(openai\.com\/api\/pricing, as of 2026-11-01\)/);
    assert.match(md, /\| uncached \| \$0\.0061 \| \$305 \|/);
    assert.match(md, /\| with caching \(1,024 cached\) \| \$0\.0048 \| \$241 \|/);
    assert.match(md, /\| batch \| \$0\.0031 \| \$153 \|/); // 3,050,000 × 50k = $152.5 → $153
    assert.match(md, /\| worst case \(output at cap 512\) \| \$0\.0082 \| \$411 \|/);
    assert.match(md, /\| on `gpt-4o-mini` \| \$0\.00037 \| \$18\.30 \|/);
    assert.match(md, /Monthly ≈\$305 at 50,000 calls\/month, from annotation `promptmeter: 50k\/month`\./);
  });
});
