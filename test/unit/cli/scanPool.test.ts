import * as assert from 'node:assert/strict';
import { initDetection, type Detector } from '../../../src/core/detect';
import type { Site } from '../../../src/core/model';
import { DetectionPool, type DetectTask } from '../../../src/cli/scanPool';
import { nodeDetectionHost } from '../../../src/cli/wasm';

/** File i makes i % 3 OpenAI calls, on lines 3 and 4 (1-based), so the expected counts are known by construction. */
function task(i: number): DetectTask {
  const calls = Array.from({ length: i % 3 }, (_, k) => `client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'question ${i}.${k}' }] });`);
  const text = ["import OpenAI from 'openai';", 'const client = new OpenAI();', ...calls, `export const n${i} = ${i};`, ''].join('\n');
  return { path: `src/f${i}.ts`, abs: `/nonexistent/src/f${i}.ts`, text, language: 'typescript' };
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

describe('DetectionPool (scan parsing on worker threads)', function () {
  this.timeout(60_000);
  const tasks = Array.from({ length: 12 }, (_, i) => task(i));
  let reference: Site[][];
  before(async () => {
    const d: Detector = await initDetection(nodeDetectionHost());
    reference = tasks.map((t) => d.detect({ text: t.text, language: t.language, path: t.path }));
  });

  it('finds the calls each file was written with (the reference detector agrees)', () => {
    assert.deepEqual(reference.map((s) => s.length), tasks.map((_, i) => i % 3));
    assert.deepEqual(reference[2]!.map((s) => lineOf(tasks[2]!.text, s.span.start)), [3, 4]);
  });

  it('parses on the threads alone and answers every file with what one thread finds', async () => {
    const pool = new DetectionPool({ root: '/nonexistent', maxWorkers: 2, charsPerWorker: 0, parseHere: false });
    try {
      const answers = tasks.map((t) => pool.submit(t));
      assert.equal(pool.workersStarted, 2);
      await pool.drain();
      const sites = await Promise.all(answers);
      assert.deepEqual(sites, reference);
      assert.deepEqual(pool.parsed, { onWorkers: 12, here: 0 });
    } finally {
      pool.close();
    }
  });

  it('starts a worker only once enough text waits, one more per share, up to the limit', async () => {
    const share = tasks[0]!.text.length * 3;
    const pool = new DetectionPool({ root: '/nonexistent', maxWorkers: 2, charsPerWorker: share });
    try {
      const started: number[] = [];
      const answers = tasks.map((t) => {
        const p = pool.submit(t);
        started.push(pool.workersStarted);
        return p;
      });
      // The submits run synchronously, so no worker takes a file meanwhile: what waits is the sum so far.
      const firstShare = tasks.findIndex((_, i) => tasks.slice(0, i + 1).reduce((n, t) => n + t.text.length, 0) >= share);
      const secondShare = tasks.findIndex((_, i) => tasks.slice(0, i + 1).reduce((n, t) => n + t.text.length, 0) >= 2 * share);
      assert.deepEqual(started.slice(0, firstShare), new Array(firstShare).fill(0));
      assert.equal(started[firstShare], 1);
      assert.equal(started[secondShare], 2);
      assert.equal(started.at(-1), 2);
      await pool.drain();
      assert.deepEqual(await Promise.all(answers), reference);
      assert.equal(pool.parsed.onWorkers + pool.parsed.here, 12);
    } finally {
      pool.close();
    }
  });

  it('parses on the main thread alone when little waits, starting no worker', async () => {
    const pool = new DetectionPool({ root: '/nonexistent', maxWorkers: 4, charsPerWorker: 1 << 30 });
    try {
      const answers = tasks.map((t) => pool.submit(t));
      await pool.drain();
      assert.deepEqual(await Promise.all(answers), reference);
      assert.equal(pool.workersStarted, 0);
      assert.deepEqual(pool.parsed, { onWorkers: 0, here: 12 });
    } finally {
      pool.close();
    }
  });

  it('drains with nothing queued', async () => {
    const pool = new DetectionPool({ root: '/nonexistent', maxWorkers: 2, charsPerWorker: 0 });
    await pool.drain();
    pool.close();
    assert.equal(pool.workersStarted, 0);
  });
});
