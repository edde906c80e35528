/**
 * Detection quality on the fixture corpus: every file is run through the public detection API
 * (contract D for code, contract T for template files) and scored against its hand-written golden
 * file. Fails when site or cap recall or precision drops under 95%.
 */
import * as assert from 'node:assert/strict';
import type { Site } from '../../../src/core/model';
import { initDetection, languageForPath, type Detector } from '../../../src/core/detect';
import { nodeDetectionHost } from '../../../src/cli/wasm';
import { detectTemplate, isTemplatePath } from '../../../src/core/detect/templates';
import { fileReaderFor, GOLDEN_SUFFIX, lineAt, listCorpus, loadCorpus, type CorpusFile } from './corpus';
import { rate, renderReport, score, type ExpectedSite, type FileResult, type PredictedSite } from './score';

const THRESHOLD = 0.95;
const KINDS = new Set(['call', 'template']);
const PROVIDERS = new Set(['openai', 'anthropic', 'gemini', 'vercel-ai', 'langchain', 'litellm', 'bedrock', 'unknown']);

function toPredicted(text: string, s: Site): PredictedSite {
  return {
    line: lineAt(text, s.span.start),
    kind: s.kind,
    provider: s.provider,
    api: s.api,
    model: s.model?.id ?? null,
    cap: s.cap ? { param: s.cap.param, value: s.cap.value } : null,
    cached: s.cache.length > 0,
    linked: s.linkedFiles ?? [],
  };
}

function runFile(detector: Detector, f: CorpusFile): FileResult {
  const base = { file: f.rel, expected: f.expected };
  try {
    if (isTemplatePath(f.rel)) {
      const site = detectTemplate(f.rel, f.text);
      return { ...base, predicted: site ? [toPredicted(f.text, site)] : [] };
    }
    const language = languageForPath(f.rel);
    if (!language) return { ...base, predicted: [], error: 'languageForPath returned null' };
    const sites = detector.detect({ text: f.text, language, path: f.rel, readFile: fileReaderFor(f.abs) });
    return { ...base, predicted: sites.map((s) => toPredicted(f.text, s)) };
  } catch (e) {
    return { ...base, predicted: [], error: `threw: ${e instanceof Error ? e.message : String(e)}` };
  }
}

describe('detection quality on the fixture corpus', function () {
  let corpus: CorpusFile[];
  before(() => {
    corpus = loadCorpus();
  });

  describe('the corpus itself', () => {
    it('has at least 70 files, each with a golden file, and no orphan goldens', () => {
      const { sources, goldens } = listCorpus();
      assert.ok(sources.length >= 70, `only ${sources.length} corpus files`);
      const missing = sources.filter((s) => !goldens.includes(s + GOLDEN_SUFFIX));
      const orphans = goldens.filter((g) => !sources.includes(g.slice(0, -GOLDEN_SUFFIX.length)));
      assert.deepEqual(missing, []);
      assert.deepEqual(orphans, []);
    });

    it('has well-formed goldens whose lines point at real code', () => {
      const problems: string[] = [];
      for (const f of corpus) {
        const lines = f.text.split('\n');
        for (const s of f.expected as (ExpectedSite & Record<string, unknown>)[]) {
          const where = `${f.rel}:${s.line}`;
          if (!KINDS.has(s.kind)) problems.push(`${where} kind ${s.kind}`);
          if (!PROVIDERS.has(s.provider)) problems.push(`${where} provider ${s.provider}`);
          if (typeof s.api !== 'string' || !s.api) problems.push(`${where} api`);
          if (s.model !== null && typeof s.model !== 'string') problems.push(`${where} model`);
          if (typeof s.cached !== 'boolean') problems.push(`${where} cached`);
          if (s.cap !== null && (typeof s.cap.param !== 'string' || (s.cap.value !== null && !Number.isInteger(s.cap.value))))
            problems.push(`${where} cap`);
          if (s.linked !== undefined && (!Array.isArray(s.linked) || s.linked.some((l) => !f.text.includes(l))))
            problems.push(`${where} linked files must be paths written in the file`);
          if (s.kind === 'template' && s.line !== 1) problems.push(`${where} template sites start at line 1`);
          for (const l of [s.line, ...(s.alsoAt ?? [])]) {
            if (!Number.isInteger(l) || l < 1 || l > lines.length || !lines[l - 1]!.trim()) problems.push(`${f.rel}:${l} is not a code line`);
          }
        }
      }
      assert.deepEqual(problems, []);
    });

    it('covers every SDK family in both languages, negatives and every template format', () => {
      const py = (f: CorpusFile) => f.rel.endsWith('.py');
      const js = (f: CorpusFile) => /\.(ts|tsx|js|jsx|mjs|cjs)$/.test(f.rel);
      const families = ['openai', 'anthropic', 'gemini', 'langchain', 'bedrock'];
      for (const fam of families) {
        const withFam = corpus.filter((f) => f.expected.some((s) => s.provider === fam && s.kind === 'call'));
        assert.ok(withFam.some(py) && withFam.some(js), `${fam} needs Python and JS/TS cases`);
      }
      // The AI SDK is JS-only and LiteLLM Python-only.
      assert.ok(corpus.some((f) => js(f) && f.expected.some((s) => s.provider === 'vercel-ai')));
      assert.ok(corpus.some((f) => py(f) && f.expected.some((s) => s.provider === 'litellm')));
      const negatives = corpus.filter((f) => f.expected.length === 0);
      assert.ok(negatives.length >= 10, `only ${negatives.length} negatives`);
      for (const ext of ['.tsx', '.jsx', '.mjs', '.cjs', '.prompty', '.prompt', '.prompt.yml', '.prompt.md']) {
        assert.ok(corpus.some((f) => f.rel.endsWith(ext)), `no ${ext} file`);
      }
      assert.ok(corpus.some((f) => f.rel.includes('/prompts/') && f.expected.some((s) => s.kind === 'template')));
    });
  });

  describe('the detector', function () {
    let results: FileResult[] = [];
    let detector: Detector;

    before(async () => {
      detector = await initDetection(nodeDetectionHost());
      results = corpus.map((f) => runFile(detector, f));
      const { scores, matching } = score(results);
      console.log(renderReport(scores, matching, results.filter((r) => r.error).map((r) => ({ file: r.file, message: r.error! }))));
    });

    it('never throws and recognises every corpus file', () => {
      assert.deepEqual(results.filter((r) => r.error).map((r) => `${r.file}: ${r.error}`), []);
    });

    it('finds the same sites incrementally, after an edit above every site and its undo', () => {
      const differ: string[] = [];
      const key = (text: string, s: Site) => JSON.stringify(toPredicted(text, s));
      for (const f of corpus) {
        if (isTemplatePath(f.rel)) continue;
        const input = { text: f.text, language: languageForPath(f.rel)!, path: f.rel, readFile: fileReaderFor(f.abs) };
        const once = detector.detect(input).map((s) => key(f.text, s));
        const doc = detector.open(input);
        try {
          const shifted = '// promptmeter quality probe\n';
          const probe = f.rel.endsWith('.py') ? shifted.replace('//', '#') : shifted;
          const edited = doc.applyEdit({ start: 0, oldEnd: 0, newText: probe });
          const expectShift = once.map((k) => JSON.parse(k) as PredictedSite).map((p) => p.line + 1);
          const gotShift = edited.map((s) => lineAt(doc.text, s.span.start));
          const undone = doc.applyEdit({ start: 0, oldEnd: probe.length, newText: '' }).map((s) => key(f.text, s));
          if (JSON.stringify(gotShift) !== JSON.stringify(expectShift) || JSON.stringify(undone) !== JSON.stringify(once))
            differ.push(f.rel);
        } finally {
          doc.dispose();
        }
      }
      assert.deepEqual(differ, []);
    });

    it(`finds sites with recall and precision of at least ${THRESHOLD * 100}%`, () => {
      const { scores } = score(results);
      assert.ok(rate(scores.siteRecall) >= THRESHOLD, `site recall ${rate(scores.siteRecall)}`);
      assert.ok(rate(scores.sitePrecision) >= THRESHOLD, `site precision ${rate(scores.sitePrecision)}`);
    });

    it(`finds output caps (parameter and value) with recall and precision of at least ${THRESHOLD * 100}%`, () => {
      const { scores } = score(results);
      assert.ok(rate(scores.capRecall) >= THRESHOLD, `cap recall ${rate(scores.capRecall)}`);
      assert.ok(rate(scores.capPrecision) >= THRESHOLD, `cap precision ${rate(scores.capPrecision)}`);
    });
  });
});
