import * as assert from 'node:assert/strict';
import type { Finding, RuleId } from '../../../src/core/model';
import { buildScanReport, cacheableUncachedShare, isCacheableUncached, premiumShare, renderMarkdown, renderReportBody } from '../../../src/core/report';
import { estimate } from '../helpers/estimates';

function findings(...rules: RuleId[]): Finding[] {
  return rules.map((rule) => ({ rule, severity: 'info', message: rule, span: { start: 0, end: 1 }, fixes: [] }));
}

// $100 of priced cost a month, by hand (1,000 calls each):
const ESTIMATES = [
  // a long stable prefix sent without a marker (PM004): counts
  estimate({ id: 'a', file: 'a.ts', model: 'big', input: 0, output: 0, perCall: 40_000_000, calls: 1000, eligible: 2000, findings: findings('PM004') }),
  // a marker over a prefix that changes on every call (PM005): counts although the cache is "used"
  estimate({ id: 'b', file: 'b.ts', model: 'small', input: 0, output: 0, perCall: 30_000_000, calls: 1000, cached: true, findings: findings('PM005') }),
  // 300 stable tokens, under the model's minimum, so no rule fires: does not count
  estimate({ id: 'c', file: 'c.ts', model: 'small', input: 0, output: 0, perCall: 20_000_000, calls: 1000, eligible: 300 }),
  // cached, with only an unrelated finding: does not count
  estimate({ id: 'd', file: 'd.ts', model: 'small', input: 0, output: 0, perCall: 10_000_000, calls: 1000, eligible: 1500, cached: true, findings: findings('PM001') }),
  // unpriced: in neither part nor the whole
  estimate({ id: 'e', file: 'e.ts', model: null, input: 0, output: 0, perCall: null, calls: 1000, eligible: 1800, findings: findings('PM004') }),
];
const RATES: Record<string, number> = { big: 5, small: 0.15 };
const rate = (id: string) => RATES[id] ?? null;
const META = { toolVersion: 't', pricingAsOf: '2026-01-01', errors: [] };

describe('cacheable but uncached: one definition', () => {
  const r = buildScanReport(ESTIMATES, { ...META, premium: { inputPerMTok: rate, thresholdPerMTok: 5 } });

  it('is a site a caching rule (PM004, PM005) reports, whatever its cache fields say', () => {
    assert.deepEqual(r.sites.map((s) => [s.id, isCacheableUncached(s)]), [['a', true], ['b', true], ['c', false], ['d', false], ['e', true]]);
  });

  it('gives ($40 + $30) / $100 = 70% of the priced cost, in the report totals', () => {
    assert.equal(cacheableUncachedShare(r.sites), 0.7);
    assert.equal(r.totals.shares.cacheableUncached, 0.7);
    // `eligibleTokens > 0 && !used` (the old costShares reading) would have said ($40 + $20) / $100.
  });

  it('is the one number the HTML and the Markdown state', () => {
    assert.match(renderReportBody(r), /<li id="pm-share-uncached"><span class="pm-muted">Cacheable but uncached<\/span><strong>70% of cost<\/strong><\/li>/);
    assert.match(renderMarkdown(r), /\nOn premium models: 40% of cost\. Cacheable but uncached: 70% of cost\.\n/);
  });

  it('is zero with nothing priced', () => {
    assert.equal(cacheableUncachedShare(buildScanReport([ESTIMATES[4]!], META).sites), 0);
    assert.equal(cacheableUncachedShare([]), 0);
  });
});

describe('premium share', () => {
  it('counts models priced at or above the threshold, of priced cost', () => {
    const sites = buildScanReport(ESTIMATES, META).sites;
    // $40 of $100 on "big" (input $5/M ≥ $5/M)
    assert.equal(premiumShare(sites, rate, 5), 0.4);
    assert.equal(premiumShare(sites, rate, 5.01), 0);
    assert.equal(premiumShare(sites, rate, 0.15), 1);
  });

  it('is in the totals and the HTML when the report is built with prices, and left out without', () => {
    const priced = buildScanReport(ESTIMATES, { ...META, premium: { inputPerMTok: rate, thresholdPerMTok: 5 } });
    assert.equal(priced.totals.shares.premium, 0.4);
    assert.match(renderReportBody(priced), /<li id="pm-share-premium"><span class="pm-muted">On premium models<\/span><strong>40% of cost<\/strong><\/li>/);
    const bare = buildScanReport(ESTIMATES, META);
    assert.equal(bare.totals.shares.premium, null);
    assert.doesNotMatch(renderReportBody(bare), /pm-share-premium/);
    assert.match(renderMarkdown(bare), /\nCacheable but uncached: 70% of cost\.\n/);
  });
});
