import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatDollars, renderCsv, renderHtml, renderMarkdown, renderSarif, type ScanReport } from '../../core/report';
import { parseArgs, stringFlag, type ParsedArgs } from '../args';
import type { CliIO } from '../io';
import { UsageError } from '../io';
import { scanDirectory, toReport } from '../scanWorkspace';

const FORMATS = ['json', 'md', 'markdown', 'csv', 'sarif', 'html'] as const;
type Format = (typeof FORMATS)[number];

/** The folder argument, resolved against the working folder; it must exist. */
export function folderArg(p: ParsedArgs, io: CliIO, verb: string): string {
  if (p.positionals.length > 1) throw new UsageError(`takes one folder, got ${p.positionals.length}: usage: promptmeter ${verb} DIR`);
  const dir = resolve(io.cwd, p.positionals[0] ?? '.');
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    // reported below
  }
  if (!isDir) throw new UsageError(`${p.positionals[0] ?? '.'} is not a folder`);
  return dir;
}

/**
 * The scanned folder's path inside its git repository (`packages/api/`), so SARIF locations are
 * relative to the repository root as code scanning expects; empty outside a repository.
 */
export function repositoryPrefix(dir: string): string {
  try {
    return execFileSync('git', ['rev-parse', '--show-prefix'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

export function render(report: ScanReport, format: Format, dir: string): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'md':
    case 'markdown':
      return renderMarkdown(report);
    case 'csv':
      return renderCsv(report);
    case 'sarif':
      return renderSarif(report, { uriPrefix: repositoryPrefix(dir) });
    case 'html':
      return renderHtml(report, { nonce: randomBytes(16).toString('base64') });
  }
}

/** Writes to --out when given, else to standard output. */
export function emit(text: string, p: ParsedArgs, io: CliIO): void {
  const out = stringFlag(p, 'out');
  if (!out) return io.stdout(text);
  try {
    writeFileSync(resolve(io.cwd, out), text);
  } catch (e) {
    throw new UsageError(`cannot write ${out}: ${(e as Error).message}`);
  }
}

/**
 * `promptmeter scan DIR [--format json|md|csv|sarif|html] [--out FILE] [--config FILE]`: every call
 * site and template under DIR with tokens, cost per call and per month, and findings.
 */
export async function scan(args: string[], io: CliIO): Promise<number> {
  const p = parseArgs(args, { values: ['format', 'out', 'config'], booleans: [] });
  const format = (stringFlag(p, 'format') ?? 'json') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of json, md, csv, sarif, html; got ${format}`);
  const dir = folderArg(p, io, 'scan');
  const config = stringFlag(p, 'config');
  const outcome = await scanDirectory(dir, config ? { configPath: resolve(io.cwd, config) } : {});
  const report = toReport(outcome);
  emit(render(report, format, dir), p, io);
  const t = report.totals;
  const skipped = outcome.errors.length ? `, ${outcome.errors.length} not analysed` : '';
  io.stderr(`promptmeter scan: ${t.sites} ${t.sites === 1 ? 'site' : 'sites'}, ${formatDollars(t.monthlyCost)}/month${t.unpricedSites ? ` (+${t.unpricedSites} unpriced)` : ''}${skipped}\n`);
  return 0;
}
