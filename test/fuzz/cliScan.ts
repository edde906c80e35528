/**
 * The CLI target: a temporary folder of generated files (mutated corpus code, templates, a hostile
 * promptmeter.yaml, a binary file, deep folders) scanned by `dist/cli.js scan` in a child process,
 * twice. It must exit 0 with a JSON report on stdout, no stack trace, and the same report both times.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Failure } from './harness';
import { configText, mutatedCode, repoRoot, synthetic, templateText, TEMPLATE_PATHS, type CorpusFile } from './inputs';
import { caseRng } from './rng';

/** Files of one CLI case: relative path → contents (strings are written as UTF-8, arrays as bytes). */
export function cliFiles(seed: number, index: number, corpus: readonly CorpusFile[]): Record<string, string | number[]> {
  const rng = caseRng(seed ^ 0x5eed, index);
  const files: Record<string, string | number[]> = {};
  for (let n = rng.range(3, 12); n > 0; n--) {
    const f = mutatedCode(rng, corpus, (c) => /\.(py|[cm]?[jt]sx?)$/.test(c.path));
    files[`src/${n}/${f.path.split('/').pop()}`] = f.text;
  }
  for (let n = rng.range(0, 4); n > 0; n--) files[`t${n}/${rng.pick(TEMPLATE_PATHS)}`] = templateText(rng, corpus);
  files['src/synthetic.ts'] = synthetic(rng);
  files['bin/blob.py'] = Array.from({ length: 300 }, () => rng.int(256));
  if (rng.chance(0.7)) files['promptmeter.yaml'] = configText(rng, corpus);
  if (rng.chance(0.3)) files['.gitignore'] = rng.pick(['src/1/\n', '*.py\n', '!*.ts\n*\n', '[\n']);
  return files;
}

function runScan(dir: string): { status: number | null; stdout: string; stderr: string; error?: Error } {
  const r = spawnSync(process.execPath, [join(repoRoot(), 'dist', 'cli.js'), 'scan', dir, '--format', 'json'], { encoding: 'utf8', timeout: 120_000, maxBuffer: 256 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, error: r.error };
}

/** Runs one CLI case; null when it passed. */
export function runCliCase(seed: number, index: number, corpus: readonly CorpusFile[]): Failure | null {
  const files = cliFiles(seed, index, corpus);
  const dir = mkdtempSync(join(tmpdir(), 'pm-fuzz-'));
  const fail = (kind: Failure['kind'], message: string): Failure => ({ kind, target: 'cli', seed, index, message, input: { files } });
  try {
    for (const [rel, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, rel)), { recursive: true });
      writeFileSync(join(dir, rel), typeof content === 'string' ? content : Buffer.from(content));
    }
    const a = runScan(dir);
    if (a.error) return fail('hang', `scan did not finish: ${a.error.message}`);
    if (a.status !== 0) return fail('exception', `scan exited ${a.status}: ${a.stderr.slice(0, 2000)}`);
    if (/\n\s+at /.test(a.stderr)) return fail('exception', `stack trace on stderr: ${a.stderr.slice(0, 2000)}`);
    try {
      JSON.parse(a.stdout);
    } catch (e) {
      return fail('exception', `stdout is not JSON: ${(e as Error).message}`);
    }
    const b = runScan(dir);
    if (b.stdout !== a.stdout) return fail('nondeterministic', 'two scans of the same folder differ');
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
