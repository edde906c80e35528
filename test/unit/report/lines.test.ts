import * as assert from 'node:assert/strict';
import { LineIndex, lineStarts } from '../../../src/core/text/lines';

describe('LineIndex', () => {
  it('finds line starts after LF, CRLF and a lone CR', () => {
    assert.deepEqual(lineStarts('a\nb\r\nc\rd'), [0, 2, 5, 7]);
  });

  it('gives 1-based lines and columns', () => {
    const idx = new LineIndex('ab\ncd\r\nef');
    assert.deepEqual(idx.position(0), { line: 1, column: 1 });
    assert.deepEqual(idx.position(1), { line: 1, column: 2 });
    assert.deepEqual(idx.position(3), { line: 2, column: 1 });
    // offset 5 is the CR of CRLF: still line 2, after "cd"
    assert.deepEqual(idx.position(5), { line: 2, column: 3 });
    assert.deepEqual(idx.position(7), { line: 3, column: 1 });
    assert.deepEqual(idx.position(9), { line: 3, column: 3 });
  });

  it('counts columns in UTF-16 code units (an emoji is two)', () => {
    const idx = new LineIndex('x\n🧾c');
    assert.deepEqual(idx.position('x\n🧾'.length), { line: 2, column: 3 });
  });

  it('clamps offsets outside the text and maps back to offsets', () => {
    const idx = new LineIndex('ab\ncd');
    assert.deepEqual(idx.position(-4), { line: 1, column: 1 });
    assert.deepEqual(idx.position(99), { line: 2, column: 3 });
    assert.equal(idx.offset({ line: 2, column: 2 }), 4);
    assert.equal(idx.lineCount, 2);
  });

  it('handles the empty text and a trailing break', () => {
    assert.deepEqual(new LineIndex('').position(0), { line: 1, column: 1 });
    assert.deepEqual(new LineIndex('a\n').position(2), { line: 2, column: 1 });
  });
});
