/**
 * Worker threads for `scanDirectory`: each worker loads the parser and the tokenizer ranks once
 * and analyses the files the main thread hands it, one at a time, so a slow file does not hold a
 * batch back. A worker that dies costs the file it held (listed under errors); if none is left,
 * the main thread finishes the rest itself.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import type { Settings } from '../core/config';
import { FileAnalyzer, loadConfig, type FileResult } from './scanWorkspace';
import type { WalkedFile } from './walk';

/** Set in `workerData` so the CLI's entry knows to serve instead of running a command. */
export const SCAN_WORKER_FLAG = 'promptmeterScanWorker';

export interface WorkerInit {
  root: string;
  configPath?: string | undefined;
  settings: Settings;
}

interface Task {
  i: number;
  file: WalkedFile;
}

interface Reply {
  i: number;
  result: FileResult;
}

function spawn(init: WorkerInit): Worker {
  const workerData = { [SCAN_WORKER_FLAG]: true, init };
  // Compiled sources (tests, benchmarks) have this module as its own file; the bundled CLI is one
  // file whose entry serves when it sees the flag.
  const self = join(__dirname, 'scanPool.js');
  if (existsSync(self)) return new Worker(`require(${JSON.stringify(self)}).serveScanWorker();`, { eval: true, workerData });
  return new Worker(__filename, { workerData });
}

/** Analyses `files` on `count` workers; results come back in the order of `files`. */
export function analyseOnWorkers(
  files: readonly WalkedFile[],
  count: number,
  init: WorkerInit,
  fallback: FileAnalyzer,
  progress: (f: WalkedFile) => void,
): Promise<FileResult[]> {
  return new Promise((resolveAll) => {
    const results: FileResult[] = new Array(files.length);
    let next = 0;
    let pending = files.length;
    let draining = false;
    const held = new Map<Worker, number | null>();
    const finish = () => {
      for (const w of held.keys()) void w.terminate();
      held.clear();
      resolveAll(results);
    };
    const settle = (i: number, r: FileResult) => {
      results[i] = r;
      progress(files[i]!);
      if (--pending === 0) finish();
    };
    const give = (w: Worker) => {
      if (next >= files.length) {
        held.delete(w);
        void w.terminate();
        return;
      }
      const i = next++;
      held.set(w, i);
      w.postMessage({ i, file: files[i] } satisfies Task);
    };
    const drainHere = async () => {
      if (draining) return;
      draining = true;
      while (next < files.length) {
        const i = next++;
        settle(i, await fallback.analyse(files[i]!));
      }
    };
    const lost = (w: Worker, why: string) => {
      if (!held.has(w)) return;
      const i = held.get(w);
      held.delete(w);
      if (i !== null && i !== undefined) settle(i, { estimates: [], error: `cannot analyse: ${why}` });
      if (held.size === 0 && next < files.length) void drainHere();
    };
    if (pending === 0) return finish();
    for (let k = 0; k < count; k++) {
      const w = spawn(init);
      held.set(w, null);
      w.on('message', (m: Reply) => {
        held.set(w, null);
        settle(m.i, m.result);
        if (pending > 0) give(w);
      });
      w.on('error', (e) => lost(w, e.message));
      w.on('exit', (code) => lost(w, `worker stopped (exit code ${code})`));
      give(w);
    }
  });
}

/** The worker side: analyse each file the main thread sends, reply with its result. */
export function serveScanWorker(): void {
  const init = (workerData as { init: WorkerInit }).init;
  const { ws } = loadConfig(init.root, { configPath: init.configPath });
  const analyzer = new FileAnalyzer(init.root, ws, init.settings);
  parentPort!.on('message', (t: Task) => {
    void analyzer.analyse(t.file).then((result) => parentPort!.postMessage({ i: t.i, result } satisfies Reply));
  });
}
