/**
 * Every quick fix the rules offer on the fixture corpus (about a hundred realistic files across
 * the SDKs), applied and re-analysed: the file must still parse to the same sites, and the
 * problem the fix addresses must be gone at that site. The same for the "ignore this rule here"
 * fix. This is where edits meet code written by other hands than the tests'.
 */
import * as assert from 'node:assert/strict';
import { nodeRankLoader } from '../../../src/cli/ranks';
import { nodeDetectionHost } from '../../../src/cli/wasm';
import { analyzeSites, requiredEncodings, type AnalysisContext } from '../../../src/core/analyze';
import { defaultSettings, emptyWorkspaceConfig } from '../../../src/core/config';
import { initDetection, languageForPath, type Detector } from '../../../src/core/detect';
import { detectTemplate, isTemplatePath } from '../../../src/core/detect/templates';
import type { Finding, RuleId, Site, SiteEstimate } from '../../../src/core/model';
import { defaultPriceTable } from '../../../src/core/pricing';
import { applyEdits, suppressionFix } from '../../../src/core/rules';
import { Tokenizers } from '../../../src/core/tokens';
import { fileReaderFor, loadCorpus, type CorpusFile } from '../quality/corpus';

const tokenizers = new Tokenizers(nodeRankLoader());
const ctx: AnalysisContext = { tokenizers, prices: defaultPriceTable(), settings: defaultSettings, workspace: emptyWorkspaceConfig, today: '2026-12-01' };

function sitesOf(detector: Detector, f: CorpusFile, text: string): Site[] {
  if (isTemplatePath(f.rel)) {
    const t = detectTemplate(f.rel, text);
    return t ? [t] : [];
  }
  const language = languageForPath(f.rel);
  return language ? detector.detect({ text, language, path: f.rel, readFile: fileReaderFor(f.abs) }) : [];
}

async function analyze(detector: Detector, f: CorpusFile, text: string): Promise<SiteEstimate[]> {
  const sites = sitesOf(detector, f, text);
  for (const e of requiredEncodings(sites, ctx)) await tokenizers.ensure(e);
  return analyzeSites(f.rel, text, sites, ctx);
}

/** Whether the problem a rule's fix addresses is gone at the site after the fix. */
function resolved(rule: RuleId, after: SiteEstimate): boolean {
  const still = after.findings.some((x) => x.rule === rule);
  switch (rule) {
    case 'PM001':
      return after.site.cap !== null && !still;
    case 'PM004':
      return after.cache.used && !still;
    case 'PM006':
      return after.resolvedModel !== null && !still;
    default:
      return !still;
  }
}

interface Attempt {
  file: string;
  line: number;
  rule: RuleId;
  title: string;
  problem: string | null;
}

describe('quick fixes on the fixture corpus', function () {
  this.timeout(120_000);
  let detector: Detector;
  let corpus: CorpusFile[];
  before(async () => {
    detector = await initDetection(nodeDetectionHost());
    corpus = loadCorpus();
  });

  async function attempt(f: CorpusFile, before: SiteEstimate[], index: number, finding: Finding, edits: { title: string; edits: Finding['fixes'][number]['edits'] }, suppress: boolean): Promise<Attempt> {
    const line = f.text.slice(0, before[index]!.site.span.start).split('\n').length;
    const base = { file: f.rel, line, rule: finding.rule, title: edits.title };
    const fixed = applyEdits(f.text, edits.edits);
    const after = await analyze(detector, f, fixed);
    if (after.length !== before.length) return { ...base, problem: `${before.length} sites before, ${after.length} after:\n${fixed}` };
    const same = after[index]!;
    if (same.id !== before[index]!.id) return { ...base, problem: 'the site id changed' };
    const ok = suppress ? !same.findings.some((x) => x.rule === finding.rule) : resolved(finding.rule, same);
    return { ...base, problem: ok ? null : `not resolved; after: ${same.findings.map((x) => `${x.rule} ${x.message}`).join(' | ')}\n${fixed}` };
  }

  it('every offered fix keeps the file parsing to the same sites and resolves its finding', async () => {
    const attempts: Attempt[] = [];
    for (const f of corpus) {
      const before = await analyze(detector, f, f.text);
      for (const [i, est] of before.entries()) {
        for (const finding of est.findings) {
          for (const fix of finding.fixes) attempts.push(await attempt(f, before, i, finding, fix, false));
        }
      }
    }
    const failed = attempts.filter((a) => a.problem);
    const byRule = attempts.reduce<Record<string, number>>((acc, a) => ({ ...acc, [a.rule]: (acc[a.rule] ?? 0) + 1 }), {});
    console.log(`      ${attempts.length} fixes applied (${JSON.stringify(byRule)}), ${failed.length} failed`);
    assert.ok(attempts.length >= 30, `only ${attempts.length} fixes offered on the corpus`);
    assert.deepEqual(failed.map((a) => `${a.file}:${a.line} ${a.rule} "${a.title}": ${a.problem}`), []);
  });

  it('the "ignore this rule here" fix silences each finding without touching the sites', async () => {
    const attempts: Attempt[] = [];
    for (const f of corpus) {
      const before = await analyze(detector, f, f.text);
      for (const [i, est] of before.entries()) {
        for (const finding of est.findings) {
          const fix = suppressionFix(finding.rule, est.site, f.text);
          if (fix) attempts.push(await attempt(f, before, i, finding, fix, true));
        }
      }
    }
    const failed = attempts.filter((a) => a.problem);
    console.log(`      ${attempts.length} suppressions applied, ${failed.length} failed`);
    assert.ok(attempts.length >= 30);
    assert.deepEqual(failed.map((a) => `${a.file}:${a.line} ${a.rule}: ${a.problem}`), []);
  });
});
