/**
 * `node out/test/fuzz/measure.js`: CPU time of core on the pathological inputs, one line each, for
 * docs/hardening.md. Core has no size limit of its own, so these are the costs the editor pays
 * for a document of that shape (the workspace scan skips the huge and the minified ones).
 */
import { analyzeSites, type AnalysisContext } from '../../src/core/analyze';
import { defaultSettings, emptyWorkspaceConfig } from '../../src/core/config';
import type { Language } from '../../src/core/model';
import { defaultPriceTable } from '../../src/core/pricing';
import { cpuMs } from './harness';
import { largeFile, longLiteralCall, manyPrompts, minifiedBundle } from './pathological';
import { loadEnv } from './targets';

const MB = 1024 * 1024;

async function main(): Promise<void> {
  const env = await loadEnv();
  const ctx: AnalysisContext = { tokenizers: env.tokenizers, prices: defaultPriceTable(), settings: defaultSettings, workspace: emptyWorkspaceConfig, today: '2026-12-01' };
  const cases: [string, string, Language][] = [
    ['1 MB minified bundle', minifiedBundle(MB), 'javascript'],
    ['1 MB string without whitespace in a call', longLiteralCall(MB, 'a'), 'typescript'],
    ['10 MB file', largeFile(10 * MB), 'typescript'],
    ['1,000 prompts in one file', manyPrompts(1_000), 'typescript'],
    ['10,000 prompts in one file', manyPrompts(10_000), 'typescript'],
  ];
  const only = process.argv.slice(2);
  process.stdout.write('| input | chars | sites | detect | analyze | open | edit in the middle | edit at the top |\n|---|---:|---:|---:|---:|---:|---:|---:|\n');
  for (const [name, text, language] of cases) {
    if (only.length && !only.some((o) => name.includes(o))) continue;
    const t = (f: () => unknown) => {
      const t0 = cpuMs();
      f();
      return `${Math.round(cpuMs() - t0)} ms`;
    };
    let sites: ReturnType<typeof env.detector.detect> = [];
    const detect = t(() => (sites = env.detector.detect({ text, language, path: 'a.ts' })));
    const analyze = t(() => analyzeSites('a.ts', text, sites, ctx));
    let doc: ReturnType<typeof env.detector.open> | undefined;
    const open = t(() => (doc = env.detector.open({ text, language, path: 'a.ts' })));
    const mid = text.length >> 1;
    const editMid = t(() => doc!.applyEdit({ start: mid, oldEnd: mid, newText: ' ' }));
    const editTop = t(() => doc!.applyEdit({ start: 0, oldEnd: 0, newText: '\n' }));
    doc!.dispose();
    process.stdout.write(`| ${name} | ${text.length.toLocaleString('en')} | ${sites.length} | ${detect} | ${analyze} | ${open} | ${editMid} | ${editTop} |\n`);
  }
}

void main();
