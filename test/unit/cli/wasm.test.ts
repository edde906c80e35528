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

describe('nodeDetectionHost on several threads', () => {
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const spend = (ms: number) => {
    const end = cpu() + ms;
    let x = 0;
    while (cpu() < end) x++;
    return x;
  };

  it('divides the process time among the threads said to parse at once (four: a quarter)', () => {
    const now = nodeDetectionHost(4).now!;
    const [a, c0] = [now(), cpu()];
    spend(100);
    const [b, c1] = [now(), cpu()];
    assert.ok(Math.abs((b - a) - (c1 - c0) / 4) < 2, `clock ${b - a} ms for ${c1 - c0} ms of CPU`);
  });

  it('never runs back when the number of threads changes', () => {
    let threads = 1;
    const now = nodeDetectionHost(() => threads).now!;
    const readings = [now()];
    for (const n of [1, 3, 1, 2]) {
      threads = n;
      spend(20);
      readings.push(now());
    }
    for (let i = 1; i < readings.length; i++) assert.ok(readings[i]! >= readings[i - 1]!, readings.join(' '));
    // 20 ms of CPU at 1, 3, 1 and 2 threads: about 20 + 6.7 + 20 + 10
    assert.ok(Math.abs(readings.at(-1)! - readings[0]! - 56.7) < 8, readings.join(' '));
  });
});
