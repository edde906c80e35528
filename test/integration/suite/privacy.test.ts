/**
 * Issue 6, "Privacy", in the real extension host: the extension makes no network request. The
 * recorders of `../netRecorder` (net/tls/http/https/http2/dns/dgram, fetch, WebSocket,
 * EventSource) are installed when mocha loads this file — before any suite runs — in the host's
 * main thread, and in every worker thread started from then on (worker threads have their own
 * modules, so the extension's analysis worker gets them through a boot script). They record with
 * the stack and never block: VS Code itself may connect, and loopback is allowed. Independently,
 * the process's own sockets (/proc/self/fd against /proc/self/net, all threads) are sampled while
 * the features run, for a connection the recorders could not see.
 *
 * Then every feature is driven — documents opened, CodeLens, hover, diagnostics and a quick fix,
 * the status bar and a selection count, the workspace report and its exports to a temporary
 * folder — and the test asserts that no recorded attempt's stack runs through the extension's
 * files and that no non-loopback attempt or socket appeared at all while they ran. A last test
 * proves the recorder sees and attributes an attempt made from a frame in dist/extension.js.
 *
 * What breaking it reported (once, by hand, in a private copy, then restored): with
 * `void fetch('https://example.com/')` added to the hover provider, the second test failed with
 * "attempts from the extension: main: fetch https://example.com/ at Object.provideHover
 * (dist/extension.js:790:12)".
 */
import * as assert from 'node:assert';
import dns = require('node:dns');
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import { type Attempt, guardWorkers, installNetRecorder, isLocal } from '../netRecorder';
import { api, codeOf, EXTENSION_ID, eventually, fixtureUri, hoverText, lenses, open, ours, revert } from '../util';

const attempts: (Attempt & { phase: string })[] = [];
let phase = 'other suites';
const workerLog = path.join(os.tmpdir(), `pm-privacy-${process.pid}-${Date.now()}.jsonl`);
const workersStarted: string[] = [];
installNetRecorder((a) => attempts.push({ ...a, phase }));
guardWorkers(workerLog, workersStarted);

function workerAttempts(): (Attempt & { phase: string })[] {
  if (!fs.existsSync(workerLog)) return [];
  return fs.readFileSync(workerLog, 'utf8').trim().split('\n').filter(Boolean).map((l) => ({ ...(JSON.parse(l) as Attempt), phase: 'worker' }));
}

/** Connected non-loopback TCP/UDP sockets this process (any thread) holds now. */
function remoteSockets(): string[] {
  const inodes = new Set<string>();
  for (const fd of fs.readdirSync('/proc/self/fd')) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/self/fd/${fd}`));
      if (m) inodes.add(m[1]!);
    } catch {
      // closed between readdir and readlink
    }
  }
  const out: string[] = [];
  for (const table of ['tcp', 'tcp6', 'udp', 'udp6']) {
    let text = '';
    try {
      text = fs.readFileSync(`/proc/self/net/${table}`, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10 || !inodes.has(cols[9]!)) continue;
      const [addr = '', port = ''] = cols[2]!.split(':');
      if (/^0+$/.test(addr) || port === '0000' || loopbackHex(addr)) continue;
      out.push(`${table} ${cols[2]}`);
    }
  }
  return out;
}

/** /proc/net addresses are hex in network-to-host order: 127.x.x.x ends in 7F, ::1 is 0…01000000. */
function loopbackHex(addr: string): boolean {
  if (addr.length === 8) return addr.slice(6) === '7F';
  return addr === '00000000000000000000000001000000' || (addr.startsWith('0000000000000000FFFF0000') && addr.slice(30) === '7F');
}

describe('privacy: no network request from the extension, in the extension host', function () {
  this.timeout(180000);
  let extensionDir: string;
  const sampled = new Set<string>();
  let sampler: ReturnType<typeof setInterval> | undefined;
  let baseline = new Set<string>();

  before(async () => {
    extensionDir = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
    await api();
    baseline = new Set(remoteSockets());
    phase = 'features';
    sampler = setInterval(() => remoteSockets().forEach((s) => !baseline.has(s) && sampled.add(s)), 25);
  });

  after(() => {
    if (sampler) clearInterval(sampler);
    phase = 'other suites';
    fs.rmSync(workerLog, { force: true });
  });

  it('drives every feature: documents, CodeLens, hover, diagnostics and a quick fix, status bar, selection, report and exports', async () => {
    const { doc, editor, pm } = await open('src/chat.ts');
    assert.strictEqual((await lenses(doc.uri)).length, 1, 'a resolved CodeLens');
    const inPrompt = doc.positionAt(doc.getText().indexOf('Customer question') + 3);
    assert.match(await hoverText(doc.uri, inPrompt), /\*\*Promptmeter\*\*/);
    const diag = await eventually('PM001', () => ours(doc.uri).find((d) => codeOf(d) === 'PM001'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diag.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => /max_completion_tokens/.test(a.title));
    assert.ok(fix?.edit, 'a quick fix');
    try {
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      await pm.whenIdle();
      await eventually('PM001 fixed', () => !ours(doc.uri).some((d) => codeOf(d) === 'PM001'));
    } finally {
      await revert(doc);
    }
    // Status bar: the prompt under the cursor, then a selection's token count.
    editor.selection = new vscode.Selection(inPrompt, inPrompt);
    const start = doc.positionAt(doc.getText().indexOf('You are'));
    editor.selection = new vscode.Selection(start, doc.positionAt(doc.getText().indexOf('hosting company')));
    await pm.whenIdle();
    if (pm.status) await eventually('the status bar counts the selection', () => /\d/.test(pm.status!()?.text ?? ''));
    // Python, a template file, and code reading a prompt file from disk.
    for (const rel of ['src/summarize.py', 'prompts/triage.prompty', 'prompts/answer.prompt']) await open(rel);
    // The workspace report over the report fixture, and every export to a temporary folder.
    const session = await vscode.commands.executeCommand<{ exportTo(f: string, u: vscode.Uri): Promise<void> } | undefined>(
      'promptmeter.showReport', { folder: vscode.Uri.joinPath(fixtureUri('.'), '..', 'report') });
    assert.ok(session, 'the report ran');
    const dir = vscode.Uri.file(fs.mkdtempSync(path.join(os.tmpdir(), 'pm-privacy-export-')));
    try {
      for (const f of ['json', 'md', 'csv']) await session.exportTo(f, vscode.Uri.joinPath(dir, `r.${f}`));
      assert.strictEqual(fs.readdirSync(dir.fsPath).length, 3, 'three exports written');
    } finally {
      fs.rmSync(dir.fsPath, { recursive: true, force: true });
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
    await pm.whenIdle();
  });

  it('no attempt came from the extension and none left the machine while the features ran', () => {
    if (sampler) clearInterval(sampler);
    sampler = undefined;
    phase = 'checked';
    const all = [...attempts, ...workerAttempts()];
    const fromUs = all.filter((a) => a.stack.includes(extensionDir + path.sep + 'dist') || a.stack.includes(path.join(extensionDir, 'src', 'extension')));
    const show = (xs: Attempt[]) => xs.map((a) => `${a.thread}: ${a.what} ${a.target}\n${a.stack.split('\n').slice(0, 6).join('\n')}`).join('\n---\n');
    assert.strictEqual(fromUs.length, 0, `attempts from the extension:\n${show(fromUs)}`);
    const remote = all.filter((a) => (a.phase === 'features' || a.phase === 'worker') && !isLocal(a.target));
    assert.strictEqual(remote.length, 0, `non-loopback attempts while the features ran:\n${show(remote)}`);
    assert.deepStrictEqual([...sampled], [], 'non-loopback sockets held by the extension host while the features ran');
    const worker = path.join(extensionDir, 'dist', 'analysisWorker.js');
    if (fs.existsSync(worker)) {
      assert.ok(workersStarted.includes(worker), `the analysis worker was started after the recorder was installed, so it ran under it (started: ${JSON.stringify(workersStarted)})`);
    }
    console.log(`      privacy: ${all.length} network calls recorded in the host over the run, ${fromUs.length} from the extension; workers guarded: ${workersStarted.length}`);
  });

  it('the recorder sees and attributes an attempt made from a frame in dist/extension.js (self-check)', async () => {
    const n = attempts.length;
    phase = 'self-check';
    const fromDist = vm.runInThisContext('(f) => f()', { filename: path.join(extensionDir, 'dist', 'extension.js') }) as (f: () => void) => void;
    await new Promise<void>((resolve) => fromDist(() => dns.lookup('localhost', () => resolve())));
    const seen = attempts.slice(n);
    assert.ok(seen.some((a) => a.what === 'dns.lookup' && a.target === 'localhost' && a.stack.includes(path.join(extensionDir, 'dist', 'extension.js'))), JSON.stringify(seen));
  });
});
