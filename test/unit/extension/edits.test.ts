import * as assert from 'node:assert/strict';
import { mergeEdits, type Edit } from '../../../src/extension/edits';

function apply(text: string, e: Edit): string {
  return text.slice(0, e.start) + e.newText + text.slice(e.oldEnd);
}

/** Small deterministic generator so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

describe('mergeEdits', () => {
  it('returns null for no edits and the edit itself for one', () => {
    assert.equal(mergeEdits([], 'abc'), null);
    const one = { start: 1, oldEnd: 2, newText: 'xy' };
    assert.deepEqual(mergeEdits([one], 'axyc'), one);
  });

  it('folds typed characters into one insertion', () => {
    // "hello" → type "abc" after "he", one keystroke at a time.
    const edits = [
      { start: 2, oldEnd: 2, newText: 'a' },
      { start: 3, oldEnd: 3, newText: 'b' },
      { start: 4, oldEnd: 4, newText: 'c' },
    ];
    assert.deepEqual(mergeEdits(edits, 'heabcllo'), { start: 2, oldEnd: 2, newText: 'abc' });
  });

  it('covers edits on both sides, with deletions', () => {
    // "0123456789": delete "78" (→ "01234569"), then replace "1" with "AB" (→ "0AB234569").
    const edits = [
      { start: 7, oldEnd: 9, newText: '' },
      { start: 1, oldEnd: 2, newText: 'AB' },
    ];
    assert.deepEqual(mergeEdits(edits, '0AB234569'), { start: 1, oldEnd: 9, newText: 'AB23456' });
  });

  it('turns any sequence into an edit with the same result (random sequences)', () => {
    const r = rng(7);
    for (let trial = 0; trial < 2000; trial++) {
      const old = 'abcdefghijklmnopqrstuvwxyz'.slice(0, Math.floor(r() * 27));
      let text = old;
      const edits: Edit[] = [];
      for (let n = 1 + Math.floor(r() * 5); n > 0; n--) {
        const start = Math.floor(r() * (text.length + 1));
        const oldEnd = start + Math.floor(r() * (text.length - start + 1));
        const e = { start, oldEnd, newText: 'XYZ'.slice(0, Math.floor(r() * 4)) };
        edits.push(e);
        text = apply(text, e);
      }
      const merged = mergeEdits(edits, text)!;
      assert.ok(merged.start >= 0 && merged.start <= merged.oldEnd && merged.oldEnd <= old.length, JSON.stringify({ old, edits }));
      assert.equal(apply(old, merged), text, JSON.stringify({ old, edits }));
    }
  });
});
