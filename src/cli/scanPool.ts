/**
 * Detection on worker threads for `scanDirectory`. Only parsing and recognition run there: they
 * are the cost that grows with the code that may call an LLM (tens of ms per 500-line file that
 * passes the prefilter), while reading, the prefilter, tokenizing and pricing are cheap and stay
 * on the main thread, which then loads the tokenizer ranks once instead of once per thread.
 *
 * A worker starts only when enough text waits to be parsed to repay its start-up (loading the
 * parser costs about as much CPU as parsing a few files), and the main thread parses from the
 * same queue once it has read every file, so a folder with a handful of call sites starts none.
 * Each worker holds at most two files, so a slow one does not hold a batch back. A worker that
 * dies costs the files it held (listed under errors); the queue goes on without it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { initDetection, type DetectResult, type Detector } from '../core/detect';
import type { Language, Site } from '../core/model';
import { linkedReader } from './linkedReader';
import { nodeDetectionHost } from './wasm';

/** Set in `workerData` so the CLI's entry knows to serve instead of running a command. */
export const SCAN_WORKER_FLAG = 'promptmeterScanWorker';

/** One file to find call sites in. */
export interface DetectTask {
  path: string;
  abs: string;
  text: string;
  language: Language;
}

export interface PoolOptions {
  /** The scanned folder: prompt files read by code are resolved inside it. */
  root: string;
  /** Most worker threads to start (0: parse on the main thread only). */
  maxWorkers: number;
  /** Start one more worker for each this many UTF-16 characters waiting to be parsed (0: at the first file). */
  charsPerWorker: number;
  /** The main thread parses queued files while draining (default true); tests turn it off to exercise the threads. */
  parseHere?: boolean;
}

interface Job {
  id: number;
  task: DetectTask;
  resolve: (result: DetectResult) => void;
  reject: (e: Error) => void;
}

type ToWorker = { id: number; task: DetectTask };
type FromWorker = { ready: true } | { id: number; sites: Site[]; parseStopped: boolean } | { id: number; error: string };

/** Files a worker holds at once: one being parsed, one waiting, so it never idles on the main thread. */
const IN_FLIGHT = 2;

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function detectIn(d: Detector, root: string, t: DetectTask): DetectResult {
  return d.detectWithStatus({ text: t.text, language: t.language, path: t.path, readFile: linkedReader(root, t.abs) });
}

/** What a worker needs: the folder, and how many threads may parse at once (for the parse clock). */
interface WorkerInit {
  root: string;
  parallel: number;
}

function spawn(init: WorkerInit): Worker {
  const data = { [SCAN_WORKER_FLAG]: true, init };
  // Compiled sources (tests, benchmarks) have this module as its own file; the bundled CLI is one
  // file whose entry serves when it sees the flag.
  const self = join(__dirname, 'scanPool.js');
  if (existsSync(self)) return new Worker(`require(${JSON.stringify(self)}).serveScanWorker();`, { eval: true, workerData: data });
  return new Worker(__filename, { workerData: data });
}

/** A queue of files to parse, shared by lazily started worker threads and the main thread. */
export class DetectionPool {
  private readonly queue: Job[] = [];
  private head = 0;
  private queuedChars = 0;
  private started = 0;
  private nextId = 0;
  /** Live workers, each with the jobs it holds; a worker is fed only once it said it is ready. */
  private readonly workers = new Map<Worker, Map<number, Job>>();
  private readonly ready = new Set<Worker>();
  private detector: Promise<Detector> | undefined;
  private wake: (() => void) | null = null;
  /** Files parsed on worker threads and on the main thread. */
  readonly parsed = { onWorkers: 0, here: 0 };

  constructor(private readonly opts: PoolOptions) {}

  /** Worker threads started so far (alive or not). */
  get workersStarted(): number {
    return this.started;
  }

  /** Queues a file; resolves with its sites, rejects when its parse failed or its worker died. */
  submit(task: DetectTask): Promise<Site[]> {
    return this.submitWithStatus(task).then((r) => r.sites);
  }

  /** As `submit`, and says whether the file's parse was stopped (its sites are then none, not read). */
  submitWithStatus(task: DetectTask): Promise<DetectResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, resolve, reject });
      this.queuedChars += task.text.length;
      while (this.started < this.opts.maxWorkers && this.queuedChars >= this.opts.charsPerWorker * (this.started + 1)) this.start();
      for (const w of this.ready) this.feed(w);
    });
  }

  /** Parses on this thread what no worker took, and returns once every queued file is answered. */
  async drain(): Promise<void> {
    for (;;) {
      const here = this.opts.parseHere !== false || this.workers.size === 0;
      if (this.head < this.queue.length && here) {
        await this.parseOneHere();
        // let worker replies and ready messages in between two parses
        await new Promise((r) => setImmediate(r));
      } else if (this.head < this.queue.length || this.inFlight() > 0) {
        await new Promise<void>((r) => (this.wake = r));
      } else return;
    }
  }

  /** Stops the workers; call once every submitted file is answered. */
  close(): void {
    for (const w of this.workers.keys()) void w.terminate();
    this.workers.clear();
    this.ready.clear();
  }

  private take(): Job | undefined {
    if (this.head >= this.queue.length) return undefined;
    const job = this.queue[this.head]!;
    this.queue[this.head++] = undefined as unknown as Job; // the text can be collected once parsed
    this.queuedChars -= job.task.text.length;
    return job;
  }

  /** The most threads parsing at once: the workers and this one (a worker's parse clock divides by it). */
  private get parallel(): number {
    return this.opts.maxWorkers + 1;
  }

  private inFlight(): number {
    let n = 0;
    for (const held of this.workers.values()) n += held.size;
    return n;
  }

  private async parseOneHere(): Promise<void> {
    // Workers run only while there is much to parse, so those alive are parsing beside this thread.
    this.detector ??= initDetection(nodeDetectionHost(() => 1 + this.workers.size));
    let detector: Detector;
    try {
      detector = await this.detector;
    } catch (e) {
      for (let job = this.take(); job; job = this.take()) job.reject(new Error(message(e)));
      return;
    }
    const job = this.take();
    if (!job) return; // a worker took it while the parser loaded
    try {
      job.resolve(detectIn(detector, this.opts.root, job.task));
      this.parsed.here++;
    } catch (e) {
      job.reject(new Error(message(e)));
    }
  }

  private start(): void {
    this.started++;
    const w = spawn({ root: this.opts.root, parallel: this.parallel });
    this.workers.set(w, new Map());
    w.on('message', (m: FromWorker) => this.reply(w, m));
    w.on('error', (e) => this.lost(w, e.message));
    w.on('exit', (code) => this.lost(w, `worker stopped (exit code ${code})`));
  }

  private feed(w: Worker): void {
    const held = this.workers.get(w);
    while (held && held.size < IN_FLIGHT) {
      const job = this.take();
      if (!job) return;
      held.set(job.id, job);
      w.postMessage({ id: job.id, task: job.task } satisfies ToWorker);
    }
  }

  private reply(w: Worker, m: FromWorker): void {
    if ('ready' in m) this.ready.add(w);
    else {
      const job = this.workers.get(w)?.get(m.id);
      this.workers.get(w)?.delete(m.id);
      if ('sites' in m) {
        this.parsed.onWorkers++;
        job?.resolve({ sites: m.sites, parseStopped: m.parseStopped });
      } else job?.reject(new Error(m.error));
    }
    this.feed(w);
    this.notify();
  }

  private lost(w: Worker, why: string): void {
    const held = this.workers.get(w);
    if (!held) return;
    this.workers.delete(w);
    this.ready.delete(w);
    for (const job of held.values()) job.reject(new Error(why));
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}

/** The worker side: load the parser, say so, then answer each file the main thread sends. */
export function serveScanWorker(): void {
  const { root, parallel } = (workerData as { init: WorkerInit }).init;
  void initDetection(nodeDetectionHost(parallel)).then((detector) => {
    parentPort!.on('message', (m: ToWorker) => {
      let reply: FromWorker;
      try {
        const r = detectIn(detector, root, m.task);
        reply = { id: m.id, sites: r.sites, parseStopped: r.parseStopped };
      } catch (e) {
        reply = { id: m.id, error: message(e) };
      }
      parentPort!.postMessage(reply);
    });
    parentPort!.postMessage({ ready: true } satisfies FromWorker);
  });
}
