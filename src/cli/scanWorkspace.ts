/**
 * The CLI's whole-folder pipeline: walk (respecting .gitignore), read, detect, price and judge,
 * then budgets across files. A file that cannot be analysed is listed under `errors` and the scan
 * goes on.
 */
import { readFileSync, statSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { analyzeSites, requiredEncodings, type AnalysisContext } from '../core/analyze';
import { defaultSettings, featureFor, matchesAny, parseWorkspaceConfig, templateGlobs, emptyWorkspaceConfig, type ConfigProblem, type Settings, type WorkspaceConfig } from '../core/config';
import { initDetection, languageForPath, type Detector } from '../core/detect';
import { detectTemplate, isTemplatePath } from '../core/detect/templates';
import type { Site, SiteEstimate } from '../core/model';
import { defaultPriceTable } from '../core/pricing';
import { buildScanReport, featureWorksheet, type ReportError, type ScanReport } from '../core/report';
import { attachBudgetFindings } from '../core/rules';
import { LineIndex } from '../core/text/lines';
import { Tokenizers } from '../core/tokens';
import { MAX_TEXT_FILE_BYTES, sizeSkipReason, textSkipReason } from '../core/util/textFile';
import { UsageError } from './io';
import { VERSION } from './main';
import { nodeRankLoader } from './ranks';
import { nodeDetectionHost } from './wasm';
import { analyseOnWorkers } from './scanPool';
import { walkFiles, type WalkedFile } from './walk';

const CONFIG_NAMES = ['promptmeter.yaml', 'promptmeter.yml'];

export interface ScanOptions {
  /** `promptmeter.yaml` to use instead of the one at the folder's root. */
  configPath?: string;
  settings?: Settings;
  /** Called after each file, for progress output. */
  onFile?: (done: number, total: number, path: string) => void;
  /** Worker threads to analyse on (default: one per core for large folders; 0 for none). */
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

/** Prompt files read by code (`readFileSync('prompts/x.txt')`), resolved beside the file and kept inside the root. */
function linkedReader(root: string, fileAbs: string): (p: string) => string | undefined {
  return (p) => {
    const abs = resolve(dirname(fileAbs), p);
    if (abs !== root && !abs.startsWith(root + sep)) return undefined;
    try {
      if (statSync(abs).size > MAX_TEXT_FILE_BYTES) return undefined;
      return readFileSync(abs, 'utf8');
    } catch {
      return undefined;
    }
  };
}

/** What analysing one file gives: its estimates, or why it was skipped; its text when it has sites. */
export interface FileResult {
  estimates: SiteEstimate[];
  error?: string;
  text?: string;
}

/**
 * Analyses single files of one workspace: read, skip binary/huge/minified, detect (tree-sitter
 * loaded on the first code file), price and judge. One per thread: the main one or a worker.
 */
export class FileAnalyzer {
  private detector: Promise<Detector> | undefined;
  private readonly tokenizers = new Tokenizers(nodeRankLoader());
  private readonly ctx: AnalysisContext;
  private readonly globs: readonly string[];

  constructor(
    private readonly root: string,
    ws: WorkspaceConfig,
    settings: Settings,
  ) {
    this.ctx = { tokenizers: this.tokenizers, prices: defaultPriceTable(ws.models), settings, workspace: ws };
    this.globs = templateGlobs(ws, settings);
  }

  get pricingAsOf(): string {
    return this.ctx.prices.asOf;
  }

  async analyse(f: WalkedFile): Promise<FileResult> {
    try {
      const big = sizeSkipReason(f.size);
      if (big) return { estimates: [], error: big };
      const bytes = await readFile(f.abs);
      const binary = textSkipReason(bytes, null);
      if (binary) return { estimates: [], error: binary };
      const text = new TextDecoder('utf-8').decode(bytes);
      const skip = textSkipReason(bytes, text);
      if (skip) return { estimates: [], error: skip };
      const sites = await this.sitesOf(f, text);
      if (!sites.length) return { estimates: [] };
      await Promise.all(requiredEncodings(sites, this.ctx).map((e) => this.tokenizers.ensure(e)));
      return { estimates: analyzeSites(f.path, text, sites, this.ctx), text };
    } catch (e) {
      return { estimates: [], error: `cannot analyse: ${e instanceof Error ? e.message : String(e)}` };
    }
  }

  private async sitesOf(f: WalkedFile, text: string): Promise<Site[]> {
    if (isTemplatePath(f.path, this.globs)) {
      const s = detectTemplate(f.path, text, { templateGlobs: [...this.globs] });
      return s ? [s] : [];
    }
    const language = languageForPath(f.path);
    if (!language) return [];
    this.detector ??= initDetection(nodeDetectionHost());
    return (await this.detector).detect({ text, language, path: f.path, readFile: linkedReader(this.root, f.abs) });
  }
}

/** Below this many files the start-up of worker threads costs more than it saves. */
const MIN_FILES_PER_WORKER = 40;

function workerCount(files: number, asked: number | undefined): number {
  const cores = typeof availableParallelism === 'function' ? availableParallelism() : cpus().length;
  const n = asked ?? Math.min(cores, Math.floor(files / MIN_FILES_PER_WORKER));
  return Math.max(0, Math.min(n, files));
}

/**
 * Scans a folder: every file git would not ignore whose language or template format is known,
 * minus the report's include/exclude settings. Returns the estimates with budgets across files
 * applied, the files it could not analyse, and the problems of `promptmeter.yaml`. Large folders
 * are analysed on worker threads, one per core; results are put back in walk order, so the
 * outcome does not depend on which thread finished first.
 */
export async function scanDirectory(dir: string, opts: ScanOptions = {}): Promise<ScanOutcome> {
  const root = resolve(dir);
  const settings = opts.settings ?? defaultSettings;
  const { ws, problems } = loadConfig(root, opts);
  const globs = templateGlobs(ws, settings);
  const wanted = (p: string) =>
    (languageForPath(p) !== null || isTemplatePath(p, globs)) && matchesAny(p, settings.report.include) && !matchesAny(p, settings.report.exclude);
  const walked = await walkFiles(root, { accept: wanted });
  const analyzer = new FileAnalyzer(root, ws, settings);
  const workers = workerCount(walked.files.length, opts.workers);
  let done = 0;
  const progress = (f: WalkedFile) => opts.onFile?.(++done, walked.files.length, f.path);
  const results = workers > 0
    ? await analyseOnWorkers(walked.files, workers, { root, configPath: opts.configPath, settings }, analyzer, progress)
    : await analyseHere(walked.files, analyzer, progress);
  const errors: ReportError[] = [...walked.errors];
  const estimates: SiteEstimate[] = [];
  const indexes = new Map<string, LineIndex>();
  results.forEach((r, i) => {
    const path = walked.files[i]!.path;
    if (r.error) errors.push({ file: path, message: r.error });
    estimates.push(...r.estimates);
    if (r.text !== undefined) indexes.set(path, new LineIndex(r.text));
  });
  attachBudgetFindings(estimates, ws, settings);
  return { estimates, errors, configProblems: problems, workspace: ws, settings, pricingAsOf: analyzer.pricingAsOf, lines: (file) => indexes.get(file) };
}

async function analyseHere(files: readonly WalkedFile[], analyzer: FileAnalyzer, progress: (f: WalkedFile) => void): Promise<FileResult[]> {
  const out: FileResult[] = [];
  for (const f of files) {
    out.push(await analyzer.analyse(f));
    progress(f);
  }
  return out;
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
  });
}
