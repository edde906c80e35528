import * as assert from 'node:assert/strict';
import { nodeDetectionHost } from '../../../src/cli/wasm';

describe('nodeDetectionHost: the clock of the parse time budget', () => {
  it('counts work, not waiting: a 300 ms sleep adds under 100 ms, computing advances it', async () => {
    const now = nodeDetectionHost().now!;
    const t0 = now();
    await new Promise((r) => setTimeout(r, 300));
    const slept = now() - t0;
    assert.ok(slept < 100, `a sleep counted ${slept} ms`); // a wall clock counts 300
    const t1 = now();
    let x = 0;
    for (let i = 0; i < 5e7; i++) x += i % 7;
    assert.ok(x > 0 && now() - t1 > 0, 'fifty million additions took no time');
  });
});
