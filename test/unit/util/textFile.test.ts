import * as assert from 'node:assert/strict';
import { decodeTextFile, textSkipReason } from '../../../src/core/util/textFile';

const enc = new TextEncoder();
const utf8 = (b: Uint8Array) => new TextDecoder('utf-8').decode(b);

/** `newlines` lines of 999 x's, then a last line of `last` x's: length 1000 × newlines + last. */
function lines(newlines: number, last: number): string {
  return `${'x'.repeat(999)}\n`.repeat(newlines) + 'x'.repeat(last);
}

describe('textSkipReason: the minified check at its boundary', () => {
  it('keeps a file whose average line is exactly 1,000 characters (25,000 characters on 25 lines)', () => {
    const t = lines(24, 1000);
    assert.equal(t.length, 25_000);
    assert.equal(textSkipReason(enc.encode(t), t), null);
  });

  it('skips one character more, with the whole file counted for the average (25,001 / 25 = 1,000.04)', () => {
    const t = lines(24, 1001);
    assert.equal(textSkipReason(enc.encode(t), t), 'skipped: minified or generated (average line 1000 characters)');
  });

  it('counts every line of a long minified file: 100 lines of 3,000 characters average 2,990.01', () => {
    // 99 × 3,000 + 2,001 = 299,001 characters on 100 lines
    const t = `${'y'.repeat(2999)}\n`.repeat(99) + 'y'.repeat(2001);
    assert.equal(t.length, 299_001);
    assert.equal(textSkipReason(enc.encode(t), t), 'skipped: minified or generated (average line 2990 characters)');
  });

  it('does not look at files of 20,000 characters or fewer', () => {
    const t = 'z'.repeat(20_000);
    assert.equal(textSkipReason(enc.encode(t), t), null);
  });
});

describe('decodeTextFile', () => {
  it('gives the text of ordinary source, without the UTF-8 byte-order mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode("const s = 'héllo';\n")]);
    assert.deepEqual(decodeTextFile(bytes, utf8), { text: "const s = 'héllo';\n" });
  });

  it('skips a binary file before decoding it', () => {
    const never = () => assert.fail('a binary file must not be decoded');
    assert.deepEqual(decodeTextFile(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01]), never), { skip: 'skipped: binary file (NUL bytes)' });
  });

  it('skips a minified file after decoding it', () => {
    const t = 'var a=1;'.repeat(4000);
    assert.deepEqual(decodeTextFile(enc.encode(t), utf8), { skip: 'skipped: minified or generated (average line 32000 characters)' });
  });

  it('skips a file over the size limit without decoding it', () => {
    const never = () => assert.fail('a huge file must not be decoded');
    const r = decodeTextFile(new Uint8Array(2 * 1024 * 1024 + 1), never);
    assert.ok('skip' in r && /over the 2 MB limit/.test(r.skip), JSON.stringify(r));
  });
});
