/**
 * The desktop backend: a `worker_threads` Worker running `dist/analysisWorker.js`, started on the
 * first request (never at activation). Requests carry ids; replies settle them. A worker that
 * dies is logged and replaced once; after a second death analysis falls back to the extension
 * host's thread (with the same bounds as the web host). `dispose()` terminates the worker.
 */
import { Worker } from 'node:worker_threads';
import type { AnalysisBackend } from './backend';
import { WORKER_DIED, type AnalyzeOutcome, type AnalyzeRequest, type HostMessage, type OpenDocument, type WorkerMessage } from './protocol';

export interface WorkerBackendOptions {
  /** Absolute path of the worker bundle. */
  script: string;
  log: (line: string) => void;
  /** The backend used once the worker has died twice. */
  fallback: () => AnalysisBackend;
  /** Deaths tolerated before falling back (1: restart once). */
  restarts?: number;
}

/** Heap cap of the worker: a runaway analysis ends the worker, not the extension host. */
const WORKER_HEAP_MB = 1024;

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  /** Slices of the result's big array received so far. */
  slices?: unknown[][];
}

export class WorkerBackend implements AnalysisBackend {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private readonly resetListeners: Array<() => void> = [];
  private nextId = 1;
  private deaths = 0;
  private fallback: AnalysisBackend | undefined;
  private disposed = false;

  constructor(private readonly options: WorkerBackendOptions) {}

  /** Whether a worker thread is running now (tests and the lifecycle checks read this). */
  get running(): boolean {
    return this.worker !== undefined;
  }

  /** Whether analysis has moved to the host thread after repeated worker deaths. */
  get inThread(): boolean {
    return this.fallback !== undefined;
  }

  open(key: string, doc: OpenDocument): void {
    if (this.fallback) return this.fallback.open(key, doc);
    this.send({ type: 'open', key, doc });
  }

  close(key: string): void {
    if (this.fallback) return this.fallback.close(key);
    // Closing needs no worker: one that is not running holds no documents.
    if (this.worker) this.send({ type: 'close', key });
  }

  analyze(key: string, req: AnalyzeRequest): Promise<AnalyzeOutcome> {
    if (this.fallback) return this.fallback.analyze(key, req);
    return this.request((id) => ({ type: 'analyze', id, key, req })) as Promise<AnalyzeOutcome>;
  }

  count(text: string, model: string | null): Promise<{ tokens: number; exact: boolean }> {
    if (this.fallback) return this.fallback.count(text, model);
    return this.request((id) => ({ type: 'count', id, text, model })) as Promise<{ tokens: number; exact: boolean }>;
  }

  onDidReset(listener: () => void): void {
    this.resetListeners.push(listener);
  }

  /** Test hook: makes the worker die as an uncaught exception would. */
  crashForTest(): void {
    this.worker?.postMessage({ type: 'crash' } satisfies HostMessage);
  }

  dispose(): void {
    this.disposed = true;
    const w = this.worker;
    this.worker = undefined;
    this.failPending(new Error('analysis stopped: the extension is shutting down'));
    if (w) void w.terminate();
    this.fallback?.dispose();
  }

  private request(make: (id: number) => HostMessage): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.send(make(id));
    });
  }

  private send(m: HostMessage): void {
    if (this.disposed) throw new Error('analysis stopped: the extension is shutting down');
    (this.worker ??= this.start()).postMessage(m);
  }

  private start(): Worker {
    const w = new Worker(this.options.script, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    w.on('message', (m: WorkerMessage) => this.receive(m));
    w.on('error', (e) => this.options.log(`analysis worker failed: ${e.stack ?? e.message}`));
    w.on('exit', (code) => this.exited(w, code));
    return w;
  }

  private receive(m: WorkerMessage): void {
    if (m.type === 'log') return this.options.log(m.line);
    const p = this.pending.get(m.id);
    if (!p) return;
    if (m.type === 'slice') {
      (p.slices ??= []).push(m.items);
      // Ask for the next slice once the events that queued up meanwhile have run.
      setImmediate(() => this.worker?.postMessage({ type: 'more', id: m.id } satisfies HostMessage));
      return;
    }
    this.pending.delete(m.id);
    if (!m.ok) return p.reject(new Error(m.error));
    if (!m.sliced) return p.resolve(m.value);
    const value = m.value as Record<string, unknown>;
    const items = (p.slices ?? []).flat();
    value[m.sliced] = items;
    if (m.sitesOfEstimates) value.sites = (items as { site: unknown }[]).map((e) => e.site);
    p.resolve(value);
  }

  private exited(w: Worker, code: number): void {
    if (this.worker !== w) return; // terminated by dispose
    this.worker = undefined;
    this.deaths++;
    const last = this.deaths > (this.options.restarts ?? 1);
    this.options.log(`analysis worker stopped (exit code ${code}); ${last ? 'analysing on the extension host thread from now on, within the open-document bounds' : 'restarting it'}`);
    if (last) this.fallback = this.options.fallback();
    this.failPending(new WorkerDied());
    for (const l of this.resetListeners) l();
  }

  private failPending(e: Error): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.reject(e);
  }
}

/** The worker died while a request was in flight: the host may open the document again and retry. */
export class WorkerDied extends Error {
  constructor() {
    super(WORKER_DIED);
  }
}
