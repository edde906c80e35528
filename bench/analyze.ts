/**
 * Analysis speed (contract R): sizing, pricing and judging every site of the same generated
 * 5,000-line file the detection bench parses, after detection, with the real tokenizers and the
 * bundled price table. This is the share of the editor's per-keystroke budget (≤ 30 ms for
 * parse + detect + analyse) that tokens, money and rules take; the file's prompts are short, so a
 * second file carries a 3,000-token system prompt per call to show counting dominating.
 */
import { nodeRankLoader } from '../src/cli/ranks';
import { nodeDetectionHost } from '../src/cli/wasm';
import { analyzeSites, requiredEncodings, type AnalysisContext } from '../src/core/analyze';
import { defaultSettings, emptyWorkspaceConfig } from '../src/core/config';
import { initDetection } from '../src/core/detect';
import { defaultPriceTable } from '../src/core/pricing';
import { Tokenizers } from '../src/core/tokens';
import { generateFile } from './detect';
import type { BenchRow } from './index';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export async function run(): Promise<BenchRow[]> {
  const detector = await initDetection(nodeDetectionHost());
  const tokenizers = new Tokenizers(nodeRankLoader());
  const ctx: AnalysisContext = { tokenizers, prices: defaultPriceTable(), settings: defaultSettings, workspace: emptyWorkspaceConfig };
  const longSystem = Array.from({ length: 300 }, (_, i) => `Rule ${i}: answer briefly, cite the source, keep units.`).join(' ');
  const files = {
    short: generateFile(5000),
    long: generateFile(5000).replace("const SYSTEM = 'You are a careful assistant. Answer briefly and cite sources when you can.';", `const SYSTEM = '${longSystem}';`),
  };
  const rows: BenchRow[] = [];
  for (const [name, text] of Object.entries(files)) {
    const sites = detector.detect({ text, language: 'typescript', path: 'src/service.ts' });
    for (const e of requiredEncodings(sites, ctx)) await tokenizers.ensure(e);
    // Warm the JIT the way an editing session does: many analyses of the same file.
    for (const t0 = performance.now(); performance.now() - t0 < 1000; ) analyzeSites('src/service.ts', text, sites, ctx);
    const times: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t = performance.now();
      analyzeSites('src/service.ts', text, sites, ctx);
      times.push(performance.now() - t);
    }
    const ms = median(times);
    const prompt = name === 'short' ? 'short prompts' : '3,000-token system prompts';
    rows.push({ metric: `analyse ${sites.length} sites of a 5,000-line file (${prompt}), after detection`, value: ms, unit: 'ms', target: '≤ 10 ms', met: ms <= 10 });
  }
  return rows;
}
