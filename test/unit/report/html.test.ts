import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { buildScanReport, renderHtml, renderReportBody, reportCsp } from '../../../src/core/report';
import { SAMPLE_META, sampleEstimates } from './sample';

const ALLOWED_TAGS = new Set(['header', 'h1', 'h2', 'p', 'main', 'ul', 'li', 'span', 'strong', 'div', 'svg', 'title', 'desc', 'text', 'g', 'rect', 'label', 'input', 'table', 'caption', 'thead', 'tbody', 'tr', 'th', 'td', 'button', 'code', 'section']);

function hostileReport() {
  const est = sampleEstimates();
  est[0]!.file = 'src/<img src=x onerror=alert(1)>.ts';
  est[0]!.site.model = { id: '"><script>alert(2)</script>', origin: 'literal' };
  est[0]!.findings[0]!.message = 'bad <b onclick="x()">';
  const features = SAMPLE_META.features.map((f) => ({ ...f, name: '<svg onload=alert(4)>' }));
  return buildScanReport(est, { ...SAMPLE_META, lines: () => undefined, featureOf: () => '<svg onload=alert(3)>', features });
}

describe('HTML report', () => {
  it('declares a CSP with no remote source and nonce-only styles and script', () => {
    const html = renderHtml(buildScanReport(sampleEstimates(), SAMPLE_META), { nonce: 'N0nce' });
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; img-src data:; style-src &#39;nonce-N0nce&#39;; script-src &#39;nonce-N0nce&#39;;/);
    assert.match(html, /<style nonce="N0nce">/);
    assert.match(html, /<script nonce="N0nce">/);
    assert.doesNotMatch(html, /\s(src|href)="(https?:)?\/\//);
    assert.doesNotMatch(html, /\sstyle="/);
  });

  it('runs no script without a nonce, and adds the webview source to the CSP', () => {
    const html = renderHtml(buildScanReport(sampleEstimates(), SAMPLE_META));
    assert.doesNotMatch(html, /<script/);
    assert.equal(reportCsp({ nonce: 'n', cspSource: 'vscode-webview:' }), "default-src 'none'; img-src data: vscode-webview:; style-src 'nonce-n' vscode-webview:; script-src 'nonce-n'; base-uri 'none'; form-action 'none'");
  });

  it('escapes every text that comes from the scanned code', () => {
    const body = renderReportBody(hostileReport());
    // every tag and attribute in the output is one the renderer writes itself
    const tags = new Set([...body.matchAll(/<([a-zA-Z][\w-]*)/g)].map((m) => m[1]));
    assert.deepEqual([...tags].filter((t) => !ALLOWED_TAGS.has(t!)), []);
    const attrs = new Set([...body.matchAll(/<[a-zA-Z][^>]*>/g)].flatMap((m) => [...m[0].matchAll(/\s([a-zA-Z-]+)(?:="[^"]*")?/g)].map((a) => a[1])));
    assert.deepEqual([...attrs].filter((a) => a!.startsWith('on')), []);
    assert.match(body, /&#60;img src=x onerror=alert\(1\)&#62;/);
    assert.match(body, /title="bad &#60;b onclick=&#34;x\(\)&#34;&#62;"/);
    assert.match(body, /<tr data-feature="&#60;svg onload=alert\(4\)&#62;"><td>&#60;svg onload=alert\(4\)&#62;<\/td>/);
  });

  it('carries the cost-per-task worksheet, as the CLI writes it, between the charts and the table', () => {
    const body = renderReportBody(buildScanReport(sampleEstimates(), SAMPLE_META));
    const at = ['<h2>Monthly cost</h2>', '<section id="pm-features"', '<table id="pm-sites">'].map((m) => body.indexOf(m));
    assert.ok(at[0]! >= 0 && at[0]! < at[1]! && at[1]! < at[2]!, JSON.stringify(at));
    // by hand (sample.ts): chat $304.25 / 25,000 tasks = $0.01217, / 0.8 = $0.0152; summaries 2 × $0.0135 = $0.027
    assert.match(body, /<tr data-feature="chat"><td>chat<\/td><td class="n">2 <span class="pm-muted">\(1 unpriced\)<\/span><\/td><td class="n">25,000<\/td><td class="n">—<\/td><td class="n">\$0\.0122<\/td><td class="n">80%<\/td><td class="n">\$0\.0152<\/td><td class="n">\$304\.25<\/td><td class="n">—<\/td><\/tr>/);
    assert.match(body, /<tr data-feature="summaries">.*<td class="n">\$0\.027<\/td>.*\$100\.00 \(over\)/);
    // a workspace without features gets no empty section
    assert.doesNotMatch(renderReportBody(buildScanReport(sampleEstimates(), { ...SAMPLE_META, features: [] })), /pm-features/);
  });

  it('gives each row what the webview needs to reveal the code', () => {
    const body = renderReportBody(buildScanReport(sampleEstimates(), SAMPLE_META));
    assert.match(body, /<tr tabindex="0" data-id="chat-1" data-file="src\/chat\.ts" data-line="5" data-column="10">/);
    // three charts, each an accessible image
    assert.equal([...body.matchAll(/<svg [^>]*role="img"/g)].length, 3);
  });
});

describe('HTML report extension points (what the webview adds)', () => {
  const r = buildScanReport(sampleEstimates(), SAMPLE_META);
  const html = renderHtml(r, {
    nonce: 'N1',
    cspSource: 'vscode-webview:',
    stylesheets: ['vscode-webview://x/media/report/report.css'],
    scripts: ['vscode-webview://x/media/report/report.js'],
    toolbar: '<nav id="host-toolbar"></nav>',
    sections: ['<section id="host-section"></section>'],
  });

  it('puts each addition in its place, in reading order', () => {
    const order = [
      '<style nonce="N1">',
      '<link rel="stylesheet" href="vscode-webview://x/media/report/report.css">',
      '</head>',
      '<nav id="host-toolbar">',
      '<ul class="pm-totals">',
      '<li id="pm-share-uncached">',
      '<section id="pm-features"',
      '<section id="host-section">',
      '<table id="pm-sites">',
      '<script nonce="N1">',
      '<script nonce="N1" src="vscode-webview://x/media/report/report.js"></script>',
      '</body>',
    ];
    const at = order.map((m) => html.indexOf(m));
    assert.deepEqual(order.filter((_, i) => at[i]! < 0), [], 'all present');
    assert.deepEqual([...at].sort((a, b) => a - b), at, 'in reading order');
  });

  it('runs a host script only by nonce: with core\'s script off, and refusing one without a nonce', () => {
    const only = renderHtml(r, { nonce: 'N2', script: false, scripts: ['vscode-webview://x/a.js'] });
    assert.match(only, /script-src &#39;nonce-N2&#39;/);
    assert.deepEqual(only.match(/<script\b[^>]*>/g), ['<script nonce="N2" src="vscode-webview://x/a.js">']);
    assert.throws(() => renderHtml(r, { scripts: ['a.js'] }), /nonce/);
    // no host script: the CLI's page is unchanged by the extension points
    assert.equal(renderHtml(r, { nonce: 'N3', scripts: [], stylesheets: [], sections: [] }), renderHtml(r, { nonce: 'N3' }));
  });
});

/** The page in a real browser: the CSP lets the nonce'd script run and blocks nothing of ours. */
const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => p && existsSync(p));

describe('HTML report in Chromium', function () {
  this.timeout(60_000);
  before(function () {
    if (!CHROMIUM) this.skip();
  });

  it('sorts, filters and announces a row under its own CSP, with no violation', async () => {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text());
      });
      page.on('pageerror', (e) => problems.push(e.message));
      await page.setContent(renderHtml(buildScanReport(sampleEstimates(), SAMPLE_META), { nonce: 'abc123' }));
      const files = () => page.$$eval('#pm-sites tbody tr:not([hidden])', (rs) => rs.map((r) => r.getAttribute('data-id')));
      assert.deepEqual(await files(), ['sum-1', 'chat-1', 'legacy-1']);
      await page.click('th[data-col="8"] button'); // $/month: largest first, unpriced last
      assert.deepEqual(await files(), ['chat-1', 'sum-1', 'legacy-1']);
      await page.click('th[data-col="8"] button');
      assert.deepEqual(await files(), ['legacy-1', 'sum-1', 'chat-1']);
      await page.fill('#pm-filter', 'anthropic');
      assert.deepEqual(await files(), ['sum-1']);
      // strings, since this file is compiled without the DOM's types
      await page.evaluate("document.addEventListener('pm-reveal', (e) => { window.got = e.detail; })");
      await page.focus('#pm-sites tbody tr:not([hidden])');
      await page.keyboard.press('Enter');
      assert.deepEqual(await page.evaluate('window.got'), { file: 'app/summarize.py', line: 6, column: 12, id: 'sum-1' });
      assert.deepEqual(problems, []);
      await page.setContent(renderHtml(hostileReport(), { nonce: 'abc123' }));
      assert.equal(await page.evaluate("document.querySelectorAll('img, b, main svg svg, script:not([nonce])').length"), 0);
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
    }
  });
});
