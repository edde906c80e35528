import * as assert from 'node:assert/strict';
import { analyzeSites } from '../../../src/core/analyze';
import type { Finding, PromptPart, Site } from '../../../src/core/model';
import { ctxWith, site, textPart, words } from './fixtures';

function pm005(s: Site): Finding | undefined {
  return analyzeSites('src/a.ts', '', [s], ctxWith())[0]!.findings.find((f) => f.rule === 'PM005');
}

const question: PromptPart = { role: 'user', segments: [], span: { start: 0, end: 0 }, unresolved: true };
const todaySpan = { start: 10, end: 19 };

function call(model: string, provider: Site['provider'], system: PromptPart['segments'], extra: Partial<Site> = {}): Site {
  return site('', {
    provider,
    api: provider === 'anthropic' ? 'messages.create' : 'chat.completions.create',
    model: { id: model, origin: 'literal' },
    cap: { param: 'max_tokens', value: 512, span: { start: 0, end: 0 } },
    parts: [{ role: 'system', segments: system, span: { start: 0, end: 40 } }, question],
    ...extra,
  });
}

const dateFirst: PromptPart['segments'] = [
  { kind: 'text', text: 'Today is' },
  { kind: 'slot', name: 'today', span: todaySpan },
  { kind: 'text', text: words(1_500) },
];

describe('PM005 cache-busting-prefix', () => {
  it('names the placeholder, the static text behind it and what caching it would save', () => {
    // 1,500 tokens × ($2 − $0.50)/M = $0.00225 → "$0.0023" (halves away from zero); × 1,000 calls = $2.25.
    const f = pm005(call('gpt-test', 'openai', dateFirst));
    assert.ok(f);
    assert.equal(f.severity, 'info');
    assert.equal(
      f.message,
      "{today} in the system prompt comes before 1,500 tokens of static text, which gpt-test's automatic prefix caching cannot reuse " +
        'because the prefix changes on every call (caching them would save ≈ $0.0023 per call, ≈ $2.25/mo); move the dynamic text after the static text',
    );
    assert.deepEqual(f.span, todaySpan);
    assert.deepEqual(f.fixes, []);
  });

  it('stays quiet when the dynamic text already comes last, or the static remainder is below the minimum', () => {
    assert.equal(pm005(call('gpt-test', 'openai', [{ kind: 'text', text: words(1_500) }, { kind: 'slot', name: 'today' }])), undefined);
    assert.equal(pm005(call('gpt-test', 'openai', [{ kind: 'slot', name: 'today' }, { kind: 'text', text: words(1_000) }])), undefined);
  });

  it('counts text after the first dynamic point across later parts, in cache order (tools first)', () => {
    // The system slot comes first; 600 system words + 600 user words follow → 1,200 ≥ 1,024.
    const s = call('gpt-test', 'openai', [{ kind: 'slot', name: 'persona' }, { kind: 'text', text: words(600) }], {});
    s.parts[1] = textPart('user', words(600, 'u'));
    const f = pm005(s);
    assert.ok(f);
    assert.match(f.message, /^\{persona\} in the system prompt comes before 1,200 tokens/);
  });

  it('on Anthropic only applies when a cache breakpoint is set (without one, PM004 speaks)', () => {
    assert.equal(pm005(call('claude-sonnet-4-5', 'anthropic', dateFirst)), undefined);
    const f = pm005(call('claude-sonnet-4-5', 'anthropic', dateFirst, { cache: [{ kind: 'cache_control', span: { start: 0, end: 1 } }] }));
    assert.ok(f);
    assert.match(f.message, /which the cache breakpoint cannot reuse/);
  });

  it('describes unresolved text when no placeholder name is known', () => {
    const s = call('gpt-test', 'openai', []);
    s.parts = [{ role: 'system', segments: [], span: { start: 0, end: 3 }, unresolved: true }, textPart('user', words(1_100))];
    const f = pm005(s);
    assert.ok(f);
    assert.match(f.message, /^text in the system prompt that is only known at run time comes before 1,100 tokens/);
  });
});
