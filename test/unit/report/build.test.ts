import * as assert from 'node:assert/strict';
import { buildScanReport } from '../../../src/core/report';
import { SAMPLE_META, sampleEstimates } from './sample';

describe('buildScanReport', () => {
  const r = buildScanReport(sampleEstimates(), SAMPLE_META);

  it('has the DESIGN.md envelope', () => {
    assert.equal(r.schemaVersion, 1);
    assert.deepEqual(r.tool, { name: 'promptmeter', version: '0.1.0' });
    assert.deepEqual(r.pricing, { asOf: '2026-11-15', currency: 'USD' });
    assert.deepEqual(r.errors, [{ file: 'vendor/blob.bin', message: 'binary file (NUL bytes), skipped' }]);
  });

  it('orders sites by file, then position', () => {
    assert.deepEqual(r.sites.map((s) => s.file), ['app/summarize.py', 'src/chat.ts', 'src/legacy.ts']);
  });

  it('gives 1-based positions of the call start', () => {
    const chat = r.sites.find((s) => s.id === 'chat-1')!;
    // line 5 is "  return client.chat…": the call starts after 9 characters
    assert.deepEqual([chat.line, chat.column, chat.endLine], [5, 10, 5]);
    const py = r.sites.find((s) => s.id === 'sum-1')!;
    // CRLF file, line 6 "    return client.messages…": 11 characters before the call
    assert.deepEqual([py.line, py.column], [6, 12]);
    // the finding sits on "system=SYSTEM" in the same line
    const line6 = '    return client.messages.create(model="claude-sonnet-4-20250514", max_tokens=1024, ';
    assert.deepEqual([py.findings[0]!.line, py.findings[0]!.column], [6, line6.length + 1]);
  });

  it('converts nano-dollars to dollars and keeps unpriced as null', () => {
    const chat = r.sites.find((s) => s.id === 'chat-1')!;
    assert.deepEqual(chat.costPerCall, { input: 0.003085, output: 0.003, total: 0.006085 });
    assert.equal(chat.monthlyCost, 304.25);
    const legacy = r.sites.find((s) => s.id === 'legacy-1')!;
    assert.equal(legacy.costPerCall, null);
    assert.equal(legacy.monthlyCost, null);
  });

  it('totals the priced sites and counts the unpriced', () => {
    // $304.25 + $135 = $439.25; the unknown model is not a $0 site
    // claude-sonnet-4 ($3/M input, at the sample's $3 threshold) carries $135 of $439.25, and its PM004 makes it cacheable but uncached
    assert.deepEqual(r.totals, {
      sites: 3,
      monthlyCost: 439.25,
      unpricedSites: 1,
      findings: { error: 0, warning: 3, info: 0, hint: 0 },
      shares: { premium: 135 / 439.25, cacheableUncached: 135 / 439.25 },
    });
  });

  it('carries the contract fields of a site', () => {
    const chat = r.sites.find((s) => s.id === 'chat-1')!;
    for (const k of ['id', 'file', 'line', 'column', 'kind', 'language', 'provider', 'api', 'model', 'inputTokens', 'inputTokensExact', 'outputTokensCap', 'outputTokensExpected', 'costPerCall', 'callsPerMonth', 'monthlyCost', 'cache', 'findings']) {
      assert.ok(k in chat, k);
    }
    assert.deepEqual(chat.findings[0], {
      rule: 'PM001', severity: 'warning', message: 'no output cap: worst case 16,384 output tokens ≈ $0.16 per call',
      file: 'src/chat.ts', line: 5, column: 10, endLine: 5, endColumn: 40,
    });
    assert.equal(chat.feature, 'chat');
    assert.equal(chat.volumeSource, 'annotation');
  });

  it('tells the cap written in the call from the bound analysis applies', () => {
    const chat = r.sites.find((s) => s.id === 'chat-1')!;
    assert.deepEqual([chat.outputTokensCap, chat.outputCapParam, chat.outputTokensLimit], [null, null, 16_384]);
    const py = r.sites.find((s) => s.id === 'sum-1')!;
    assert.deepEqual([py.outputTokensCap, py.outputCapParam, py.outputTokensLimit], [1024, 'max_tokens', 1024]);
  });

  it('reports line 1, column 1 when no text is known for a file', () => {
    const r2 = buildScanReport(sampleEstimates(), { toolVersion: 'x', pricingAsOf: 'y', errors: [] });
    assert.ok(r2.sites.every((s) => s.line === 1 && s.column === 1));
  });

  it('is byte-identical whatever the input order', () => {
    const reversed = buildScanReport(sampleEstimates().reverse(), SAMPLE_META);
    assert.equal(JSON.stringify(reversed), JSON.stringify(r));
  });
});
