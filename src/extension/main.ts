import type * as vscode from 'vscode';
import type { PromptmeterApi } from './api';
import { activateExtension } from './extension';
import { workerBackend } from './worker/desktop';

/** Node entry of the extension (desktop and remote extension hosts): analysis in a worker thread. */
export function activate(context: vscode.ExtensionContext): PromptmeterApi {
  return activateExtension(context, workerBackend(context.extensionPath));
}

export function deactivate(): void {}
