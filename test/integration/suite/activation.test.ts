import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { commands, paletteCommands } from '../../../src/extension/ids';
import { api, EXTENSION_ID } from '../util';

describe('activation and manifest', () => {
  it('activates and returns the test API', async () => {
    const pm = await api();
    assert.strictEqual(typeof pm.whenIdle, 'function');
    assert.strictEqual(typeof pm.analyze, 'function');
    await pm.whenIdle();
  });

  it('registers every contributed command, each in the Promptmeter category', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const manifest = JSON.parse(fs.readFileSync(path.join(ext.extensionPath, 'package.json'), 'utf8'));
    const contributed: { command: string; category?: string }[] = manifest.contributes.commands;
    assert.deepStrictEqual(contributed.map((c) => c.command).sort(), [...paletteCommands].sort());
    for (const c of contributed) assert.strictEqual(c.category, 'Promptmeter', `${c.command} has category Promptmeter`);
    const registered = await vscode.commands.getCommands(true);
    for (const id of Object.values(commands)) assert.ok(registered.includes(id), `${id} is registered`);
  });

  it('gives .prompty and .prompt files their template languages', async () => {
    const folder = vscode.workspace.workspaceFolders![0]!.uri;
    const prompty = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'prompts/triage.prompty'));
    const dot = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'prompts/answer.prompt'));
    assert.strictEqual(prompty.languageId, 'prompty');
    assert.strictEqual(dot.languageId, 'dotprompt');
  });
});
