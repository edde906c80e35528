import * as assert from 'node:assert/strict';
import { analyzeSites, requiredEncodings, siteId, siteIds } from '../../../src/core/analyze';
import type { Site } from '../../../src/core/model';
import { ctxWith, models, price, site, spanOf, textPart, words } from '../rules/fixtures';

const FRAME = 6; // OpenAI chat framing for one message: 3 per message + 3 priming the reply.

const chat = (text: string, extra: Partial<Site> = {}): Site =>
  site(text, {
    provider: 'openai',
    api: 'chat.completions.create',
    span: { start: spanOf(text, 'client').start, end: text.length },
    anchor: spanOf(text, 'client'),
    model: { id: 'gpt-test', origin: 'literal' },
    cap: { param: 'max_completion_tokens', value: 1_000, span: { start: 0, end: 0 } },
    ...extra,
  });

const src = 'const r = await client.chat.completions.create({ model: "gpt-test", messages });\n';

describe('analyzeSites', () => {
  it('counts parts, sizes slots from promptmeter.yaml or the default, and gives the range', () => {
    const s = chat(src, {
      parts: [
        textPart('system', words(10)),
        { role: 'user', segments: [{ kind: 'text', text: 'Question:' }, { kind: 'slot', name: 'question' }, { kind: 'slot', name: 'user.context' }], span: { start: 0, end: 0 } },
      ],
    });
    const ctx = ctxWith({ yaml: 'placeholders:\n  question: 40\n' });
    const [e] = analyzeSites('src/a.ts', src, [s], ctx);
    // Literal: 10 + 1 words; framing for two messages: 3 × 2 + 3 = 9. Slots: 40 (config) + 100 (default).
    assert.deepEqual(e!.inputTokensRange, { min: 11 + 9, max: 11 + 9 + 140 });
    assert.equal(e!.inputTokens, 160);
    assert.equal(e!.inputTokensExact, false);
    assert.deepEqual(e!.parts[1]!.slots, [
      { name: 'question', tokens: 40, source: 'config' },
      { name: 'user.context', tokens: 100, source: 'default' },
    ]);
    assert.equal(e!.parts[1]!.tokens, 141);
  });

  it('prices per call, at the cap, and per month, by hand arithmetic', () => {
    const s = chat(src, { parts: [textPart('user', words(994))] });
    const [e] = analyzeSites('src/a.ts', src, [s], ctxWith());
    // 994 + 6 = 1,000 input tokens. Expected 300: 1,000 × $2/M + 300 × $8/M = $0.002 + $0.0024 = $0.0044.
    assert.equal(e!.inputTokens, 1_000);
    assert.equal(e!.inputTokensExact, true);
    assert.equal(e!.outputTokensExpected, 300);
    assert.deepEqual(e!.costPerCall, { input: 2_000_000, output: 2_400_000, total: 4_400_000 });
    // Worst case at the 1,000-token cap: $0.002 + $0.008.
    assert.deepEqual(e!.worstCasePerCall, { input: 2_000_000, output: 8_000_000, total: 10_000_000 });
    // 1,000 calls by the default setting: $4.40.
    assert.equal(e!.volume.callsPerMonth, 1_000);
    assert.equal(e!.monthlyCost, 4_400_000_000);
  });

  it('bounds the expected output by the cap, and without a cap uses the model maximum as the worst case', () => {
    const low = chat(src, { parts: [textPart('user', 'Hi')], cap: { param: 'max_completion_tokens', value: 100, span: { start: 0, end: 0 } } });
    assert.equal(analyzeSites('src/a.ts', src, [low], ctxWith())[0]!.outputTokensExpected, 100);
    const none = chat(src, { parts: [textPart('user', 'Hi')], cap: null, expectedOutput: 700 });
    const [e] = analyzeSites('src/a.ts', src, [none], ctxWith());
    assert.equal(e!.outputTokensCap, 16_384);
    assert.equal(e!.outputTokensExpected, 700);
    // (1 + 6) × $2/M + 16,384 × $8/M = 14 + 131,072 micro-dollars.
    assert.equal(e!.worstCasePerCall!.total, 131_086_000);
  });

  it('counts a written thinking budget as output on top of the default answer, within the cap', () => {
    const thinking = { param: 'thinking.budget_tokens', budget: 2_000, span: { start: 0, end: 0 } };
    const capAt = (value: number) => ({ param: 'max_tokens', value, span: { start: 0, end: 0 } });
    const run = (s: Site) => analyzeSites('src/a.ts', src, [s], ctxWith())[0]!.outputTokensExpected;
    assert.equal(run(chat(src, { reasoning: thinking, cap: capAt(4_096) })), 2_300);
    assert.equal(run(chat(src, { reasoning: thinking, cap: capAt(1_000) })), 1_000);
    assert.equal(run(chat(src, { reasoning: thinking, cap: capAt(4_096), expectedOutput: 900 })), 900);
    assert.equal(run(chat(src, { reasoning: { param: 'reasoning_effort', effort: 'high', span: { start: 0, end: 0 } }, cap: capAt(4_096) })), 300);
  });

  it('keeps the cost of an unpriced model null, never $0, while still counting tokens and volume', () => {
    const s = chat(src, { model: { id: 'mystery-model', origin: 'literal' }, parts: [textPart('user', words(4))] });
    const [e] = analyzeSites('src/a.ts', src, [s], ctxWith());
    assert.equal(e!.resolvedModel, null);
    assert.equal(e!.costPerCall, null);
    assert.equal(e!.worstCasePerCall, null);
    assert.equal(e!.monthlyCost, null);
    assert.equal(e!.inputTokens, 4 + FRAME);
    assert.equal(e!.volume.callsPerMonth, 1_000);
  });

  it('prices a model known only at run time with defaults.model, and leaves it unpriced without one', () => {
    const s = chat(src, { model: { id: 'modelName', origin: 'dynamic' }, parts: [textPart('user', 'Hi')] });
    assert.equal(analyzeSites('src/a.ts', src, [s], ctxWith())[0]!.costPerCall, null);
    const [e] = analyzeSites('src/a.ts', src, [s], ctxWith({ yaml: 'defaults:\n  model: gpt-test\n' }));
    assert.equal(e!.resolvedModel, 'gpt-test');
    assert.notEqual(e!.costPerCall, null);
  });

  describe('volume, end to end', () => {
    const annotated = '// promptmeter: 20k/day\nconst r = await client.chat.completions.create({ model: "gpt-test", messages });\n';
    const id = siteId('src/chat/a.ts', 'call', 'chat.completions.create', 0);
    const yaml = [
      'defaults:',
      '  callsPerMonth: 5000',
      'volumes:',
      '  - glob: "src/**"',
      '    calls: 1k/day',
      '  - glob: "src/chat/**"',
      '    calls: 2k/day',
      `  - site: ${id}`,
      '    calls: 90000',
      '',
    ].join('\n');
    const volumeOf = (text: string, file: string, y: string) =>
      analyzeSites(file, text, [chat(text, { parts: [textPart('user', 'Hi')] })], ctxWith({ yaml: y }))[0]!.volume;

    it('takes the inline annotation first (20k/day = 600,000 a month)', () => {
      const v = volumeOf(annotated, 'src/chat/a.ts', yaml);
      assert.equal(v.source, 'annotation');
      assert.equal(v.callsPerMonth, 600_000);
    });
    it('then the site id, then the most specific glob, then defaults, then the setting', () => {
      assert.equal(volumeOf(src, 'src/chat/a.ts', yaml).callsPerMonth, 90_000);
      assert.equal(volumeOf(src, 'src/chat/b.ts', yaml).callsPerMonth, 60_000);
      assert.equal(volumeOf(src, 'src/other.ts', yaml).callsPerMonth, 30_000);
      assert.equal(volumeOf(src, 'lib/x.ts', yaml).callsPerMonth, 5_000);
      assert.equal(volumeOf(src, 'lib/x.ts', '').callsPerMonth, 1_000);
    });
    it('multiplies the monthly cost by the volume in force', () => {
      const [e] = analyzeSites('src/chat/a.ts', annotated, [chat(annotated, { parts: [textPart('user', words(994))] })], ctxWith());
      // $0.0044 × 600,000 = $2,640.
      assert.equal(e!.monthlyCost, 2_640_000_000_000);
    });
  });

  describe('stable ids', () => {
    const two = 'a(client.chat.completions.create({}));\nb(client.chat.completions.create({}));\n';
    const sitesOf = (text: string): Site[] => {
      const first = text.indexOf('client');
      const second = text.indexOf('client', first + 1);
      return [first, second].map((at) => chat(text, { span: { start: at, end: at + 10 }, anchor: { start: at, end: at + 6 } }));
    };

    it('are the same across runs and differ between sites', () => {
      const a = analyzeSites('src/a.ts', two, sitesOf(two), ctxWith()).map((e) => e.id);
      const b = analyzeSites('src/a.ts', two, sitesOf(two), ctxWith()).map((e) => e.id);
      assert.deepEqual(a, b);
      assert.notEqual(a[0], a[1]);
      assert.match(a[0]!, /^[0-9a-f]{12}$/);
    });

    it('survive edits elsewhere in the file, inside the call, and a change of model', () => {
      const before = siteIds('src/a.ts', sitesOf(two));
      const edited = '// a new header comment\nimport x from "y";\n\n' + two.replace('{}', '{ temperature: 0 }');
      const moved = sitesOf(edited).map((s, i) => (i === 0 ? { ...s, model: { id: 'claude-sonnet-4-5', origin: 'literal' as const } } : s));
      assert.deepEqual(siteIds('src/a.ts', moved), before);
    });

    it('depend on the file and the API, and follow source order rather than array order', () => {
      const ids = siteIds('src/a.ts', sitesOf(two));
      assert.notDeepEqual(siteIds('src/b.ts', sitesOf(two)), ids);
      assert.deepEqual(siteIds('src/a.ts', sitesOf(two).reverse()), [...ids].reverse());
      const other = sitesOf(two).map((s) => ({ ...s, api: 'responses.create' }));
      assert.notEqual(siteIds('src/a.ts', other)[0], ids[0]);
    });
  });

  describe('cache', () => {
    it('counts tools, system and the static text before the first slot as eligible', () => {
      const s = chat(src, {
        parts: [
          { role: 'user', segments: [{ kind: 'text', text: words(7, 'u') }, { kind: 'slot', name: 'q' }, { kind: 'text', text: words(50, 'z') }], span: { start: 0, end: 0 } },
          textPart('system', words(20)),
          textPart('tools', words(30, 't')),
        ],
      });
      const [e] = analyzeSites('src/a.ts', src, [s], ctxWith());
      assert.equal(e!.cache.eligibleTokens, 30 + 20 + 7);
      // Below OpenAI's 1,024 minimum: automatic caching does not apply.
      assert.equal(e!.cache.used, false);
    });

    it('is used with a marker, or automatically once the stable prefix reaches the minimum', () => {
      const big = chat(src, { parts: [textPart('system', words(1_024)), { role: 'user', segments: [], span: { start: 0, end: 0 }, unresolved: true }] });
      assert.equal(analyzeSites('src/a.ts', src, [big], ctxWith())[0]!.cache.used, true);
      const small = chat(src, { parts: [textPart('system', words(1_023))] });
      assert.equal(analyzeSites('src/a.ts', src, [small], ctxWith())[0]!.cache.used, false);
      const claude = chat(src, { model: { id: 'claude-sonnet-4-5', origin: 'literal' }, parts: [textPart('system', words(5_000))] });
      assert.equal(analyzeSites('src/a.ts', src, [claude], ctxWith())[0]!.cache.used, false);
      const marked = { ...claude, cache: [{ kind: 'cache_control' as const, span: { start: 0, end: 1 } }] };
      assert.equal(analyzeSites('src/a.ts', src, [marked], ctxWith())[0]!.cache.used, true);
    });
  });

  it('asks for the encoding of each model it will count', () => {
    const seen: (string | null)[] = [];
    const ctx = ctxWith();
    ctx.tokenizers = {
      forModel: ctx.tokenizers.forModel,
      encodingFor: (id) => {
        seen.push(id);
        return id === 'claude-sonnet-4-5' ? 'cl100k_base' : 'o200k_base';
      },
    };
    const sites = [chat(src), chat(src, { model: { id: 'claude-sonnet-4-5', origin: 'literal' } }), chat(src, { model: null })];
    assert.deepEqual(requiredEncodings(sites, ctx).sort(), ['cl100k_base', 'o200k_base']);
    assert.deepEqual(seen, ['gpt-test', 'claude-sonnet-4-5', null]);
  });

  it('never prices with a row that is not in the table', () => {
    const ctx = ctxWith({ rows: [price({ id: 'only-model' })] });
    const [e] = analyzeSites('src/a.ts', src, [chat(src, { model: { id: models.gpt.id, origin: 'literal' } })], ctx);
    assert.equal(e!.costPerCall, null);
  });
});
