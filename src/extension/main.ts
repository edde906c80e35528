import type * as vscode from 'vscode';
import type { PromptmeterApi } from './api';
import { activateExtension } from './extension';

/** Node entry of the extension (desktop and remote extension hosts). */
export function activate(context: vscode.ExtensionContext): PromptmeterApi {
  return activateExtension(context);
}

export function deactivate(): void {}
