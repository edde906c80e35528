/**
 * Minified code puts every call of a file on one line. Analysis used to read "the call's line" for
 * each call (quick-fix indentation, suppression comments), so a file of n calls cost n × its size:
 * 2,542 calls in 256 KB took 3.3 s. These pin analysis to linear time on such a file and check
 * that the fixes and suppressions it gives are still the ones an ordinary file gets.
 */
import * as assert from 'node:assert/strict';
import { analyzeSites, type AnalysisContext } from '../../../src/core/analyze';
import { defaultSettings, emptyWorkspaceConfig } from '../../../src/core/config';
import type { Site } from '../../../src/core/model';
import { defaultPriceTable } from '../../../src/core/pricing';
import { applyEdits } from '../../../src/core/rules';
import { lineIndexOf, LineIndex } from '../../../src/core/text/lines';
import { cpuMs } from '../../fuzz/harness';
import { loadEnv, type FuzzEnv } from '../../fuzz/targets';

const HEAD = 'import OpenAI from "openai";const client=new OpenAI();/* promptmeter-ignore PM004 */';
const call = (i: number): string => `client.chat.completions.create({model:"gpt-4o",messages:[{role:"user",content:"hi ${String(i).padStart(5, '0')}"}]});`;

/** A copy of `value` with every span (`{ start, end }`) moved `by` characters. */
function shifted<T>(value: T, by: number): T {
  if (Array.isArray(value)) return value.map((v) => shifted(v, by)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = shifted(v, by);
  if (typeof out.start === 'number' && typeof out.end === 'number') {
    out.start = (out.start as number) + by;
    out.end = (out.end as number) + by;
  }
  return out as T;
}

describe('hardening: many calls on one long line', function () {
  this.timeout(600_000);
  let env: FuzzEnv;
  let ctx: AnalysisContext;
  let one: Site;
  before(async () => {
    env = await loadEnv();
    ctx = { tokenizers: env.tokenizers, prices: defaultPriceTable(), settings: defaultSettings, workspace: emptyWorkspaceConfig, today: '2026-12-01' };
    // Detection's own cost on such files is its owner's to bound: the sites of `n` calls are the
    // one detected call's, moved along the line (every call has the same length).
    const sites = env.detector.detect({ language: 'javascript', path: 'bundle.js', text: HEAD + call(0) });
    assert.equal(sites.length, 1);
    one = sites[0]!;
  });

  /** `n` uncapped chat calls on one line, behind a comment that suppresses PM004 on that line. */
  function analyzed(n: number): { text: string; ms: number; est: ReturnType<typeof analyzeSites> } {
    let text = HEAD;
    for (let i = 0; i < n; i++) text += call(i);
    const width = call(0).length;
    const sites = Array.from({ length: n }, (_, i) => shifted(one, i * width));
    // Warm the tokenizer and memo caches so the two sizes are timed alike.
    analyzeSites('bundle.js', text, sites.slice(0, 1), ctx);
    const t0 = cpuMs();
    const est = analyzeSites('bundle.js', text, sites, ctx);
    return { text, ms: cpuMs() - t0, est };
  }

  it('4× the calls cost far less than 16× the CPU time (analysis is linear in the file)', () => {
    const small = analyzed(1_000);
    const large = analyzed(4_000);
    // Linear: ~4×. Before the line index, ~12× at these sizes and rising (quadratic). The floor
    // keeps a tiny, noisy small-run time from deciding the ratio.
    const ratio = large.ms / Math.max(small.ms, 100);
    assert.ok(ratio < 8, `1,000 calls: ${small.ms.toFixed(0)} ms, 4,000 calls: ${large.ms.toFixed(0)} ms (${ratio.toFixed(1)}×)`);
    assert.ok(large.ms < 20_000, `4,000 calls took ${large.ms} ms`);
  });

  it('each call still gets its own fix, written where an ordinary file gets it, and the line suppression', () => {
    const { text, est } = analyzed(500);
    for (const i of [0, 250, 499]) {
      const e = est[i]!;
      assert.deepEqual(e.suppressedRules, ['PM004']);
      const pm001 = e.findings.find((f) => f.rule === 'PM001');
      assert.ok(pm001, `call ${i} has PM001`);
      const fixedCall = call(i).replace(']});', '], max_completion_tokens: 1024});');
      assert.equal(applyEdits(text, pm001.fixes[0]!.edits), text.replace(call(i), fixedCall));
    }
  });
});

describe('line bounds from the line index', () => {
  // The reference: scanning character by character, as the per-call code did before the index.
  const isBreak = (c: string | undefined): boolean => c === '\n' || c === '\r';
  const scanStart = (t: string, o: number): number => {
    let i = o;
    while (i > 0 && !isBreak(t[i - 1])) i--;
    return i;
  };
  const scanEnd = (t: string, o: number): number => {
    let i = o;
    while (i < t.length && !isBreak(t[i])) i++;
    return i;
  };

  it('equal a character scan at every offset, with \\n, \\r\\n and lone \\r breaks', () => {
    // A seeded mix of letters, blanks and every kind of break, including doubled and trailing ones.
    let seed = 7;
    const next = (): number => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
    const alphabet = ['a', 'b', ' ', '\t', '\n', '\r', '\r\n'];
    for (let round = 0; round < 50; round++) {
      let t = '';
      const len = next() % 60;
      for (let i = 0; i < len; i++) t += alphabet[next() % alphabet.length]!;
      const index = new LineIndex(t);
      for (let o = 0; o <= t.length + 1; o++) {
        assert.equal(index.lineStartAt(o), scanStart(t, o), `start of ${JSON.stringify(t)} at ${o}`);
        assert.equal(index.lineEndAt(o), scanEnd(t, o), `end of ${JSON.stringify(t)} at ${o}`);
      }
    }
  });

  it('are shared per text: the same string gets the same index, and a changed text a new one', () => {
    const a = 'one\ntwo\n';
    const b = `${a}three`;
    assert.equal(lineIndexOf(a), lineIndexOf(a));
    assert.notEqual(lineIndexOf(b), lineIndexOf(a));
    assert.equal(lineIndexOf(b).lineEndAt(a.length), b.length);
  });
});
