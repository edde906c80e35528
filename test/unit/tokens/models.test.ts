import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROFILES, Tokenizers, bareModelId, claudeVersion } from '../../../src/core/tokens';
import { loadedTokenizers, references } from './corpus';

const tiktokenModelMap = JSON.parse(
  readFileSync(join(__dirname, '../../../../node_modules/tiktoken/model_to_encoding.json'), 'utf8'),
) as Record<string, string>;

describe('model → tokenizer', function () {
  this.timeout(120_000);
  let tk: Tokenizers;
  before(async () => {
    tk = await loadedTokenizers();
  });

  it("agrees with tiktoken's own model map on every o200k_base / cl100k_base model, exactly", () => {
    const entries = Object.entries(tiktokenModelMap).filter(([, e]) => e === 'o200k_base' || e === 'cl100k_base');
    assert.ok(entries.length > 50);
    for (const [model, encoding] of entries) {
      assert.equal(tk.encodingFor(model), encoding, model);
      assert.equal(tk.forModel(model).exact, true, model);
    }
  });

  it('maps newer OpenAI models (4.5, 5.x, 6.x, o-series) to o200k_base, exactly', () => {
    for (const m of ['gpt-4.5-preview', 'gpt-5.4-mini', 'gpt-5.6-sol', 'gpt-6-luna', 'o1-pro', 'o3-pro', 'o4-mini', 'gpt-4o-mini-2024-07-18', 'chatgpt-4o-latest']) {
      const t = tk.forModel(m);
      assert.equal(t.encoding, 'o200k_base', m);
      assert.equal(t.exact, true, m);
    }
    for (const m of ['gpt-4-turbo', 'gpt-4-0613', 'gpt-3.5-turbo-0125', 'gpt-35-turbo']) assert.equal(tk.encodingFor(m), 'cl100k_base', m);
  });

  it('sees through router, cloud, region and fine-tune wrappers', () => {
    assert.equal(bareModelId('openai/gpt-4o'), 'gpt-4o');
    assert.equal(bareModelId('azure/GPT-4o-mini'), 'gpt-4o-mini');
    assert.equal(bareModelId('us.anthropic.claude-opus-4-7-v1:0'), 'claude-opus-4-7-v1:0');
    assert.equal(bareModelId('vertex_ai/claude-opus-4-7@default'), 'claude-opus-4-7');
    assert.equal(bareModelId('ft:gpt-4o-mini-2024-07-18:acme::abc123'), 'gpt-4o-mini-2024-07-18');
    assert.equal(tk.forModel('ft:gpt-3.5-turbo-0125:acme::x').encoding, 'cl100k_base');
  });

  it('reads Claude versions from every id shape (a date is not a minor version)', () => {
    assert.deepEqual(claudeVersion('claude-3-5-sonnet-20240620'), { major: 3, minor: 5 });
    assert.deepEqual(claudeVersion('claude-3-haiku-20240307'), { major: 3, minor: 0 });
    assert.deepEqual(claudeVersion('claude-opus-4-20250514'), { major: 4, minor: 0 });
    assert.deepEqual(claudeVersion('claude-4-opus-20250514'), { major: 4, minor: 0 });
    assert.deepEqual(claudeVersion('claude-sonnet-4-5-20250929'), { major: 4, minor: 5 });
    assert.deepEqual(claudeVersion('claude-opus-4-7'), { major: 4, minor: 7 });
    assert.deepEqual(claudeVersion('claude-opus-4.8'), { major: 4, minor: 8 });
    assert.deepEqual(claudeVersion('claude-sonnet-5'), { major: 5, minor: 0 });
  });

  it('uses the older Claude factor before Opus 4.7 and the newer one from Opus 4.7 on', () => {
    for (const m of ['claude-3-haiku-20240307', 'claude-3-7-sonnet-20250219', 'claude-sonnet-4-20250514', 'claude-opus-4-1', 'claude-haiku-4-5', 'claude-sonnet-4-6', 'claude-opus-4-6']) {
      assert.equal(tk.profileFor(m).id, 'claude-v3', m);
    }
    for (const m of ['claude-opus-4-7', 'claude-opus-4-7-20260416', 'us.anthropic.claude-opus-4-7', 'claude-opus-4-8', 'claude-sonnet-5', 'claude-opus-5-5', 'claude-fable-5-1']) {
      assert.equal(tk.profileFor(m).id, 'claude-v47', m);
    }
    // The new tokenizer yields 1.0–1.35× the old one's tokens (Anthropic); the factors must respect that.
    const ratio = PROFILES['claude-v47'].factor / PROFILES['claude-v3'].factor;
    assert.ok(ratio >= 1.0 && ratio <= 1.35, String(ratio));
  });

  it('labels every non-OpenAI family an approximation and applies its factor to the exact base count', () => {
    const text = 'Summarise the following support ticket in two sentences, then list action items:\n\n' + 'The app crashes when I upload a 4 MB PNG. '.repeat(20);
    const cases: Array<[string, keyof typeof PROFILES]> = [
      ['claude-sonnet-4-5', 'claude-v3'],
      ['claude-opus-4-7', 'claude-v47'],
      ['gemini-2.5-flash', 'gemini'],
      ['llama-3.3-70b-instruct', 'llama3'],
      ['meta-llama/Llama-4-Scout-17B-16E-Instruct', 'llama4'],
      ['mistral-large-2512', 'mistral'],
      ['deepseek-chat', 'deepseek'],
      ['grok-3-mini', 'grok-3'],
      ['grok-4-0709', 'grok-4'],
      ['some-new-model', 'unknown'],
    ];
    for (const [model, profile] of cases) {
      const p = PROFILES[profile];
      const t = tk.forModel(model);
      assert.equal(t.exact, false, model);
      assert.equal(t.encoding, p.encoding, model);
      const base = references(p.encoding).tiktoken(text);
      assert.equal(t.count(text), Math.ceil(base * p.factor), model);
    }
    assert.ok(tk.forModel('claude-opus-4-7').count(text) > tk.forModel('claude-opus-4-6').count(text));
  });

  it("falls back to the price table's tokenizer family for ids it does not know", () => {
    assert.equal(tk.forModel('my-finetune', 'o200k_base').exact, true);
    assert.equal(tk.profileFor('acme-proxy-model', 'gemini').id, 'gemini');
    assert.equal(tk.profileFor('house-claude', 'claude').id, 'claude-v3');
    assert.equal(tk.profileFor(null).id, 'unknown');
    assert.equal(tk.profileFor(null, 'cl100k_base').encoding, 'cl100k_base');
  });
});
