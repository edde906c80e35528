import * as assert from 'node:assert/strict';
import { analyzeSites } from '../../../src/core/analyze';
import type { Finding, PromptPart, Site } from '../../../src/core/model';
import { applyEdits } from '../../../src/core/rules';
import { args, ctxWith, prop, site, spanFromTo, spanOf, textPart, words } from './fixtures';

function pm004(text: string, s: Site): Finding | undefined {
  return analyzeSites('src/a.ts', text, [s], ctxWith())[0]!.findings.find((f) => f.rule === 'PM004');
}

const question: PromptPart = { role: 'user', segments: [], span: { start: 0, end: 0 }, unresolved: true };

describe('PM004 uncached-stable-prompt', () => {
  const js = [
    'const msg = await client.messages.create({',
    '  model: "claude-sonnet-4-5",',
    '  max_tokens: 1024,',
    '  system: SYSTEM,',
    '  messages: [{ role: "user", content: question }],',
    '});',
    '',
  ].join('\n');
  const jsSite = (systemWords = 1_500): Site =>
    site(js, {
      provider: 'anthropic',
      api: 'messages.create',
      anchor: spanOf(js, 'client.messages.create'),
      model: { id: 'claude-sonnet-4-5', origin: 'literal' },
      cap: { param: 'max_tokens', value: 1024, span: spanOf(js, 'max_tokens: 1024') },
      parts: [textPart('system', words(systemWords), spanOf(js, 'SYSTEM')), question],
      args: args('object', spanFromTo(js, '({', '})'), [
        prop(js, 'model', 'model: "claude-sonnet-4-5"', '"claude'),
        prop(js, 'max_tokens', 'max_tokens: 1024', '1024'),
        prop(js, 'system', 'system: SYSTEM', 'SYSTEM'),
        prop(js, 'messages', 'messages: [{ role: "user", content: question }]', '[{'),
      ]),
    });

  it('prices the prefix uncached and as a cache read, by hand arithmetic', () => {
    // 1,500 tokens × $3/M = $0.0045; as a read × $0.30/M = $0.00045;
    // saved per month at the default 1,000 calls: ($0.0045 − $0.00045) × 1,000 = $4.05.
    const f = pm004(js, jsSite());
    assert.ok(f);
    assert.equal(f.severity, 'info');
    assert.equal(
      f.message,
      'stable prefix of 1,500 tokens (system) is sent without cache_control: as a cache read it would cost $0.00045 instead of $0.0045 per call ' +
        '(≈ $4.05/mo less at 1,000 calls); mark it with cache_control',
    );
  });

  it('turns the system string into a cached block, and offers nothing that would cache the changing user message', () => {
    const f = pm004(js, jsSite());
    assert.ok(f);
    assert.equal(f.fixes.length, 1);
    assert.equal(f.fixes[0]!.preferred, true);
    assert.equal(
      applyEdits(js, f.fixes[0]!.edits),
      js.replace('system: SYSTEM,', 'system: [{ type: "text", text: SYSTEM, cache_control: { type: "ephemeral" } }],'),
    );
  });

  it('writes the block as a Python list of dicts', () => {
    const py = 'client.messages.create(model="claude-sonnet-4-5", max_tokens=1024, system=STYLE_GUIDE, messages=msgs)\n';
    const s = site(py, {
      language: 'python',
      provider: 'anthropic',
      api: 'messages.create',
      model: { id: 'claude-sonnet-4-5', origin: 'literal' },
      cap: { param: 'max_tokens', value: 1024, span: spanOf(py, 'max_tokens=1024') },
      parts: [textPart('system', words(2_000)), question],
      args: args('kwargs', spanFromTo(py, '(', ')'), [
        prop(py, 'model', 'model="claude-sonnet-4-5"', '"claude'),
        prop(py, 'max_tokens', 'max_tokens=1024', '1024'),
        prop(py, 'system', 'system=STYLE_GUIDE', 'STYLE_GUIDE'),
        prop(py, 'messages', 'messages=msgs', 'msgs'),
      ]),
    });
    const f = pm004(py, s);
    assert.ok(f);
    assert.equal(
      applyEdits(py, f.fixes[0]!.edits),
      'client.messages.create(model="claude-sonnet-4-5", max_tokens=1024, system=[{"type": "text", "text": STYLE_GUIDE, "cache_control": {"type": "ephemeral"}}], messages=msgs)\n',
    );
  });

  it('caches whole static blocks; a long static lead before a placeholder must first become a block of its own', () => {
    // tools 600 + system 300 words before {today} = 900 < 1,024: not worth caching.
    const s = jsSite();
    const split = (toolWords: number): Site => ({
      ...s,
      parts: [
        textPart('tools', words(toolWords, 't')),
        { role: 'system', segments: [{ kind: 'text', text: words(300) }, { kind: 'slot', name: 'today' }, { kind: 'text', text: words(900, 'x') }], span: spanOf(js, 'SYSTEM') },
        question,
      ],
    });
    assert.equal(pm004(js, split(600)), undefined);
    // tools 800 + the 300 words before {today} = 1,100 ≥ 1,024, but only 800 are whole blocks.
    // 1,100 × $3/M = $0.0033; as reads × $0.30/M = $0.00033; saved × 1,000 calls = $2.97.
    const f = pm004(js, split(800));
    assert.ok(f);
    assert.equal(
      f.message,
      'stable prefix of 1,100 tokens is sent without cache_control: as a cache read it would cost $0.00033 instead of $0.0033 per call (≈ $2.97/mo less at 1,000 calls), ' +
        'but {today} inside the system part keeps it from being cached as one block; put the static text in a block of its own, marked for caching, and the dynamic text after it',
    );
    assert.deepEqual(f.fixes, []);
    // Tools of 1,100 tokens alone are a whole static block: flagged as such, but the system
    // prompt (dynamic) is not the block to mark, so no edit.
    const tools = pm004(js, split(1_100));
    assert.ok(tools);
    assert.match(tools.message, /^stable prefix of 1,100 tokens \(tools\) is sent without cache_control/);
    assert.deepEqual(tools.fixes, []);
  });

  it('stays quiet when a cache marker is set, below the minimum, and on automatically caching providers', () => {
    assert.equal(pm004(js, { ...jsSite(), cache: [{ kind: 'cache_control', span: { start: 0, end: 1 } }] }), undefined);
    const marked = jsSite();
    marked.parts[0] = { ...marked.parts[0]!, cacheMarked: true };
    assert.equal(pm004(js, marked), undefined);
    assert.equal(pm004(js, jsSite(1_000)), undefined);
    assert.equal(pm004(js, { ...jsSite(), provider: 'openai', api: 'chat.completions.create', model: { id: 'gpt-test', origin: 'literal' } }), undefined);
  });

  it('tells Gemini before 2.5 to use cached content, with no edit to offer', () => {
    const s = { ...jsSite(), provider: 'gemini' as const, api: 'models.generateContent', model: { id: 'gemini-1.5-test', origin: 'literal' as const } };
    const f = pm004(js, s);
    assert.ok(f);
    assert.match(f.message, /is sent without cached content: .*; create cached content for it and pass it as cachedContent$/);
    assert.deepEqual(f.fixes, []);
  });
});
