/** String repetition counts as text; AI SDK cache markers on content parts and under older names. */
import * as assert from 'node:assert/strict';
import { partText, py, ts } from './helpers';

describe('detect repeated text and part-level cache markers', () => {
  it('expands Python "…" * 80 (and 3 * "…") into the repeated text', async () => {
    const sites = await py(
      'import anthropic\nclient = anthropic.Anthropic()\nSYSTEM = "Be brief. " + ("ab " * 80)\nclient.messages.create(model="claude-sonnet-4-5", max_tokens=256, system=SYSTEM, messages=[{"role": "user", "content": 3 * "x"}])\n',
    );
    assert.equal(partText(sites[0]!, 'system'), `Be brief. ${'ab '.repeat(80)}`);
    assert.equal(partText(sites[0]!, 'user'), 'xxx');
  });

  it("expands JS 'x '.repeat(80); a non-static count stays a slot", async () => {
    const sites = await ts(
      "import OpenAI from 'openai';\nconst c = new OpenAI();\nexport function f(n: number) {\n  return c.chat.completions.create({ model: 'gpt-4o', max_tokens: 5, messages: [{ role: 'system', content: 'ab '.repeat(80) }, { role: 'user', content: 'q'.repeat(n) }] });\n}\n",
    );
    assert.equal(partText(sites[0]!, 'system'), 'ab '.repeat(80));
    assert.equal(partText(sites[0]!, 'user'), "{'q'.repeat(n)}");
  });

  it('reads providerOptions.anthropic.cacheControl on a content part', async () => {
    const sites = await ts(
      "import { generateText } from 'ai';\nimport { anthropic } from '@ai-sdk/anthropic';\nawait generateText({ model: anthropic('claude-sonnet-4-5'), maxOutputTokens: 100, messages: [{ role: 'user', content: [\n  { type: 'text', text: 'LONG', providerOptions: { anthropic: { cacheControl: { type: 'ephemeral' } } } },\n  { type: 'text', text: 'Explain.' } ] }] });\n",
    );
    assert.equal(sites[0]?.cache.length, 1);
    assert.equal(sites[0]?.cache[0]?.kind, 'providerOptions.cacheControl');
    assert.equal(sites[0]?.parts.find((p) => p.role === 'user')?.cacheMarked, true);
  });

  it('reads the AI SDK 3/4 names experimental_providerMetadata and providerMetadata on a part', async () => {
    for (const key of ['experimental_providerMetadata', 'providerMetadata']) {
      const sites = await ts(
        `import { generateText } from 'ai';\nimport { anthropic } from '@ai-sdk/anthropic';\nawait generateText({ model: anthropic('claude-3-5-sonnet-20240620'), maxTokens: 100, messages: [{ role: 'user', content: [{ type: 'text', text: 'LONG', ${key}: { anthropic: { cacheControl: { type: 'ephemeral' } } } }] }] });\n`,
      );
      assert.equal(sites[0]?.cache.length, 1, key);
    }
  });
});
