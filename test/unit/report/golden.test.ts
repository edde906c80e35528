import * as assert from 'node:assert/strict';
import { buildScanReport, renderCsv, renderHtml, renderMarkdown } from '../../../src/core/report';
import { assertGolden } from './golden';
import { SAMPLE_META, sampleEstimates } from './sample';

describe('report golden files', () => {
  const r = buildScanReport(sampleEstimates(), SAMPLE_META);
  it('json', () => assertGolden('sample.json', `${JSON.stringify(r, null, 2)}\n`));
  it('markdown', () => assertGolden('sample.md', renderMarkdown(r)));
  it('csv', () => assertGolden('sample.csv', renderCsv(r)));
  it('html', () => assertGolden('sample.html', renderHtml(r, { nonce: 'TESTNONCE' })));
  it('markdown counts findings in the singular when there is one', () => {
    const one = { ...r, totals: { ...r.totals, findings: { ...r.totals.findings, error: 1, warning: 1 } } };
    assert.match(renderMarkdown(one), /^Findings: 1 error, 1 warning, 0 info\./m);
    assert.match(renderMarkdown(r), /^Findings: 0 errors, 3 warnings, 0 info\./m);
  });
});
