import * as assert from 'node:assert/strict';
import { at, partText, py, ts } from './helpers';

describe('detect: Anthropic recogniser', () => {
  it('marks max_tokens as required, reads system blocks with cache_control and ttl', async () => {
    const src = [
      "import Anthropic from '@anthropic-ai/sdk';",
      'class Svc {',
      '  private client = new Anthropic();',
      '  async a(q: string) {',
      "    return this.client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 512, system: [{ type: 'text', text: 'Rules.', cache_control: { type: 'ephemeral', ttl: '1h' } }], messages: [{ role: 'user', content: q }] });",
      '  }',
      '}',
    ].join('\n');
    const [s] = await ts(src);
    assert.equal(s?.provider, 'anthropic');
    assert.equal(s?.capRequired, true);
    assert.deepEqual([s?.cap?.param, s?.cap?.value], ['max_tokens', 512]);
    assert.equal(partText(s!, 'system'), 'Rules.');
    assert.equal(s?.parts.find((p) => p.role === 'system')?.cacheMarked, true);
    assert.deepEqual(s?.cache.map((c) => [c.kind, c.ttl]), [['cache_control', '1h']]);
    assert.equal(at(src, s!.cache[0]!.span), "cache_control: { type: 'ephemeral', ttl: '1h' }");
  });

  it('reports a missing max_tokens as no cap, still required', async () => {
    const [s] = await py('import anthropic\nc = anthropic.Anthropic()\nc.messages.create(model="claude-haiku-4-5", messages=[{"role": "user", "content": "hi"}])');
    assert.equal(s?.cap, null);
    assert.equal(s?.capRequired, true);
  });

  it('covers streams, beta messages, Bedrock and Vertex clients, async clients and thinking budgets', async () => {
    const src = [
      'from anthropic import AsyncAnthropic, AnthropicBedrock',
      'from anthropic import AnthropicVertex as V',
      'class S:',
      '    def __init__(self):',
      '        self.a = AsyncAnthropic()',
      '        self.b = AnthropicBedrock(aws_region="us-east-1")',
      '    async def go(self, q):',
      '        async with self.a.messages.stream(model="claude-opus-4-1", max_tokens=2048, thinking={"type": "enabled", "budget_tokens": 1024}, messages=[]) as s:',
      '            pass',
      '        self.b.beta.messages.create(model="anthropic.claude-3-5-sonnet", max_tokens=10, messages=[])',
      '        V(region="us").messages.create(model="claude-3-7-sonnet@20250219", max_tokens=5, messages=[])',
    ].join('\n');
    const sites = await py(src);
    assert.deepEqual(
      sites.map((s) => [s.api, s.streaming, s.cap?.value]),
      [
        ['messages.stream', true, 2048],
        ['beta.messages.create', false, 10],
        ['messages.create', false, 5],
      ],
    );
    assert.deepEqual([sites[0]?.reasoning?.param, sites[0]?.reasoning?.budget], ['thinking.budget_tokens', 1024]);
  });

  it('reads the legacy completions API with max_tokens_to_sample', async () => {
    const [s] = await py('from anthropic import Anthropic\nAnthropic().completions.create(model="claude-2.1", prompt="\\n\\nHuman: hi\\n\\nAssistant:", max_tokens_to_sample=300)');
    assert.deepEqual([s?.api, s?.cap?.param, s?.cap?.value, s?.capRequired], ['completions.create', 'max_tokens_to_sample', 300, true]);
    assert.equal(partText(s!, 'prompt'), '\n\nHuman: hi\n\nAssistant:');
  });

  it('records cache_control on tools and on message content blocks', async () => {
    const src = [
      "import Anthropic from '@anthropic-ai/sdk';",
      'const a = new Anthropic();',
      "const tools = [{ name: 'get', description: 'Get it', input_schema: { type: 'object' }, cache_control: { type: 'ephemeral' } }];",
      "a.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 1, tools, messages: [{ role: 'user', content: [{ type: 'text', text: 'doc', cache_control: { type: 'ephemeral' } }, { type: 'text', text: 'q' }] }] });",
    ].join('\n');
    const [s] = await ts(src);
    assert.equal(s?.cache.length, 2);
    assert.ok(s?.cache.every((c) => c.ttl === '5m'));
    assert.equal(partText(s!, 'user'), 'doc\nq');
    assert.equal(s?.parts.find((p) => p.role === 'user')?.cacheMarked, true);
    assert.match(partText(s!, 'tools'), /"name":"get"/);
  });

  it('does not take a twilio-style messages.create for a site', async () => {
    const src = 'from twilio.rest import Client\nimport anthropic\nclient = Client("sid", "tok")\nclient.messages.create(to="+1", body="hi")\n';
    assert.deepEqual(await py(src), []);
  });
});
