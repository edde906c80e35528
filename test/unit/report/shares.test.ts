import * as assert from 'node:assert/strict';
import { costShares, type ScanReport } from '../../../src/core/report';

function site(model: string | null, monthly: number | null, eligible: number, used: boolean): ScanReport['sites'][number] {
  return { resolvedModel: model, monthlyCost: monthly, cache: { eligibleTokens: eligible, used } } as ScanReport['sites'][number];
}

describe('costShares', () => {
  const report = {
    sites: [site('big', 75, 2000, false), site('small', 20, 0, false), site('small', 5, 1500, true), site(null, null, 900, false)],
  } as ScanReport;
  const rates: Record<string, number> = { big: 5, small: 0.15 };

  it('counts premium models at or above the threshold and uncached cacheable sites, of priced cost', () => {
    // total $100: premium $75 (rate 5 ≥ 5); cacheable and uncached $75 (the cached $5 site and the unpriced one do not count)
    assert.deepEqual(costShares(report, (id) => rates[id] ?? null, 5), { premium: 0.75, cacheableUncached: 0.75 });
    assert.deepEqual(costShares(report, (id) => rates[id] ?? null, 5.01), { premium: 0, cacheableUncached: 0.75 });
  });

  it('is zero for a report with nothing priced', () => {
    assert.deepEqual(costShares({ sites: [] } as unknown as ScanReport, () => 1, 0), { premium: 0, cacheableUncached: 0 });
  });
});
