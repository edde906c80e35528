/** Older OpenAI SDK surfaces still common in app code: openai-node v3 and openai<1.0 `engine`. */
import * as assert from 'node:assert/strict';
import { detect, py } from './helpers';

describe('detect legacy OpenAI SDKs', () => {
  it('reads openai-node v3 createChatCompletion through new OpenAIApi (CJS destructuring)', async () => {
    const text = [
      'const { Configuration, OpenAIApi } = require("openai");',
      'const openai = new OpenAIApi(new Configuration({ apiKey: process.env.OPENAI_API_KEY }));',
      'async function main() {',
      '  await openai.createChatCompletion({ model: "gpt-3.5-turbo", messages: [{ role: "user", content: "hi" }], max_tokens: 40 });',
      '}',
    ].join('\n');
    const sites = await detect(text, 'javascript');
    assert.equal(sites.length, 1);
    const s = sites[0]!;
    assert.equal(s.provider, 'openai');
    assert.equal(s.api, 'createChatCompletion');
    assert.equal(s.model?.id, 'gpt-3.5-turbo');
    assert.deepEqual({ param: s.cap?.param, value: s.cap?.value }, { param: 'max_tokens', value: 40 });
  });

  it('reads v3 createCompletion with ESM imports and a client kept on this', async () => {
    const text = [
      "import { Configuration, OpenAIApi } from 'openai';",
      'export class Svc {',
      '  private openai = new OpenAIApi(new Configuration({}));',
      '  ask(prompt: string) {',
      "    return this.openai.createCompletion({ model: 'text-davinci-003', prompt, temperature: 0 });",
      '  }',
      '}',
    ].join('\n');
    const sites = await detect(text, 'typescript');
    assert.equal(sites.length, 1);
    assert.equal(sites[0]?.api, 'createCompletion');
    assert.equal(sites[0]?.model?.id, 'text-davinci-003');
    assert.equal(sites[0]?.cap, null);
  });

  it('does not take createChatCompletion on an unrelated object for a site', async () => {
    const text = "import { Api } from './api';\nconst a = new Api();\na.createChatCompletion({ messages: [] });\n";
    assert.deepEqual(await detect(text, 'typescript'), []);
  });

  it('reads openai<1.0 engine= as the model', async () => {
    const sites = await py('import openai\nopenai.Completion.create(engine="text-davinci-003", prompt="Say hi", max_tokens=50)\n');
    assert.equal(sites.length, 1);
    assert.equal(sites[0]?.model?.id, 'text-davinci-003');
    assert.equal(sites[0]?.cap?.value, 50);
  });
});
