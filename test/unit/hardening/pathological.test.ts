/**
 * Pathological inputs, each handled within a documented bound (docs/hardening.md): the workspace
 * scan skips what it cannot use and says why in its errors list; core counts what it is given in
 * time linear in the input. Time limits are generous (the suite shares a busy machine) but far
 * below what a quadratic blow-up would take; the measured times are in docs/hardening.md.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getEncoding } from 'js-tiktoken';
import { analyzeSites, type AnalysisContext } from '../../../src/core/analyze';
import { defaultSettings, emptyWorkspaceConfig } from '../../../src/core/config';
import { defaultPriceTable } from '../../../src/core/pricing';
import { MAX_TEXT_FILE_BYTES } from '../../../src/core/util/textFile';
import { scanDirectory } from '../../../src/cli/scanWorkspace';
import { cpuMs } from '../../fuzz/harness';
import { largeFile, longLiteralCall, manyPrompts, minifiedBundle, systemPromptOf } from '../../fuzz/pathological';
import { loadEnv, type FuzzEnv } from '../../fuzz/targets';

const MB = 1024 * 1024;

/** CPU time, not the wall clock: the suite shares a busy machine, and CPU is what a blow-up burns. */
function timed<T>(f: () => T): { value: T; ms: number } {
  const t0 = cpuMs();
  const value = f();
  return { value, ms: cpuMs() - t0 };
}

describe('hardening: pathological inputs', function () {
  this.timeout(900_000);
  let env: FuzzEnv;
  let ctx: AnalysisContext;
  let dir: string;
  before(async () => {
    env = await loadEnv();
    ctx = { tokenizers: env.tokenizers, prices: defaultPriceTable(), settings: defaultSettings, workspace: emptyWorkspaceConfig, today: '2026-12-01' };
    dir = mkdtempSync(join(tmpdir(), 'pm-patho-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('workspace scan: a 10 MB file and a 1 MB minified bundle are skipped and listed with the reason; a 1 MB literal in a normal file is counted', async () => {
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'huge.ts'), largeFile(10 * MB));
    writeFileSync(join(dir, 'src', 'bundle.min.js'), minifiedBundle(MB));
    writeFileSync(join(dir, 'src', 'literal.ts'), longLiteralCall(MB, 'x7Qz', 1100));
    writeFileSync(join(dir, 'src', 'ok.ts'), longLiteralCall(20));
    const t0 = cpuMs();
    const scan = await scanDirectory(dir);
    const ms = cpuMs() - t0;
    const err = (f: string) => scan.errors.find((e) => e.file === f)?.message ?? '';
    assert.match(err('src/huge.ts'), /^skipped: 10\.0 MB is over the 2 MB limit$/);
    assert.match(err('src/bundle.min.js'), /^skipped: minified or generated \(average line \d+ characters\)$/);
    assert.deepEqual(scan.estimates.map((e) => e.file).sort(), ['src/literal.ts', 'src/ok.ts']);
    const lit = scan.estimates.find((e) => e.file === 'src/literal.ts')!;
    assert.ok(lit.inputTokensExact && lit.inputTokens > MB / 4, `1 MB of x7Qz is counted exactly (${lit.inputTokens} tokens)`);
    // Measured about 3 s on a loaded two-core machine; the skipped files are not parsed at all.
    assert.ok(ms < 120_000, `scan took ${ms} ms`);
  });

  it('core: a 1 MB string without whitespace inside a call is detected and counted exactly, in linear time', () => {
    const run = (chars: number) =>
      timed(() => {
        const text = longLiteralCall(chars, 'a');
        const sites = env.detector.detect({ text, language: 'typescript', path: 'src/a.ts' });
        return analyzeSites('src/a.ts', text, sites, ctx);
      });
    const small = run(MB / 8);
    const big = run(MB);
    assert.equal(big.value.length, 1);
    assert.equal(big.value[0]!.inputTokensExact, true);
    // 'a' × n: tiktoken merges runs of a into 8-byte tokens ('aaaaaaaa' is one o200k token), so
    // the count grows linearly; an independent reference on a short run pins the rate.
    const enc = getEncoding('o200k_base');
    assert.equal(enc.encode('a'.repeat(4096), [], []).length, 512);
    const literalTokens = big.value[0]!.parts.find((p) => p.role === 'user')!.tokens;
    assert.equal(literalTokens, MB / 8);
    // Linear: 8× the input must not cost 64×. Measured about 1 s and 4 s under load.
    assert.ok(big.ms < 60_000, `1 MB took ${big.ms} ms`);
    assert.ok(big.ms < 30 * Math.max(small.ms, 50), `1/8 MB took ${small.ms} ms, 1 MB ${big.ms} ms`);
  });

  it('core: a 1 MB minified bundle is parsed in bounded time (the editor path, which does not skip it)', () => {
    const text = minifiedBundle(MB);
    const { value, ms } = timed(() => analyzeSites('dist/b.js', text, env.detector.detect({ text, language: 'javascript', path: 'dist/b.js' }), ctx));
    assert.equal(value.length, Math.ceil((text.match(/var a\d+=/g) ?? []).length / 500));
    // Measured 15 s on a loaded two-core machine (tree-sitter parse and per-site line scans).
    assert.ok(ms < 120_000, `took ${ms} ms`);
  });

  it('core: 10,000 prompts in one file: every one found, sized and given its own id, in linear time', () => {
    const run = (n: number) =>
      timed(() => {
        const text = manyPrompts(n);
        return analyzeSites('src/many.ts', text, env.detector.detect({ text, language: 'typescript', path: 'src/many.ts' }), ctx);
      });
    const small = run(1_000);
    const big = run(10_000);
    assert.equal(big.value.length, 10_000);
    assert.equal(new Set(big.value.map((e) => e.id)).size, 10_000, 'stable ids are distinct');
    const enc = getEncoding('o200k_base');
    for (const i of [0, 9, 4_321, 9_999]) {
      const sys = big.value[i]!.parts.find((p) => p.role === 'system')!;
      assert.equal(sys.tokens, enc.encode(systemPromptOf(i), [], []).length, `system prompt ${i}`);
    }
    // 10× the prompts must not cost 100×. Measured about 3 s and 30 s on a loaded machine.
    assert.ok(big.ms < 40 * Math.max(small.ms, 50), `1,000 prompts took ${small.ms} ms, 10,000 took ${big.ms} ms`);
    assert.ok(big.ms < 400_000, `took ${big.ms} ms`);
  });

  it('the size limits the scan applies are the documented ones', () => {
    assert.equal(MAX_TEXT_FILE_BYTES, 2 * MB);
  });
});
