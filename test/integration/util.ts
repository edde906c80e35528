import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { PromptmeterApi } from '../../src/extension/api';

export const EXTENSION_ID = 'promptmeter.promptmeter';

export function fixtureUri(rel: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the fixture workspace is open');
  return vscode.Uri.joinPath(folder.uri, rel);
}

/** Activates the extension (if a test runs first) and returns its test API. */
export async function api(): Promise<PromptmeterApi> {
  const ext = vscode.extensions.getExtension<PromptmeterApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is loaded`);
  return ext.activate();
}

/** Opens a fixture in an editor and waits until the extension has analysed it. */
export async function open(rel: string): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor; pm: PromptmeterApi }> {
  const pm = await api();
  const doc = await vscode.workspace.openTextDocument(fixtureUri(rel));
  const editor = await vscode.window.showTextDocument(doc);
  await pm.analyze(doc.uri);
  await pm.whenIdle();
  return { doc, editor, pm };
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Promptmeter');
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : c === undefined ? undefined : String(c);
}

/** Polls for a condition the extension reaches asynchronously (diagnostics are pushed, not awaited). */
export async function eventually<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 15000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function lenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  const all = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100);
  return all.filter((l) => l.command?.command === 'promptmeter.showBreakdown');
}

export async function hoverText(uri: vscode.Uri, pos: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, pos);
  return hovers
    .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value)))
    .filter((t) => t.includes('Promptmeter'))
    .join('\n');
}

/** Reverts an edited fixture so later tests (and runs) see it as committed. */
export async function revert(doc: vscode.TextDocument): Promise<void> {
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

/** Token count by the reference implementation (tiktoken's WASM build), not by Promptmeter. */
export function referenceTokens(text: string, encoding: 'o200k_base' | 'cl100k_base' = 'o200k_base'): number {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { get_encoding } = require('tiktoken') as typeof import('tiktoken');
  const enc = get_encoding(encoding);
  try {
    return enc.encode(text).length;
  } finally {
    enc.free();
  }
}

/** Parses `1,240` → 1240. */
export function num(s: string): number {
  return Number(s.replace(/,/g, ''));
}
