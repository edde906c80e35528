import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { get_encoding } from 'tiktoken';

const ROOT = resolve(__dirname, '../../../..');
const CLI = join(ROOT, 'dist/cli.js');

/** Runs the built CLI (npm test builds first) as a child process, optionally feeding stdin. */
function run(args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, 'tokens', ...args], { cwd: ROOT, encoding: 'utf8', input });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('promptmeter tokens', function () {
  this.timeout(60_000);
  const dir = mkdtempSync(join(tmpdir(), 'pm-tokens-'));
  const prompt = 'You are a helpful assistant.\n<|endoftext|> is plain text here.\n\n日本語も数えます 🙂 — 12345 tokens?\n';
  const file = join(dir, 'prompt.txt');
  writeFileSync(file, prompt);
  const o200k = get_encoding('o200k_base').encode_ordinary(prompt).length;
  const cl100k = get_encoding('cl100k_base').encode_ordinary(prompt).length;

  it('counts a file exactly for an OpenAI model (JSON contract)', () => {
    const r = run([file, '--model', 'gpt-4o', '--json']);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { model: 'gpt-4o', encoding: 'o200k_base', exact: true, tokens: o200k });
  });

  it('reads standard input for -, and picks cl100k_base for gpt-4', () => {
    const r = run(['-', '--json', '--model', 'gpt-4'], prompt);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { model: 'gpt-4', encoding: 'cl100k_base', exact: true, tokens: cl100k });
  });

  it('labels a Claude count as an approximation with its factor', () => {
    const r = run([file, '--model', 'claude-opus-4-7', '--json']);
    assert.equal(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.exact, false);
    assert.equal(j.encoding, 'o200k_base');
    assert.equal(j.approximation.profile, 'claude-v47');
    assert.equal(j.tokens, Math.ceil(o200k * j.approximation.factor));
  });

  it('prints one human line without --json', () => {
    const r = run([file, '--model', 'gpt-4o']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, `${o200k} tokens (o200k_base, exact) for gpt-4o\n`);
    const approx = run([file, '--model', 'gemini-2.5-flash']);
    assert.match(approx.stdout, /^≈\d+ tokens \(o200k_base × 1\.08, approximation 'gemini'\) for gemini-2\.5-flash\n$/);
  });

  for (const [name, args, message] of [
    ['a missing --model', [file], /--model is required/],
    ['an unreadable file', [join(dir, 'missing.txt'), '--model', 'gpt-4o'], /cannot read .*missing\.txt: ENOENT/],
    ['no file', ['--model', 'gpt-4o'], /exactly one FILE/],
    ['an unknown option', [file, '--model', 'gpt-4o', '--fast'], /unknown option --fast/],
  ] as const) {
    it(`exits 2 with one line on stderr for ${name}`, () => {
      const r = run([...args]);
      assert.equal(r.status, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trimEnd().split('\n').length, 1);
    });
  }
});
