/**
 * Minified code puts every call on one line. Per-site work that scans "the call's line" is then
 * proportional to the file, and the file's sites to the file too: quadratic. These pin the bound
 * on the scans that are fixed, and keep annotations working on ordinary lines.
 */
import * as assert from 'node:assert/strict';
import { volumeAnnotationNear } from '../../../src/core/config';
import { cpuMs } from '../../fuzz/harness';

describe('hardening: per-site scans of one very long line', () => {
  const line = 'var a=1;'.repeat(128 * 1024); // 1 MB, no line break
  const offsets = Array.from({ length: 2_000 }, (_, i) => Math.floor((i * line.length) / 2_000));

  it('volumeAnnotationNear reads a bounded window around the call, not the whole line (2,000 calls on a 1 MB line)', () => {
    const t0 = cpuMs();
    for (const o of offsets) assert.equal(volumeAnnotationNear(line, o), null);
    const ms = cpuMs() - t0;
    // Before the bound this took about 5 s of CPU (2,000 × 1 MB scanned twice); now ~10 ms.
    assert.ok(ms < 1_500, `took ${ms} ms`);
  });

  it('an annotation on the call line or the line above still counts, also at the end of a long line', () => {
    const code = `const pad = "${'x'.repeat(3_000)}";\n// promptmeter: 20k/day\nclient.chat.completions.create({}); // promptmeter: 1k/day\n`;
    const call = code.indexOf('client');
    assert.equal(volumeAnnotationNear(code, call)?.text, 'promptmeter: 1k/day');
    const above = `// promptmeter: 20k/day\n${'y'.repeat(3_000)}client.create({});\n`;
    assert.equal(volumeAnnotationNear(above, above.indexOf('client'))?.callsPerMonth, 20_000 * 30);
  });
});
