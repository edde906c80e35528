/**
 * The desktop analysis path without VS Code: `WorkerBackend` against the real
 * `dist/analysisWorker.js` (run `npm run build` first). The reference for every result is a fresh,
 * one-shot analysis of the final text by an Engine in this thread (no incremental state, no
 * messages), so an edit lost or misapplied across the thread boundary shows up as a difference.
 */
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { defaultSettings, emptyWorkspaceConfig, parseWorkspaceConfig, type WorkspaceConfig } from '../../../src/core/config';
import type { SiteEstimate } from '../../../src/core/model';
import { Engine } from '../../../src/extension/engine';
import { InThreadBackend } from '../../../src/extension/worker/backend';
import { WorkerBackend } from '../../../src/extension/worker/client';
import { DocumentAnalyzer } from '../../../src/extension/worker/documents';
import { manyPrompts } from '../../fuzz/pathological';
import { WORKER_SCRIPT, nodeEngine } from './nodeEngine';
import { WORKER_DIED, reviveWorkspaceConfig, type AnalyzeOutcome, type AnalyzeResult, type OpenDocument } from '../../../src/extension/worker/protocol';

const script = WORKER_SCRIPT;

const PATH = 'src/chat.ts';
const TEXT = [
  "import OpenAI from 'openai';",
  'const client = new OpenAI();',
  'export async function ask(question: string) {',
  '  return client.chat.completions.create({',
  "    model: 'gpt-4o',",
  "    messages: [{ role: 'system', content: 'You are a careful assistant for Acme.' }, { role: 'user', content: `Q: ${question}` }],",
  '  });',
  '}',
  '',
].join('\n');


/** A fresh analysis of `text`, as the editor would get it with no history. */
async function oneShot(engine: Engine, text: string, ws: WorkspaceConfig = emptyWorkspaceConfig, readFile?: (p: string) => string | undefined): Promise<SiteEstimate[]> {
  const source = await engine.open({ path: PATH, text, languageId: 'typescript', ...(readFile ? { readFile } : {}) }, defaultSettings, ws);
  try {
    return await engine.estimate(PATH, text, source.sites(text), defaultSettings, ws);
  } finally {
    source.dispose();
  }
}

function doc(text: string, version = 1, ws: WorkspaceConfig = emptyWorkspaceConfig): OpenDocument {
  return { path: PATH, languageId: 'typescript', text, version, settings: defaultSettings, workspace: ws };
}

function result(o: AnalyzeOutcome): AnalyzeResult {
  assert.ok(!o.superseded, 'a result, not superseded');
  return o;
}

/** What a reader sees of an estimate: where, how many tokens, what it costs, which findings. */
function summary(es: SiteEstimate[] | undefined) {
  return (es ?? []).map((e) => ({ id: e.id, anchor: e.site.anchor, input: e.inputTokens, exact: e.inputTokensExact, cost: e.costPerCall?.total, rules: e.findings.map((f) => f.rule) }));
}

describe('analysis worker (dist/analysisWorker.js)', function () {
  this.timeout(60_000);
  const engine = nodeEngine();
  let backend: WorkerBackend;
  const logs: string[] = [];

  before(function () {
    if (!existsSync(script)) throw new Error(`${script} is missing: run npm run build`);
  });
  beforeEach(() => {
    logs.length = 0;
    backend = new WorkerBackend({ script, log: (l) => logs.push(l), fallback: () => new InThreadBackend(new DocumentAnalyzer(engine)) });
  });
  afterEach(() => backend.dispose());

  it('open → edits → estimates equal a fresh analysis of the final text', async () => {
    backend.open('a', doc(TEXT));
    const first = result(await backend.analyze('a', { version: 1, edit: null, length: TEXT.length, want: 'estimates' }));
    assert.deepEqual(summary(first.estimates), summary(await oneShot(engine, TEXT)));
    assert.equal(first.sites.length, 1);

    // Lengthen the system prompt, then add a cap: two requests, each with its edit.
    let text = TEXT;
    const at = text.indexOf('careful') ;
    const e1 = { start: at, oldEnd: at, newText: 'very, very, very ' };
    text = text.slice(0, e1.start) + e1.newText + text.slice(e1.oldEnd);
    await backend.analyze('a', { version: 2, edit: e1, length: text.length, want: 'sites' });
    const cap = text.indexOf("model: 'gpt-4o',") + "model: 'gpt-4o',".length;
    const e2 = { start: cap, oldEnd: cap, newText: ' max_completion_tokens: 256,' };
    text = text.slice(0, e2.start) + e2.newText + text.slice(e2.oldEnd);
    const last = result(await backend.analyze('a', { version: 3, edit: e2, length: text.length, want: 'estimates' }));

    const reference = await oneShot(engine, text);
    assert.deepEqual(summary(last.estimates), summary(reference));
    assert.ok(last.estimates![0]!.inputTokens > first.estimates![0]!.inputTokens, 'the longer prompt has more tokens');
    assert.ok(!last.estimates![0]!.findings.some((f) => f.rule === 'PM001'), 'the cap silences PM001');
    assert.ok(first.estimates![0]!.findings.some((f) => f.rule === 'PM001'), 'before the cap PM001 was there');
  });

  it('drops stale requests: those overtaken while waiting answer superseded, the newest is exact', async () => {
    backend.open('a', doc(TEXT));
    let text = TEXT;
    const texts: string[] = [];
    const pending: Promise<AnalyzeOutcome>[] = [];
    for (let v = 2; v <= 6; v++) {
      const at = text.indexOf('Acme');
      const e = { start: at, oldEnd: at, newText: `x${v} ` };
      text = text.slice(0, at) + e.newText + text.slice(at);
      texts.push(text);
      pending.push(backend.analyze('a', { version: v, edit: e, length: text.length, want: 'estimates' }));
    }
    const outcomes = await Promise.all(pending);
    // Version 2 starts at once (nothing newer is known yet) and parses the first tree; 3–5 queue
    // behind it and are overtaken by 6 before their turn.
    const v2 = result(outcomes[0]!);
    assert.deepEqual(summary(v2.estimates), summary(await oneShot(engine, texts[0]!)));
    assert.deepEqual(outcomes.slice(1, 4).map((o) => o.superseded), [true, true, true], 'versions 3–5 were overtaken before they ran');
    const last = result(outcomes[4]!);
    assert.equal(last.version, 6);
    assert.deepEqual(summary(last.estimates), summary(await oneShot(engine, text)));
  });

  it('sends 1,000 estimates in slices and the host puts them back together: complete, in order, sites shared', async () => {
    const text = manyPrompts(1_000);
    backend.open('m', doc(text));
    const r = result(await backend.analyze('m', { version: 1, edit: null, length: text.length, want: 'estimates' }));
    assert.equal(r.estimates!.length, 1_000);
    assert.equal(r.sites.length, 1_000);
    assert.ok(r.sites.every((s, i) => s === r.estimates![i]!.site), 'sites are the estimates\' own sites, not second copies');
    const reference = await oneShot(engine, text);
    assert.deepEqual(summary(r.estimates), summary(reference));
    // Each system prompt is its own text: prompt i is found at call i.
    assert.deepEqual(r.estimates!.map((e) => e.id), reference.map((e) => e.id));
    const sitesOnly = result(await backend.analyze('m', { version: 1, edit: null, length: text.length, want: 'sites' }));
    assert.deepEqual(sitesOnly.sites.map((s) => s.anchor), reference.map((e) => e.site.anchor));
  });

  it('asks the host for linked prompt files it does not have, and re-reads when they arrive', async () => {
    const code = [
      "import OpenAI from 'openai';",
      "import { readFileSync } from 'fs';",
      "new OpenAI().chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: readFileSync('prompts/sys.txt', 'utf8') }] });",
      '',
    ].join('\n');
    const prompt = 'You are a meticulous reviewer. '.repeat(40);
    backend.open('l', doc(code));
    const before = result(await backend.analyze('l', { version: 1, edit: null, length: code.length, want: 'estimates' }));
    assert.deepEqual(before.misses, ['prompts/sys.txt']);
    const after = result(await backend.analyze('l', { version: 1, edit: null, length: code.length, want: 'estimates', files: { 'prompts/sys.txt': prompt } }));
    assert.deepEqual(after.misses, []);
    assert.deepEqual(summary(after.estimates), summary(await oneShot(engine, code, emptyWorkspaceConfig, (p) => (p === 'prompts/sys.txt' ? prompt : undefined))));
    assert.ok(after.estimates![0]!.inputTokens > before.estimates![0]!.inputTokens + 200, 'the file text is counted');
  });

  it('reports a text mismatch instead of answering for the wrong text', async () => {
    backend.open('a', doc(TEXT));
    await assert.rejects(backend.analyze('a', { version: 2, edit: { start: 0, oldEnd: 0, newText: 'x' }, length: TEXT.length, want: 'sites' }), /out of sync/);
    await assert.rejects(backend.analyze('never-opened', { version: 1, edit: null, length: 0, want: 'sites' }), /out of sync/);
  });

  it('counts selection tokens in the worker like the local tokenizer', async () => {
    const text = 'Summarise the ticket in three bullet points, then propose a fix.';
    assert.deepEqual(await backend.count(text, 'gpt-4o'), await engine.count(text, 'gpt-4o'));
  });

  it('restarts a worker that died once, then falls back to the host thread', async () => {
    let resets = 0;
    backend.onDidReset(() => resets++);
    backend.open('a', doc(TEXT));
    await backend.analyze('a', { version: 1, edit: null, length: TEXT.length, want: 'sites' });
    const inFlight = backend.analyze('a', { version: 1, edit: null, length: TEXT.length, want: 'estimates' });
    backend.crashForTest();
    // The request may have been answered before the crash landed; if not, it fails as WORKER_DIED.
    await inFlight.catch((e: Error) => assert.equal(e.message, WORKER_DIED));
    await waitFor(() => resets === 1);
    assert.equal(backend.running, false);
    assert.ok(logs.some((l) => /analysis worker stopped .*restarting/.test(l)), logs.join('\n'));

    // A new worker holds no documents: the host opens again and gets the same answer.
    backend.open('a', doc(TEXT));
    const again = result(await backend.analyze('a', { version: 1, edit: null, length: TEXT.length, want: 'estimates' }));
    assert.equal(backend.running, true);
    assert.equal(backend.inThread, false);
    assert.deepEqual(summary(again.estimates), summary(await oneShot(engine, TEXT)));

    backend.crashForTest();
    await waitFor(() => resets === 2);
    assert.equal(backend.inThread, true, 'a second death moves analysis to the host thread');
    backend.open('a', doc(TEXT));
    const local = result(await backend.analyze('a', { version: 1, edit: null, length: TEXT.length, want: 'estimates' }));
    assert.deepEqual(summary(local.estimates), summary(await oneShot(engine, TEXT)));
    assert.equal(backend.running, false, 'no worker after the fallback');
  });

  it('dispose() terminates the worker and refuses later requests', async () => {
    backend.open('a', doc(TEXT));
    await backend.analyze('a', { version: 1, edit: null, length: TEXT.length, want: 'sites' });
    assert.equal(backend.running, true);
    const workersBefore = activeWorkers();
    backend.dispose();
    assert.equal(backend.running, false);
    await waitFor(() => activeWorkers() < workersBefore);
    assert.throws(() => backend.open('b', doc(TEXT)), /shutting down/);
  });

  it('keeps a placeholder named like an Object.prototype member sized by the workspace file', async () => {
    // structuredClone gives null-prototype records a prototype; unrevived, `{constructor}` would
    // find Object.prototype.constructor (a function) as its size.
    const ws = parseWorkspaceConfig('version: 1\nplaceholders:\n  default: 7\n').config;
    const cloned = structuredClone(ws);
    assert.equal(typeof (cloned.placeholders.byName as Record<string, unknown>)['constructor'], 'function', 'the hazard is real');
    assert.equal(reviveWorkspaceConfig(cloned).placeholders.byName['constructor'], undefined);

    const code = TEXT.replace('`Q: ${question}`', '`Q: ${constructor}`');
    backend.open('p', doc(code, 1, ws));
    const r = result(await backend.analyze('p', { version: 1, edit: null, length: code.length, want: 'estimates' }));
    assert.deepEqual(summary(r.estimates), summary(await oneShot(engine, code, ws)));
  });
});

function activeWorkers(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'Worker' || r === 'MessagePort').length;
}

async function waitFor(cond: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}
