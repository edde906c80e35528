/**
 * The Node entry's backend: analysis in `dist/analysisWorker.js`, falling back to the host thread
 * (over the same Engine the hover's price rows use) if the worker keeps dying.
 */
import { join } from 'node:path';
import type { BackendFactory } from '../extension';
import { InThreadBackend } from './backend';
import { WorkerBackend } from './client';
import { DocumentAnalyzer } from './documents';

export function workerBackend(extensionPath: string): BackendFactory {
  return (engine, log) =>
    new WorkerBackend({
      script: join(extensionPath, 'dist', 'analysisWorker.js'),
      log,
      fallback: () => new InThreadBackend(new DocumentAnalyzer(engine)),
    });
}
