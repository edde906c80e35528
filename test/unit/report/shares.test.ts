import * as assert from 'node:assert/strict';
import { cacheableUncachedShare, costShares, isCacheableUncached, renderReportBody, type ReportSite, type ScanReport } from '../../../src/core/report';
import type { RuleId } from '../../../src/core/model';

function site(model: string | null, monthly: number | null, eligible: number, used: boolean, rules: RuleId[] = []): ReportSite {
  const findings = rules.map((rule) => ({ rule, severity: 'info' as const, message: rule, file: 'a.ts', line: 1, column: 1, endLine: 1, endColumn: 1 }));
  return {
    ...({ id: 's', file: 'a.ts', line: 1, column: 1, endLine: 1, endColumn: 1, kind: 'call', language: 'typescript', provider: 'openai', api: 'x' } as const),
    model: model,
    resolvedModel: model,
    inputTokens: 1,
    inputTokensExact: true,
    inputTokensRange: { min: 1, max: 1 },
    outputTokensCap: null,
    outputCapParam: null,
    outputTokensLimit: null,
    outputTokensExpected: 1,
    costPerCall: monthly === null ? null : { input: 0, output: 0, total: monthly / 1000 },
    costPerCallWorstCase: null,
    callsPerMonth: 1000,
    volumeSource: 'default',
    volumeDetail: null,
    monthlyCost: monthly,
    feature: null,
    cache: { eligibleTokens: eligible, used },
    findings,
  };
}

function report(sites: ReportSite[]): ScanReport {
  const total = sites.reduce((a, s) => a + (s.monthlyCost ?? 0), 0);
  return {
    schemaVersion: 1,
    tool: { name: 'promptmeter', version: 't' },
    pricing: { asOf: '2026-01-01', currency: 'USD' },
    sites,
    totals: { sites: sites.length, monthlyCost: total, unpricedSites: sites.filter((s) => s.monthlyCost === null).length, findings: { error: 0, warning: 0, info: 0, hint: 0 } },
    features: [],
    findings: [],
    errors: [],
  };
}

describe('cacheable but uncached: one definition', () => {
  // $100 of priced cost a month, by hand:
  const sites = [
    site('big', 40, 2000, false, ['PM004']), // a long stable prefix sent without a marker: counts
    site('small', 30, 0, true, ['PM005']), // a marker over a prefix that changes every call: counts although `used`
    site('small', 20, 300, false), // 300 stable tokens, under the model's minimum (no rule fires): does not count
    site('small', 10, 1500, true, ['PM001']), // cached, and only an unrelated finding: does not count
    site(null, null, 1800, false, ['PM004']), // unpriced: in neither part nor the whole
  ];
  const r = report(sites);

  it('is a site a caching rule (PM004, PM005) reports, whatever its cache fields say', () => {
    assert.deepEqual(sites.map(isCacheableUncached), [true, true, false, false, true]);
  });

  it('gives ($40 + $30) / $100 = 70% of the priced cost', () => {
    assert.equal(cacheableUncachedShare(r), 0.7);
    // `eligibleTokens > 0 && !used` would say ($40 + $20) / $100 = 60%: the old shares.ts reading.
    assert.notEqual(cacheableUncachedShare(r), 0.6);
  });

  it('is the same number in the HTML totals and in costShares (the webview model)', () => {
    assert.equal(costShares(r, () => null, 5).cacheableUncached, 0.7);
    assert.match(renderReportBody(r), /<li id="pm-share-uncached"><span class="pm-muted">Cacheable but uncached<\/span><strong>70% of cost<\/strong><\/li>/);
  });

  it('is zero with nothing priced', () => {
    assert.equal(cacheableUncachedShare(report([site('big', null, 5000, false, ['PM004'])])), 0);
    assert.equal(cacheableUncachedShare(report([])), 0);
  });
});

describe('costShares', () => {
  const r = report([site('big', 75, 2000, false, ['PM004']), site('small', 20, 0, false), site('small', 5, 1500, true), site(null, null, 900, false)]);
  const rates: Record<string, number> = { big: 5, small: 0.15 };

  it('counts premium models at or above the threshold, of priced cost', () => {
    // total $100: premium $75 (rate 5 ≥ 5); cacheable and uncached $75 (the PM004 site)
    assert.deepEqual(costShares(r, (id) => rates[id] ?? null, 5), { premium: 0.75, cacheableUncached: 0.75 });
    assert.deepEqual(costShares(r, (id) => rates[id] ?? null, 5.01), { premium: 0, cacheableUncached: 0.75 });
  });

  it('is zero for a report with nothing priced', () => {
    assert.deepEqual(costShares(report([]), () => 1, 0), { premium: 0, cacheableUncached: 0 });
  });
});
