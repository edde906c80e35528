import * as assert from 'node:assert/strict';
import { runCli } from './price.test';

describe('promptmeter models', function () {
  this.timeout(60_000);

  it('lists every priced model as JSON with prices, limits, source and as-of date', () => {
    const r = runCli('models', '--json');
    assert.equal(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.currency, 'USD');
    assert.match(j.asOf, /^\d{4}-\d{2}-\d{2}$/);
    assert.ok(j.models.length > 100, `${j.models.length} models`);
    for (const m of j.models) {
      assert.ok(m.source && m.asOf, m.id);
      assert.ok(m.inputPerMTok > 0 || m.outputPerMTok > 0, `${m.id} is not priced at zero`);
    }
    const sonnet = j.models.find((m: { id: string }) => m.id === 'claude-sonnet-4-5');
    assert.deepEqual(
      [sonnet.inputPerMTok, sonnet.outputPerMTok, sonnet.cachedInputPerMTok, sonnet.cacheWrite5mPerMTok, sonnet.cacheWrite1hPerMTok],
      [3, 15, 0.3, 3.75, 6],
    );
    assert.equal(sonnet.contextWindow, 200_000);
    assert.equal(sonnet.maxOutputTokens, 64_000);
  });

  it('prints a readable table in plain mode', () => {
    const r = runCli('models');
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.match(lines[0]!, /^\d+ priced models · USD per 1M tokens · table as of \d{4}-\d{2}-\d{2}$/);
    assert.match(lines[2]!, /^model\s+provider\s+input\s+output\s+cached/);
    const gpt4o = lines.find((l) => l.startsWith('gpt-4o '));
    assert.ok(gpt4o);
    assert.match(gpt4o, /openai\s+\$2\.5\s+\$10\s+\$1\.25/);
  });

  it('filters by provider', () => {
    const j = JSON.parse(runCli('models', '--provider', 'anthropic', '--json').stdout);
    assert.ok(j.models.length > 5);
    assert.ok(j.models.every((m: { provider: string }) => m.provider === 'anthropic'));
  });

  it('exits 2 on an unknown provider or argument', () => {
    assert.equal(runCli('models', '--provider', 'nobody').status, 2);
    assert.equal(runCli('models', 'extra').status, 2);
  });
});
