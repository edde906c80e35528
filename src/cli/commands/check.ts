import { resolve } from 'node:path';
import type { Severity } from '../../core/model';
import { allFindings, formatDollars } from '../../core/report';
import { parseArgs, stringFlag } from '../args';
import type { CliIO } from '../io';
import { UsageError } from '../io';
import { scanDirectory, toReport } from '../scanWorkspace';
import { folderArg } from './scan';

const RANK: Record<Severity, number> = { hint: 0, info: 1, warning: 2, error: 3 };

function failOn(v: string | undefined): Severity {
  const level = v ?? 'error';
  if (level !== 'error' && level !== 'warning' && level !== 'info') throw new UsageError(`--fail-on must be error, warning or info; got ${level}`);
  return level;
}

function budget(v: string | undefined): number | null {
  if (v === undefined) return null;
  const n = Number(v.replace(/^\$/, ''));
  if (!/^\$?\d+(\.\d+)?$/.test(v) || !Number.isFinite(n)) throw new UsageError(`--budget must be an amount in dollars per month, like 500 or 99.50; got ${v}`);
  return n;
}

/**
 * `promptmeter check DIR [--fail-on error|warning|info] [--budget USD] [--config FILE]`: the CI
 * gate. Exit 1 when a finding at or above the level exists, a budget of promptmeter.yaml is
 * exceeded (PM008, whatever its severity) or the monthly total is over --budget; 0 otherwise;
 * 2 on a usage error or an error in promptmeter.yaml. One line per failure on standard output.
 */
export async function check(args: string[], io: CliIO): Promise<number> {
  const p = parseArgs(args, { values: ['fail-on', 'budget', 'config'], booleans: [] });
  const level = failOn(stringFlag(p, 'fail-on'));
  const limit = budget(stringFlag(p, 'budget'));
  const dir = folderArg(p, io, 'check');
  const config = stringFlag(p, 'config');
  const outcome = await scanDirectory(dir, config ? { configPath: resolve(io.cwd, config) } : {});
  const bad = outcome.configProblems.filter((c) => c.severity === 'error');
  for (const c of outcome.configProblems) io.stderr(`${c.file}:${c.line}:${c.column} ${c.severity}: ${c.message}\n`);
  if (bad.length) {
    io.stderr(`promptmeter check: ${bad.length} ${bad.length === 1 ? 'error' : 'errors'} in the configuration\n`);
    return 2;
  }
  const report = toReport(outcome);
  for (const e of outcome.errors) io.stderr(`${e.file}: ${e.message}\n`);
  const failures = allFindings(report).filter((f) => f.rule === 'PM008' || RANK[f.severity] >= RANK[level]);
  for (const f of failures) io.stdout(`${f.file}:${f.line}:${f.column} ${f.rule} ${f.message.replace(/\r?\n/g, ' ')}\n`);
  const over = limit !== null && report.totals.monthlyCost > limit;
  if (over) io.stdout(`budget: the monthly total ${formatDollars(report.totals.monthlyCost)} is over --budget ${formatDollars(limit)}\n`);
  const count = failures.length + (over ? 1 : 0);
  io.stderr(`promptmeter check: ${report.totals.sites} sites, ${formatDollars(report.totals.monthlyCost)}/month, ${count} ${count === 1 ? 'failure' : 'failures'}\n`);
  return count ? 1 : 0;
}
