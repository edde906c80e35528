import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { diffReports, renderDiffMarkdown } from '../../core/report';
import { parseArgs, stringFlag } from '../args';
import type { CliIO } from '../io';
import { UsageError } from '../io';
import { scanDirectory, toReport, type ScanOptions } from '../scanWorkspace';
import { emit, folderArg } from './scan';

function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 }).trim();
}

/**
 * Extracts the folder as it was at `ref` into a temporary folder, through `git archive`, so the
 * working tree and the index are never touched. Returns the folder matching `dir` inside it.
 */
export function checkoutAt(dir: string, ref: string, into: string): string {
  let prefix: string;
  try {
    prefix = git(dir, ['rev-parse', '--show-prefix']);
  } catch {
    throw new UsageError(`${dir} is not inside a git repository`);
  }
  try {
    git(dir, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  } catch {
    throw new UsageError(`unknown git revision '${ref}'`);
  }
  const tar = join(into, 'base.tar');
  const top = git(dir, ['rev-parse', '--show-toplevel']);
  const tree = join(into, 'tree');
  const folder = prefix ? join(tree, prefix) : tree;
  mkdirSync(folder, { recursive: true });
  try {
    execFileSync('git', ['archive', '--format=tar', '-o', tar, ref, ...(prefix ? ['--', prefix] : [])], { cwd: top, stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    if (prefix && !git(top, ['ls-tree', '--name-only', ref, '--', prefix.replace(/\/$/, '')])) return folder; // the folder is new since REF
    throw e;
  }
  execFileSync('tar', ['-xf', tar, '-C', tree], { stdio: ['ignore', 'ignore', 'pipe'] });
  return folder;
}

/**
 * `promptmeter diff DIR --base REF [--format md|json] [--out FILE] [--config FILE]`: the cost
 * change between the tree at REF and the working tree, site by site, for a pull-request comment.
 */
export async function diff(args: string[], io: CliIO): Promise<number> {
  const p = parseArgs(args, { values: ['base', 'format', 'out', 'config'], booleans: [] });
  const ref = stringFlag(p, 'base');
  if (!ref) throw new UsageError('--base REF is required (a branch, tag or commit to compare with)');
  if (ref.startsWith('-')) throw new UsageError(`--base must be a git revision, got ${ref}`);
  const format = stringFlag(p, 'format') ?? 'md';
  if (format !== 'md' && format !== 'markdown' && format !== 'json') throw new UsageError(`--format must be md or json; got ${format}`);
  const dir = folderArg(p, io, 'diff');
  const config = stringFlag(p, 'config');
  const opts: ScanOptions = config ? { configPath: resolve(io.cwd, config) } : {};
  const tmp = mkdtempSync(join(tmpdir(), 'promptmeter-diff-'));
  try {
    const baseDir = checkoutAt(dir, ref, tmp);
    const base = toReport(await scanDirectory(baseDir, opts));
    const head = toReport(await scanDirectory(dir, opts));
    const d = diffReports(base, head, ref);
    emit(format === 'json' ? `${JSON.stringify(d, null, 2)}\n` : renderDiffMarkdown(d), p, io);
    return 0;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
