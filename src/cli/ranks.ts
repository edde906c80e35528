import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { EncodingName, RankLoader } from '../core/tokens';

/**
 * Where the build put the rank files. The bundles live in dist/ (dist/cli.js, dist/extension.js:
 * ranks/ is beside them) and compiled tests in out/src/cli/ (the package root's dist/ranks is
 * a few folders up), so walk up from this module until one appears.
 */
export function findRanksDir(from: string = __dirname): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    for (const candidate of [join(dir, 'ranks'), join(dir, 'dist', 'ranks')]) {
      if (existsSync(join(candidate, 'o200k_base.bin'))) return candidate;
    }
    if (dirname(dir) === dir) return null;
  }
}

/** Reads dist/ranks/<encoding>.bin (built by scripts/genRanks.mjs) for core's Tokenizers. */
export function nodeRankLoader(ranksDir?: string): RankLoader {
  return async (encoding: EncodingName) => {
    const dir = ranksDir ?? findRanksDir();
    if (!dir) throw new Error('tokenizer ranks not found (dist/ranks/*.bin): run npm run build');
    const buf = await readFile(join(dir, `${encoding}.bin`));
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  };
}
