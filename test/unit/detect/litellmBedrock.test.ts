import * as assert from 'node:assert/strict';
import { partText, py, ts } from './helpers';

describe('detect: LiteLLM recogniser', () => {
  it('reads completion and aliased acompletion with the OpenAI shape', async () => {
    const src = [
      'import litellm',
      'from litellm import acompletion as ac',
      'litellm.completion(model="anthropic/claude-3-haiku", messages=[{"role": "user", "content": "hi"}], max_tokens=10)',
      'async def f():',
      '    await ac(model="gpt-4o", messages=[])',
    ].join('\n');
    const sites = await py(src);
    assert.deepEqual(
      sites.map((s) => [s.provider, s.api, s.model?.id, s.cap?.value ?? null]),
      [
        ['litellm', 'completion', 'anthropic/claude-3-haiku', 10],
        ['litellm', 'acompletion', 'gpt-4o', null],
      ],
    );
  });
});

describe('detect: Bedrock recogniser', () => {
  it('reads boto3 converse with inferenceConfig.maxTokens and cachePoint; ignores other boto3 clients', async () => {
    const src = [
      'import boto3',
      'br = boto3.client("bedrock-runtime", region_name="us-east-1")',
      's3 = boto3.client("s3")',
      'def h(q):',
      '    br.converse(modelId="anthropic.claude-3-haiku", system=[{"text": "sys"}, {"cachePoint": {"type": "default"}}], messages=[{"role": "user", "content": [{"text": q}]}], inferenceConfig={"maxTokens": 300})',
      '    s3.converse(x=1)',
    ].join('\n');
    const [s, ...rest] = await py(src);
    assert.equal(rest.length, 0);
    assert.deepEqual([s?.provider, s?.api, s?.model?.id, s?.cap?.param, s?.cap?.value], ['bedrock', 'converse', 'anthropic.claude-3-haiku', 'inferenceConfig.maxTokens', 300]);
    assert.equal(partText(s!, 'system'), 'sys');
    assert.equal(s?.cache.length, 1);
  });

  it('reads invoke_model bodies: Anthropic bodies need max_tokens, the fix goes in the body', async () => {
    const src = [
      'import boto3, json',
      'client = boto3.client(service_name="bedrock-runtime")',
      'body = {"anthropic_version": "bedrock-2023-05-31", "max_tokens": 100, "messages": [{"role": "user", "content": "hello"}]}',
      'client.invoke_model(modelId="anthropic.claude-v2", body=json.dumps(body))',
    ].join('\n');
    const [s] = await py(src);
    assert.deepEqual([s?.api, s?.cap?.param, s?.cap?.value, s?.capRequired], ['invoke_model', 'max_tokens', 100, true]);
    assert.equal(partText(s!, 'user'), 'hello');
    assert.deepEqual(s?.args?.properties.map((p) => p.name), ['anthropic_version', 'max_tokens', 'messages']);
  });

  it('reads the JS command objects', async () => {
    const src = [
      "import { BedrockRuntimeClient, ConverseStreamCommand, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';",
      'const br = new BedrockRuntimeClient({});',
      "await br.send(new ConverseStreamCommand({ modelId: 'amazon.nova-pro-v1:0', messages: [], inferenceConfig: { maxTokens: 512 } }));",
      "await br.send(new InvokeModelCommand({ modelId: 'meta.llama3-8b', body: JSON.stringify({ prompt: 'q', max_gen_len: 128 }) }));",
    ].join('\n');
    const sites = await ts(src);
    assert.deepEqual(
      sites.map((s) => [s.api, s.model?.id, s.cap?.param, s.cap?.value, s.streaming]),
      [
        ['converseStream', 'amazon.nova-pro-v1:0', 'inferenceConfig.maxTokens', 512, true],
        ['invokeModel', 'meta.llama3-8b', 'max_gen_len', 128, false],
      ],
    );
    assert.equal(partText(sites[1]!, 'prompt'), 'q');
  });
});

describe('detect: loose matching needs the SDK imported', () => {
  it('an untyped bedrock client is a site in a file that imports boto3 among other modules', async () => {
    const src = ['import json, boto3', 'def ask(rt, q):', '    return rt.converse(modelId="amazon.nova-lite-v1:0", messages=[{"role": "user", "content": [{"text": q}]}])'].join('\n');
    assert.deepEqual((await py(src)).map((s) => s.api), ['converse']);
    // Without boto3 the Converse request shape (modelId and messages) is still enough …
    assert.equal((await py(src.replace('import json, boto3', 'import json'))).length, 1);
    // … but a `converse` on an unknown object with neither is not a site.
    assert.deepEqual(await py('import json\ndef f(bot):\n    return bot.converse(text="hi")\n'), []);
  });
});
