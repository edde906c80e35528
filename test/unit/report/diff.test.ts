import * as assert from 'node:assert/strict';
import { buildScanReport, diffReports, renderDiffMarkdown, renderMarkdown } from '../../../src/core/report';
import type { SiteEstimate } from '../../../src/core/model';
import { SAMPLE_META, sampleEstimates } from './sample';

function report(mutate: (e: SiteEstimate[]) => SiteEstimate[]) {
  return buildScanReport(mutate(sampleEstimates()), SAMPLE_META);
}

describe('diffReports', () => {
  const base = report((e) => e);

  it('finds no change between equal scans', () => {
    const d = diffReports(base, report((e) => e), 'HEAD');
    assert.deepEqual([d.added.length, d.removed.length, d.changed.length, d.monthlyCostDelta], [0, 0, 0, 0]);
    assert.match(renderDiffMarkdown(d), /No call site was added, removed or changed/);
  });

  it('reports a volume change with the exact delta', () => {
    const head = report((e) => {
      // 60,000 calls × $0.006085 = $365.10 (was $304.25): +$60.85
      e[0]!.volume = { callsPerMonth: 60_000, source: 'annotation' };
      e[0]!.monthlyCost = 365_100_000_000;
      return e;
    });
    const d = diffReports(base, head, 'main');
    assert.equal(d.changed.length, 1);
    assert.equal(d.changed[0]!.monthlyCostDelta, 60.85);
    assert.equal(d.monthlyCostDelta, 60.85);
    const md = renderDiffMarkdown(d);
    assert.match(md, /\$439\.25 → \*\*\$500\.10\*\*, \*\*\+\$60\.85\/month\*\* \(\+14%\)/);
    assert.match(md, /\| changed \| `src\/chat\.ts:5` \| `gpt-4o` \| \$304\.25 → \$365\.10 \| \+\$60\.85 \| 50,000 → 60,000 calls\/month \|/);
  });

  it('lists added and removed sites with signed deltas', () => {
    const head = report((e) => [e[0]!, e[2]!, { ...e[1]!, id: 'new-1', file: 'app/other.py', findings: [] }]);
    const noSum = report((e) => [e[0]!, e[2]!]);
    const d = diffReports(noSum, head, 'main');
    assert.deepEqual(d.added.map((s) => [s.id, s.monthlyCostDelta]), [['new-1', 135]]);
    const d2 = diffReports(base, noSum, 'main');
    assert.deepEqual(d2.removed.map((s) => [s.id, s.monthlyCostDelta]), [['sum-1', -135]]);
    assert.equal(d2.monthlyCostDelta, -135);
  });

  it('pairs an edited site whose id changed as a change, and reports its new finding', () => {
    const head = report((e) => {
      e[1]!.id = 'sum-2';
      e[1]!.inputTokens = 3000;
      // 3,000 × $3/M + $0.0075 = $0.0165; × 10,000 = $165
      e[1]!.costPerCall = { input: 9_000_000, output: 7_500_000, total: 16_500_000 };
      e[1]!.monthlyCost = 165_000_000_000;
      e[1]!.findings.push({ rule: 'PM005', severity: 'warning', message: 'date before the static prompt', span: { start: 0, end: 1 }, fixes: [] });
      return e;
    });
    const d = diffReports(base, head, 'main');
    assert.equal(d.added.length + d.removed.length, 0);
    assert.equal(d.changed[0]!.before.id, 'sum-1');
    assert.equal(d.changed[0]!.monthlyCostDelta, 30);
    assert.deepEqual(d.newFindings.map((f) => f.rule), ['PM005']);
    assert.match(renderDiffMarkdown(d), /input 2,000 → 3,000 tokens/);
  });
});

describe('Markdown size', () => {
  it('keeps a scan comment and a diff comment of thousands of sites under GitHub\'s 65,536 characters', () => {
    const many = (n: number, volume: number) =>
      buildScanReport(
        Array.from({ length: n }, (_, i) => {
          const e = sampleEstimates()[0]!;
          e.id = `s${i}`;
          e.file = `src/feature${i}/handler.ts`;
          e.monthlyCost = 6_085_000 * volume;
          e.volume = { callsPerMonth: volume, source: 'default' };
          return e;
        }),
        SAMPLE_META,
      );
    const base = many(3000, 1000);
    const head = many(3000, 2000);
    const scanMd = renderMarkdown(head);
    assert.ok(scanMd.length < 65_536, String(scanMd.length));
    assert.match(scanMd, /…and 2750 more findings not shown/);
    const d = diffReports(base, head, 'main');
    assert.equal(d.changed.length, 3000);
    const md = renderDiffMarkdown(d);
    assert.ok(md.length < 65_536, String(md.length));
    assert.match(md, /…and 2850 smaller changes not shown/);
  });
});
