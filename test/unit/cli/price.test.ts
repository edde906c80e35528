import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../../..');
const CLI = join(ROOT, 'dist/cli.js');

/** Runs the built CLI as a user would (build with `npm run build` first; built here if missing). */
export function runCli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  if (!existsSync(CLI)) {
    const b = spawnSync(process.execPath, ['esbuild.config.mjs'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(b.status, 0, b.stderr);
  }
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('promptmeter price', function () {
  this.timeout(60_000);

  it('prices gpt-4o to the cent and beyond: 1,240 in + 300 out = $0.0061', () => {
    const r = runCli('price', '--model', 'gpt-4o', '--input', '1240', '--output', '300', '--json');
    assert.equal(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    // 1,240 × $2.50/MTok = $0.0031 ; 300 × $10/MTok = $0.003
    assert.equal(j.model, 'gpt-4o');
    assert.equal(j.input, 0.0031);
    assert.equal(j.output, 0.003);
    assert.equal(j.total, 0.0061);
    assert.equal(j.currency, 'USD');
    assert.match(j.asOf, /^\d{4}-\d{2}-\d{2}$/);
  });

  it('prices claude-sonnet-4-5 with cache reads and a 1-hour write, through a Bedrock id', () => {
    const r = runCli(
      'price', '--model', 'global.anthropic.claude-sonnet-4-5-20250929-v1:0',
      '--input', '20000', '--cached-input', '10000', '--cache-write', '5000', '--cache-ttl', '1h', '--output', '1000', '--json',
    );
    assert.equal(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    // uncached 5,000 × $3 = $0.015 ; read 10,000 × $0.30 = $0.003 ; 1h write 5,000 × $6 = $0.03 → $0.048
    // output 1,000 × $15 = $0.015 ; total $0.063
    assert.equal(j.model, 'claude-sonnet-4-5');
    assert.deepEqual([j.input, j.output, j.total], [0.048, 0.015, 0.063]);
  });

  it('prices a Bedrock geographic profile (us.) at its 10% premium', () => {
    const r = runCli(
      'price', '--model', 'bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0',
      '--input', '20000', '--cached-input', '10000', '--cache-write', '5000', '--cache-ttl', '1h', '--output', '1000', '--json',
    );
    assert.equal(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    // LiteLLM's us. entry: $3.30 in, $0.33 read, $6.60 1h write, $16.50 out.
    // uncached 5,000 × $3.30 = $0.0165 ; read 10,000 × $0.33 = $0.0033 ; 1h write 5,000 × $6.60 = $0.033 → $0.0528
    // output 1,000 × $16.50 = $0.0165 ; total $0.0693
    assert.equal(j.model, 'us.anthropic.claude-sonnet-4-5-20250929-v1:0');
    assert.deepEqual([j.input, j.output, j.total], [0.0528, 0.0165, 0.0693]);
  });

  it('applies a 5-minute write by default and the batch discount', () => {
    const r = runCli('price', '--model', 'claude-sonnet-4-5', '--input', '20000', '--cache-write', '5000', '--output', '1000', '--batch', '--json');
    assert.equal(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    // (15,000 × $3 + 5,000 × $3.75) / 2 = ($0.045 + $0.01875) / 2 = $0.031875 ; 1,000 × $15 / 2 = $0.0075
    assert.deepEqual([j.input, j.output, j.total], [0.031875, 0.0075, 0.039375]);
    assert.equal(j.batch, true);
  });

  it('prices gemini-2.5-flash with a cache hit', () => {
    const r = runCli('price', '--model', 'gemini/gemini-2.5-flash', '--input', '50000', '--cached-input', '40000', '--output', '1000', '--json');
    assert.equal(r.status, 0, r.stderr);
    // 10,000 × $0.30 + 40,000 × $0.03 = $0.0042 ; 1,000 × $2.50 = $0.0025
    assert.deepEqual(JSON.parse(r.stdout).total, 0.0067);
  });

  it('prints a readable breakdown without --json', () => {
    const r = runCli('price', '--model', 'gpt-4o', '--input', '1240', '--output', '300');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^gpt-4o \(openai\)/);
    assert.match(r.stdout, /total\s+\$0\.0061\n/);
  });

  it('exits 2 on an unknown model with one line naming the nearest ids, and never prints a price', () => {
    const r = runCli('price', '--model', 'gpt-4x', '--input', '10', '--output', '10', '--json');
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    const lines = r.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0]!, /unknown model 'gpt-4x'.*unpriced.*gpt-4o/);
  });

  const usageErrors: [string, string[]][] = [
    ['no --model', ['--input', '1', '--output', '1']],
    ['no --output', ['--model', 'gpt-4o', '--input', '1']],
    ['a non-numeric count', ['--model', 'gpt-4o', '--input', 'lots', '--output', '1']],
    ['a negative count', ['--model', 'gpt-4o', '--input', '-5', '--output', '1']],
    ['cache tokens beyond the input', ['--model', 'gpt-4o', '--input', '10', '--cached-input', '8', '--cache-write', '3', '--output', '1']],
    ['a bad --cache-ttl', ['--model', 'gpt-4o', '--input', '10', '--cache-ttl', '2h', '--output', '1']],
    ['an unknown flag', ['--model', 'gpt-4o', '--input', '10', '--output', '1', '--fast']],
  ];
  for (const [what, args] of usageErrors) {
    it(`exits 2 on ${what}`, () => {
      const r = runCli('price', ...args);
      assert.equal(r.status, 2, r.stdout + r.stderr);
      assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
    });
  }
});
