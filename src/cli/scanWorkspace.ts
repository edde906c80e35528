/**
 * The CLI's whole-folder pipeline: walk (respecting .gitignore), read, detect, price and judge,
 * then budgets across files. A file that cannot be analysed is listed under `errors` and the scan
 * goes on.
 *
 * Where the time goes decides the shape: most files of a repository make no LLM call, and the
 * detector's prefilter answers them from the text in microseconds, so the main thread reads and
 * filters every file in one synchronous pass, and only the few that may hold a site are parsed
 * (on worker threads when there are many, see ./scanPool). Tokenizing and pricing the sites
 * found stay on the main thread, in walk order, so the tokenizer ranks load once.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { analyzeSites, requiredEncodings, type AnalysisContext } from '../core/analyze';
import { defaultSettings, featureFor, matchesAny, parseWorkspaceConfig, templateGlobs, emptyWorkspaceConfig, type ConfigProblem, type Settings, type WorkspaceConfig } from '../core/config';
import { languageForPath, parseStoppedMessage, type DetectResult } from '../core/detect';
import { mayContainSite } from '../core/detect/prefilter';
import { detectTemplate, isTemplatePath } from '../core/detect/templates';
import type { Site, SiteEstimate } from '../core/model';
import { defaultPriceTable } from '../core/pricing';
import { buildScanReport, featureWorksheet, type ReportError, type ScanReport, type ScanReportMeta } from '../core/report';
import { attachBudgetFindings } from '../core/rules';
import { LineIndex } from '../core/text/lines';
import { Tokenizers } from '../core/tokens';
import { decodeTextFile, sizeSkipReason } from '../core/util/textFile';
import { UsageError } from './io';
import { VERSION } from './main';
import { nodeRankLoader } from './ranks';
import { DetectionPool, type DetectTask, type PoolOptions } from './scanPool';
import { walkFilesSync, type WalkedFile } from './walk';

const CONFIG_NAMES = ['promptmeter.yaml', 'promptmeter.yml'];

export interface ScanOptions {
  /** `promptmeter.yaml` to use instead of the one at the folder's root. */
  configPath?: string;
  settings?: Settings;
  /** Called after each file, for progress output. */
  onFile?: (done: number, total: number, path: string) => void;
  /**
   * Worker threads to parse on. Default: up to one per core but one, started only when enough code
   * waits to be parsed, the main thread parsing too; 0 for none; N parses on N threads alone.
   */
  workers?: number;
}

export interface ScanOutcome {
  estimates: SiteEstimate[];
  errors: ReportError[];
  /** Problems in `promptmeter.yaml`, with the file's path relative to the folder. */
  configProblems: (ConfigProblem & { file: string })[];
  workspace: WorkspaceConfig;
  settings: Settings;
  pricingAsOf: string;
  /** The line index of each file that has sites, for positions in reports. */
  lines: (file: string) => LineIndex | undefined;
  /** Files parsed, on worker threads and on the main thread; the prefilter answered the others. */
  parsed: { onWorkers: number; here: number };
}

export function loadConfig(root: string, opts: ScanOptions): { ws: WorkspaceConfig; problems: ScanOutcome['configProblems'] } {
  const candidates = opts.configPath ? [resolve(opts.configPath)] : CONFIG_NAMES.map((n) => join(root, n));
  for (const path of candidates) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      if (opts.configPath) throw new UsageError(`cannot read ${opts.configPath}: ${(e as Error).message}`);
      continue;
    }
    const { config, problems } = parseWorkspaceConfig(text);
    const file = relative(root, path).split(sep).join('/');
    return { ws: config, problems: problems.map((p) => ({ ...p, file })) };
  }
  return { ws: emptyWorkspaceConfig, problems: [] };
}

/** What one file gives: why it was not analysed, or its estimates (with its text when it has any, for positions). */
type FileOutcome = { error: string } | { estimates: SiteEstimate[]; text?: string };

const utf8 = new TextDecoder('utf-8');

/** One read buffer for the whole pass, grown to the largest file: the text is a copy, so it can be reused. */
let scratch = Buffer.allocUnsafe(64 * 1024);

/**
 * A file's text, or why it is not analysed (core's rules: size, binary, minified). One open, one
 * fstat and one read: the size comes from the open file, so the walk does not stat every file.
 */
function readSource(abs: string): { text: string } | { skip: string } {
  const fd = openSync(abs, 'r');
  try {
    const size = fstatSync(fd).size;
    const big = sizeSkipReason(size);
    if (big) return { skip: big };
    if (scratch.length < size) scratch = Buffer.allocUnsafe(size);
    let n = 0;
    for (let r = 1; n < size && r > 0; n += r) r = readSync(fd, scratch, n, size - n, null);
    return decodeTextFile(scratch.subarray(0, n), (b) => utf8.decode(b));
  } finally {
    closeSync(fd);
  }
}

export { parseStoppedMessage };

function cannotAnalyse(e: unknown): { error: string } {
  return { error: `cannot analyse: ${e instanceof Error ? e.message : String(e)}` };
}

/** Read, skip or filter one file; a template is detected here, code that may call an LLM is returned as a task. */
function firstPass(f: WalkedFile, globs: readonly string[]): { error: string } | { sites: Site[]; text: string } | DetectTask {
  try {
    const read = readSource(f.abs);
    if ('skip' in read) return { error: read.skip };
    const { text } = read;
    if (isTemplatePath(f.path, globs)) {
      const site = detectTemplate(f.path, text, { templateGlobs: [...globs] });
      return { sites: site ? [site] : [], text };
    }
    const language = languageForPath(f.path);
    // The detector applies the same prefilter; asking first keeps the parser unloaded and unsent.
    if (!language || !mayContainSite(text)) return { sites: [], text };
    return { path: f.path, abs: f.abs, text, language };
  } catch (e) {
    return cannotAnalyse(e);
  }
}

/**
 * A parse is repaid on a worker once this much code waits: starting one (the bundle and the
 * parser) costs about the CPU of parsing 10 to 20 ordinary files, which is this many characters.
 */
const CHARS_PER_WORKER = 256 * 1024;

function poolOptions(root: string, asked: number | undefined): PoolOptions {
  // Asked for threads: parse on them alone (tests compare them with one thread).
  if (asked !== undefined) return { root, maxWorkers: Math.max(0, asked), charsPerWorker: 0, parseHere: asked <= 0 };
  const cores = typeof availableParallelism === 'function' ? availableParallelism() : cpus().length;
  // The main thread parses too once it has read everything, so one core is already busy.
  return { root, maxWorkers: Math.max(0, cores - 1), charsPerWorker: CHARS_PER_WORKER };
}

type Estimate = (path: string, text: string, sites: Site[]) => Promise<FileOutcome>;

/** Tokenizes, prices and judges one file's sites; the tokenizer ranks load for the first file that needs them. */
function estimator(ctx: AnalysisContext, tokenizers: Tokenizers): Estimate {
  return async (path, text, sites) => {
    if (!sites.length) return { estimates: [] };
    try {
      await Promise.all(requiredEncodings(sites, ctx).map((e) => tokenizers.ensure(e)));
      return { estimates: analyzeSites(path, text, sites, ctx), text };
    } catch (e) {
      return cannotAnalyse(e);
    }
  };
}

/**
 * Reads every file, parses those that may hold a call (on the pool) and estimates each file as
 * soon as its sites are known: between two parses on this thread, so loading the tokenizer ranks
 * overlaps the workers' parsing instead of following it. Outcomes are kept in walk order.
 */
async function analyseFiles(
  root: string,
  files: readonly WalkedFile[],
  globs: readonly string[],
  opts: ScanOptions,
  estimate: Estimate,
): Promise<{ outcomes: FileOutcome[]; parsed: ScanOutcome['parsed'] }> {
  const outcomes: FileOutcome[] = new Array(files.length);
  const pool = new DetectionPool(poolOptions(root, opts.workers));
  const pending: Promise<void>[] = [];
  let done = 0;
  const settle = (i: number, r: FileOutcome) => {
    outcomes[i] = r;
    opts.onFile?.(++done, files.length, files[i]!.path);
  };
  try {
    files.forEach((f, i) => {
      const first = firstPass(f, globs);
      if ('error' in first) return settle(i, first);
      // most files: answered now, so their text is not held until the pass ends
      if ('sites' in first && !first.sites.length) return settle(i, { estimates: [] });
      const found = 'sites' in first ? Promise.resolve({ sites: first.sites, parseStopped: false }) : pool.submitWithStatus(first);
      // A stopped parse left the file unread, not empty: list it, or a broken file looks call-free.
      const outcome = (r: DetectResult) => (r.parseStopped ? { error: parseStoppedMessage(first.text.length) } : estimate(f.path, first.text, r.sites));
      pending.push(found.then(outcome, cannotAnalyse).then((r) => settle(i, r)));
    });
    await pool.drain();
    await Promise.all(pending);
  } finally {
    pool.close();
  }
  return { outcomes, parsed: { ...pool.parsed } };
}

/**
 * Scans a folder: every file git would not ignore whose language or template format is known,
 * minus the report's include/exclude settings. Returns the estimates with budgets across files
 * applied, the files it could not analyse, and the problems of `promptmeter.yaml`. Results are
 * in walk order whichever thread parsed a file, so the outcome does not depend on threads.
 */
export async function scanDirectory(dir: string, opts: ScanOptions = {}): Promise<ScanOutcome> {
  const root = resolve(dir);
  const settings = opts.settings ?? defaultSettings;
  const { ws, problems } = loadConfig(root, opts);
  const globs = templateGlobs(ws, settings);
  const wanted = (p: string) =>
    (languageForPath(p) !== null || isTemplatePath(p, globs)) && matchesAny(p, settings.report.include) && !matchesAny(p, settings.report.exclude);
  const walked = walkFilesSync(root, { accept: wanted, sizes: false });
  const tokenizers = new Tokenizers(nodeRankLoader());
  const ctx: AnalysisContext = { tokenizers, prices: defaultPriceTable(ws.models), settings, workspace: ws };
  const { outcomes, parsed } = await analyseFiles(root, walked.files, globs, opts, estimator(ctx, tokenizers));
  const errors: ReportError[] = [...walked.errors];
  const estimates: SiteEstimate[] = [];
  const indexes = new Map<string, LineIndex>();
  outcomes.forEach((r, i) => {
    const path = walked.files[i]!.path;
    if ('error' in r) errors.push({ file: path, message: r.error });
    else if (r.text !== undefined) {
      estimates.push(...r.estimates);
      indexes.set(path, new LineIndex(r.text));
    }
  });
  attachBudgetFindings(estimates, ws, settings);
  return { estimates, errors, configProblems: problems, workspace: ws, settings, pricingAsOf: ctx.prices.asOf, lines: (file) => indexes.get(file), parsed };
}

/** A scan as the CLI's JSON contract; config problems are listed under errors. */
export function toReport(s: ScanOutcome): ScanReport {
  const configErrors = s.configProblems.map((p) => ({ file: p.file, message: `${p.line}:${p.column} ${p.severity}: ${p.message}` }));
  return buildScanReport(s.estimates, {
    toolVersion: VERSION,
    pricingAsOf: s.pricingAsOf,
    errors: [...s.errors, ...configErrors],
    lines: s.lines,
    featureOf: (e) => featureFor({ file: e.file, siteId: e.id }, s.workspace)?.name ?? null,
    features: featureWorksheet(s.estimates, s.workspace),
    premium: premiumModels(s),
  });
}

/** The report's premium models: input priced at or above the setting, on the scan's price table. */
function premiumModels(s: ScanOutcome): ScanReportMeta['premium'] {
  const prices = defaultPriceTable(s.workspace.models);
  return { inputPerMTok: (id) => prices.lookup(id)?.inputPerMTok ?? null, thresholdPerMTok: s.settings.report.premiumThresholdPerMTok };
}
