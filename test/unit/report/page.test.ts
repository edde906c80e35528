import * as assert from 'node:assert/strict';
import { parseWorkspaceConfig } from '../../../src/core/config';
import { buildScanReport, featureWorksheet } from '../../../src/core/report';
import { parseWebviewMessage } from '../../../src/extension/report/messages';
import type { ReportModel } from '../../../src/extension/report/model';
import { reportPage } from '../../../src/extension/report/page';
import { estimate } from '../helpers/estimates';

// The webview page and its message protocol are pure text; the host-side wiring is tested in
// test/integration/suite/report.test.ts.
describe('report webview page', () => {
  const { config: ws } = parseWorkspaceConfig('features:\n  - name: "Chat <x>"\n    globs: ["src/**"]\n    tasksPerMonth: 100\n');
  const estimates = [estimate({ id: 'site-"1"', file: 'src/a<b>.ts', model: 'gpt-4o', input: 100, output: 10, perCall: 1_000_000, calls: 1000 })];
  const worksheet = featureWorksheet(estimates, ws);
  const report = buildScanReport(estimates, { toolVersion: '1.0.0', pricingAsOf: '2026-01-01', errors: [], featureOf: () => 'Chat <x>', features: worksheet,
    // gpt-4o's $2.50/M input against a $2/M threshold: the whole cost is on a premium model
    premium: { inputPerMTok: (id) => (id === 'gpt-4o' ? 2.5 : null), thresholdPerMTok: 2 } });
  const model: ReportModel = {
    report,
    worksheet,
    stats: { files: 3, analysed: 1, reused: 2, errors: 0, ms: 12, listMs: 3 },
    models: [{ id: 'gpt-4o-mini', provider: 'openai' }, { id: 'claude-<3>', provider: 'anthropic' }],
  };
  const html = reportPage(model, { nonce: 'abc123', cspSource: 'vscode-webview://x', scriptUri: 'vscode-resource:/media/report/report.js', styleUri: 'vscode-resource:/media/report/report.css' });

  it('is core\'s document with the editor\'s parts in place', () => {
    const order = ['<meta http-equiv="Content-Security-Policy"', 'report.css', '<nav id="pm-toolbar"', '<ul class="pm-totals">', 'id="pm-share-premium"', '<section id="pm-features"', '<section id="pm-whatif"', '<table id="pm-sites">', 'report.js', '</body>'];
    const at = order.map((s) => html.indexOf(s));
    assert.ok(at.every((i) => i >= 0), JSON.stringify(order.filter((_, i) => at[i]! < 0)));
    assert.deepEqual([...at].sort((a, b) => a - b), at, 'in reading order');
    assert.match(html, /On premium models<\/span><strong>100% of cost/);
    assert.match(html, /3 files scanned · 2 reused · 12 ms/);
  });

  it('loads the webview script with the CSP\'s nonce, after core\'s own script', () => {
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1]!.replace(/&#39;/g, "'");
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    assert.equal(nonce, 'abc123');
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.deepEqual(scripts, ['<script nonce="abc123">', '<script nonce="abc123" src="vscode-resource:/media/report/report.js">']);
    assert.equal((html.match(/<link rel="stylesheet" href="vscode-resource:\/media\/report\/report\.css">/g) ?? []).length, 1);
    // the editor's parts once each: core renders the worksheet, the page does not add another
    for (const id of ['pm-toolbar', 'pm-features', 'pm-whatif', 'pm-share-premium', 'pm-share-uncached']) {
      assert.equal(html.split(`id="${id}"`).length - 1, 1, id);
    }
  });

  it('runs only nonce\'d scripts and escapes every workspace value', () => {
    for (const tag of html.match(/<script\b[^>]*>/g)!) assert.match(tag, /nonce="abc123"/);
    assert.match(html, /script-src &#39;nonce-abc123&#39;/);
    assert.ok(!html.includes('a<b>.ts') && !html.includes('Chat <x>') && !html.includes('claude-<3>'));
    assert.match(html, /<option value="\{&#34;kind&#34;:&#34;feature&#34;,&#34;name&#34;:&#34;Chat &#60;x&#62;&#34;\}">/);
    assert.match(html, /<optgroup label="anthropic"><option value="claude-&#60;3&#62;">/);
  });
});

describe('report webview messages', () => {
  it('accepts the protocol and drops anything else', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'reveal', file: 'a.ts', line: 3, column: 1 }), { type: 'reveal', file: 'a.ts', line: 3, column: 1 });
    assert.deepEqual(parseWebviewMessage({ type: 'whatIf', target: { kind: 'feature', name: 'F' }, model: null, batch: 1, caching: true }), {
      type: 'whatIf', target: { kind: 'feature', name: 'F' }, model: null, batch: false, caching: true,
    });
    assert.deepEqual(parseWebviewMessage({ type: 'export', format: 'csv' }), { type: 'export', format: 'csv' });
    for (const bad of [null, 'reveal', { type: 'reveal', file: 'a', line: 1.5, column: 1 }, { type: 'export', format: 'exe' }, { type: 'whatIf', target: { kind: 'site' }, model: null }, { type: 'eval' }]) {
      assert.equal(parseWebviewMessage(bad), null, JSON.stringify(bad));
    }
  });
});
