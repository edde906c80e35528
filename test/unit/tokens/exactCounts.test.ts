import { strict as assert } from 'node:assert';
import type { EncodingName, Tokenizers } from '../../../src/core/tokens';
import { corpus, loadedTokenizers, localFiles, references, seeded } from './corpus';

const ENCODINGS: EncodingName[] = ['o200k_base', 'cl100k_base'];

/** Random text biased toward what stresses a pre-tokenizer: apostrophes, case changes, digits, spaces. */
function asciiHeavy(rnd: () => number, n: number): string {
  const alphabet = "aAbBzZ'sStTdDmMlLrReEvV  \t\n\r0123456789.,;:!?/\\-_()[]{}<>|\"`~@#$%^&*+=";
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(rnd() * alphabet.length)]!;
  return s;
}

/** Any code point, lone surrogates included; U+FEFF is left out (its own test below). */
function anyUnicode(rnd: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) {
    const k = rnd();
    let cp: number;
    if (k < 0.25) cp = 0x20 + Math.floor(rnd() * 0x5f);
    else if (k < 0.35) cp = [0x20, 0x0a, 0x0d, 0x09, 0xa0, 0x3000, 0x2028, 0x27, 0x17f][Math.floor(rnd() * 9)]!;
    else if (k < 0.7) cp = Math.floor(rnd() * 0x3000);
    else if (k < 0.9) cp = Math.floor(rnd() * 0x10000);
    else cp = Math.floor(rnd() * 0x110000);
    if (cp === 0xfeff) cp = 0x20;
    s += cp >= 0xd800 && cp <= 0xdfff ? String.fromCharCode(cp) : String.fromCodePoint(cp);
  }
  return s;
}

for (const encoding of ENCODINGS) {
  describe(`exact counts: ${encoding} against tiktoken (WASM) and js-tiktoken`, function () {
    // The references are the slow part (tiktoken is quadratic on long pieces); a busy CI machine needs room.
    this.timeout(120_000);
    let tk: Tokenizers;
    const ref = references(encoding);
    before(async () => {
      tk = await loadedTokenizers();
    });
    const count = (t: string) => tk.encoding(encoding).count(t);

    for (const [name, text] of corpus()) {
      it(`${name}`, () => {
        const expected = ref.tiktoken(text);
        assert.equal(count(text), expected, 'tiktoken');
        assert.equal(ref.jsTiktoken(text), expected, 'js-tiktoken agrees with tiktoken on this sample');
      });
    }

    it('the empty string is 0 tokens', () => {
      assert.equal(count(''), 0);
    });

    it('special-token text counts as plain text and never throws', () => {
      // tiktoken's encode() would reject it; encode_ordinary() is the billing view of prompt text
      const text = '<|endoftext|>';
      assert.ok(count(text) > 1);
      assert.equal(count(text), ref.tiktoken(text));
    });

    it('real files from node_modules (≈300 kB of .d.ts and README text)', () => {
      const text = localFiles(300_000);
      assert.ok(text.length > 100_000);
      assert.equal(count(text), ref.tiktoken(text));
    });

    it('seeded ASCII-heavy random text (1500 samples) equals both references', () => {
      const rnd = seeded(7);
      for (let i = 0; i < 1500; i++) {
        const text = asciiHeavy(rnd, 1 + Math.floor(rnd() * 80));
        const expected = ref.tiktoken(text);
        assert.equal(count(text), expected, JSON.stringify(text));
        assert.equal(ref.jsTiktoken(text), expected, JSON.stringify(text));
      }
    });

    it('seeded random Unicode with lone surrogates (2000 samples) equals tiktoken', () => {
      // Both references turn a lone surrogate into U+FFFD (TextEncoder / wasm-bindgen), as we do.
      // Letter and number classes come from the JavaScript runtime's Unicode tables; a code point
      // assigned in a newer Unicode than the reference's regex crate knows (Unicode 17 on Node 20.20)
      // can split differently. Such a sample must then agree with js-tiktoken, which shares the
      // runtime's tables, and such samples must stay rare.
      const rnd = seeded(42);
      let runtimeUnicode = 0;
      for (let i = 0; i < 2000; i++) {
        const text = anyUnicode(rnd, 1 + Math.floor(rnd() * 40));
        const ours = count(text);
        if (ours === ref.tiktoken(text)) continue;
        runtimeUnicode++;
        assert.equal(ours, ref.jsTiktoken(text), `differs from both references: ${JSON.stringify(text)}`);
      }
      assert.ok(runtimeUnicode <= 20, `${runtimeUnicode} samples differ from tiktoken`);
    });

    it('a byte-order mark follows tiktoken (Unicode White_Space), where js-tiktoken differs', () => {
      // JavaScript's \s contains U+FEFF; the Rust regex tiktoken runs does not. OpenAI bills by tiktoken.
      for (const text of ['\ufeff\ufeffhi', 'x\ufeff y', 'a\u0085\u0085 b', '\ufeff'.repeat(5) + ' z']) {
        assert.equal(count(text), ref.tiktoken(text), JSON.stringify(text));
      }
      if (encoding === 'o200k_base') assert.notEqual(ref.jsTiktoken('\ufeff\ufeffhi'), ref.tiktoken('\ufeff\ufeffhi'));
    });

    it('long pieces without whitespace take the heap merge path and stay exact', () => {
      const rnd = seeded(3);
      const b64chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
      let b64 = '';
      for (let i = 0; i < 60_000; i++) b64 += b64chars[Math.floor(rnd() * 64)]!;
      for (const text of [b64, 'a'.repeat(5000), 'ab'.repeat(2500) + 'ba'.repeat(300), '中文'.repeat(3000), '🙂'.repeat(1500), 'x'.repeat(97), 'x'.repeat(96)]) {
        assert.equal(count(text), ref.tiktoken(text), `${text.slice(0, 12)}… (${text.length})`);
      }
    });

    it('seeded long pieces from tiny alphabets (many equal-rank pairs: leftmost-first ties) equal tiktoken', () => {
      const rnd = seeded(99);
      const alphabets = ['ab', 'aab', 'xyz', 'abcdefghij', 'ſſ中文', 'éèêë', 'qwertyuiopasdfghjklzxcvbnm'];
      for (let k = 0; k < 300; k++) {
        const alpha = alphabets[k % alphabets.length]!;
        let text = '';
        const n = 90 + Math.floor(rnd() * 400);
        for (let i = 0; i < n; i++) text += alpha[Math.floor(rnd() * alpha.length)]!;
        assert.equal(count(text), ref.tiktoken(text), text);
      }
    });

    it('a megabyte without whitespace is not quadratic', () => {
      // In both encodings 'a'×8 is the longest all-a token and n a's are n/8 tokens (checked on
      // tiktoken below for 4 096 and 10 000), so 2^20 a's are 2^17 tokens. tiktoken itself needs minutes for this input.
      assert.equal(ref.tiktoken('a'.repeat(10_000)), 1250);
      assert.equal(ref.tiktoken('a'.repeat(4096)), 512);
      assert.equal(count('a'.repeat(1 << 20)), 1 << 17);
    });
  });
}
