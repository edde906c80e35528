import * as assert from 'node:assert/strict';
import { documentSkipReason } from '../../../src/extension/bounds';
import { minifiedBundle } from '../../fuzz/pathological';

const MB = 1024 * 1024;

describe('open-document bounds (src/extension/bounds.ts)', () => {
  it('lets ordinary code through, however many lines', () => {
    const line = "const x = client.chat.completions.create({ model: 'gpt-4o' }); // ordinary\n";
    assert.equal(documentSkipReason(line.repeat(20_000)), null); // 1.5 MB in short lines
    assert.equal(documentSkipReason(''), null);
  });

  it('skips over 2 MB of UTF-8, counting bytes, not UTF-16 units', () => {
    assert.match(documentSkipReason('x'.repeat(2.2 * MB))!, /^skipped: 2\.2 MB is over the 2 MB limit$/);
    // Lines of 40 Devanagari letters: 738,000 UTF-16 units, well under 2 M, but 3 bytes a letter.
    const hindi = ('ह'.repeat(40) + '\n').repeat(18_000);
    assert.equal(hindi.length, 738_000);
    assert.equal(Buffer.byteLength(hindi, 'utf8'), 2_178_000);
    assert.equal(documentSkipReason(hindi), 'skipped: 2.1 MB is over the 2 MB limit');
    assert.equal(documentSkipReason(hindi.slice(0, 600_000)), null, '1.7 MB of UTF-8 is within the bound');
  });

  it('skips a minified bundle and says the average line', () => {
    assert.match(documentSkipReason(minifiedBundle(MB))!, /^skipped: minified or generated \(average line \d{6,} characters\)$/);
  });

  it('skips text with NUL characters near its start', () => {
    assert.equal(documentSkipReason('abc\0def'), 'skipped: binary file (NUL bytes)');
    assert.equal(documentSkipReason('a\n'.repeat(10_000) + '\0'), null, 'only the first 8 KB are looked at, as the scan does');
  });
});
