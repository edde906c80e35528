import * as assert from 'node:assert/strict';
import { analyzeSites } from '../../../src/core/analyze';
import type { Finding, Site } from '../../../src/core/model';
import { ctxWith, price, site, textPart, words } from './fixtures';

const small = price({ id: 'gpt-small', contextWindow: 1_000, maxOutputTokens: 4_096 });

function pm003(s: Site): Finding | undefined {
  return analyzeSites('src/a.ts', '', [s], ctxWith({ rows: [small] }))[0]!.findings.find((f) => f.rule === 'PM003');
}

const callWith = (n: number, cap: number | null, slot = false): Site =>
  site('', {
    provider: 'openai',
    api: 'chat.completions.create',
    model: { id: 'gpt-small', origin: 'literal' },
    parts: [slot ? { role: 'user', segments: [{ kind: 'text', text: words(n) }, { kind: 'slot', name: 'doc' }], span: { start: 0, end: 0 } } : textPart('user', words(n))],
    cap: cap === null ? null : { param: 'max_completion_tokens', value: cap, span: { start: 0, end: 0 } },
  });

describe('PM003 context-overflow', () => {
  // One user message: n words + 6 framing tokens (3 per message + 3 priming).
  it('adds the static input and the written cap, and names the window', () => {
    const f = pm003(callWith(494, 600));
    assert.ok(f);
    assert.equal(f.severity, 'warning');
    assert.equal(f.message, "static input 500 tokens + max_completion_tokens 600 = 1,100 tokens, above gpt-small's context window of 1,000 tokens");
  });

  it('counts only the literal text when placeholders are present, and marks it approximate', () => {
    // 494 words + 6 framing = 500 static; the default 100-token slot is left out of the static input.
    const f = pm003(callWith(494, 600, true));
    assert.ok(f);
    assert.match(f.message, /^static input ≈ 500 tokens \+ max_completion_tokens 600 = 1,100 tokens/);
  });

  it('flags input alone beyond the window even without a cap', () => {
    const f = pm003(callWith(1_200, null));
    assert.ok(f);
    assert.equal(f.message, "static input 1,206 tokens is above gpt-small's context window of 1,000 tokens");
  });

  it('stays quiet when input + cap fit exactly, and without a cap when the input fits', () => {
    assert.equal(pm003(callWith(494, 500)), undefined);
    assert.equal(pm003(callWith(494, null)), undefined);
  });
});
