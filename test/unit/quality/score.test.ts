import * as assert from 'node:assert/strict';
import { groupTable, matchFile, rate, renderReport, sameCap, sameLinks, sameModel, score, type ExpectedSite, type PredictedSite } from './score';

const e = (line: number, over: Partial<ExpectedSite> = {}): ExpectedSite => ({
  line,
  kind: 'call',
  provider: 'openai',
  api: 'chat.completions.create',
  model: 'gpt-4o',
  cap: { param: 'max_completion_tokens', value: 512 },
  cached: false,
  ...over,
});
const p = (line: number, over: Partial<PredictedSite> = {}): PredictedSite => ({
  line,
  kind: 'call',
  provider: 'openai',
  api: 'chat.completions.create',
  model: 'gpt-4o',
  cap: { param: 'max_completion_tokens', value: 512 },
  cached: false,
  ...over,
});

describe('quality scoring', () => {
  it('pairs sites one-to-one by line and kind, leaving misses and extras', () => {
    const m = matchFile({ file: 'a.py', expected: [e(3), e(9)], predicted: [p(3), p(3), p(20)] });
    assert.deepEqual(m.pairs.map((x) => x.expected.line), [3]);
    assert.deepEqual(m.missed.map((x) => x.expected.line), [9]);
    assert.deepEqual(m.extra.map((x) => x.predicted.line).sort(), [20, 3]);
  });

  it('does not pair a template with a call on the same line', () => {
    const m = matchFile({ file: 'a.prompty', expected: [e(1, { kind: 'template' })], predicted: [p(1)] });
    assert.equal(m.pairs.length, 0);
  });

  it('accepts an alsoAt line only after primary lines are taken', () => {
    // Site A (line 10, also 7) and site B (line 7): a prediction at 7 belongs to B, not A.
    const m = matchFile({ file: 'x.ts', expected: [e(10, { alsoAt: [7] }), e(7)], predicted: [p(7)] });
    assert.equal(m.pairs.length, 1);
    assert.equal(m.pairs[0]!.expected.line, 7);
    const m2 = matchFile({ file: 'x.ts', expected: [e(10, { alsoAt: [7] })], predicted: [p(7)] });
    assert.equal(m2.pairs.length, 1);
  });

  it('compares models without a routing prefix and case', () => {
    assert.ok(sameModel('openai/gpt-4o-mini', 'gpt-4o-mini'));
    assert.ok(sameModel('GPT-4o', 'gpt-4o'));
    assert.ok(sameModel(null, null));
    assert.ok(!sameModel('gpt-4o', 'gpt-4o-mini'));
    assert.ok(!sameModel('gpt-4o', null));
  });

  it('compares caps by the last segment of the parameter and the exact value, 0 included', () => {
    assert.ok(sameCap({ param: 'max_output_tokens', value: 256 }, { param: 'generation_config.max_output_tokens', value: 256 }));
    assert.ok(sameCap({ param: 'max_tokens', value: 0 }, { param: 'max_tokens', value: 0 }));
    assert.ok(!sameCap({ param: 'max_tokens', value: 0 }, { param: 'max_tokens', value: null }));
    assert.ok(!sameCap({ param: 'max_tokens', value: 100 }, { param: 'max_completion_tokens', value: 100 }));
    assert.ok(!sameCap(null, { param: 'maxTokens', value: 5 }));
  });

  it('computes recall and precision as counted by hand', () => {
    // 4 expected (3 with caps), 4 predicted: 3 matched, 1 missed (capped), 1 extra.
    // Matched caps: one right, one wrong value, one predicted where none was expected (a decoy).
    const { scores } = score([
      {
        file: 'f.py',
        expected: [e(1), e(5, { cap: { param: 'max_tokens', value: 64 } }), e(9, { cap: null }), e(20)],
        predicted: [p(1), p(5, { cap: { param: 'max_tokens', value: 65 } }), p(9, { cap: { param: 'maxTokens', value: 3 } }), p(30)],
      },
    ]);
    assert.deepEqual(scores.siteRecall, { num: 3, den: 4 });
    assert.deepEqual(scores.sitePrecision, { num: 3, den: 4 });
    assert.deepEqual(scores.capRecall, { num: 1, den: 3 });
    assert.deepEqual(scores.capPrecision, { num: 1, den: 3 });
    assert.equal(rate(scores.capRecall), 1 / 3);
    assert.equal(rate({ num: 0, den: 0 }), 1);
  });

  it('scores linked prompt files only where the golden lists them, ignoring a leading ./', () => {
    assert.ok(sameLinks(['prompts/a.txt'], ['./prompts/a.txt']));
    assert.ok(!sameLinks(['prompts/a.txt'], []));
    assert.ok(!sameLinks([], ['prompts/a.txt']));
    const { scores } = score([
      {
        file: 'h.py',
        expected: [e(1, { linked: ['prompts/a.txt'] }), e(2, { linked: ['prompts/b.txt'] }), e(3)],
        predicted: [p(1, { linked: ['./prompts/a.txt'] }), p(2), p(3, { linked: ['x.txt'] })],
      },
    ]);
    assert.deepEqual(scores.linked, { num: 1, den: 2 });
  });

  it('counts found, extra and right caps per corpus folder', () => {
    const m = matchFile({
      file: 'openai/a.py',
      expected: [e(1), e(2), e(3, { cap: null })],
      predicted: [p(1), p(2, { cap: null }), p(7)],
    });
    const rows = groupTable(m);
    assert.equal(rows.length, 2);
    assert.match(rows[1]!, /^\s+openai\s+2\/3\s+1\s+1\/2$/);
  });

  it('prints each miss with file and line', () => {
    const { scores, matching } = score([{ file: 'g.ts', expected: [e(4)], predicted: [p(8, { model: null })] }]);
    const text = renderReport(scores, matching, []);
    assert.match(text, /g\.ts:4 .*expected chat\.completions\.create/);
    assert.match(text, /g\.ts:8 .*got .*<no model>/);
  });
});
