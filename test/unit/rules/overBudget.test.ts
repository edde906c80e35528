import * as assert from 'node:assert/strict';
import { analyzeSites, siteId } from '../../../src/core/analyze';
import type { Site, SiteEstimate } from '../../../src/core/model';
import { attachBudgetFindings, budgetFindings } from '../../../src/core/rules';
import { ctxWith, site, spanOf, textPart } from './fixtures';

// Each call: 2 words + 6 framing = 8 input tokens, 300 output tokens on gpt-test ($2/$8 per M):
// 8 × 2 + 300 × 8 = 2,416 micro-dollars = $0.002416 per call; × 1,000 default calls = $2.416/mo.
const plain = 'await client.chat.completions.create({ model: "gpt-test", messages });\n';
const annotated = '// promptmeter: 2k/month\nawait client.chat.completions.create({ model: "gpt-test", messages });\n';

const callIn = (text: string): Site =>
  site(text, {
    provider: 'openai',
    api: 'chat.completions.create',
    span: { start: spanOf(text, 'client').start, end: text.length - 2 },
    anchor: spanOf(text, 'client.chat.completions.create'),
    model: { id: 'gpt-test', origin: 'literal' },
    parts: [textPart('user', 'Hello there')],
    cap: { param: 'max_completion_tokens', value: 1000, span: { start: 0, end: 0 } },
  });

const pm008 = (e: SiteEstimate) => e.findings.filter((f) => f.rule === 'PM008');

describe('PM008 over-budget', () => {
  it("flags a site's monthly budget on that site, by hand arithmetic", () => {
    const id = siteId('src/chat/a.ts', 'call', 'chat.completions.create', 0);
    const ctx = ctxWith({ yaml: `budgets:\n  sites:\n    - site: ${id}\n      monthly: 2\n` });
    const [est] = analyzeSites('src/chat/a.ts', plain, [callIn(plain)], ctx);
    assert.deepEqual(
      pm008(est!).map((f) => [f.severity, f.message]),
      [['warning', "$2.42/mo at 1,000 calls is over this call site's $2.00/mo budget"]],
    );
    const roomy = ctxWith({ yaml: `budgets:\n  sites:\n    - site: ${id}\n      monthly: 2.42\n` });
    assert.deepEqual(pm008(analyzeSites('src/chat/a.ts', plain, [callIn(plain)], roomy)[0]!), []);
  });

  it('flags each call over a per-call limit of the workspace', () => {
    const ctx = ctxWith({ yaml: 'budgets:\n  workspace:\n    perCall: 0.002\n' });
    const [est] = analyzeSites('src/x.ts', plain, [callIn(plain)], ctx);
    assert.deepEqual(pm008(est!).map((f) => f.message), ['$0.0024 per call is over the $0.0020 per-call budget of the workspace']);
  });

  it('sums a feature across files and puts the finding on its largest site, once', () => {
    const yaml = 'features:\n  - name: Chat\n    globs: ["src/chat/**"]\n    budget:\n      monthly: 4\n';
    const ctx = ctxWith({ yaml });
    const a = analyzeSites('src/chat/a.ts', plain, [callIn(plain)], ctx);
    const b = analyzeSites('src/chat/b.ts', annotated, [callIn(annotated)], ctx);
    // Neither file alone decides a feature budget.
    assert.deepEqual([...a, ...b].flatMap(pm008), []);
    // $2.416 + 2,000 × $0.002416 = $2.416 + $4.832 = $7.248 → "$7.25" over "$4.00".
    const all = [...a, ...b];
    const found = budgetFindings(all, ctx.workspace, ctx.settings);
    assert.equal(found.length, 1);
    assert.equal(found[0]!.actual, 7_248_000_000);
    assert.equal(found[0]!.limit, 4_000_000_000);
    assert.equal(found[0]!.file, 'src/chat/b.ts');
    assert.equal(found[0]!.finding.message, 'feature "Chat" projects $7.25/mo, over its $4.00/mo budget; this call is the largest share at $4.83/mo');
    attachBudgetFindings(all, ctx.workspace, ctx.settings);
    attachBudgetFindings(all, ctx.workspace, ctx.settings);
    assert.equal(pm008(all[1]!).length, 1);
    assert.equal(pm008(all[0]!).length, 0);
  });

  it('moves a group finding off a site that suppresses PM008, and says unpriced sites are not counted', () => {
    const yaml = 'budgets:\n  workspace:\n    monthly: 4\n';
    const ctx = ctxWith({ yaml });
    const quiet = annotated.replace('messages });', 'messages }); // promptmeter-ignore PM008');
    const unpriced = { ...callIn(plain), model: { id: 'nope-model', origin: 'literal' as const } };
    const all = [
      ...analyzeSites('src/a.ts', plain, [callIn(plain)], ctx),
      ...analyzeSites('src/b.ts', quiet, [callIn(quiet)], ctx),
      ...analyzeSites('src/c.ts', plain, [unpriced], ctx),
    ];
    const found = budgetFindings(all, ctx.workspace, ctx.settings);
    assert.equal(found.length, 1);
    assert.equal(found[0]!.file, 'src/a.ts');
    assert.equal(found[0]!.finding.message, 'the workspace projects $7.25/mo, over its $4.00/mo budget; this call is the largest share at $2.42/mo; 1 unpriced site not counted');
  });

  it('keeps one PM008 per site, listing every budget the call is over', () => {
    const id = siteId('src/chat/a.ts', 'call', 'chat.completions.create', 0);
    const yaml = [
      'features:',
      '  - name: Chat',
      '    globs: ["src/chat/**"]',
      '    budget:',
      '      monthly: 1',
      'budgets:',
      '  workspace:',
      '    perCall: 0.002',
      '  sites:',
      `    - site: ${id}`,
      '      perCall: 0.001',
      '',
    ].join('\n');
    const ctx = ctxWith({ yaml });
    const all = analyzeSites('src/chat/a.ts', plain, [callIn(plain)], ctx);
    assert.deepEqual(pm008(all[0]!).map((f) => f.message), [
      '$0.0024 per call is over the $0.0020 per-call budget of the workspace; $0.0024 per call is over the $0.0010 per-call budget of this call site',
    ]);
    attachBudgetFindings(all, ctx.workspace, ctx.settings);
    attachBudgetFindings(all, ctx.workspace, ctx.settings);
    assert.deepEqual(pm008(all[0]!).map((f) => f.message), [
      '$0.0024 per call is over the $0.0020 per-call budget of the workspace; $0.0024 per call is over the $0.0010 per-call budget of this call site; ' +
        'feature "Chat" projects $2.42/mo, over its $1.00/mo budget, all of it from this call',
    ]);
  });

  it('is off when promptmeter.yaml turns PM008 off', () => {
    const ctx = ctxWith({ yaml: 'budgets:\n  workspace:\n    monthly: 1\n    perCall: 0.0001\nrules:\n  PM008: off\n' });
    const all = analyzeSites('src/a.ts', plain, [callIn(plain)], ctx);
    assert.deepEqual(pm008(all[0]!), []);
    assert.deepEqual(budgetFindings(all, ctx.workspace, ctx.settings), []);
  });
});
