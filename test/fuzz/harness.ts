/**
 * Runs fuzz cases in-process: each case is rebuilt from (seed, index), run twice, timed and
 * compared. A case that throws, disagrees with its oracle, answers differently the second time or
 * takes longer than the per-input bound is a failure. Hangs that never return are caught one level
 * up, by the worker watchdog in main.ts; the unit test relies on mocha's timeout instead.
 */
import { caseRng } from './rng';
import { OracleMismatch, targetFor, TARGETS, type FuzzEnv, type Target } from './targets';

export type FailureKind = 'exception' | 'oracle' | 'nondeterministic' | 'slow' | 'hang';

export interface Failure {
  kind: FailureKind;
  target: string;
  seed: number;
  index: number;
  message: string;
  stack?: string;
  input: unknown;
  ms?: number;
}

export interface CaseResult {
  target: string;
  ms: number;
  failure: Failure | null;
}

export interface CaseSpec {
  seed: number;
  index: number;
  only?: readonly string[];
}

/** The target and input of one case, exactly as the fuzzer generates it. */
export function buildCase(spec: CaseSpec, env: FuzzEnv): { target: Target<unknown>; input: unknown } {
  const rng = caseRng(spec.seed, spec.index);
  const target = targetFor(rng, spec.only);
  return { target, input: target.gen(rng, env) };
}

/** Runs one input of a target twice; the failure, if any, and the slower run's time. */
export function runInput(target: Target<unknown>, input: unknown, env: FuzzEnv, perInputMs: number, where: { seed: number; index: number }): CaseResult {
  const fail = (kind: FailureKind, message: string, extra: Partial<Failure> = {}): Failure => ({ kind, target: target.name, seed: where.seed, index: where.index, message, input, ...extra });
  let ms = 0;
  const digests: string[] = [];
  for (let run = 0; run < 2; run++) {
    const t0 = cpuMs();
    try {
      digests.push(target.run(input, env));
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      return { target: target.name, ms: cpuMs() - t0, failure: fail(e instanceof OracleMismatch ? 'oracle' : 'exception', err.message, { stack: err.stack }) };
    }
    ms = Math.max(ms, cpuMs() - t0);
  }
  try {
    target.check?.(input, digests[0]!, env);
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    return { target: target.name, ms, failure: fail(e instanceof OracleMismatch ? 'oracle' : 'exception', err.message, { stack: err.stack }) };
  }
  if (digests[0] !== digests[1]) return { target: target.name, ms, failure: fail('nondeterministic', `two runs differ (first difference at character ${firstDiff(digests[0]!, digests[1]!)})`) };
  if (ms > perInputMs) return { target: target.name, ms, failure: fail('slow', `took ${ms.toFixed(0)} ms of CPU, over the ${perInputMs} ms bound`, { ms }) };
  return { target: target.name, ms, failure: null };
}

/**
 * CPU time of this process in milliseconds. The per-input bound is on CPU time, not the wall
 * clock, so a busy machine (other builds and test runs) does not turn into false "slow" reports;
 * the watchdog in main.ts still bounds the wall clock for true hangs.
 */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function firstDiff(a: string, b: string): number {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i;
}

export function runCase(spec: CaseSpec, env: FuzzEnv, perInputMs: number): CaseResult {
  let built: ReturnType<typeof buildCase>;
  try {
    built = buildCase(spec, env);
  } catch (e) {
    // A generator bug is the fuzzer's own, but must not pass silently.
    return { target: 'generator', ms: 0, failure: { kind: 'exception', target: 'generator', seed: spec.seed, index: spec.index, message: `generator: ${(e as Error).message}`, stack: (e as Error).stack, input: null } };
  }
  return runInput(built.target, built.input, env, perInputMs, spec);
}

export interface Summary {
  seed: number;
  cases: number;
  byTarget: Record<string, { cases: number; totalMs: number; maxMs: number; failures: number }>;
  failures: Failure[];
  elapsedMs: number;
  stoppedByTime: boolean;
}

export function emptySummary(seed: number): Summary {
  const byTarget: Summary['byTarget'] = {};
  for (const t of TARGETS) byTarget[t.name] = { cases: 0, totalMs: 0, maxMs: 0, failures: 0 };
  return { seed, cases: 0, byTarget, failures: [], elapsedMs: 0, stoppedByTime: false };
}

export function record(s: Summary, r: CaseResult): void {
  const row = (s.byTarget[r.target] ??= { cases: 0, totalMs: 0, maxMs: 0, failures: 0 });
  s.cases++;
  row.cases++;
  row.totalMs += r.ms;
  row.maxMs = Math.max(row.maxMs, r.ms);
  if (r.failure) {
    row.failures++;
    s.failures.push(r.failure);
  }
}

/** Runs cases [from, from + count) in this thread, stopping early when the time budget is spent. */
export function runCases(opts: { seed: number; from?: number; count: number; perInputMs: number; timeBudgetMs: number; only?: readonly string[] }, env: FuzzEnv): Summary {
  const s = emptySummary(opts.seed);
  const t0 = performance.now();
  const from = opts.from ?? 0;
  for (let i = from; i < from + opts.count; i++) {
    if (performance.now() - t0 > opts.timeBudgetMs) {
      s.stoppedByTime = true;
      break;
    }
    record(s, runCase({ seed: opts.seed, index: i, only: opts.only }, env, opts.perInputMs));
  }
  s.elapsedMs = performance.now() - t0;
  return s;
}

/** One line per target and one per failure, for the terminal. */
export function formatSummary(s: Summary): string {
  const lines = [`fuzz seed ${s.seed}: ${s.cases} inputs in ${(s.elapsedMs / 1000).toFixed(1)} s${s.stoppedByTime ? ' (stopped by the time budget)' : ''}, ${s.failures.length} failure(s)`];
  lines.push('  target        inputs  mean CPU ms  max CPU ms  failures');
  for (const [name, r] of Object.entries(s.byTarget)) {
    if (!r.cases) continue;
    lines.push(`  ${name.padEnd(12)} ${String(r.cases).padStart(7)} ${(r.totalMs / r.cases).toFixed(2).padStart(12)} ${r.maxMs.toFixed(1).padStart(11)} ${String(r.failures).padStart(9)}`);
  }
  for (const f of s.failures.slice(0, 40)) lines.push(`  FAIL ${f.kind} ${f.target} --seed ${f.seed} --only ${f.index}: ${f.message.split('\n')[0]}`);
  if (s.failures.length > 40) lines.push(`  … and ${s.failures.length - 40} more`);
  return lines.join('\n');
}
