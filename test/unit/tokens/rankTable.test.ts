import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RankTable, encodeRankTable } from '../../../src/core/tokens';
import { findRanksDir } from '../../../src/cli/ranks';

/** js-tiktoken's own rank data, parsed here independently of scripts/genRanks.mjs. */
function jsTiktokenRanks(encoding: string): Map<number, Buffer> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const data = require(`js-tiktoken/ranks/${encoding}`) as { default?: { bpe_ranks: string }; bpe_ranks?: string };
  const text = (data.default ?? data).bpe_ranks!;
  const out = new Map<number, Buffer>();
  for (const line of text.split('\n')) {
    if (!line) continue;
    const [, first, ...tokens] = line.split(' ');
    tokens.forEach((t, i) => out.set(Number(first) + i, Buffer.from(t, 'base64')));
  }
  return out;
}

describe('rank table (dist/ranks, built from js-tiktoken)', function () {
  this.timeout(120_000);
  const dir = findRanksDir();

  it('is found from the compiled tests', () => {
    assert.ok(dir, 'dist/ranks not found: npm run build');
  });

  for (const encoding of ['o200k_base', 'cl100k_base']) {
    it(`${encoding}: every token of js-tiktoken's file has its rank, and nothing else does`, () => {
      const table = new RankTable(new Uint8Array(readFileSync(join(dir!, `${encoding}.bin`))));
      const ranks = jsTiktokenRanks(encoding);
      assert.equal(table.size, ranks.size);
      for (const [rank, bytes] of ranks) {
        const b = new Uint8Array(bytes);
        assert.equal(table.rank(b, 0, b.length), rank);
        assert.deepEqual(Buffer.from(table.bytesOf(rank)), bytes);
      }
      // byte strings that are not tokens: a token plus an unlikely tail
      const notTokens = ['\u0000\u0000\u0000\u0000zq', 'qzqzqzqzqzqzqzqzqz'].map((s) => new TextEncoder().encode(s));
      for (const b of notTokens) assert.equal(table.rank(b, 0, b.length), -1);
    });
  }

  it('looks up a slice of a larger buffer, not just whole arrays', () => {
    const table = new RankTable(encodeRankTable([
      { rank: 0, bytes: Uint8Array.of(104) },
      { rank: 1, bytes: Uint8Array.of(105) },
      { rank: 2, bytes: Uint8Array.of(104, 105) },
    ]));
    const buf = Uint8Array.of(0, 104, 105, 0);
    assert.equal(table.rank(buf, 1, 3), 2);
    assert.equal(table.rank(buf, 2, 3), 1);
    assert.equal(table.rank(buf, 0, 2), -1);
  });

  it('rejects a foreign, truncated or duplicate-rank file', () => {
    assert.throws(() => new RankTable(new Uint8Array(64)), /not a Promptmeter rank file/);
    const good = encodeRankTable([{ rank: 0, bytes: Uint8Array.of(1, 2) }]);
    assert.throws(() => new RankTable(good.subarray(0, good.length - 1)), /truncated/);
    assert.throws(() => encodeRankTable([{ rank: 0, bytes: Uint8Array.of(1) }, { rank: 0, bytes: Uint8Array.of(2) }]), /duplicate rank/);
  });
});
