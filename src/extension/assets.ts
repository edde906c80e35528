/**
 * Bytes the engine loads on first need — tokenizer ranks and tree-sitter WASM — read from the
 * extension's own `dist/` through `vscode.workspace.fs`, which works the same in the Node and the
 * web extension host. Activation reads none of them.
 */
import * as vscode from 'vscode';
import type { WasmName } from '../core/detect';
import type { EncodingName } from '../core/tokens';

export interface Assets {
  ranks(encoding: EncodingName): Promise<Uint8Array>;
  wasm(name: WasmName): Promise<Uint8Array>;
}

export function extensionAssets(extensionUri: vscode.Uri): Assets {
  const read = async (...path: string[]): Promise<Uint8Array> => vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'dist', ...path));
  return {
    ranks: (encoding) => read('ranks', `${encoding}.bin`),
    wasm: (name) => read('wasm', name === 'tree-sitter' ? 'tree-sitter.wasm' : `tree-sitter-${name}.wasm`),
  };
}
