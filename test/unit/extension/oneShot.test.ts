/**
 * `analyzeOnce`, the report scan's way into the analysis backend, against the real
 * `dist/analysisWorker.js` (run `npm run build` first). The reference for each result is a
 * one-shot analysis by an Engine in this thread, with the linked file handed over directly.
 */
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { defaultSettings, emptyWorkspaceConfig } from '../../../src/core/config';
import type { SiteEstimate } from '../../../src/core/model';
import type { AnalysisBackend } from '../../../src/extension/worker/backend';
import { InThreadBackend } from '../../../src/extension/worker/backend';
import { WorkerBackend } from '../../../src/extension/worker/client';
import { DocumentAnalyzer } from '../../../src/extension/worker/documents';
import { analyzeOnce } from '../../../src/extension/worker/oneShot';
import { WORKER_DIED, type LinkedTexts, type OpenDocument } from '../../../src/extension/worker/protocol';
import { lostQuoteFile } from '../../fuzz/pathological';
import { WORKER_SCRIPT, nodeEngine } from './nodeEngine';

const script = WORKER_SCRIPT;

const PATH = 'src/ask.ts';
const PROMPT = 'You are the billing assistant of Acme. Answer in two sentences, politely.\n'.repeat(20);
const LINKED = [
  "import OpenAI from 'openai';",
  "import { readFileSync } from 'fs';",
  "new OpenAI().chat.completions.create({ model: 'gpt-4o', max_tokens: 50, messages: [{ role: 'system', content: readFileSync('prompts/sys.txt', 'utf8') }] });",
  '',
].join('\n');

/** A call, then a string that lost its opening quote: its parse is stopped. */
const BROKEN = lostQuoteFile(20000);

const doc = (text: string, path = PATH, languageId = 'typescript'): OpenDocument => ({ path, languageId, text, version: 1, settings: defaultSettings, workspace: emptyWorkspaceConfig });

/** Records what crosses the backend boundary; `before` runs ahead of each analyze. */
class Spy implements AnalysisBackend {
  readonly opened: string[] = [];
  readonly closed: string[] = [];
  readonly shipped: LinkedTexts[] = [];
  constructor(
    readonly inner: AnalysisBackend,
    private readonly before: () => void = () => undefined,
  ) {}
  open(key: string, d: OpenDocument): void {
    this.opened.push(key);
    this.inner.open(key, d);
  }
  analyze(key: string, req: Parameters<AnalysisBackend['analyze']>[1]) {
    this.shipped.push(req.files ?? {});
    this.before();
    return this.inner.analyze(key, req);
  }
  close(key: string): void {
    this.closed.push(key);
    this.inner.close(key);
  }
  count(text: string, model: string | null) {
    return this.inner.count(text, model);
  }
  onDidReset(l: () => void): void {
    this.inner.onDidReset(l);
  }
  dispose(): void {
    this.inner.dispose();
  }
}

const summary = (es: SiteEstimate[] | undefined) => (es ?? []).map((e) => ({ id: e.id, anchor: e.site.anchor, input: e.inputTokens, cost: e.costPerCall?.total, rules: e.findings.map((f) => f.rule) }));

describe('analyzeOnce through the analysis worker (report scan)', function () {
  this.timeout(120_000);
  const engine = nodeEngine();
  let worker: WorkerBackend;
  const logs: string[] = [];

  async function reference(text: string, files: Record<string, string>): Promise<SiteEstimate[]> {
    const source = await engine.open({ path: PATH, text, languageId: 'typescript', readFile: (p) => files[p] }, defaultSettings, emptyWorkspaceConfig);
    try {
      return await engine.estimate(PATH, text, source.sites(text), defaultSettings, emptyWorkspaceConfig);
    } finally {
      source.dispose();
    }
  }

  before(function () {
    if (!existsSync(script)) throw new Error(`${script} is missing: run npm run build`);
  });
  beforeEach(() => {
    logs.length = 0;
    worker = new WorkerBackend({ script, log: (l) => logs.push(l), fallback: () => new InThreadBackend(new DocumentAnalyzer(engine)) });
  });
  afterEach(() => worker.dispose());

  it('reads the linked prompt the worker asks for, ships it, and closes its own key', async () => {
    const spy = new Spy(worker);
    const asked: string[][] = [];
    const r = await analyzeOnce(() => spy, doc(LINKED), async (paths) => {
      asked.push(paths);
      return Object.fromEntries(paths.map((p) => [p, p === 'prompts/sys.txt' ? PROMPT : null]));
    });
    assert.deepEqual(asked, [['prompts/sys.txt']]);
    assert.deepEqual(spy.shipped, [{}, { 'prompts/sys.txt': PROMPT }]);
    const want = await reference(LINKED, { 'prompts/sys.txt': PROMPT });
    assert.equal(want.length, 1);
    assert.deepEqual(summary(r.estimates), summary(want));
    // The prompt is counted: far more than the call's own few tokens.
    assert.ok(r.estimates![0]!.inputTokens > 200, `${r.estimates![0]!.inputTokens}`);
    assert.equal(spy.opened.length, 1);
    assert.deepEqual(spy.closed, spy.opened, 'the one-shot key is closed again');
    assert.ok(!/^[a-z][a-z0-9+.-]*:/i.test(spy.opened[0]!), `${spy.opened[0]} must not look like a document URI`);
  });

  it('gives a missing linked file up after one read and prices the call without it', async () => {
    let reads = 0;
    const r = await analyzeOnce(() => worker, doc(LINKED), async (paths) => {
      reads++;
      return Object.fromEntries(paths.map((p) => [p, null]));
    });
    assert.equal(reads, 1);
    assert.deepEqual(summary(r.estimates), summary(await reference(LINKED, {})));
  });

  it('passes a stopped parse on, with no sites', async () => {
    const r = await analyzeOnce(() => worker, doc(BROKEN, 'src/broken.js', 'javascript'), async () => ({}));
    assert.equal(r.parseStopped, true);
    assert.deepEqual(r.estimates, []);
  });

  it('opens the text again on the restarted worker when the worker dies under the request', async () => {
    let crashes = 0;
    const spy = new Spy(worker, () => {
      if (crashes++ === 0) worker.crashForTest();
    });
    const r = await analyzeOnce(() => spy, doc(LINKED), async (paths) => Object.fromEntries(paths.map((p) => [p, PROMPT])));
    assert.ok(logs.some((l) => /analysis worker stopped .*restarting it/.test(l)), logs.join('\n'));
    assert.equal(spy.opened.length, 2, 'opened again after the death');
    assert.deepEqual(summary(r.estimates), summary(await reference(LINKED, { 'prompts/sys.txt': PROMPT })));
  });

  it('rejects with the worker\'s death when it dies twice, so the scan lists that file as an error', async () => {
    const spy = new Spy(worker, () => worker.crashForTest());
    await assert.rejects(analyzeOnce(() => spy, doc(LINKED), async () => ({})), new RegExp(WORKER_DIED));
  });
});
