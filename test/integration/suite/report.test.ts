import * as assert from 'node:assert';
import * as os from 'node:os';
import * as vscode from 'vscode';
import { defaultSettings, parseWorkspaceConfig } from '../../../src/core/config';
import { extensionAssets } from '../../../src/extension/assets';
import { Engine } from '../../../src/extension/engine';
import type { ReportSession } from '../../../src/extension/report/command';
import { WorkspaceScanner, type ScanAnalysis } from '../../../src/extension/report/scan';
import { InThreadBackend } from '../../../src/extension/worker/backend';
import { DocumentAnalyzer } from '../../../src/extension/worker/documents';
import { analyzeOnce } from '../../../src/extension/worker/oneShot';
import { api, EXTENSION_ID } from '../util';

/** The report's own fixture, beside the workspace the runner opens. */
function reportFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a fixture workspace is open');
  return vscode.Uri.joinPath(folder.uri, '..', 'report');
}

async function showReport(): Promise<ReportSession> {
  const s = await vscode.commands.executeCommand<ReportSession | undefined>('promptmeter.showReport', { folder: reportFolder() });
  assert.ok(s, 'the command resolved to a report session');
  return s;
}

// List prices per million tokens, from the providers' pages (docs/pricing.md), not from the table.
const PRICES: Record<string, { input: number; output: number }> = {
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'claude-sonnet-4-5': { input: 3, output: 15 },
};
const dollars = (tokensIn: number, tokensOut: number, p: { input: number; output: number }) => (tokensIn * p.input + tokensOut * p.output) / 1e6;

describe('workspace cost report', function () {
  this.timeout(120000);
  let first: ReportSession;

  before(async () => {
    await api();
    // files.exclude applies to the report, like .gitignore and the report's own globs.
    await vscode.workspace.getConfiguration('files').update('exclude', { '**/excluded': true }, vscode.ConfigurationTarget.Global);
    first = await showReport();
  });

  after(async () => {
    await vscode.workspace.getConfiguration('files').update('exclude', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens the panel with core\'s report: table, three charts, nonce CSP, no remote resources', () => {
    assert.ok(first.panelVisible(), 'the report panel is visible');
    const html = first.html;
    assert.match(html, /<table id="pm-sites">/);
    for (const by of ['feature', 'model', 'file']) assert.match(html, new RegExp(`<svg[^>]+class="pm-chart"[^>]*>\\s*<title id="pm-chart-${by}-title">`));
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1]?.replace(/&#39;/g, "'") ?? '';
    assert.match(csp, /default-src 'none'/);
    const nonce = /script-src 'nonce-([0-9a-f]{32})'/.exec(csp)?.[1];
    assert.ok(nonce, `a script nonce in ${csp}`);
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    assert.ok(scripts.length >= 2, 'core\'s script and the webview script');
    for (const s of scripts) assert.ok(s.includes(`nonce="${nonce}"`), `${s} carries the nonce`);
    // Nothing but the two assets from media/report (webview resource URIs) is loaded.
    const loaded = [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]!);
    assert.deepStrictEqual(loaded.map((u) => /media\/report\/report\.(?:css|js)$/.exec(u)?.[0]).sort(), ['media/report/report.css', 'media/report/report.js']);
    assert.match(html, /<section id="pm-features"/);
    assert.match(html, /<form id="pm-whatif-form"/);
  });

  it('lists the sites git and files.exclude leave, and the files it could not analyse', () => {
    const r = first.model.report;
    assert.deepStrictEqual(r.sites.map((s) => `${s.file}:${s.line}`), ['prompts/answer.prompty:1', 'src/digest/summary.ts:7', 'src/support/chat.ts:9', 'src/support/triage.py:8']);
    assert.deepStrictEqual(r.errors.map((e) => e.file), ['src/blob.js', 'src/vendor/lib.min.js']);
    assert.match(r.errors[0]!.message, /binary/);
    assert.match(r.errors[1]!.message, /minified/);
  });

  it('prices each site at list prices and volumes from annotations, features and defaults', () => {
    for (const s of first.model.report.sites) {
      const p = PRICES[s.resolvedModel!]!;
      assert.ok(Math.abs(s.costPerCall!.total - dollars(s.inputTokens, s.outputTokensExpected, p)) < 1e-9, `${s.file} per call`);
    }
    const calls = Object.fromEntries(first.model.report.sites.map((s) => [s.file, s.callsPerMonth]));
    // Support: 10,000 tasks × 2 calls; the digest's annotation; the template at defaults.callsPerMonth.
    assert.deepStrictEqual(calls, { 'prompts/answer.prompty': 1000, 'src/digest/summary.ts': 300, 'src/support/chat.ts': 20000, 'src/support/triage.py': 20000 });
  });

  it('shows the workspace budget as PM008 and the cost-per-task worksheet', () => {
    const r = first.model.report;
    const pm008 = [...r.sites.flatMap((s) => s.findings), ...r.findings].filter((f) => f.rule === 'PM008');
    assert.strictEqual(pm008.length, 1);
    assert.match(pm008[0]!.message, /the workspace projects \$\d+.*over its \$5\.00\/mo budget/);
    const support = first.model.worksheet.find((w) => w.name === 'Support')!;
    const supportSites = r.sites.filter((s) => s.feature === 'Support');
    const monthly = supportSites.reduce((a, s) => a + s.monthlyCost!, 0);
    // Each task runs both calls twice: cost per task = 2 × the per-call sum = monthly ÷ 10,000 tasks.
    const perTask = 2 * supportSites.reduce((a, s) => a + s.costPerCall!.total, 0);
    assert.ok(Math.abs(support.monthlyCost / 1e9 - monthly) < 1e-6);
    assert.ok(Math.abs(support.costPerTask! / 1e9 - perTask) < 1e-8, `${support.costPerTask} vs ${perTask}`);
    assert.ok(Math.abs(support.costPerSuccessfulTask! / 1e9 - perTask / 0.8) < 1e-8);
    assert.match(first.html, /Cost per task, by feature/);
  });

  it('answers a what-if: the Support feature on gpt-4o-mini', () => {
    const supportSites = first.model.report.sites.filter((s) => s.feature === 'Support');
    const before = supportSites.reduce((a, s) => a + s.monthlyCost!, 0);
    const after = supportSites.reduce((a, s) => a + dollars(s.inputTokens, s.outputTokensExpected, PRICES['gpt-4o-mini']!) * s.callsPerMonth, 0);
    const reply = first.whatIf({ target: { kind: 'feature', name: 'Support' }, model: 'gpt-4o-mini', batch: false, caching: false });
    assert.strictEqual(reply.ok, true, reply.notes.join('; '));
    const money = (s: string) => Number(s.replace(/[$,]|\/mo/g, ''));
    assert.ok(Math.abs(money(reply.before) - before) < 0.01, `${reply.before} vs ${before}`);
    assert.ok(Math.abs(money(reply.after) - after) < 0.01, `${reply.after} vs ${after}`);
    assert.match(reply.delta, /^-\$/);
  });

  it('exports JSON, Markdown and CSV with core\'s renderers', async () => {
    const dir = vscode.Uri.joinPath(vscode.Uri.file(os.tmpdir()), `pm-report-${Date.now()}`);
    await vscode.workspace.fs.createDirectory(dir);
    try {
      await first.exportTo('json', vscode.Uri.joinPath(dir, 'r.json'));
      await first.exportTo('md', vscode.Uri.joinPath(dir, 'r.md'));
      await first.exportTo('csv', vscode.Uri.joinPath(dir, 'r.csv'));
      const read = async (n: string) => new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(dir, n)));
      assert.deepStrictEqual(JSON.parse(await read('r.json')), JSON.parse(JSON.stringify(first.model.report)));
      const md = await read('r.md');
      assert.match(md, /src\/support\/chat\.ts/);
      // the export carries what the panel shows: the worksheet and both shares
      assert.match(md, /\n### Cost per task, by feature\n[\s\S]*\n\| Support \| 2 \| /);
      assert.match(md, /\nOn premium models: \d+% of cost\. Cacheable but uncached: \d+% of cost\.\n/);
      assert.strictEqual((await read('r.csv')).trim().split(/\r?\n/).length, 1 + first.model.report.sites.length);
    } finally {
      await vscode.workspace.fs.delete(dir, { recursive: true });
    }
  });

  it('reveals the code of a row', async () => {
    const site = first.model.report.sites.find((s) => s.file === 'src/support/triage.py')!;
    const editor = await first.reveal(site.file, site.line, site.column);
    assert.ok(editor);
    assert.ok(editor.document.uri.path.endsWith('/report/src/support/triage.py'));
    assert.strictEqual(editor.selection.active.line, site.line - 1);
    assert.strictEqual(editor.selection.active.character, site.column - 1);
  });

  it('reuses unchanged files on a second run and re-reads one that changed', async () => {
    const again = await showReport();
    console.log(`      first run ${JSON.stringify(first.model.stats)}; second ${JSON.stringify(again.model.stats)}`);
    assert.strictEqual(again.model.stats.analysed, 0, JSON.stringify(again.model.stats));
    assert.strictEqual(again.model.stats.reused, again.model.stats.files);
    assert.deepStrictEqual(again.model.report.sites, first.model.report.sites);
    // Same bytes, new modification time.
    const uri = vscode.Uri.joinPath(reportFolder(), 'src/digest/summary.ts');
    const bytes = await vscode.workspace.fs.readFile(uri);
    await new Promise((r) => setTimeout(r, 20));
    await vscode.workspace.fs.writeFile(uri, bytes);
    const third = await showReport();
    console.log(`      after a touch ${JSON.stringify(third.model.stats)}`);
    assert.strictEqual(third.model.stats.analysed, 1, JSON.stringify(third.model.stats));
  });

  it('stops when cancelled and says so', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const engine = new Engine(extensionAssets(ext.extensionUri), () => undefined);
    const backend = new InThreadBackend(new DocumentAnalyzer(engine));
    const noEditors = { handles: () => false, analyzeText: (doc, read) => analyzeOnce(() => backend, doc, read) } as Pick<ScanAnalysis, 'handles' | 'analyzeText'>;
    const scanner = new WorkspaceScanner(noEditors as ScanAnalysis, []);
    const root = reportFolder();
    const yaml = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(root, 'promptmeter.yaml')));
    const cts = new vscode.CancellationTokenSource();
    const seen: number[] = [];
    const out = await scanner.scan([{ uri: root, name: 'report', ws: parseWorkspaceConfig(yaml).config, inWorkspace: false }], defaultSettings, (done) => {
      seen.push(done);
      if (done === 2) cts.cancel();
    }, cts.token);
    assert.strictEqual(out.cancelled, true);
    assert.deepStrictEqual(seen, [1, 2]);
    assert.strictEqual(out.files.length, 2);
    assert.ok(out.stats.files > 2, `${out.stats.files} files listed`);
    scanner.dispose();
    cts.dispose();
  });
});
