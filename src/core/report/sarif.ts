import type { RuleId, Severity } from '../model';
import { allFindings } from './build';
import { RULE_META, type RuleMeta } from './ruleMeta';
import type { ReportFinding, ScanReport } from './types';

export interface SarifOptions {
  /** Absolute base the rules' `docs` paths are resolved against for `helpUri`. */
  docsBaseUri?: string;
  /** Rule descriptions (defaults to the built-in ones). */
  rules?: Readonly<Record<RuleId, RuleMeta>>;
  /** Prefixed to every file path: the scanned folder relative to the repository root. */
  uriPrefix?: string;
}

/** Where the rule pages are published; `helpUri` must be absolute in SARIF. */
export const DEFAULT_DOCS_BASE_URI = 'https://example.invalid/promptmeter/blob/main/';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

const RULE_IDS: RuleId[] = ['PM001', 'PM002', 'PM003', 'PM004', 'PM005', 'PM006', 'PM007', 'PM008'];

/** A repository path as a relative URI reference: each segment percent-encoded (spaces, `#`, `:`). */
export function pathToUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function joinPath(prefix: string | undefined, file: string): string {
  const p = (prefix ?? '').replace(/\\/g, '/').replace(/^\.?\/+|\/+$/g, '');
  return p && p !== '.' ? `${p}/${file}` : file;
}

function resolve(base: string, path: string): string {
  return `${base.replace(/\/*$/, '/')}${path.replace(/^\/+/, '')}`;
}

function rule(id: RuleId, m: RuleMeta, base: string) {
  const page = resolve(base, m.docs);
  return {
    id,
    name: m.name,
    shortDescription: { text: m.summary },
    fullDescription: { text: `${m.summary} ${m.help.replace(/`/g, '')}` },
    help: { text: m.help.replace(/`/g, ''), markdown: `${m.help}\n\n[${id} ${m.name}](${page})` },
    helpUri: page,
    defaultConfiguration: { level: LEVEL[m.defaultSeverity] },
    properties: { tags: ['cost', 'llm'] },
  };
}

function region(f: ReportFinding) {
  // A zero-width region is legal, but code scanning highlights nothing; widen it to one column.
  const empty = f.endLine === f.line && f.endColumn <= f.column;
  return { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: empty ? f.column + 1 : f.endColumn };
}

function location(prefix: string | undefined, file: string) {
  return { artifactLocation: { uri: pathToUri(joinPath(prefix, file)), uriBaseId: '%SRCROOT%' } };
}

function siteIds(r: ScanReport): Map<ReportFinding, string> {
  const ids = new Map<ReportFinding, string>();
  for (const s of r.sites) for (const f of s.findings) ids.set(f, s.id);
  return ids;
}

/**
 * The report as a SARIF 2.1.0 log for GitHub code scanning: one run, the eight rules with help
 * text and a help page, one result per finding with its physical location, and files that could
 * not be analysed as tool notifications. `partialFingerprints` carry the site's stable id so an
 * alert follows its call site when lines move.
 */
export function renderSarif(r: ScanReport, opts: SarifOptions = {}): string {
  const meta = opts.rules ?? RULE_META;
  const base = opts.docsBaseUri ?? DEFAULT_DOCS_BASE_URI;
  const ids = siteIds(r);
  const results = allFindings(r).map((f) => {
    const site = ids.get(f);
    return {
      ruleId: f.rule,
      ruleIndex: RULE_IDS.indexOf(f.rule),
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [{ physicalLocation: { ...location(opts.uriPrefix, f.file), region: region(f) } }],
      partialFingerprints: { 'promptmeterFinding/v1': `${site ?? `${f.file}:${f.line}`}:${f.rule}` },
    };
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: r.tool.name,
            version: r.tool.version,
            informationUri: resolve(base, 'README.md'),
            rules: RULE_IDS.map((id) => rule(id, meta[id], base)),
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: r.errors.map((e) => ({
              level: 'warning',
              message: { text: e.message },
              locations: [{ physicalLocation: location(opts.uriPrefix, e.file) }],
            })),
          },
        ],
        columnKind: 'utf16CodeUnits',
        results,
        properties: { pricingAsOf: r.pricing.asOf, monthlyCostUsd: r.totals.monthlyCost },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
