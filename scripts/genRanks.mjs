// Build step: turns js-tiktoken's rank files into the compact format core/tokens reads
// (dist/ranks/<encoding>.bin). The writer is core's own encodeRankTable, bundled on the fly,
// so the hash used at build time is by construction the one used at run time.
import * as esbuild from 'esbuild';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const ENCODINGS = ['o200k_base', 'cl100k_base'];
const WRITER = join(root, 'src/core/tokens/rankTable.ts');

async function loadWriter() {
  const out = await esbuild.build({ entryPoints: [WRITER], bundle: true, write: false, format: 'esm', platform: 'neutral', logLevel: 'silent' });
  const code = out.outputFiles[0].text;
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

/** js-tiktoken stores ranks as lines "<prefix> <first rank> <base64 token> <base64 token>…". */
function parseJsTiktoken(bpeRanks) {
  const tokens = [];
  for (const line of bpeRanks.split('\n')) {
    if (!line) continue;
    const [, offsetStr, ...b64] = line.split(' ');
    const offset = Number.parseInt(offsetStr, 10);
    b64.forEach((t, i) => tokens.push({ rank: offset + i, bytes: new Uint8Array(Buffer.from(t, 'base64')) }));
  }
  return tokens;
}

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
}

/** Writes dist/ranks/*.bin unless they are newer than both their source and the writer. */
export async function genRanks({ outDir = join(root, 'dist/ranks'), force = false } = {}) {
  mkdirSync(outDir, { recursive: true });
  let writer;
  for (const enc of ENCODINGS) {
    const src = require.resolve(`js-tiktoken/ranks/${enc}`);
    const dest = join(outDir, `${enc}.bin`);
    if (!force && mtime(dest) > Math.max(mtime(src), mtime(WRITER), mtime(fileURLToPath(import.meta.url)))) continue;
    writer ??= await loadWriter();
    const data = require(src);
    const tokens = parseJsTiktoken((data.default ?? data).bpe_ranks);
    writeFileSync(dest, writer.encodeRankTable(tokens));
    console.log(`ranks: ${dest} (${tokens.length} tokens)`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await genRanks({ force: process.argv.includes('--force') });
