import type * as vscode from 'vscode';
import type { PromptmeterApi } from './api';
import { activateExtension } from './extension';

// The web entry (vscode.dev, code-server's web worker host): the same extension, since core is
// pure and assets are read through vscode.workspace.fs in both hosts. There are no worker
// threads here, so analysis runs on the host's thread within the open-document bounds.
export function activate(context: vscode.ExtensionContext): PromptmeterApi {
  return activateExtension(context);
}

export function deactivate(): void {}
