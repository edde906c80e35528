import * as assert from 'node:assert/strict';
import { partText, py, ts } from './helpers';

describe('detect: Google GenAI recogniser', () => {
  it('reads config objects built with types.GenerateContentConfig', async () => {
    const src = [
      'from google import genai',
      'from google.genai import types',
      'client = genai.Client()',
      'def go(q):',
      '    return client.models.generate_content(model="gemini-2.5-flash", contents=q, config=types.GenerateContentConfig(system_instruction="Be short.", max_output_tokens=256, cached_content="cachedContents/abc", thinking_config=types.ThinkingConfig(thinking_budget=0)))',
    ].join('\n');
    const [s] = await py(src);
    assert.equal(s?.provider, 'gemini');
    assert.equal(s?.api, 'models.generate_content');
    assert.deepEqual([s?.cap?.param, s?.cap?.value], ['config.max_output_tokens', 256]);
    assert.equal(partText(s!, 'system'), 'Be short.');
    assert.equal(partText(s!, 'user'), '{q}');
    assert.deepEqual(s?.cache.map((c) => c.kind), ['cached_content']);
    assert.deepEqual([s?.reasoning?.param, s?.reasoning?.budget], ['config.thinking_config.thinking_budget', 0]);
    assert.ok(s?.args?.properties.some((p) => p.name === 'config.max_output_tokens'));
  });

  it('reads the JS SDK, streams and chats (model from chats.create)', async () => {
    const src = [
      "import { GoogleGenAI } from '@google/genai';",
      'const ai = new GoogleGenAI({});',
      "await ai.models.generateContentStream({ model: 'gemini-2.0-flash', contents: 'hi', config: { maxOutputTokens: 0 } });",
      "const chat = ai.chats.create({ model: 'gemini-2.5-pro', config: { maxOutputTokens: 100, systemInstruction: 'sys' } });",
      "await chat.sendMessage({ message: 'hey' });",
    ].join('\n');
    const sites = await ts(src);
    assert.deepEqual(
      sites.map((s) => [s.api, s.model?.id, s.cap?.value, s.streaming]),
      [
        ['models.generateContentStream', 'gemini-2.0-flash', 0, true],
        ['chats.sendMessage', 'gemini-2.5-pro', 100, false],
      ],
    );
    assert.equal(partText(sites[1]!, 'system'), 'sys');
    assert.equal(partText(sites[1]!, 'user'), 'hey');
  });

  it('reads the legacy GenerativeModel: model and generation_config from the constructor', async () => {
    const src = [
      'import google.generativeai as genai',
      'model = genai.GenerativeModel("gemini-1.5-flash", system_instruction="legacy", generation_config={"max_output_tokens": 64})',
      'model.generate_content("x")',
      'chat = model.start_chat()',
      'chat.send_message("y")',
    ].join('\n');
    const sites = await py(src);
    assert.deepEqual(
      sites.map((s) => [s.api, s.model?.id, s.cap?.param, s.cap?.value, partText(s, 'user')]),
      [
        ['GenerativeModel.generate_content', 'gemini-1.5-flash', 'generation_config.max_output_tokens', 64, 'x'],
        ['ChatSession.send_message', 'gemini-1.5-flash', 'generation_config.max_output_tokens', 64, 'y'],
      ],
    );
    assert.equal(partText(sites[0]!, 'system'), 'legacy');
  });

  it('reads @google/generative-ai getGenerativeModel', async () => {
    const src = "import { GoogleGenerativeAI } from '@google/generative-ai';\nconst m = new GoogleGenerativeAI(key).getGenerativeModel({ model: 'gemini-1.5-pro', generationConfig: { maxOutputTokens: 99 } });\nawait m.generateContent('x');";
    const [s] = await ts(src);
    assert.deepEqual([s?.model?.id, s?.cap?.param, s?.cap?.value], ['gemini-1.5-pro', 'generationConfig.maxOutputTokens', 99]);
  });

  it('ignores generate_content on an unrelated object', async () => {
    assert.deepEqual(await py('class M:\n    def generate_content(self, x): return x\nM().generate_content("x")\n'), []);
  });
});
