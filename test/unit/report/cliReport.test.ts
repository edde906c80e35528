import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import type { ScanReport } from '../../../src/core/report';
import { runCli } from '../cli/cliHarness';
import { ROOT } from './golden';

// The report a CI job gets from `promptmeter scan` has what the webview shows: the worksheet from
// promptmeter.yaml in the JSON, the Markdown and the HTML. The example workspace's Support feature
// has 60,000 tasks a month and a 90% success rate.
describe('the CLI report carries the cost-per-task worksheet', function () {
  this.timeout(120_000);
  const dir = join(ROOT, 'examples/workspace');
  let json: ScanReport;
  let md: string;
  let html: string;
  before(async () => {
    const run = async (format: string) => {
      const r = await runCli(['scan', dir, '--format', format], ROOT);
      assert.equal(r.code, 0, r.stderr);
      return r.stdout;
    };
    json = JSON.parse(await run('json')) as ScanReport;
    md = await run('md');
    html = await run('html');
  });

  it('in the JSON: each feature\'s sums agree with its sites', () => {
    assert.deepEqual(json.features.map((f) => f.name), ['Support', 'Search', 'Reports']);
    const support = json.features[0]!;
    const sites = json.sites.filter((s) => s.feature === 'Support');
    const priced = sites.filter((s) => s.monthlyCost !== null);
    const monthly = priced.reduce((a, s) => a + s.monthlyCost!, 0);
    assert.ok(sites.length > 0);
    assert.equal(support.sites, sites.length);
    assert.equal(support.unpricedSites, sites.length - priced.length);
    assert.ok(Math.abs(support.monthlyCost - monthly) < 1e-6, `${support.monthlyCost} vs ${monthly}`);
    assert.equal(support.basis, 'tasks');
    assert.ok(Math.abs(support.costPerTask! - monthly / 60_000) < 2e-9);
    assert.ok(Math.abs(support.costPerSuccessfulTask! - monthly / 60_000 / 0.9) < 2e-9);
  });

  it('in the Markdown and the HTML, one row per feature', () => {
    assert.match(md, /\n### Cost per task, by feature\n\n\| Feature \| Sites \| Tasks\/month \|/);
    assert.match(md, /\n\| Support \| \d+ \| 60,000 \| — \| \$[\d.]+ \| 90% \| \$[\d.]+ \| \$[\d,.]+ \| — \|\n/);
    for (const name of ['Support', 'Search', 'Reports']) {
      assert.match(html, new RegExp(`<tr data-feature="${name}"><td>${name}</td>`));
      assert.match(md, new RegExp(`\\n\\| ${name} \\| `));
    }
    assert.match(html, /<section id="pm-features"/);
  });

  it('with the webview\'s totals: the premium share at the default $5/M threshold', () => {
    // list input prices per million tokens: gpt-4o $2.50, claude-sonnet-4-5 $3, gpt-4.1-mini $0.40, gpt-4o-mini $0.15
    assert.deepEqual([...new Set(json.sites.map((s) => s.resolvedModel))].sort(), ['claude-sonnet-4-5', 'gpt-4.1-mini', 'gpt-4o', 'gpt-4o-mini']);
    assert.equal(json.totals.shares.premium, 0);
    assert.match(html, /<li id="pm-share-premium"><span class="pm-muted">On premium models<\/span><strong>0% of cost<\/strong><\/li>/);
    assert.match(md, /\nOn premium models: 0% of cost\. Cacheable but uncached: \d+% of cost\.\n/);
  });
});
