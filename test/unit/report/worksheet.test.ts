import * as assert from 'node:assert/strict';
import { parseWorkspaceConfig } from '../../../src/core/config';
import { buildScanReport, featureWorksheet, renderWorksheetHtml, renderWorksheetMarkdown } from '../../../src/core/report';
import { estimate } from '../helpers/estimates';

const YAML = `
features:
  - name: Support chat
    globs: ["src/support/**"]
    tasksPerMonth: 10000
    callsPerTask: 3
    successRate: 0.6
    budget: { monthly: 50 }
  - name: Search
    sites: ["search-1"]
    callsPerTask: 2
  - name: Digest
    globs: ["src/digest/**"]
  - name: Odd <b>
    globs: ["src/odd/**"]
    tasksPerMonth: 3
    successRate: 0.9
`;

describe('featureWorksheet (cost per task)', () => {
  const { config: ws, problems } = parseWorkspaceConfig(YAML);
  const estimates = [
    // 30,000 calls (10,000 tasks × 3) × $0.002 = $60/month
    estimate({ id: 'support-1', file: 'src/support/chat.ts', model: 'm', input: 0, output: 0, perCall: 2_000_000, calls: 30_000 }),
    // 30,000 × $0.0005 = $15/month
    estimate({ id: 'support-2', file: 'src/support/tools.ts', model: 'm', input: 0, output: 0, perCall: 500_000, calls: 30_000 }),
    estimate({ id: 'support-3', file: 'src/support/x.ts', model: null, input: 0, output: 0, perCall: null, calls: 30_000 }),
    // named by id although its file matches no glob: 5,000 × $0.001 = $5/month
    estimate({ id: 'search-1', file: 'src/other/search.ts', model: 'm', input: 0, output: 0, perCall: 1_000_000, calls: 5_000 }),
    // 1,000 × $0.003 = $3/month
    estimate({ id: 'digest-1', file: 'src/digest/a.ts', model: 'm', input: 0, output: 0, perCall: 3_000_000, calls: 1_000 }),
    // 1,000 × $0.001 = $1/month
    estimate({ id: 'odd-1', file: 'src/odd/a.ts', model: 'm', input: 0, output: 0, perCall: 1_000_000, calls: 1_000 }),
    estimate({ id: 'loose-1', file: 'src/misc.ts', model: 'm', input: 0, output: 0, perCall: 9_000_000, calls: 1_000 }),
  ];
  const rows = featureWorksheet(estimates, ws);

  it('parses the fixture without problems', () => assert.deepEqual(problems, []));

  it('lists the features in file order, sites attributed by id and glob', () => {
    assert.deepEqual(rows.map((r) => [r.name, r.sites, r.unpricedSites]), [
      ['Support chat', 3, 1],
      ['Search', 1, 0],
      ['Digest', 1, 0],
      ['Odd <b>', 1, 0],
    ]);
  });

  it('with tasks per month: monthly ÷ tasks, then ÷ success rate', () => {
    const r = rows[0]!;
    assert.equal(r.monthlyCost, 75_000_000_000); // $60 + $15; the unpriced site is left out
    assert.equal(r.basis, 'tasks');
    assert.equal(r.costPerTask, 7_500_000); // $75 / 10,000 = $0.0075
    assert.equal(r.costPerSuccessfulTask, 12_500_000); // $0.0075 / 0.6 = $0.0125
    assert.equal(r.monthlyBudget, 50_000_000_000);
    assert.equal(r.overBudget, true);
  });

  it('with calls per task only: calls per task × the per-call sum, success rate 1 when not given', () => {
    const r = rows[1]!;
    assert.equal(r.basis, 'callsPerTask');
    assert.equal(r.costPerTask, 2_000_000); // 2 × $0.001
    assert.equal(r.costPerSuccessfulTask, 2_000_000);
    assert.equal(r.monthlyCost, 5_000_000_000);
    assert.equal(r.overBudget, false);
  });

  it('without tasks or calls per task: monthly only', () => {
    const r = rows[2]!;
    assert.equal(r.monthlyCost, 3_000_000_000);
    assert.equal(r.costPerTask, null);
    assert.equal(r.costPerSuccessfulTask, null);
  });

  it('rounds a third of a dollar to the nearest nano-dollar', () => {
    const r = rows[3]!;
    assert.equal(r.costPerTask, 333_333_333); // $1 / 3
    assert.equal(r.costPerSuccessfulTask, 370_370_370); // 333,333,333 / 0.9
  });

  it('goes into the report in dollars, so every renderer and the JSON carry it', () => {
    const features = buildScanReport(estimates, { toolVersion: 't', pricingAsOf: '2026-01-01', errors: [], features: rows }).features;
    assert.deepEqual(features[0], {
      name: 'Support chat',
      sites: 3,
      unpricedSites: 1,
      tasksPerMonth: 10000,
      callsPerTask: 3,
      successRate: 0.6,
      basis: 'tasks',
      costPerTask: 0.0075,
      costPerSuccessfulTask: 0.0125,
      monthlyCost: 75,
      monthlyBudget: 50,
      overBudget: true,
    });
    assert.deepEqual(features.map((f) => f.name), ['Support chat', 'Search', 'Digest', 'Odd <b>']);
    assert.deepEqual(buildScanReport(estimates, { toolVersion: 't', pricingAsOf: '2026-01-01', errors: [] }).features, []);
  });

  it('renders an escaped HTML table and a Markdown table with the same columns', () => {
    const features = buildScanReport(estimates, { toolVersion: 't', pricingAsOf: '2026-01-01', errors: [], features: rows }).features;
    const html = renderWorksheetHtml(features);
    assert.match(html, /<section id="pm-features"/);
    assert.match(html, /Odd &#60;b&#62;/);
    assert.ok(!html.includes('Odd <b>'));
    assert.match(html, /<tr data-feature="Support chat"><td>Support chat<\/td><td class="n">3 <span class="pm-muted">\(1 unpriced\)<\/span><\/td><td class="n">10,000<\/td><td class="n">3<\/td><td class="n">\$0\.0075<\/td><td class="n">60%<\/td><td class="n">\$0\.0125<\/td><td class="n">\$75\.00<\/td><td class="n"><span class="pm-sev-warning">\$50\.00 \(over\)<\/span><\/td><\/tr>/);
    const md = renderWorksheetMarkdown(features).split('\n');
    assert.equal(md[0], '| Feature | Sites | Tasks/month | Calls/task | $/task | Success rate | $/successful task | $/month | Budget/month |');
    assert.equal(md[1], '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    assert.equal(md[2], '| Support chat | 3 (1 unpriced) | 10,000 | 3 | $0.0075 | 60% | $0.0125 | $75.00 | $50.00 (over) |');
    // Search: 2 calls × $0.001; no success rate given, so 100%
    assert.equal(md[3], '| Search | 1 | — | 2 | $0.002 | 100% | $0.002 | $5.00 | — |');
    assert.equal(md[5], '| Odd &lt;b> | 1 | 3 | — | $0.333 | 90% | $0.37 | $1.00 | — |');
    assert.equal(renderWorksheetHtml([]), '');
    assert.equal(renderWorksheetMarkdown([]), '');
  });
});
