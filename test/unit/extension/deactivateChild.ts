/**
 * Child process of deactivate.test.ts: loads the built `dist/extension.js` against the recording
 * stand-in `vscode`, activates it, drives one analysis through every feature (diagnostics,
 * CodeLens, hover, quick fixes, status bar, selection count), then deactivates it the way VS Code
 * does (`deactivate()`, then every `context.subscriptions` entry disposed) and prints what is left
 * as JSON. It never calls `process.exit`: the parent also checks that nothing keeps it alive.
 *
 *   node out/test/unit/extension/deactivateChild.js [settled|inflight|churn]
 */
import * as fs from 'node:fs';
import Module = require('node:module');
import * as path from 'node:path';
import workerThreads = require('node:worker_threads');
import { createRecordingVscode, Position } from './recordingVscode';

const repo = path.resolve(__dirname, '../../../..');
const dist = path.join(repo, 'dist');
const workspaceRoot = path.join(repo, 'test/fixtures/workspaces/basic');
const mode = process.argv[2] === 'inflight' || process.argv[2] === 'churn' ? process.argv[2] : 'settled';
/** Documents the churn mode opens, analyses and closes after a first warm-up one. */
const CHURN = 200;

const realSetTimeout = setTimeout;
const sleep = (ms: number) => new Promise((r) => realSetTimeout(r, ms));

/** Where a timer or worker was made, if the extension made it (a frame in dist/). */
function extensionFrame(): string | undefined {
  const saved = Error.stackTraceLimit;
  Error.stackTraceLimit = 30;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = saved;
  return stack.split('\n').find((l) => l.includes(dist))?.trim();
}

/** Timers the extension started that neither fired nor were cleared. */
const pendingTimers = new Map<unknown, string>();
function wrapTimers(): void {
  const g = globalThis as unknown as Record<string, (...a: unknown[]) => unknown>;
  for (const [set, clear, once] of [['setTimeout', 'clearTimeout', true], ['setInterval', 'clearInterval', false], ['setImmediate', 'clearImmediate', true]] as const) {
    const origSet = g[set]!;
    const origClear = g[clear]!;
    g[set] = (cb: unknown, ...rest: unknown[]) => {
      const where = extensionFrame();
      if (!where || typeof cb !== 'function') return origSet(cb, ...rest);
      const handle: unknown = origSet((...a: unknown[]) => {
        if (once) pendingTimers.delete(handle);
        (cb as (...x: unknown[]) => unknown)(...a);
      }, ...rest);
      pendingTimers.set(handle, `${set} ${where}`);
      return handle;
    };
    g[clear] = (h: unknown) => {
      pendingTimers.delete(h);
      return origClear(h);
    };
  }
}

/** Worker threads the extension started, and whether each has exited. */
const workers: { where: string; exited: boolean }[] = [];
function wrapWorkers(): void {
  const Original = workerThreads.Worker;
  class RecordedWorker extends Original {
    constructor(...args: ConstructorParameters<typeof Original>) {
      super(...args);
      const w = { where: extensionFrame() ?? String(args[0]), exited: false };
      workers.push(w);
      this.once('exit', () => void (w.exited = true));
    }
  }
  Object.defineProperty(workerThreads, 'Worker', { value: RecordedWorker, configurable: true, writable: true });
}

async function until<T>(what: string, probe: () => T | undefined | false, ms = 30000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

interface Lens { command?: { title: string } }
interface Provider {
  provideCodeLenses(d: unknown, t: unknown): Promise<Lens[]>;
  resolveCodeLens(l: Lens, t: unknown): Promise<Lens>;
  provideHover(d: unknown, p: Position, t: unknown): Promise<{ contents: { value: string } } | undefined>;
  provideCodeActions(d: unknown, r: unknown, c: unknown, t: unknown): Promise<{ title: string }[]>;
}

async function main(): Promise<void> {
  const { api, ledger, driver } = createRecordingVscode(workspaceRoot);
  const load = (Module as unknown as { _load: (r: string, ...a: unknown[]) => unknown })._load;
  (Module as unknown as { _load: (r: string, ...a: unknown[]) => unknown })._load = function (this: unknown, request: string, ...rest: unknown[]) {
    return request === 'vscode' ? api : load.call(this, request, ...rest);
  };
  wrapTimers();
  wrapWorkers();

  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ext = require(path.join(dist, 'extension.js')) as { activate(c: unknown): { whenIdle(): Promise<void> }; deactivate?(): unknown };
  const context = {
    subscriptions: [] as { dispose(): unknown }[],
    extensionUri: api.Uri.file(repo),
    extensionPath: repo,
    extension: { packageJSON: JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) },
    extensionMode: 3,
    asAbsolutePath: (p: string) => path.join(repo, p),
  };
  const pm = ext.activate(context);
  const text = fs.readFileSync(path.join(workspaceRoot, 'src/chat.ts'), 'utf8');
  const evidence: Record<string, unknown> = {};
  const token = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) };

  const doc = driver.open('src/chat.ts', 'typescript', text);
  const inPrompt = doc.positionAt(text.indexOf('Customer question') + 3);
  if (mode === 'settled') {
    // A closed document first, so the close path runs too.
    const other = driver.open('src/other.ts', 'typescript', text.replace('reply', 'other'));
    await pm.whenIdle();
    driver.close(other);
    driver.show(doc, inPrompt);
    await pm.whenIdle();
    const diags = driver.collections.find((c) => c.name === 'promptmeter');
    evidence.diagnostics = (await until('diagnostics', () => diags?.entries.get(doc.uri.toString()))).length;
    evidence.closedDocDiagnostics = diags?.entries.has(api.Uri.file(path.join(workspaceRoot, 'src/other.ts')).toString()) ?? false;
    const lensProvider = driver.providers.codeLens[0] as Provider;
    const lensesFound = await lensProvider.provideCodeLenses(doc, token);
    evidence.lens = (await lensProvider.resolveCodeLens(lensesFound[0]!, token)).command?.title;
    evidence.hover = (await (driver.providers.hover[0] as Provider).provideHover(doc, inPrompt, token))?.contents.value.includes('Promptmeter');
    const actions = await (driver.providers.codeActions[0] as Provider).provideCodeActions(doc, null, { diagnostics: diags?.entries.get(doc.uri.toString()) }, token);
    evidence.actions = actions.map((a) => a.title);
    evidence.status = await until('status bar text', () => driver.statusItems.find((s) => s.visible && s.text)?.text);
    // A selection: the status bar counts it (through the worker, where there is one).
    driver.show(doc, doc.positionAt(text.indexOf('You are')), doc.positionAt(text.indexOf('hosting company')));
    evidence.selection = await until('selection count', () => driver.statusItems.find((s) => s.visible && s.text && s.text !== evidence.status)?.text);
    await pm.whenIdle();
  } else if (mode === 'churn') {
    // Listeners and resources must not grow with documents opened and closed: compare after one
    // warm-up document with after many more.
    const cycle = async (i: number) => {
      const d = driver.open(`src/churn${i}.ts`, 'typescript', text.replace('reply', `reply${i}`));
      driver.show(d, d.positionAt(text.indexOf('Customer question') + 3));
      await pm.whenIdle();
      await until(`diagnostics of document ${i}`, () => driver.collections.find((c) => c.name === 'promptmeter')?.entries.has(d.uri.toString()));
      driver.close(d);
      await pm.whenIdle();
    };
    await cycle(-1);
    const before = { listeners: driver.liveListeners(), resources: driver.liveResources(), diagnostics: driver.collections.find((c) => c.name === 'promptmeter')!.entries.size };
    for (let i = 0; i < CHURN; i++) await cycle(i);
    const after = { listeners: driver.liveListeners(), resources: driver.liveResources(), diagnostics: driver.collections.find((c) => c.name === 'promptmeter')!.entries.size };
    evidence.churn = { documents: CHURN, before, after };
  } else {
    // Deactivated while the first analysis (worker start, grammar and tokenizer loads) is in flight.
    driver.show(doc, inPrompt);
    await sleep(30);
  }
  evidence.workers = workers.length;

  await ext.deactivate?.();
  const disposeErrors: string[] = [];
  for (const d of context.subscriptions) {
    try {
      d.dispose();
    } catch (e) {
      disposeErrors.push(String(e));
    }
  }
  // Let terminations finish and late callbacks (a rejected request, a timer) show themselves.
  await sleep(500);
  const report = {
    mode,
    evidence,
    resources: ledger.resources.length,
    undisposed: ledger.undisposed(),
    usedAfterDispose: ledger.usedAfterDispose,
    disposeErrors,
    pendingTimers: [...pendingTimers.values()],
    workersAlive: workers.filter((w) => !w.exited).map((w) => w.where),
    activeResources: process.getActiveResourcesInfo(),
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

main().catch((e: unknown) => {
  process.stdout.write(`${JSON.stringify({ error: String((e as Error)?.stack ?? e) })}\n`);
  process.exitCode = 1;
});
