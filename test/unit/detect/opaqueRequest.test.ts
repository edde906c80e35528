/** A request only known at run time: the cap is unknown (capUnknown), not absent. */
import * as assert from 'node:assert/strict';
import { py, ts } from './helpers';

describe('detect opaque requests', () => {
  it('marks create(body) with body a parameter as capUnknown', async () => {
    const text = "import OpenAI from 'openai';\nconst client = new OpenAI();\nexport async function send(body: OpenAI.Chat.ChatCompletionCreateParamsNonStreaming) {\n  return client.chat.completions.create(body);\n}\n";
    const sites = await ts(text);
    assert.equal(sites.length, 1);
    assert.equal(sites[0]?.cap, null);
    assert.equal(sites[0]?.capUnknown, true);
  });

  it('marks a spread of an unknown object inside the options as capUnknown', async () => {
    const text = "import OpenAI from 'openai';\nconst client = new OpenAI();\nexport function send(opts: object) {\n  return client.chat.completions.create({ ...opts, model: 'gpt-4o', messages: [] });\n}\n";
    const sites = await ts(text);
    assert.equal(sites[0]?.model?.id, 'gpt-4o');
    assert.equal(sites[0]?.capUnknown, true);
  });

  it('marks completion(**request.json) as capUnknown', async () => {
    const sites = await py('from litellm import completion\ndef handler(request):\n    data = request.json\n    return completion(**data)\n');
    assert.equal(sites.length, 1);
    assert.equal(sites[0]?.capUnknown, true);
  });

  it('does not mark a literal request without a cap, nor one whose spread is a known dict', async () => {
    const a = await py('from openai import OpenAI\nclient = OpenAI()\nclient.chat.completions.create(model="gpt-4o", messages=[])\n');
    assert.equal(a[0]?.capUnknown, undefined);
    const b = await py('from openai import OpenAI\nclient = OpenAI()\nP = {"temperature": 0}\nclient.chat.completions.create(model="gpt-4o", messages=[], **P)\n');
    assert.equal(b[0]?.capUnknown, undefined);
    assert.equal(b[0]?.cap, null);
  });

  it('does not mark a site whose cap is read, even beside an opaque spread', async () => {
    const sites = await py('from openai import OpenAI\nclient = OpenAI()\ndef f(extra):\n    return client.chat.completions.create(model="gpt-4o", messages=[], max_tokens=9, **extra)\n');
    assert.equal(sites[0]?.cap?.value, 9);
    assert.equal(sites[0]?.capUnknown, undefined);
  });
});
