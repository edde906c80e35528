import { buildScanReport, renderCsv, renderHtml, renderMarkdown } from '../../../src/core/report';
import { assertGolden } from './golden';
import { SAMPLE_META, sampleEstimates } from './sample';

describe('report golden files', () => {
  const r = buildScanReport(sampleEstimates(), SAMPLE_META);
  it('json', () => assertGolden('sample.json', `${JSON.stringify(r, null, 2)}\n`));
  it('markdown', () => assertGolden('sample.md', renderMarkdown(r)));
  it('csv', () => assertGolden('sample.csv', renderCsv(r)));
  it('html', () => assertGolden('sample.html', renderHtml(r, { nonce: 'TESTNONCE' })));
});
