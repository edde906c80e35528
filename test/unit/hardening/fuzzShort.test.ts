/**
 * The short seeded fuzz run of `npm test` (the full run is `npm run fuzz`, 10,000 inputs), and the
 * replay of every input the fuzzer ever failed on (test/fixtures/fuzz/*.json).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatSummary, runCases, runInput } from '../../fuzz/harness';
import { repoRoot } from '../../fuzz/inputs';
import { caseRng } from '../../fuzz/rng';
import { loadEnv, OracleMismatch, TARGETS, type FuzzEnv } from '../../fuzz/targets';

/** Generous: the suite shares the machine; a quadratic blow-up or a hang still overshoots it. */
const PER_INPUT_MS = 15_000;

describe('hardening: seeded fuzz', function () {
  this.timeout(900_000);
  let env: FuzzEnv;
  before(async () => {
    env = await loadEnv();
  });

  it('the generator is reproducible: the same (seed, index) gives the same numbers', () => {
    const a = caseRng(42, 7);
    const b = caseRng(42, 7);
    const c = caseRng(42, 8);
    const xs = [a.next(), a.next(), a.next()];
    assert.deepEqual(xs, [b.next(), b.next(), b.next()]);
    assert.notDeepEqual(xs, [c.next(), c.next(), c.next()]);
  });

  it('300 generated and mutated inputs: no exception, no hang, same answer twice, oracles agree', () => {
    const s = runCases({ seed: 20261201, count: 300, perInputMs: PER_INPUT_MS, timeBudgetMs: 800_000 }, env);
    assert.equal(s.stoppedByTime, false, 'the run finished within its time budget');
    // Every target was exercised, so a broken generator cannot make the run trivially pass.
    for (const t of TARGETS) assert.ok(s.byTarget[t.name]!.cases > 0, `${t.name} ran`);
    assert.deepEqual(
      s.failures.map((f) => `${f.kind} ${f.target} #${f.index}: ${f.message}`),
      [],
      formatSummary(s),
    );
  });

  it('the harness reports an exception, a wrong answer and a non-deterministic answer', () => {
    const where = { seed: 0, index: 0 };
    let n = 0;
    const base = { name: 'probe', weight: 1, gen: () => null };
    assert.equal(runInput({ ...base, run: () => { throw new TypeError('boom'); } }, null, env, 1000, where).failure?.kind, 'exception');
    assert.equal(runInput({ ...base, run: () => String(n++) }, null, env, 1000, where).failure?.kind, 'nondeterministic');
    assert.equal(runInput({ ...base, run: () => 'x', check: () => { throw new OracleMismatch('no'); } }, null, env, 1000, where).failure?.kind, 'oracle');
    assert.equal(runInput({ ...base, run: () => 'x' }, null, env, 1000, where).failure, null);
  });
});

describe('hardening: fuzz fixtures replay', function () {
  this.timeout(300_000);
  const dir = join(repoRoot(), 'test', 'fixtures', 'fuzz');
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

  it('every saved finding names a known target', () => {
    for (const f of files) assert.ok(TARGETS.some((t) => t.name === (JSON.parse(readFileSync(join(dir, f), 'utf8')) as { target: string }).target), f);
  });

  for (const file of files) {
    const fx = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { open?: string };
    it(`${file} no longer fails`, function () {
      // A finding in another area that is not fixed yet: reported to its owner, replayed by
      // `npm run fuzz`, kept out of the red here so the suite stays usable until the fix lands.
      if (fx.open) this.skip();
      // In a child process: some findings kill the process they run in.
      const r = spawnSync(process.execPath, [join(__dirname, '..', '..', 'fuzz', 'replay.js'), join(dir, file)], { encoding: 'utf8', timeout: 240_000 });
      assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
    });
  }
});
