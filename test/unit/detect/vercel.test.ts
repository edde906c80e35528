import * as assert from 'node:assert/strict';
import { partText, ts } from './helpers';

describe('detect: Vercel AI SDK recogniser', () => {
  it('takes the model from provider helpers and ignores a maxTokens inside a tool', async () => {
    const src = [
      "import { generateText, tool } from 'ai';",
      "import { openai } from '@ai-sdk/openai';",
      'export async function d(q: string) {',
      "  return generateText({ model: openai('gpt-4o'), system: 'S', prompt: `Hi ${q}`, tools: { w: tool({ description: 'Weather', execute: async () => ({ maxTokens: 5 }) }) } });",
      '}',
    ].join('\n');
    const [s] = await ts(src);
    assert.equal(s?.provider, 'vercel-ai');
    assert.deepEqual([s?.model?.id, s?.model?.origin], ['gpt-4o', 'literal']);
    assert.equal(s?.cap, null);
    assert.equal(partText(s!, 'system'), 'S');
    assert.equal(partText(s!, 'prompt'), 'Hi {q}');
  });

  it('follows renamed imports and require destructuring; reads maxOutputTokens and maxTokens', async () => {
    const src = [
      "import { streamText as st } from 'ai';",
      "import { anthropic } from '@ai-sdk/anthropic';",
      "const { generateObject: go } = require('ai');",
      "st({ model: anthropic('claude-haiku-4-5'), maxOutputTokens: 300, messages: [{ role: 'system', content: 'x', providerOptions: { anthropic: { cacheControl: { type: 'ephemeral' } } } }] });",
      "go({ model: 'openai/gpt-5', prompt: 'p', maxTokens: 0, schema });",
    ].join('\n');
    const sites = await ts(src);
    assert.deepEqual(
      sites.map((s) => [s.api, s.model?.id, s.cap?.param, s.cap?.value, s.streaming]),
      [
        ['streamText', 'claude-haiku-4-5', 'maxOutputTokens', 300, true],
        ['generateObject', 'openai/gpt-5', 'maxTokens', 0, false],
      ],
    );
    assert.deepEqual(sites[0]?.cache.map((c) => c.kind), ['providerOptions.cacheControl']);
    assert.equal(sites[0]?.parts[0]?.cacheMarked, true);
  });

  it('reads agents: settings from the constructor, the prompt from generate()', async () => {
    const src = [
      "import { Experimental_Agent as Agent } from 'ai';",
      "import { openai } from '@ai-sdk/openai';",
      "const agent = new Agent({ model: openai('gpt-4.1'), system: 'agent sys', maxOutputTokens: 1000 });",
      "await agent.generate({ prompt: 'go' });",
    ].join('\n');
    const [s] = await ts(src);
    assert.deepEqual([s?.api, s?.model?.id, s?.cap?.value], ['Agent.generate', 'gpt-4.1', 1000]);
    assert.equal(partText(s!, 'prompt'), 'go');
    assert.ok(s?.args?.properties.some((p) => p.name === 'maxOutputTokens'), 'a fix goes into the agent constructor');
  });

  it('does not take a local generateText for the SDK', async () => {
    assert.deepEqual(await ts("function generateText(o: object) { return o; }\ngenerateText({ model: 'gpt-4o', prompt: 'x' });"), []);
  });
});
