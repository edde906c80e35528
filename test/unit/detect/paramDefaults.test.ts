/** Parameter defaults: settings (numbers, dicts spread with **) are read; string defaults stay run-time. */
import * as assert from 'node:assert/strict';
import { py, ts } from './helpers';

describe('detect parameter defaults', () => {
  it('reads a cap from a **params dict given as a parameter default', async () => {
    const sites = await py(
      'from openai import OpenAI\nclient = OpenAI()\ndef chat(messages, params={"temperature": 0, "max_tokens": 500}, model="gpt-4o-mini"):\n    return client.chat.completions.create(model=model, messages=messages, **params)\n',
    );
    assert.deepEqual({ param: sites[0]?.cap?.param, value: sites[0]?.cap?.value }, { param: 'max_tokens', value: 500 });
    assert.equal(sites[0]?.capUnknown, undefined);
  });

  it('reads a numeric default, also through a readonly class field', async () => {
    const a = await ts("import OpenAI from 'openai';\nconst openai = new OpenAI();\nexport function complete(messages: any[], maxTokens = 256) {\n  return openai.chat.completions.create({ model: 'gpt-4o', messages, max_tokens: maxTokens });\n}\n");
    assert.equal(a[0]?.cap?.value, 256);
    const b = await ts(
      "import OpenAI from 'openai';\nclass S {\n  private readonly MAX = 512;\n  private c = new OpenAI();\n  run(max: number = this.MAX) {\n    return this.c.chat.completions.create({ model: 'gpt-4o', messages: [], max_tokens: max });\n  }\n}\n",
    );
    assert.equal(b[0]?.cap?.value, 512);
  });

  it('keeps a None default unknown rather than reading it as no cap', async () => {
    const sites = await py('from openai import OpenAI\nclient = OpenAI()\ndef chat(max_tokens=None):\n    return client.chat.completions.create(model="gpt-4o", messages=[], max_tokens=max_tokens)\n');
    assert.equal(sites[0]?.cap?.param, 'max_tokens');
    assert.equal(sites[0]?.cap?.value, null);
  });
});
