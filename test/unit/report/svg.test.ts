import * as assert from 'node:assert/strict';
import { renderBarChartSvg } from '../../../src/core/report';

describe('renderBarChartSvg', () => {
  it('escapes labels and the title everywhere they appear', () => {
    const svg = renderBarChartSvg([{ label: '<script>alert("x")</script>&', value: 3 }], { title: 'Cost "by" <file>' });
    assert.ok(!svg.includes('<script>'));
    assert.ok(!svg.includes('"x"'));
    assert.ok(svg.includes('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;&#38;'));
    assert.ok(svg.includes('aria-label="Cost &#34;by&#34; &#60;file&#62;"'));
  });

  it('is accessible: role img, aria-label, title and a description of every value', () => {
    const svg = renderBarChartSvg([{ label: 'gpt-4o', value: 304.25 }, { label: 'claude', value: 135 }], { title: 'By model', id: 'm' });
    assert.match(svg, /^<svg [^>]*role="img"/);
    assert.match(svg, /<title id="m-title">By model<\/title>/);
    assert.match(svg, /<desc id="m-desc">gpt-4o: \$304\.25; claude: \$135\.00<\/desc>/);
    assert.match(svg, /aria-describedby="m-desc"/);
  });

  it('draws bar lengths proportional to the values', () => {
    const svg = renderBarChartSvg([{ label: 'a', value: 100 }, { label: 'b', value: 25 }], { title: 't', width: 640 });
    const widths = [...svg.matchAll(/<rect class="pm-bar" [^>]*width="(\d+)"/g)].map((m) => Number(m[1]));
    assert.equal(widths.length, 2);
    assert.ok(Math.abs(widths[1]! / widths[0]! - 0.25) < 0.01, String(widths));
  });

  it('has no style attributes or scripts, so a strict CSP allows it', () => {
    const svg = renderBarChartSvg([{ label: 'x', value: 1 }], { title: 't' });
    assert.ok(!/\sstyle=|<script|\son[a-z]+=/i.test(svg));
  });

  it('folds the tail into "other" and survives no data or bad values', () => {
    const bars = Array.from({ length: 12 }, (_, i) => ({ label: `f${i}`, value: 12 - i }));
    const svg = renderBarChartSvg(bars, { title: 't', maxBars: 5 });
    assert.equal([...svg.matchAll(/<rect /g)].length, 5);
    // the last 8 bars hold 8+7+…+1 = 36
    assert.match(svg, /other \(8\): \$36\.00/);
    assert.match(renderBarChartSvg([], { title: 'empty' }), /No data\./);
    assert.doesNotMatch(renderBarChartSvg([{ label: 'n', value: Number.NaN }], { title: 't' }), /NaN/);
  });

  it('shortens long labels from the front and keeps the full one in the tooltip', () => {
    const long = `src/${'deep/'.repeat(20)}file.ts`;
    const svg = renderBarChartSvg([{ label: long, value: 1 }], { title: 't' });
    assert.ok(svg.includes(`<title>${long}: $1.00</title>`));
    assert.match(svg, />…[^<]*file\.ts<\/text>/);
  });
});
