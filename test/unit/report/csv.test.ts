import * as assert from 'node:assert/strict';
import { buildScanReport, csvField, csvRows, renderCsv } from '../../../src/core/report';
import { SAMPLE_META, sampleEstimates } from './sample';

/** A small RFC 4180 reader, written from the RFC's grammar, to read back what the writer wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i++; continue; }
      field += c; i++; continue;
    }
    if (c === '"') { quoted = true; i++; continue; }
    if (c === ',') { row.push(field); field = ''; i++; continue; }
    if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i += 2; continue; }
    field += c; i++;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

describe('CSV', () => {
  it('quotes commas, quotes and line breaks as RFC 4180 says', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
    assert.equal(csvField('cr\rhere'), '"cr\rhere"');
    assert.equal(csvField(null), '');
    assert.equal(csvField(12.5), '12.5');
    assert.equal(csvField(false), 'false');
  });

  it('defuses spreadsheet formulas in text cells only', () => {
    assert.equal(csvField('=HYPERLINK("x")'), '"\'=HYPERLINK(""x"")"');
    assert.equal(csvField('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvField(-3), '-3');
  });

  it('round-trips awkward values through an independent reader', () => {
    const rows = [['h1', 'h2'], ['a,b', 'c"d'], ['line\r\nbreak', '']];
    assert.deepEqual(parseCsv(csvRows(rows)), rows);
  });

  it('writes one header and one row per site, CRLF-terminated, unpriced as empty', () => {
    const text = renderCsv(buildScanReport(sampleEstimates(), SAMPLE_META));
    assert.ok(text.endsWith('\r\n'));
    const rows = parseCsv(text);
    assert.equal(rows.length, 4);
    const head = rows[0]!;
    assert.ok(rows.every((r) => r.length === head.length));
    const col = (name: string) => head.indexOf(name);
    const legacy = rows.find((r) => r[0] === 'legacy-1')!;
    assert.equal(legacy[col('monthly_cost_usd')], '');
    assert.equal(legacy[col('cost_per_call_usd')], '');
    const chat = rows.find((r) => r[0] === 'chat-1')!;
    assert.equal(chat[col('monthly_cost_usd')], '304.25');
    assert.equal(chat[col('cost_per_call_usd')], '0.006085');
    assert.equal(chat[col('line')], '5');
  });
});
