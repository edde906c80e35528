import * as assert from 'node:assert/strict';
import { analyzeSites } from '../../../src/core/analyze';
import type { Finding, Site } from '../../../src/core/model';
import { applyEdits } from '../../../src/core/rules';
import { args, ctxWith, prop, site, spanFromTo, spanOf } from './fixtures';

function pm002(text: string, s: Site): Finding | undefined {
  return analyzeSites('src/a.py', text, [s], ctxWith())[0]!.findings.find((f) => f.rule === 'PM002');
}

describe('PM002 cap-over-model-limit', () => {
  const py = 'msg = client.messages.create(model="claude-sonnet-4-5", max_tokens=200_000, messages=msgs)\n';
  const pySite = (value: number | null): Site =>
    site(py, {
      language: 'python',
      provider: 'anthropic',
      api: 'messages.create',
      model: { id: 'claude-sonnet-4-5', origin: 'literal' },
      cap: { param: 'max_tokens', value, span: spanOf(py, 'max_tokens=200_000') },
      args: args('kwargs', spanFromTo(py, '(', ')'), [
        prop(py, 'model', 'model="claude-sonnet-4-5"', '"claude'),
        prop(py, 'max_tokens', 'max_tokens=200_000', '200_000'),
        prop(py, 'messages', 'messages=msgs', 'msgs'),
      ]),
    });

  it('flags a cap above the maximum output and sets it to the maximum', () => {
    const f = pm002(py, pySite(200_000));
    assert.ok(f);
    assert.equal(f.severity, 'error');
    assert.equal(f.message, "max_tokens 200,000 is above claude-sonnet-4-5's maximum output of 64,000 tokens: the provider rejects or clamps it");
    assert.deepEqual(f.span, spanOf(py, 'max_tokens=200_000'));
    assert.equal(applyEdits(py, f.fixes[0]!.edits), 'msg = client.messages.create(model="claude-sonnet-4-5", max_tokens=64000, messages=msgs)\n');
  });

  it('finds the number inside the cap span when the arguments list no property for it', () => {
    const s = { ...pySite(200_000), args: undefined };
    const f = pm002(py, s);
    assert.ok(f);
    assert.equal(applyEdits(py, f.fixes[0]!.edits), 'msg = client.messages.create(model="claude-sonnet-4-5", max_tokens=64000, messages=msgs)\n');
  });

  it('stays quiet at the maximum, below it, for a non-literal cap, and for an unknown model', () => {
    assert.equal(pm002(py, pySite(64_000)), undefined);
    assert.equal(pm002(py, pySite(1_024)), undefined);
    assert.equal(pm002(py, pySite(null)), undefined);
    assert.equal(pm002(py, { ...pySite(200_000), model: { id: 'claude-nope', origin: 'literal' } }), undefined);
  });
});
