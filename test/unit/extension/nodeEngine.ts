/**
 * What the worker tests share: the extension's Engine as the Node host builds it (ranks and
 * grammars from dist/), to compare the worker's answers with, and the worker bundle's path.
 */
import { join } from 'node:path';
import { nodeRankLoader } from '../../../src/cli/ranks';
import { nodeDetectionHost } from '../../../src/cli/wasm';
import { Engine } from '../../../src/extension/engine';

export const WORKER_SCRIPT = join(__dirname, '..', '..', '..', '..', 'dist', 'analysisWorker.js');

export function nodeEngine(): Engine {
  const wasm = nodeDetectionHost();
  return new Engine({ ranks: nodeRankLoader(), wasm: (n) => wasm.loadWasm(n) }, () => undefined);
}
