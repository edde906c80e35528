/**
 * The CLI's whole-folder pipeline: walk (respecting .gitignore), read, detect, price and judge,
 * then budgets across files. A file that cannot be analysed is listed under `errors` and the scan
 * goes on.
 */
import { readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { analyzeSites, requiredEncodings, type AnalysisContext } from '../core/analyze';
import { defaultSettings, featureFor, matchesAny, parseWorkspaceConfig, templateGlobs, emptyWorkspaceConfig, type ConfigProblem, type Settings, type WorkspaceConfig } from '../core/config';
import { initDetection, languageForPath, type Detector } from '../core/detect';
import { detectTemplate, isTemplatePath } from '../core/detect/templates';
import type { Site, SiteEstimate } from '../core/model';
import { defaultPriceTable } from '../core/pricing';
import { buildScanReport, type ReportError, type ScanReport } from '../core/report';
import { attachBudgetFindings } from '../core/rules';
import { LineIndex } from '../core/text/lines';
import { Tokenizers } from '../core/tokens';
import { MAX_TEXT_FILE_BYTES, sizeSkipReason, textSkipReason } from '../core/util/textFile';
import { UsageError } from './io';
import { VERSION } from './main';
import { nodeRankLoader } from './ranks';
import { nodeDetectionHost } from './wasm';
import { walkFiles } from './walk';

const CONFIG_NAMES = ['promptmeter.yaml', 'promptmeter.yml'];

export interface ScanOptions {
  /** `promptmeter.yaml` to use instead of the one at the folder's root. */
  configPath?: string;
  settings?: Settings;
  /** Called after each file, for progress output. */
  onFile?: (done: number, total: number, path: string) => void;
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

function loadConfig(root: string, opts: ScanOptions): { ws: WorkspaceConfig; problems: ScanOutcome['configProblems'] } {
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

function sitesOf(path: string, abs: string, root: string, text: string, detector: () => Promise<Detector>, globs: readonly string[]): Promise<Site[]> {
  if (isTemplatePath(path, globs)) {
    const s = detectTemplate(path, text, { templateGlobs: [...globs] });
    return Promise.resolve(s ? [s] : []);
  }
  const language = languageForPath(path);
  if (!language) return Promise.resolve([]);
  return detector().then((d) => d.detect({ text, language, path, readFile: linkedReader(root, abs) }));
}

/**
 * Scans a folder: every file git would not ignore whose language or template format is known,
 * minus the report's include/exclude settings. Returns the estimates with budgets across files
 * applied, the files it could not analyse, and the problems of `promptmeter.yaml`.
 */
export async function scanDirectory(dir: string, opts: ScanOptions = {}): Promise<ScanOutcome> {
  const root = resolve(dir);
  const settings = opts.settings ?? defaultSettings;
  const { ws, problems } = loadConfig(root, opts);
  const globs = templateGlobs(ws, settings);
  const wanted = (p: string) =>
    (languageForPath(p) !== null || isTemplatePath(p, globs)) && matchesAny(p, settings.report.include) && !matchesAny(p, settings.report.exclude);
  const walked = await walkFiles(root, { accept: wanted });
  const errors: ReportError[] = [...walked.errors];
  const prices = defaultPriceTable(ws.models);
  const tokenizers = new Tokenizers(nodeRankLoader());
  const ctx: AnalysisContext = { tokenizers, prices, settings, workspace: ws };
  let detector: Promise<Detector> | undefined;
  const getDetector = () => (detector ??= initDetection(nodeDetectionHost()));
  const estimates: SiteEstimate[] = [];
  const indexes = new Map<string, LineIndex>();
  let done = 0;
  for (const f of walked.files) {
    try {
      const big = sizeSkipReason(f.size);
      if (big) {
        errors.push({ file: f.path, message: big });
        continue;
      }
      const bytes = await readFile(f.abs);
      const binary = textSkipReason(bytes, null);
      if (binary) {
        errors.push({ file: f.path, message: binary });
        continue;
      }
      const text = new TextDecoder('utf-8').decode(bytes);
      const skip = textSkipReason(bytes, text);
      if (skip) {
        errors.push({ file: f.path, message: skip });
        continue;
      }
      const sites = await sitesOf(f.path, f.abs, root, text, getDetector, globs);
      if (sites.length) {
        await Promise.all(requiredEncodings(sites, ctx).map((e) => tokenizers.ensure(e)));
        estimates.push(...analyzeSites(f.path, text, sites, ctx));
        indexes.set(f.path, new LineIndex(text));
      }
    } catch (e) {
      errors.push({ file: f.path, message: `cannot analyse: ${e instanceof Error ? e.message : String(e)}` });
    }
    opts.onFile?.(++done, walked.files.length, f.path);
  }
  attachBudgetFindings(estimates, ws, settings);
  return { estimates, errors, configProblems: problems, workspace: ws, settings, pricingAsOf: prices.asOf, lines: (file) => indexes.get(file) };
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
  });
}
