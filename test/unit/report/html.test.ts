import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { buildScanReport, renderHtml, renderReportBody, reportCsp } from '../../../src/core/report';
import { SAMPLE_META, sampleEstimates } from './sample';

const ALLOWED_TAGS = new Set(['header', 'h1', 'h2', 'p', 'main', 'ul', 'li', 'span', 'strong', 'div', 'svg', 'title', 'desc', 'text', 'g', 'rect', 'label', 'input', 'table', 'caption', 'thead', 'tbody', 'tr', 'th', 'td', 'button', 'code']);

function hostileReport() {
  const est = sampleEstimates();
  est[0]!.file = 'src/<img src=x onerror=alert(1)>.ts';
  est[0]!.site.model = { id: '"><script>alert(2)</script>', origin: 'literal' };
  est[0]!.findings[0]!.message = 'bad <b onclick="x()">';
  return buildScanReport(est, { ...SAMPLE_META, lines: () => undefined, featureOf: () => '<svg onload=alert(3)>' });
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
  });

  it('gives each row what the webview needs to reveal the code', () => {
    const body = renderReportBody(buildScanReport(sampleEstimates(), SAMPLE_META));
    assert.match(body, /<tr tabindex="0" data-id="chat-1" data-file="src\/chat\.ts" data-line="5" data-column="10">/);
    // three charts, each an accessible image
    assert.equal([...body.matchAll(/<svg [^>]*role="img"/g)].length, 3);
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
