/**
 * Entry of `dist/analysisWorker.js`, the worker thread the desktop extension host hands all
 * detection and estimation to (issue 6: never block the extension host for more than 50 ms).
 * It reads tokenizer ranks and tree-sitter WASM from its own folder (`dist/`), like the CLI, and
 * answers the host's messages (`protocol.ts`) in order.
 */
import { join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { nodeRankLoader } from '../../cli/ranks';
import { nodeDetectionHost } from '../../cli/wasm';
import { Engine } from '../engine';
import { DocumentAnalyzer } from './documents';
import { ITEMS_PER_MESSAGE, reviveWorkspaceConfig, type AnalyzeOutcome, type HostMessage, type WorkerMessage } from './protocol';

const port = parentPort;
if (!port) throw new Error('analysisWorker.js runs as a worker thread');

const post = (m: WorkerMessage) => port.postMessage(m);
const wasm = nodeDetectionHost();
const engine = new Engine({ ranks: nodeRankLoader(join(__dirname, 'ranks')), wasm: (name) => wasm.loadWasm(name) }, (line) => post({ type: 'log', line }));
const documents = new DocumentAnalyzer(engine);

function reply(id: number, work: Promise<unknown>): void {
  work.then(
    (value) => post({ type: 'reply', id, ok: true, value }),
    (e: unknown) => post({ type: 'reply', id, ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
  );
}

/** An analysis result, its big array sent in slices (see ITEMS_PER_MESSAGE). */
function replyAnalysis(id: number, work: Promise<AnalyzeOutcome>): void {
  work.then(
    (outcome) => {
      if (outcome.superseded) return post({ type: 'reply', id, ok: true, value: outcome });
      const { sites, estimates, ...rest } = outcome;
      // Estimates hold their sites: when they are the same objects, in order, send them once.
      const aligned = !!estimates && estimates.length === sites.length && estimates.every((e, i) => e.site === sites[i]);
      const field = estimates ? 'estimates' : 'sites';
      const items: unknown[] = estimates ?? sites;
      const slices: WorkerMessage[] = [];
      for (let i = 0; i < items.length; i += ITEMS_PER_MESSAGE) slices.push({ type: 'slice', id, field, items: items.slice(i, i + ITEMS_PER_MESSAGE) });
      const value = { ...rest, ...(estimates && !aligned ? { sites } : {}) };
      slices.push({ type: 'reply', id, ok: true, value, sliced: field, sitesOfEstimates: aligned });
      streams.set(id, slices);
      sendNext(id);
    },
    (e: unknown) => reply(id, Promise.reject(e)),
  );
}

/** Results being sent slice by slice, by request id. */
const streams = new Map<number, WorkerMessage[]>();

function sendNext(id: number): void {
  const rest = streams.get(id);
  const next = rest?.shift();
  if (!next) return;
  if (rest!.length === 0) streams.delete(id);
  post(next);
}

port.on('message', (m: HostMessage) => {
  switch (m.type) {
    case 'open':
      documents.open(m.key, { ...m.doc, workspace: reviveWorkspaceConfig(m.doc.workspace) });
      return;
    case 'close':
      documents.close(m.key);
      return;
    case 'analyze':
      replyAnalysis(m.id, documents.analyze(m.key, m.req));
      return;
    case 'more':
      sendNext(m.id);
      return;
    case 'count':
      reply(m.id, documents.count(m.text, m.model));
      return;
    case 'crash':
      setTimeout(() => {
        throw new Error('analysis worker: crash requested by the host (test hook)');
      });
      return;
  }
});
