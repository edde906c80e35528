import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { codeOf, eventually, fixtureUri, hoverText, lenses, open, ours, revert } from '../util';

describe('templates, Python and the workspace file', () => {
  it('puts a lens at the top of a .prompty template with its front-matter model and cap', async () => {
    const { doc } = await open('prompts/triage.prompty');
    const found = await lenses(doc.uri);
    assert.strictEqual(found.length, 1);
    assert.strictEqual(found[0]!.range.start.line, 0);
    assert.match(found[0]!.command!.title, /^≈[\d,]+ in · ≤50 out · \$[\d.]+\/call/);
    const md = await hoverText(doc.uri, new vscode.Position(17, 5));
    assert.match(md, /gpt-4o-mini/);
  });

  it('prices an Anthropic call in Python at its written max_tokens, with no PM001 (the API requires a cap)', async () => {
    const { doc, pm } = await open('src/summarize.py');
    const [lens] = await lenses(doc.uri);
    assert.ok(lens, 'a lens on the call');
    assert.match(lens.command!.title, /≤1,024 out/);
    await pm.whenIdle();
    assert.ok(!ours(doc.uri).some((d) => codeOf(d) === 'PM001'));
    const [est] = await pm.analyze(doc.uri);
    assert.strictEqual(est!.volume.source, 'annotation');
    assert.ok(Math.abs(est!.volume.callsPerMonth - 400 * 52 / 12) < 20, `400/week ≈ ${est!.volume.callsPerMonth}/month`);
  });

  it('shows promptmeter.yaml problems at their exact line and column while typing', async () => {
    const { doc, pm } = await open('promptmeter.yaml');
    const line = doc.getText().split('\n').findIndex((l) => l.includes('callsPerMonth'));
    const edit = new vscode.WorkspaceEdit();
    const valueStart = doc.lineAt(line).text.indexOf('10000');
    edit.replace(doc.uri, new vscode.Range(line, valueStart, line, valueStart + 5), '-5');
    try {
      assert.ok(await vscode.workspace.applyEdit(edit));
      const d = await eventually('a diagnostic for the bad value', () => ours(doc.uri).find((x) => x.range.start.line === line));
      assert.strictEqual(d.range.start.character, valueStart, 'starts at the value');
      assert.match(d.message, /negative|0/);
      await pm.whenIdle();
    } finally {
      await revert(doc);
    }
    await eventually('problems gone after revert', () => ours(fixtureUri('promptmeter.yaml')).length === 0);
  });
});

describe('settings apply without a reload', () => {
  const config = () => vscode.workspace.getConfiguration('promptmeter');

  it('turning CodeLens off removes the lenses, turning it on brings them back', async () => {
    const { doc } = await open('src/chat.ts');
    assert.strictEqual((await lenses(doc.uri)).length, 1);
    await config().update('codeLens.enable', false, vscode.ConfigurationTarget.Global);
    try {
      await eventually('lenses gone', async () => (await lenses(doc.uri)).length === 0);
    } finally {
      await config().update('codeLens.enable', undefined, vscode.ConfigurationTarget.Global);
    }
    await eventually('lenses back', async () => (await lenses(doc.uri)).length === 1);
  });

  it('a rule severity setting changes the diagnostic severity', async () => {
    const { doc, pm } = await open('src/chat.ts');
    await config().update('diagnostics.severity.PM001', 'error', vscode.ConfigurationTarget.Global);
    try {
      await pm.whenIdle();
      await eventually('PM001 as an error', () => ours(doc.uri).some((d) => codeOf(d) === 'PM001' && d.severity === vscode.DiagnosticSeverity.Error));
      await config().update('diagnostics.severity.PM001', 'off', vscode.ConfigurationTarget.Global);
      await pm.whenIdle();
      await eventually('PM001 off', () => !ours(doc.uri).some((d) => codeOf(d) === 'PM001'));
    } finally {
      await config().update('diagnostics.severity.PM001', undefined, vscode.ConfigurationTarget.Global);
    }
    await eventually('PM001 back as a warning', () => ours(doc.uri).some((d) => codeOf(d) === 'PM001' && d.severity === vscode.DiagnosticSeverity.Warning));
  });
});

describe('document lifetime', () => {
  it('analyses an unsaved (untitled) document and clears its diagnostics when it closes', async () => {
    const { api: getApi } = await import('../util');
    const pm = await getApi();
    const doc = await vscode.workspace.openTextDocument({
      language: 'typescript',
      content: "import OpenAI from 'openai';\nconst client = new OpenAI();\nexport const r = client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Say hi.' }] });\n",
    });
    await vscode.window.showTextDocument(doc);
    await pm.whenIdle();
    await eventually('PM001 on the untitled document', () => ours(doc.uri).some((d) => codeOf(d) === 'PM001'));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await eventually('diagnostics cleared on close', () => ours(doc.uri).length === 0, 30000);
  });
});
