/**
 * The word index a document keeps across edits must always equal the words of its current text,
 * as a regular expression finds them (the reference: what one-shot detection indexes).
 */
import * as assert from 'node:assert/strict';
import { scanWord, WordIndex } from '../../../src/core/detect/wordIndex';
import { getDetector } from './helpers';

function reference(text: string, dollar: boolean): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const re = dollar ? /[\w$]+/g : /\w+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.set(m[0], [...(out.get(m[0]) ?? []), m.index]);
  return out;
}

function assertSame(ix: WordIndex, text: string, dollar: boolean, what: string): void {
  const ref = reference(text, dollar);
  for (const [w, at] of ref) assert.deepEqual(ix.get(w), at, `${what}: "${w}"`);
  // Nothing stale: every word the index still answers for is in the text.
  for (const w of ['client', 'create', 'x', 'ab', '$x', 'model', 'q1', 'é']) if (!ref.has(w)) assert.deepEqual(ix.get(w), [], `${what}: stale "${w}"`);
}

/** A small deterministic generator (mulberry32), so a failure replays. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('detect: word index across edits', () => {
  it('after each of 2,000 random edits (typed, deleted, replaced, joining and splitting words) it equals a fresh index', () => {
    const pieces = ['client', '.', 'create', '(', ' ', '\n', 'x', '$x', 'é', 'ab', '1', '_', 'model', "'", 'q1'];
    for (const dollar of [true, false]) {
      const r = rng(dollar ? 7 : 11);
      let text = "const client = new OpenAI();\nclient.chat.completions.create({ model: 'gpt-4o', messages: [] });\n$x = ab_1 + q1;\n";
      const ix = new WordIndex(text, dollar);
      assertSame(ix, text, dollar, 'built');
      for (let k = 0; k < 2000; k++) {
        const start = Math.floor(r() * (text.length + 1));
        const oldEnd = Math.min(text.length, start + Math.floor(r() * 4));
        let ins = '';
        for (let n = Math.floor(r() * 3); n > 0; n--) ins += pieces[Math.floor(r() * pieces.length)];
        const next = text.slice(0, start) + ins + text.slice(oldEnd);
        ix.edit(text, next, start, oldEnd, start + ins.length);
        text = next;
        assertSame(ix, text, dollar, `edit ${k} (${dollar ? 'js' : 'python'})`);
      }
    }
  });

  it('scanning for one name finds what a whole-word regular expression finds', () => {
    const text = 'a aa aaa a$ $a _a a_ a1 1a aé éa a\na (a) a.a aa';
    for (const dollar of [true, false]) {
      for (const name of ['a', 'aa', 'a$', '$a', '_a', 'é', 'a.a']) {
        const w = dollar ? '[\\w$]' : '\\w';
        const re = new RegExp(`(?<!${w})${name.replace(/[$.]/g, '\\$&')}(?!${w})`, 'g');
        const ref: number[] = [];
        for (let m = re.exec(text); m; m = re.exec(text)) ref.push(m.index);
        assert.deepEqual(scanWord(text, name, dollar), ref, `${name} (${dollar ? 'js' : 'python'})`);
      }
    }
  });

  it('a 40,000-character identifier is looked up like any other (fuzz seed 3 #199: one-shot lost the site, a document kept it)', async () => {
    const big = 'a'.repeat(40000);
    const text = `import OpenAI from 'openai';\nconst client = new OpenAI();\nconst ${big} = 'Hello';\nclient.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: ${big} }] });\n`;
    const d = await getDetector();
    const one = d.detect({ text, language: 'typescript', path: 'a.ts' });
    assert.equal(one.length, 1);
    assert.equal(one[0]!.parts.map((p) => p.segments.map((g) => (g.kind === 'text' ? g.text : '?')).join('')).join('|'), 'Hello');
    const doc = d.open({ text, language: 'typescript', path: 'a.ts' });
    try {
      assert.deepEqual(doc.sites(), one);
    } finally {
      doc.dispose();
    }
  });
});
