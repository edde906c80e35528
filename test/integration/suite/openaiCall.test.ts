/**
 * The done-when of the editor experience, on an OpenAI call with no output cap (src/chat.ts):
 * a CodeLens with tokens and dollars, a hover with the breakdown, a PM001 warning whose quick fix
 * inserts `max_completion_tokens`. Numbers are checked against tiktoken (the reference
 * tokenizer) and gpt-4o's list prices ($2.50 in / $10.00 out per million tokens), by hand.
 */
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { codeOf, eventually, hoverText, lenses, num, open, ours, referenceTokens, revert } from '../util';

const SYSTEM = `You are the support assistant for Acme Cloud, a hosting company.
Answer in the customer's language. Be concise and friendly, and never promise refunds.`;
/** `promptmeter.yaml` sizes the `question` placeholder at 40 tokens. */
const QUESTION_SLOT = 40;
/** `promptmeter.yaml`: defaults.expectedOutputTokens. */
const EXPECTED_OUT = 300;

describe('an OpenAI call with no output cap (src/chat.ts)', () => {
  it('shows a CodeLens with tokens in and out, $ per call and per month at the annotated 50k/month', async () => {
    const { doc } = await open('src/chat.ts');
    const found = await lenses(doc.uri);
    assert.strictEqual(found.length, 1, 'one call site, one lens');
    const lens = found[0]!;
    assert.strictEqual(lens.range.start.line, 9, 'the lens sits on the call (line 10)');
    const title = lens.command!.title;
    const m = /^(≈?)([\d,]+) in · (≤|≈)([\d,]+) out · \$(\d+\.\d+)\/call · ≈\$([\d,.]+)\/mo @ 50k\/mo$/.exec(title);
    assert.ok(m, `lens title has the contracted shape: ${title}`);
    assert.strictEqual(m[1], '≈', 'a placeholder makes the input approximate');

    // Literal prompt text by the reference tokenizer, plus the configured slot, plus a little chat framing.
    const literal = referenceTokens(SYSTEM) + referenceTokens('Customer question: ');
    const input = num(m[2]!);
    assert.ok(input >= literal + QUESTION_SLOT && input <= literal + QUESTION_SLOT + 16, `input ${input} ≈ ${literal} + ${QUESTION_SLOT} + framing`);

    // $ per call and per month at gpt-4o list prices, computed here.
    const perCall = (input * 2.5 + EXPECTED_OUT * 10) / 1e6;
    const shown = Number(m[5]);
    assert.ok(Math.abs(shown - perCall) / perCall < 0.02, `per call ${shown} ≈ ${perCall.toFixed(6)}`);
    const monthly = Number(m[6]!.replace(/,/g, ''));
    assert.ok(Math.abs(monthly - perCall * 50_000) / (perCall * 50_000) < 0.02, `monthly ${monthly} ≈ ${(perCall * 50_000).toFixed(2)}`);
  });

  it('hovers the prompt with the breakdown: parts, prices with source and date, costs, monthly and its source', async () => {
    const { doc } = await open('src/chat.ts');
    const at = doc.positionAt(doc.getText().indexOf('Customer question') + 3);
    const md = await hoverText(doc.uri, at);
    assert.match(md, /\*\*Promptmeter\*\*/);
    assert.match(md, /gpt-4o/);
    assert.match(md, /Tokens: system \*\*\d+\*\* · user \*\*\d+\*\* \(`\{question\}` ≈40\) · framing \*\*\d+\*\*/, `tokens per part, the user part with its placeholder slot: ${md}`);
    assert.match(md, /input \$2\.5\b.*output \$10\b.*as of \d{4}-\d{2}(-\d{2})?/, 'prices per 1M tokens with source and as-of date');
    assert.match(md, /\| cost \| per call \| per month @ 50k \|/);
    assert.match(md, /\| uncached \| \$[\d.]+ \| \$[\d,.]+ \|/);
    assert.match(md, /\| batch \| \$[\d.]+ \|/, 'gpt-4o has a batch tier');
    assert.match(md, /Monthly ≈\$[\d,.]+ at 50,000 calls\/month, from annotation/);
    const sys = referenceTokens(SYSTEM);
    assert.ok(md.includes(`system **${sys}** · user **${referenceTokens('Customer question: ') + QUESTION_SLOT}**`), `system part = tiktoken's ${sys}, user = tiktoken + slot: ${md}`);
  });

  it('reports PM001 once, as a warning with a link to the rule page', async () => {
    const { doc, pm } = await open('src/chat.ts');
    await pm.whenIdle();
    const diags = await eventually('PM001 on chat.ts', () => {
      const d = ours(doc.uri);
      return d.length ? d : undefined;
    });
    assert.deepStrictEqual(diags.map(codeOf), ['PM001']);
    const d = diags[0]!;
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Warning);
    const target = (d.code as { target: vscode.Uri }).target;
    assert.match(target.toString(), /PM001/);
    assert.ok(d.range.start.line >= 9 && d.range.start.line <= 15, 'on the call');
  });

  it('does not report PM001 on a call that has a cap (src/capped.ts)', async () => {
    const { doc, pm } = await open('src/capped.ts');
    await pm.whenIdle();
    assert.deepStrictEqual(ours(doc.uri).map(codeOf).filter((c) => c === 'PM001'), []);
  });

  it('quick-fixes PM001 by inserting max_completion_tokens, and the warning goes', async () => {
    const { doc, pm } = await open('src/chat.ts');
    const diag = await eventually('PM001', () => ours(doc.uri).find((d) => codeOf(d) === 'PM001'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diag.range, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((a) => a.title);
    const fix = actions.find((a) => /max_completion_tokens/.test(a.title));
    assert.ok(fix?.edit, `a fix names the parameter: ${JSON.stringify(titles)}`);
    assert.ok(actions.some((a) => /Ignore PM001/.test(a.title)), `an ignore action: ${JSON.stringify(titles)}`);
    try {
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      const text = doc.getText();
      assert.match(text, /create\(\{\n\s+model: 'gpt-4o',[\s\S]*max_completion_tokens: \d+,?\n/, 'the cap is a property of the request object');
      await pm.whenIdle();
      await eventually('PM001 gone', () => !ours(doc.uri).some((d) => codeOf(d) === 'PM001'));
    } finally {
      await revert(doc);
    }
  });

  it('the ignore action inserts a promptmeter-ignore comment that silences PM001', async () => {
    const { doc, pm } = await open('src/chat.ts');
    const diag = await eventually('PM001', () => ours(doc.uri).find((d) => codeOf(d) === 'PM001'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diag.range, vscode.CodeActionKind.QuickFix.value);
    const ignore = actions.find((a) => /Ignore PM001/.test(a.title));
    assert.ok(ignore?.edit);
    try {
      assert.ok(await vscode.workspace.applyEdit(ignore.edit));
      assert.match(doc.getText(), /promptmeter-ignore PM001/);
      await pm.whenIdle();
      await eventually('PM001 silenced', () => !ours(doc.uri).some((d) => codeOf(d) === 'PM001'));
    } finally {
      await revert(doc);
    }
  });

  it('re-analyses as the user types: a new cap in the text updates the lens', async () => {
    const { doc, pm } = await open('src/chat.ts');
    const edit = new vscode.WorkspaceEdit();
    const at = doc.positionAt(doc.getText().indexOf("model: 'gpt-4o',") + "model: 'gpt-4o',".length);
    edit.insert(doc.uri, at, '\n    max_completion_tokens: 512,');
    try {
      assert.ok(await vscode.workspace.applyEdit(edit));
      await pm.whenIdle();
      const [lens] = await lenses(doc.uri);
      assert.match(lens!.command!.title, / · ≤512 out · /);
    } finally {
      await revert(doc);
    }
  });
});
