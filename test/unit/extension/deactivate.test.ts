/**
 * Issue 6, "Lifecycle": `deactivate` disposes everything. The built extension runs in a child
 * process against a recording stand-in `vscode` (recordingVscode.ts) — the one place a stand-in is
 * right: VS Code exposes no listener or registration counts, so only the API the extension calls
 * can see what it obtained and whether it gave each back. The child (deactivateChild.ts) drives
 * every feature once, deactivates as VS Code does, and reports what is left; it must then exit on
 * its own, which a live timer, worker, watcher or socket would prevent.
 *
 * What it found and what breaking it reported: deactivated during the first analysis, the
 * extension wrote to its output channel after disposing it (`OutputChannel.appendLine` ×2: VS Code
 * throws "Channel has been closed" there), and work still in flight started a worker after
 * deactivation that nobody stopped ("worker threads still running: WorkerBackend.start"; the child
 * never exited, a MessagePort kept it alive) — both fixed. With `DiagnosticsFeature.dispose`
 * skipping its listeners (once, by hand, then restored), both tests failed with "left undisposed:
 * listener workspace.onDidOpenTextDocument, …onDidChangeTextDocument, …onDidCloseTextDocument";
 * with `DiagnosticsFeature.clear` not deleting a closed document's entry, the churn test reported
 * "diagnostics: 202" against 2 (and the first test "a closed document keeps no diagnostics").
 * The churn test is the listener half of "no growing memory or listeners": the real host exposes no
 * listener counts, so they are counted here, over 200 documents opened, analysed and closed.
 */
import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const repo = path.resolve(__dirname, '../../../..');
const child = path.join(__dirname, 'deactivateChild.js');

interface Report {
  error?: string;
  evidence: Record<string, unknown>;
  resources: number;
  undisposed: string[];
  usedAfterDispose: string[];
  disposeErrors: string[];
  pendingTimers: string[];
  workersAlive: string[];
  activeResources: string[];
}

function runChild(mode: 'settled' | 'inflight' | 'churn'): Report {
  const r = spawnSync(process.execPath, [child, mode], { cwd: repo, encoding: 'utf8', timeout: 90000 });
  assert.strictEqual(r.signal, null, `the child exits on its own after deactivation (killed by ${r.signal} after 90 s: a timer, worker or handle kept it alive)\n${r.stdout}\n${r.stderr}`);
  const line = r.stdout.trim().split('\n').pop() ?? '';
  const report = JSON.parse(line) as Report;
  assert.strictEqual(report.error, undefined, `the child ran: ${report.error}\n${r.stderr}`);
  assert.strictEqual(r.status, 0, r.stderr);
  return report;
}

/** Counts repeated kinds: "listener x ×3". */
function tally(kinds: string[]): string[] {
  const n = new Map<string, number>();
  for (const k of kinds) n.set(k, (n.get(k) ?? 0) + 1);
  return [...n].map(([k, c]) => (c > 1 ? `${k} ×${c}` : k));
}

function assertAllReleased(report: Report): void {
  assert.ok(report.resources >= 10, `the stand-in recorded what activation obtained (${report.resources} resources)`);
  assert.deepStrictEqual(tally(report.undisposed), [], 'left undisposed');
  assert.deepStrictEqual(report.usedAfterDispose, [], 'used after dispose');
  assert.deepStrictEqual(report.disposeErrors, [], 'dispose threw');
  assert.deepStrictEqual(report.pendingTimers, [], 'timers of the extension still pending');
  assert.deepStrictEqual(report.workersAlive, [], 'worker threads still running');
  // Node's own view: nothing but the stdout pipe (and the child's own last timer, already fired).
  assert.deepStrictEqual(report.activeResources.filter((r) => !/^(TTYWrap|PipeWrap|FSReqCallback)$/.test(r)), [], 'live handles after deactivation');
}

describe('deactivate disposes everything (built dist/extension.js, recording vscode stand-in)', function () {
  this.timeout(200000);

  before(function () {
    if (!fs.existsSync(path.join(repo, 'dist/extension.js'))) this.skip();
  });

  it('after every feature ran once: every listener, provider, command, item, collection, channel, timer and worker is released', () => {
    const report = runChild('settled');
    const e = report.evidence;
    // The features really ran, so there was something to dispose.
    assert.ok((e.diagnostics as number) >= 1, `PM001 diagnostic published: ${JSON.stringify(e)}`);
    assert.strictEqual(e.closedDocDiagnostics, false, 'a closed document keeps no diagnostics');
    assert.match(String(e.lens), /in · .* out · \$/, 'a resolved CodeLens');
    assert.strictEqual(e.hover, true, 'a Promptmeter hover');
    assert.ok((e.actions as string[]).some((t) => /max_completion_tokens/.test(t)), `quick fixes: ${JSON.stringify(e.actions)}`);
    assert.match(String(e.status), /\d/, 'the status bar showed the prompt under the cursor');
    assert.match(String(e.selection), /\d/, 'the status bar counted a selection');
    assertAllReleased(report);
  });

  it('deactivated in the middle of the first analysis: the same, with nothing used after dispose', () => {
    assertAllReleased(runChild('inflight'));
  });

  it('200 documents opened, analysed and closed add no listener, resource or diagnostics entry', () => {
    const report = runChild('churn');
    const churn = report.evidence.churn as { documents: number; before: Record<string, number>; after: Record<string, number> };
    assert.strictEqual(churn.documents, 200);
    assert.ok(churn.before.listeners > 10, `listeners are counted: ${JSON.stringify(churn)}`);
    assert.deepStrictEqual(churn.after, churn.before, 'live listeners, resources and diagnostics entries after 200 more documents');
    assertAllReleased(report);
  });
});
