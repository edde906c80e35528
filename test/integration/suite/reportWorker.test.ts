/**
 * Issue 6 for the workspace report: its scan analyses files through the editor's backend (the
 * analysis worker on the desktop), so a file with 1,000 prompts is reported in full without
 * holding the extension host's thread, and a file whose parse was stopped, or whose prompt lives
 * in a linked file, is reported as the CLI reports it. The files are written to a fresh temporary
 * folder that no editor opens, which is exactly the case the scan used to parse on the host thread.
 */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ReportSession } from '../../../src/extension/report/command';
import { lostQuoteFile } from '../../fuzz/pathological';
import { hostBlocking } from '../hostBlocking';
import { api } from '../util';

/** `n` OpenAI calls in one Python file, one per line, each with its own system prompt. */
function manyPythonPrompts(n: number): string {
  const call = (i: number) =>
    `    client.chat.completions.create(model="gpt-4o", max_tokens=100, messages=[{"role": "system", "content": "You are helper number ${i}."}, {"role": "user", "content": q}])\n`;
  return `from openai import OpenAI\nclient = OpenAI()\n\ndef f(q):\n${Array.from({ length: n }, (_, i) => call(i)).join('')}`;
}

/**
 * A call, then a string that lost its opening quote: tree-sitter's recovery runs out of time. The
 * short lines ahead keep the average line under the scan's minified bound, so it is parsed at all.
 */
const BROKEN_JS = lostQuoteFile(20000, "''", 80);

/** The system prompt comes from a file beside the code: 600 times " word", one o200k token each. */
const LINKED_TS = [
  "import OpenAI from 'openai';",
  "import { readFileSync } from 'fs';",
  "new OpenAI().chat.completions.create({ model: 'gpt-4o', max_tokens: 50, messages: [{ role: 'system', content: readFileSync('prompts/sys.txt', 'utf8') }] });",
  '',
].join('\n');

async function report(folder: string): Promise<ReportSession> {
  const s = await vscode.commands.executeCommand<ReportSession | undefined>('promptmeter.showReport', { folder: vscode.Uri.file(folder) });
  assert.ok(s, 'the command resolved to a report session');
  return s;
}

function write(root: string, rel: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
}

describe('workspace report off the extension host thread (issue 6)', function () {
  this.timeout(240_000);
  let tmp: string;

  before(async () => {
    await api();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-report-worker-'));
    write(tmp, 'warm/small.py', manyPythonPrompts(2));
    write(tmp, 'big/prompts.py', manyPythonPrompts(1_000));
    write(tmp, 'big/broken.js', BROKEN_JS);
    write(tmp, 'big/linked.ts', LINKED_TS);
    write(tmp, 'big/prompts/sys.txt', ' word'.repeat(600));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('reports every site of a 1,000-prompt file without holding the host thread for more than 50 ms of CPU at a time', async function () {
    // Warm the worker (tree-sitter, tokenizer ranks) and the report's code on a small folder, so
    // what is measured is the scan of the big file and not one-off loading.
    const warm = await report(path.join(tmp, 'warm'));
    assert.strictEqual(warm.model.report.sites.length, 2);

    const big = path.join(tmp, 'big');
    const text = fs.readFileSync(path.join(big, 'prompts.py'), 'utf8');
    const r = await hostBlocking(() => report(big));
    const { sites, errors } = r.value.model.report;
    console.log(`    host thread during the report of 1,000 prompts: max event-loop delay ${r.maxDelayMs.toFixed(0)} ms, max CPU between pings ${r.maxBusyCpuMs?.toFixed(0) ?? 'n/a'} ms; ${sites.length} sites; stats ${JSON.stringify(r.value.model.stats)}`);

    // Every call, on its own line (line 5 onwards), priced with its prompt.
    const big1000 = sites.filter((s) => s.file === 'prompts.py');
    assert.strictEqual(big1000.length, 1_000);
    const lines = text.split('\n');
    const callLines = lines.flatMap((l, i) => (l.includes('client.chat.completions.create') ? [i + 1] : []));
    assert.deepStrictEqual(big1000.map((s) => s.line).sort((a, b) => a - b), callLines);
    assert.ok(big1000.every((s) => s.inputTokens > 0 && s.resolvedModel === 'gpt-4o'));

    // The linked prompt was read beside the code: 600 tokens of it alone.
    const linked = sites.filter((s) => s.file === 'linked.ts');
    assert.strictEqual(linked.length, 1, JSON.stringify(sites.map((s) => s.file)));
    assert.ok(linked[0]!.inputTokens >= 600, `${linked[0]!.inputTokens} input tokens`);

    // The stopped parse is an error line worded as the CLI words it, not a silently empty file.
    const broken = errors.find((e) => e.file === 'broken.js');
    assert.ok(broken, JSON.stringify(errors));
    assert.strictEqual(broken.message, `parse stopped: tree-sitter could not recover from a syntax error in time (${BROKEN_JS.length} characters); no sites read`);
    assert.ok(!sites.some((s) => s.file === 'broken.js'));

    if (r.maxBusyCpuMs === null) this.skip(); // no per-thread CPU counter on this platform
    assert.ok(r.maxBusyCpuMs <= 50, `host thread busy ${r.maxBusyCpuMs.toFixed(0)} ms of CPU at a stretch (≤ 50 ms)`);
  });
});
