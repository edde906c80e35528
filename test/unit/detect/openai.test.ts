import * as assert from 'node:assert/strict';
import { at, partText, py, ts } from './helpers';

describe('detect: OpenAI recogniser', () => {
  it('reads a Node chat call: model, cap with its parameter name, parts by role, args container', async () => {
    const src = [
      "import OpenAI from 'openai';",
      'const client = new OpenAI();',
      "const SYSTEM = 'You are terse.';",
      'export async function ask(q: string) {',
      "  return client.chat.completions.create({ model: 'gpt-4o', max_completion_tokens: 200, messages: [{ role: 'system', content: SYSTEM }, { role: 'user', content: `Q: ${q}` }] });",
      '}',
    ].join('\n');
    const [s, ...rest] = await ts(src);
    assert.equal(rest.length, 0);
    assert.ok(s);
    assert.equal(s.provider, 'openai');
    assert.equal(s.api, 'chat.completions.create');
    assert.equal(at(src, s.anchor), 'client.chat.completions.create');
    assert.deepEqual(s.model && { id: s.model.id, origin: s.model.origin }, { id: 'gpt-4o', origin: 'literal' });
    assert.equal(s.model?.span && at(src, s.model.span), "'gpt-4o'");
    assert.deepEqual(s.cap && { param: s.cap.param, value: s.cap.value, text: at(src, s.cap.span) }, { param: 'max_completion_tokens', value: 200, text: '200' });
    assert.equal(partText(s, 'system'), 'You are terse.');
    assert.equal(partText(s, 'user'), 'Q: {q}');
    assert.equal(s.args?.kind, 'object');
    assert.deepEqual(s.args?.properties.map((p) => p.name), ['model', 'max_completion_tokens', 'messages']);
    assert.equal(s.capRequired, undefined);
    assert.equal(s.streaming, false);
  });

  it('follows Python aliases, Azure clients, self.client, hoisted **params and module-level calls', async () => {
    const src = [
      'import openai',
      'from openai import OpenAI as O, AzureOpenAI',
      'class Bot:',
      '    def __init__(self):',
      '        self.client = AzureOpenAI(api_version="2024-06-01")',
      '    def run(self, q):',
      '        params = {"model": "gpt-4o-mini", "max_tokens": 64}',
      '        return self.client.chat.completions.create(**params, messages=[{"role": "user", "content": q}], stream=True)',
      'def legacy(q):',
      '    return openai.chat.completions.create(model="gpt-4.1", messages=[])',
      'def other(q):',
      '    return O().responses.create(model="gpt-5", input=q, max_output_tokens=0, instructions="Be brief.")',
    ].join('\n');
    const sites = await py(src);
    assert.deepEqual(
      sites.map((s) => [s.api, s.model?.id, s.cap?.param ?? null, s.cap?.value ?? null, s.streaming]),
      [
        ['chat.completions.create', 'gpt-4o-mini', 'max_tokens', 64, true],
        ['chat.completions.create', 'gpt-4.1', null, null, false],
        ['responses.create', 'gpt-5', 'max_output_tokens', 0, false],
      ],
    );
    const [hoisted, , responses] = sites;
    // A fix belongs in the call's keyword list even though the cap came from the dict.
    assert.equal(hoisted?.args?.kind, 'kwargs');
    assert.equal(partText(responses!, 'instructions'), 'Be brief.');
    assert.equal(partText(responses!, 'user'), '{q}');
  });

  it('puts the fix in the dict literal when the call passes only **params', async () => {
    const src = ['from openai import OpenAI', 'client = OpenAI()', 'def f():', '    kw = {"model": "gpt-4o", "messages": []}', '    client.chat.completions.create(**kw)'].join('\n');
    const [s] = await py(src);
    assert.equal(s?.args?.kind, 'object');
    assert.equal(s?.args?.quoteKeys, true);
    assert.equal(at(src, s!.args!.span), '{"model": "gpt-4o", "messages": []}');
  });

  it('merges JS spreads: later keys win, the literal is where a fix goes', async () => {
    const src = [
      "import { OpenAI } from 'openai';",
      'const openai = new OpenAI();',
      "const base = { model: 'gpt-4o-mini', max_tokens: 10 };",
      "await openai.chat.completions.create({ ...base, model: 'gpt-4.1', messages: [] });",
    ].join('\n');
    const [s] = await ts(src);
    assert.equal(s?.model?.id, 'gpt-4.1');
    assert.equal(s?.cap?.value, 10);
    assert.equal(at(src, s!.args!.span), "{ ...base, model: 'gpt-4.1', messages: [] }");
  });

  it('reads prompt_cache_key, reasoning effort and tools as JSON text', async () => {
    const src = [
      'from openai import OpenAI',
      'c = OpenAI()',
      'TOOLS = [{"type": "function", "function": {"name": "get", "parameters": {"type": "object", "properties": {}}}}]',
      'c.chat.completions.create(model="o3", messages=[], tools=TOOLS, prompt_cache_key="user-1", reasoning_effort="high")',
    ].join('\n');
    const [s] = await py(src);
    assert.deepEqual(s?.cache.map((c) => c.kind), ['prompt_cache_key']);
    assert.equal(s?.reasoning?.effort, 'high');
    assert.equal(partText(s!, 'tools'), '[{"type":"function","function":{"name":"get","parameters":{"type":"object","properties":{}}}}]');
  });

  it('accepts a client passed in untyped when the file imports openai, and rejects non-SDK creates', async () => {
    const src = [
      "import Stripe from 'stripe';",
      "import { PrismaClient } from '@prisma/client';",
      "import type OpenAI from 'openai';",
      "const stripe = new Stripe('k');",
      'const db = new PrismaClient();',
      "stripe.customers.create({ email: 'a' });",
      "db.messages.create({ data: { body: 'hi', max_tokens: 5 } });",
      "export function ask(client) { return client.chat.completions.create({ model: 'gpt-4o', messages: [] }); }",
      "export function typed(c: OpenAI) { return c.responses.create({ model: 'gpt-4o', input: 'x' }); }",
    ].join('\n');
    const sites = await ts(src);
    assert.deepEqual(sites.map((s) => s.api), ['chat.completions.create', 'responses.create']);
  });

  it('finds nothing in a file that only mentions prompts and messages', async () => {
    const src = "const messages = [{ role: 'user', content: 'hi' }];\nfunction create(x) { return x; }\ncreate({ model: 'gpt-4o', messages, max_tokens: 5 });\nthis.messages.create({});\n";
    assert.deepEqual(await ts(src), []);
  });

  it('reads CommonJS require and legacy module-level ChatCompletion', async () => {
    const js = "const OpenAI = require('openai');\nconst c = new OpenAI();\nc.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: 'Say hi', max_tokens: 7 });";
    const [s] = await ts(js);
    assert.equal(s?.api, 'completions.create');
    assert.equal(partText(s!, 'prompt'), 'Say hi');
    assert.equal(s?.cap?.value, 7);
    const [v0] = await py('import openai\nopenai.ChatCompletion.create(model="gpt-4", messages=[{"role": "user", "content": "x"}])');
    assert.equal(v0?.api, 'ChatCompletion.create');
  });
});

describe('detect: clients from elsewhere', () => {
  it('a client imported from the project is a site when the request has the SDK shape', async () => {
    const src = [
      "import { openai } from '@/lib/openai';",
      "import { db } from '@/lib/db';",
      "export const a = () => openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [], max_completion_tokens: 80 });",
      "export const b = () => db.messages.create({ data: { text: 'x' } });",
    ].join('\n');
    const sites = await ts(src);
    assert.deepEqual(sites.map((s) => [s.api, s.cap?.value]), [['chat.completions.create', 80]]);
  });

  it('follows same-file factories by their return annotation or return value', async () => {
    const src = [
      'from openai import OpenAI',
      'def get_client() -> OpenAI:',
      '    return make()',
      'def other():',
      '    return OpenAI()',
      'get_client().chat.completions.create(model="gpt-4o-mini", messages=[])',
      'other().responses.create(model="gpt-5", input="x")',
    ].join('\n');
    assert.deepEqual((await py(src)).map((s) => s.api), ['chat.completions.create', 'responses.create']);
    const js = "import OpenAI from 'openai';\nconst client = () => new OpenAI();\nclient().chat.completions.create({ model: 'gpt-4o', messages: [] });";
    assert.equal((await ts(js)).length, 1);
  });

  it('a parameter default is not a known model (it is only known at run time)', async () => {
    const src = ['from anthropic import Anthropic', 'class W:', '    def __init__(self, model: str = "claude-sonnet-4-5"):', '        self.model = model', '        self.c = Anthropic()', '    def go(self):', '        self.c.messages.create(model=self.model, max_tokens=5, messages=[])'].join('\n');
    const [s] = await py(src);
    assert.equal(s?.model, null);
  });
});

describe('detect: pass-through members', () => {
  it('with_raw_response, with_options and withOptions keep the client', async () => {
    const src = [
      'from openai import OpenAI',
      'c = OpenAI()',
      'c.with_raw_response.chat.completions.create(model="gpt-4o", messages=[])',
      'c.with_options(timeout=5).responses.create(model="gpt-5", input="x")',
      'c.beta.chat.completions.parse(model="gpt-4o", messages=[], response_format=X)',
    ].join('\n');
    assert.deepEqual((await py(src)).map((s) => s.api), ['chat.completions.create', 'responses.create', 'beta.chat.completions.parse']);
    const js = "import OpenAI from 'openai';\nconst c = new OpenAI();\nawait c.withOptions({ timeout: 5 }).chat.completions.create({ model: 'gpt-4o', messages: [] }).withResponse();";
    assert.deepEqual((await ts(js)).map((s) => s.api), ['chat.completions.create']);
  });
});
