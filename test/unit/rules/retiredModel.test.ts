import * as assert from 'node:assert/strict';
import { analyzeSites } from '../../../src/core/analyze';
import type { Finding, Site } from '../../../src/core/model';
import { applyEdits } from '../../../src/core/rules';
import { ctxWith, models, price, site, spanOf, textPart } from './fixtures';

const old = price({ id: 'gpt-old', inputPerMTok: 10, outputPerMTok: 30, status: 'deprecated', retiredOn: '2026-06-01', successor: 'gpt-test' });
const js = 'await client.chat.completions.create({ model: "gpt-old", messages });\n';
const call: Site = site(js, {
  provider: 'openai',
  api: 'chat.completions.create',
  model: { id: 'gpt-old', span: spanOf(js, '"gpt-old"'), origin: 'literal' },
  parts: [textPart('user', 'Hello there')],
  cap: { param: 'max_completion_tokens', value: 1000, span: { start: 0, end: 0 } },
});

function pm007(rows = [old, models.gpt], today = '2026-12-01'): Finding | undefined {
  return analyzeSites('src/a.ts', js, [call], ctxWith({ rows, today }))[0]!.findings.find((f) => f.rule === 'PM007');
}

describe('PM007 retired-model', () => {
  it('names the date and what the same call costs on the successor, by hand arithmetic', () => {
    // 2 words + 6 framing = 8 input tokens; 300 expected output tokens.
    // Here: 8 × $10/M + 300 × $30/M = $0.00908 → "$0.0091". Successor: 8 × $2/M + 300 × $8/M = $0.002416 → "$0.0024".
    const f = pm007();
    assert.ok(f);
    assert.equal(f.severity, 'error');
    assert.equal(f.message, 'gpt-old was retired on 2026-06-01: calls to it fail or are redirected; its successor gpt-test costs $0.0024 per call ($0.0091 here)');
    assert.deepEqual(f.span, spanOf(js, '"gpt-old"'));
    assert.equal(applyEdits(js, f.fixes[0]!.edits), 'await client.chat.completions.create({ model: "gpt-test", messages });\n');
  });

  it('uses the retirement day itself as retired, and the day before as not yet', () => {
    assert.ok(pm007(undefined, '2026-06-01'));
    assert.equal(pm007(undefined, '2026-05-31'), undefined);
  });

  it('flags a row marked retired without a date, and names a successor it cannot price', () => {
    const f = pm007([{ ...old, retiredOn: null, status: 'retired', successor: 'gpt-next' }]);
    assert.ok(f);
    assert.equal(f.message, 'gpt-old was retired: calls to it fail or are redirected; its successor is gpt-next');
    assert.deepEqual(f.fixes, []);
  });

  it('stays quiet for active models and deprecated ones not yet retired', () => {
    assert.equal(pm007([{ ...old, status: 'active', retiredOn: null }]), undefined);
    assert.equal(pm007([{ ...old, retiredOn: '2027-01-01' }]), undefined);
  });
});
