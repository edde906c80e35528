/**
 * `npm run fuzz [-- --seed N --count N --time SECONDS --per-input-ms N --hang-ms N --workers N --cli N --targets a,b --only I --save]`
 *
 * Runs the in-process targets in child processes watched by this one: a child announces each
 * case before running it, so a case that never returns (an infinite loop in sync code cannot be
 * interrupted from inside) is killed after the hang bound, reported with its index, and the run
 * goes on in a fresh child. Children are processes rather than worker threads so each one's CPU
 * time (the per-input bound) is its own. Then a few CLI scans run in child processes. Exit status 1 on any
 * failure; `--save` writes each failing input to test/fixtures/fuzz/ for the replay test.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fork } from 'node:child_process';
import { runCliCase } from './cliScan';
import { buildCase, emptySummary, formatSummary, record, runCase, type CaseResult, type Failure, type Summary } from './harness';
import { loadCorpus, repoRoot } from './inputs';
import { loadEnv, type FuzzEnv } from './targets';

interface Options {
  seed: number;
  count: number;
  timeMs: number;
  perInputMs: number;
  hangMs: number;
  cli: number;
  workers: number;
  targets?: string[];
  only?: number;
  save: boolean;
}

export function parseOptions(argv: readonly string[]): Options {
  const o: Options = { seed: 1, count: 10_000, timeMs: 30 * 60_000, perInputMs: 5_000, hangMs: 120_000, cli: 3, workers: 2, save: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const num = (): number => {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v) || v < 0) throw new Error(`${a} needs a non-negative number`);
      return v;
    };
    if (a === '--seed') o.seed = num();
    else if (a === '--count') o.count = num();
    else if (a === '--time') o.timeMs = num() * 1000;
    else if (a === '--per-input-ms') o.perInputMs = num();
    else if (a === '--hang-ms') o.hangMs = num();
    else if (a === '--cli') o.cli = num();
    else if (a === '--workers') o.workers = Math.max(1, Math.floor(num()));
    else if (a === '--only') o.only = num();
    else if (a === '--targets') o.targets = (argv[++i] ?? '').split(',').filter(Boolean);
    else if (a === '--save') o.save = true;
    else throw new Error(`unknown option ${a}`);
  }
  return o;
}

type ToMain = { type: 'start'; index: number } | { type: 'done'; index: number; result: CaseResult } | { type: 'end' };
interface WorkerJob {
  seed: number;
  from: number;
  to: number;
  deadline: number;
  perInputMs: number;
  targets?: string[];
}

async function workerLoop(job: WorkerJob): Promise<void> {
  const env = await loadEnv();
  const post = (m: ToMain) => process.send!(m);
  for (let i = job.from; i < job.to && Date.now() < job.deadline; i++) {
    post({ type: 'start', index: i });
    post({ type: 'done', index: i, result: runCase({ seed: job.seed, index: i, only: job.targets }, env, job.perInputMs) });
  }
  post({ type: 'end' });
  process.disconnect();
}

/** Runs cases [from, to) in one worker; resolves with the index to resume from (to when finished). */
function runWorker(job: WorkerJob, hangMs: number, s: Summary, onHang: (index: number) => void, onCrash: (index: number, why: string) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const w = fork(__filename, [], { env: { ...process.env, PM_FUZZ_JOB: JSON.stringify(job) }, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let timer: NodeJS.Timeout | undefined;
    let current = job.from;
    let settled = false;
    let hung = false;
    let ended = false;
    let running = false;
    const settle = (next: number) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(next);
    };
    w.on('message', (m: ToMain) => {
      if (m.type === 'start') {
        current = m.index;
        running = true;
        clearTimeout(timer);
        timer = setTimeout(() => {
          hung = true;
          onHang(current);
          w.kill('SIGKILL');
        }, hangMs);
      } else if (m.type === 'done') {
        running = false;
        clearTimeout(timer);
        record(s, m.result);
        if (s.cases % 1000 === 0) process.stderr.write(`  … ${s.cases} inputs, ${s.failures.length} failure(s)\n`);
      } else {
        ended = true;
        settle(job.to);
      }
    });
    w.on('error', (e) => (settled ? undefined : reject(e)));
    w.on('exit', (code, signal) => {
      if (hung || ended) return settle(hung ? current + 1 : job.to);
      // The process died under a case (a V8 fatal error, out of memory): that case crashed it.
      if (running) onCrash(current, `the process died (exit ${code ?? signal})`);
      settle(running ? current + 1 : job.to);
    });
  });
}

function saveFixture(f: Failure): string {
  const dir = join(repoRoot(), 'test', 'fixtures', 'fuzz');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${f.target}-s${f.seed}-i${f.index}.json`);
  writeFileSync(file, `${JSON.stringify({ target: f.target, seed: f.seed, index: f.index, kind: f.kind, message: f.message, input: f.input }, null, 1)}\n`);
  return file;
}

async function main(): Promise<number> {
  const o = parseOptions(process.argv.slice(2));
  const s = emptySummary(o.seed);
  const t0 = performance.now();
  const light = { corpus: loadCorpus() } as FuzzEnv; // the generators only read the corpus
  const from = o.only ?? 0;
  const to = o.only !== undefined ? o.only + 1 : o.count;
  const deadline = Date.now() + o.timeMs;
  process.stderr.write(`fuzz: seed ${o.seed}, inputs ${from}..${to - 1}, per-input bound ${o.perInputMs} ms of CPU, hang bound ${o.hangMs} ms of wall clock\n`);
  const onHang = (index: number) => {
    const { target, input } = buildCase({ seed: o.seed, index, only: o.targets }, light);
    record(s, { target: target.name, ms: o.hangMs, failure: { kind: 'hang', target: target.name, seed: o.seed, index, message: `no answer within ${o.hangMs} ms`, input } });
  };
  const onCrash = (index: number, why: string) => {
    const { target, input } = buildCase({ seed: o.seed, index, only: o.targets }, light);
    record(s, { target: target.name, ms: 0, failure: { kind: 'exception', target: target.name, seed: o.seed, index, message: why, input } });
  };
  // Contiguous slices, one worker thread each; every case depends only on (seed, index), so the
  // split changes the order of the report, never its content.
  const slice = Math.ceil((to - from) / o.workers);
  const lanes = Array.from({ length: o.workers }, async (_, w) => {
    const end = Math.min(to, from + (w + 1) * slice);
    for (let next = from + w * slice; next < end && Date.now() < deadline; ) {
      next = await runWorker({ seed: o.seed, from: next, to: end, deadline, perInputMs: o.perInputMs, targets: o.targets }, o.hangMs, s, onHang, onCrash);
    }
  });
  await Promise.all(lanes);
  s.failures.sort((a, b) => a.index - b.index);
  s.stoppedByTime = Date.now() >= deadline && s.cases < to - from;
  if (o.only === undefined && (!o.targets || o.targets.includes('cli'))) {
    for (let i = 0; i < o.cli; i++) {
      const c0 = performance.now();
      const f = runCliCase(o.seed, i, light.corpus);
      record(s, { target: 'cli', ms: performance.now() - c0, failure: f });
    }
  }
  s.elapsedMs = performance.now() - t0;
  process.stdout.write(`${formatSummary(s)}\n`);
  if (o.save) for (const f of s.failures) process.stdout.write(`  saved ${saveFixture(f)}\n`);
  for (const f of s.failures.slice(0, 5)) if (f.stack) process.stdout.write(`\n${f.target} #${f.index}: ${f.stack}\n`);
  return s.failures.length ? 1 : 0;
}

if (process.env.PM_FUZZ_JOB) {
  void workerLoop(JSON.parse(process.env.PM_FUZZ_JOB) as WorkerJob);
} else if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`fuzz: ${(e as Error).stack ?? e}\n`);
      process.exit(2);
    },
  );
}
