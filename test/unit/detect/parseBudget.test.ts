/**
 * The parse budget: tree-sitter's error recovery is quadratic in a run of tokens it cannot place
 * inside a function (fuzz seed 1 #3256 and #4310: a quote typed before a long prose string), so a
 * parse past its budget is abandoned, with the same verdict every time for the same text.
 */
import * as assert from 'node:assert/strict';
import { Parsers } from '../../../src/core/detect/parser';
import { BudgetedParse, chunkReader, parseBudgetMs } from '../../../src/core/detect/parseBudget';
import { nodeDetectionHost } from '../../../src/cli/wasm';
import { getDetector } from './helpers';
import { lostQuoteFile } from '../../fuzz/pathological';

function cpuMs(f: () => void): number {
  const c = process.cpuUsage();
  f();
  const u = process.cpuUsage(c);
  return (u.user + u.system) / 1000;
}

describe('detect: parse budget', function () {
  this.timeout(120_000);

  it('a string that lost its quote costs linear time, not quadratic, as it grows 2x and 4x', async () => {
    const d = await getDetector();
    const run = (words: number): number => cpuMs(() => d.detect({ text: lostQuoteFile(words), language: 'javascript', path: 'a.js' }));
    run(300); // warm-up: JIT and WASM tiers
    const base = 5000;
    const [one, two, four] = [run(base), run(2 * base), run(4 * base)];
    // Unbounded, tree-sitter took ~0.35 s, ~1.5 s and ~4 s of CPU here (x4, then x12); the budget
    // stops each near 0.3 s of wall clock. Generous factors: the machine is shared.
    assert.ok(two < 3 * one + 50, `2x cost ${two.toFixed(0)} ms against ${one.toFixed(0)} ms`);
    assert.ok(four < 5 * one + 100, `4x cost ${four.toFixed(0)} ms against ${one.toFixed(0)} ms`);
    assert.ok(four < 1500, `4x cost ${four.toFixed(0)} ms`);
  });

  it('a document gets the same answer as one-shot detection after edits through the slow state', async () => {
    const d = await getDetector();
    const text = lostQuoteFile(12000).replace("''ab", "'ab");
    const doc = d.open({ text, language: 'javascript', path: 'a.js' });
    try {
      assert.equal(doc.sites().length, 1, 'the closed string parses: the site is found');
      const q = text.indexOf("'ab");
      const broken = doc.applyEdit({ start: q, oldEnd: q, newText: "'" });
      assert.deepEqual(broken, d.detect({ text: doc.text, language: 'javascript', path: 'a.js' }));
      const fixed = doc.applyEdit({ start: q, oldEnd: q + 1, newText: '' });
      assert.equal(fixed.length, 1, 'removing the stray quote brings the site back');
      assert.deepEqual(fixed, d.detect({ text: doc.text, language: 'javascript', path: 'a.js' }));
    } finally {
      doc.dispose();
    }
  });

  describe('verdicts with a controlled clock', () => {
    let parsers: Parsers;
    before(async () => {
      parsers = await Parsers.load(nodeDetectionHost());
    });
    const code = (n: number): string => Array.from({ length: n }, (_, i) => `const v${i} = f(${i}, 'x${i}');`).join('\n');

    it('a parse past its budget gives no tree, and the same text is refused again without parsing', () => {
      let now = 0;
      let step = 0;
      const budget = new BudgetedParse(() => (now += step));
      const parser = parsers.parserFor('javascript')!;
      const text = code(400);
      step = 1e6; // every look at the clock is past any deadline
      assert.equal(budget.parse(parser, text, null), null);
      step = 0;
      assert.equal(budget.parse(parser, text, null), null, 'same text, same verdict, though the clock now stands still');
      const other = budget.parse(parser, code(401), null);
      assert.ok(other, 'another text parses');
      assert.equal(other.rootNode.hasError, false);
      other.delete();
      // The parser was reset after the cancellation: a fresh parse of the first text is complete.
      const again = new BudgetedParse(() => 0).parse(parser, text, null);
      assert.equal(again?.rootNode.namedChildCount, 400);
      again?.delete();
    });

    it('a slow success is remembered: the same text is not refused by a later, unluckier parse', () => {
      let now = 0;
      let step = 0;
      let calls = 0;
      const budget = new BudgetedParse(() => {
        calls++;
        return (now += step);
      });
      const parser = parsers.parserFor('javascript')!;
      const text = code(300);
      // Count the clock reads of one parse (the start, each progress check, the end).
      budget.parse(parser, text, null)?.delete();
      const n = calls;
      assert.ok(n >= 4, `${n} clock reads`);
      // Spread 90% of the budget over them: in time at every check, slower than a quarter at the end.
      step = (0.9 * parseBudgetMs(text.length)) / (n - 1);
      const slow = budget.parse(parser, text, null);
      assert.ok(slow, 'within the deadline at every check');
      slow.delete();
      step = 1e6;
      const late = budget.parse(parser, text, null);
      assert.ok(late, 'remembered as parseable: parsed again without the deadline');
      assert.equal(late.rootNode.namedChildCount, 300);
      late.delete();
      assert.equal(budget.parse(parser, code(301), null), null, 'an unknown text past the deadline is refused');
    });
  });

  it('the chunked reader gives back the text exactly, whatever the order of reads, and never splits a surrogate pair', () => {
    const text = `${'a😀'.repeat(3000)}b${'é😀x'.repeat(2000)}`;
    const read = chunkReader(text);
    let out = '';
    for (let i = 0; i < text.length; ) {
      const c = read(i);
      assert.ok(c.length > 0);
      const last = c.charCodeAt(c.length - 1);
      assert.ok(!(last >= 0xd800 && last <= 0xdbff), `chunk at ${i} ends inside a surrogate pair`);
      out += c;
      i += c.length;
    }
    assert.equal(out, text);
    assert.equal(read(text.length), '');
    for (const at of [17, 5000, 3, 9999, text.length - 1]) assert.equal(read(at), text.slice(at, at + read(at).length));
    assert.ok(read(100).length <= 65, 'a read after a jump is small');
  });
});
