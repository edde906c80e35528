/**
 * `node out/test/fuzz/replay.js FIXTURE.json [--per-input-ms N]`: runs one saved fuzz finding in
 * this process and exits 0 when it now passes, 1 when it still fails. A separate process, because
 * some findings kill theirs (a V8 fatal error cannot be caught).
 */
import { readFileSync } from 'node:fs';
import { runInput } from './harness';
import { loadEnv, TARGETS } from './targets';

async function main(): Promise<number> {
  const [file, flag, value] = process.argv.slice(2);
  const perInputMs = flag === '--per-input-ms' ? Number(value) : 15_000;
  const fx = JSON.parse(readFileSync(file!, 'utf8')) as { target: string; seed: number; index: number; input: unknown };
  const target = TARGETS.find((t) => t.name === fx.target);
  if (!target) throw new Error(`no target ${fx.target}`);
  const r = runInput(target, fx.input, await loadEnv(), perInputMs, fx);
  if (r.failure) process.stdout.write(`${r.failure.kind}: ${r.failure.message}\n${r.failure.stack ?? ''}\n`);
  return r.failure ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stdout.write(`${(e as Error).stack ?? e}\n`);
    process.exit(1);
  },
);
