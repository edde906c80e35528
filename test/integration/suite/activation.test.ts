import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { fixtureUri, getExtension } from '../util';

describe('activation', () => {
  it('activates on a TypeScript file in the workspace and contributes its commands', async () => {
    const doc = await vscode.workspace.openTextDocument(fixtureUri('src/chat.ts'));
    await vscode.window.showTextDocument(doc);
    const ext = getExtension();
    await ext.activate();
    assert.ok(ext.isActive);
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('promptmeter.showReport'), 'promptmeter.showReport is registered');
  });
});
