import * as assert from 'node:assert/strict';
import { analyzeSites } from '../../../src/core/analyze';
import type { Finding, Site } from '../../../src/core/model';
import { applyEdits } from '../../../src/core/rules';
import { defaultPriceTable } from '../../../src/core/pricing';
import { cpuMs } from '../../fuzz/harness';
import { ctxWith, models, site, spanOf } from './fixtures';

const onlyTwo = ctxWith({ rows: [models.gpt, models.claude] });

function pm006(text: string, s: Site, ctx = onlyTwo): Finding | undefined {
  return analyzeSites('src/a.py', text, [s], ctx)[0]!.findings.find((f) => f.rule === 'PM006');
}

const callOn = (text: string, literal: string, id: string, origin: 'literal' | 'dynamic' = 'literal'): Site =>
  site(text, { language: 'python', provider: 'litellm', api: 'completion', model: { id, span: spanOf(text, literal), origin } });

describe('PM006 unknown-model', () => {
  it('says the call goes unpriced and offers the nearest ids, closest first', () => {
    const py = 'completion(model="gpt-tset", messages=msgs)\n';
    const f = pm006(py, callOn(py, '"gpt-tset"', 'gpt-tset'));
    assert.ok(f);
    assert.equal(f.severity, 'warning');
    assert.equal(f.message, 'unknown model "gpt-tset": no price, so this call is not priced, and its tokens are approximated with words; nearest known: gpt-test, claude-sonnet-4-5');
    assert.deepEqual(f.span, spanOf(py, '"gpt-tset"'));
    assert.deepEqual(
      f.fixes.map((x) => x.title),
      ['Replace with gpt-test', 'Replace with claude-sonnet-4-5'],
    );
    assert.equal(f.fixes[0]!.preferred, true);
    assert.equal(applyEdits(py, f.fixes[0]!.edits), 'completion(model="gpt-test", messages=msgs)\n');
  });

  it("keeps a gateway prefix such as LiteLLM's openai/", () => {
    const py = "completion(model='openai/gpt-tset', messages=msgs)\n";
    const f = pm006(py, callOn(py, "'openai/gpt-tset'", 'openai/gpt-tset'));
    assert.ok(f);
    assert.equal(applyEdits(py, f.fixes[0]!.edits), "completion(model='openai/gpt-test', messages=msgs)\n");
  });

  it('offers no edit for a Bedrock platform id, which a bare id would break', () => {
    const py = 'client.converse(modelId="anthropic.claude-x-v1:0", messages=msgs)\n';
    const f = pm006(py, callOn(py, '"anthropic.claude-x-v1:0"', 'anthropic.claude-x-v1:0'));
    assert.ok(f);
    assert.deepEqual(f.fixes, []);
  });

  it('offers no edit for a Vertex id with its version mark', () => {
    const py = 'client.messages.create(model="claude-3-5-sonnet-v2@20241022", max_tokens=10, messages=msgs)\n';
    const f = pm006(py, callOn(py, '"claude-3-5-sonnet-v2@20241022"', 'claude-3-5-sonnet-v2@20241022'));
    assert.ok(f);
    assert.deepEqual(f.fixes, []);
  });

  it('stays quiet for known ids and for models only known at run time', () => {
    const py = 'completion(model="gpt-test", messages=msgs)\n';
    assert.equal(pm006(py, callOn(py, '"gpt-test"', 'gpt-test')), undefined);
    assert.equal(pm006(py, callOn(py, 'model', 'model', 'dynamic')), undefined);
  });

  it('offers no nearest ids for an id far longer than any known one, and answers in time linear in it', () => {
    // A fuzzed file (fuzz seed 1 #2242) put 54,841 characters of prose in `model=`: comparing it
    // with every id of the bundled table took 7.5 s of CPU. No id is near one twice as long as the
    // longest known, so none is compared.
    const prices = defaultPriceTable();
    const ctx = { ...onlyTwo, prices };
    const longest = Math.max(...prices.all().flatMap((r) => [r.id, ...r.aliases]).map((n) => n.length));
    const id = 'The quick brown fox. '.repeat(2_612);
    const py = `completion(model="${id}", messages=msgs)\n`;
    const t0 = cpuMs();
    const f = pm006(py, callOn(py, `"${id}"`, id), ctx);
    const ms = cpuMs() - t0;
    assert.ok(f);
    assert.deepEqual(f.fixes, []);
    assert.doesNotMatch(f.message, /nearest known/);
    // The message quotes the first 120 characters, not 54 KB.
    assert.ok(f.message.startsWith(`unknown model "${id.slice(0, 120)}…": no price`), f.message.slice(0, 200));
    assert.ok(ms < 1_000, `took ${ms} ms`);
    // At twice the longest known id, a typo is still looked for.
    const near = `gpt-4o${'x'.repeat(2 * longest - 6)}`;
    const g = pm006(`completion(model="${near}")`, callOn(`completion(model="${near}")`, `"${near}"`, near), ctx);
    assert.ok(g && g.fixes.length > 0);
  });
});
