/**
 * Detection speed on a generated 5,000-line TypeScript file: cold (first analysis after
 * loading), warm full analyses, and incremental analyses after one-character edits, against a
 * regex-only scan of the same text (what a parser-free tool would do) and the TypeScript
 * compiler's parse alone (the alternative parser considered in docs/detection.md).
 */
import { cpus, loadavg } from 'node:os';
import * as ts from 'typescript';
import { initDetection } from '../src/core/detect';
import { nodeDetectionHost } from '../src/cli/wasm';
import type { BenchRow } from './index';

const CALLS = [
  (i: number) => `  async ask${i}(q: string) {\n    return this.openai.chat.completions.create({ model: 'gpt-4o-mini', max_completion_tokens: ${100 + i}, messages: [{ role: 'system', content: SYSTEM }, { role: 'user', content: \`Question ${i}: \${q}\` }] });\n  }`,
  (i: number) => `  async claude${i}(q: string) {\n    return this.anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 1024, system: [{ type: 'text', text: SYSTEM, cache_control: { type: 'ephemeral' } }], messages: [{ role: 'user', content: q }] });\n  }`,
  (i: number) => `  async text${i}(q: string) {\n    return generateText({ model: openai('gpt-4.1'), system: SYSTEM, prompt: \`Summarise ${i}: \${q}\`, maxOutputTokens: 256 });\n  }`,
];

const FILLER = [
  (i: number) => `  helper${i}(items: Item[]): number {\n    let total = 0;\n    for (const it of items) {\n      if (it.kind === 'a' && it.count > ${i % 7}) total += it.count * ${i};\n      else total -= it.weight ?? 0;\n    }\n    return total;\n  }`,
  (i: number) => `  format${i}(u: User): string {\n    const name = [u.first, u.last].filter(Boolean).join(' ');\n    return \`\${name} <\${u.email}> #${i}\`;\n  }`,
  (i: number) => `  // Stores record ${i}; messages.create on the database is not an LLM call.\n  async save${i}(r: Row) {\n    await this.db.messages.create({ data: { id: r.id, body: r.body, n: ${i} } });\n    return { ok: true, id: r.id };\n  }`,
];

/** A realistic-looking service file: mostly ordinary code, with an LLM call every ~80 lines. */
export function generateFile(lines = 5000): string {
  const head = [
    "import OpenAI from 'openai';",
    "import Anthropic from '@anthropic-ai/sdk';",
    "import { generateText } from 'ai';",
    "import { openai } from '@ai-sdk/openai';",
    "import { PrismaClient } from '@prisma/client';",
    '',
    "const SYSTEM = 'You are a careful assistant. Answer briefly and cite sources when you can.';",
    'interface Item { kind: string; count: number; weight?: number }',
    'interface User { first: string; last: string; email: string }',
    'interface Row { id: string; body: string }',
    '',
    'export class Service {',
    '  private openai = new OpenAI();',
    '  private anthropic = new Anthropic();',
    '  private db = new PrismaClient();',
  ];
  const out = [...head];
  let i = 0;
  while (out.length < lines - 1) {
    const block = i % 10 === 9 ? (CALLS[i % CALLS.length] as (n: number) => string)(i) : (FILLER[i % FILLER.length] as (n: number) => string)(i);
    out.push(...block.split('\n'));
    i++;
  }
  out.push('}');
  return out.join('\n') + '\n';
}

const regexScan = /\b(?:chat\.completions\.create|messages\.create|responses\.create|generateText|streamText|generate_content|generateContent)\s*\(/g;

function regexSites(text: string): number {
  let n = 0;
  for (regexScan.lastIndex = 0; regexScan.exec(text); ) n++;
  return n;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function time(fn: () => void, runs: number): number {
  const xs: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    fn();
    xs.push(performance.now() - t);
  }
  return median(xs);
}

/** CPU time of the process (ms): on a loaded machine, wall time also counts waiting for a core. */
function cpuTime(fn: () => void, runs: number): number {
  const xs: number[] = [];
  for (let r = 0; r < runs; r++) {
    const c = process.cpuUsage();
    fn();
    const u = process.cpuUsage(c);
    xs.push((u.user + u.system) / 1000);
  }
  return median(xs);
}

export async function run(): Promise<BenchRow[]> {
  const text = generateFile();
  const input = { text, language: 'typescript' as const, path: 'bench/service.ts' };
  const t0 = performance.now();
  const detector = await initDetection(nodeDetectionHost());
  const load = performance.now() - t0;
  const t1 = performance.now();
  const first = detector.detect(input);
  const cold = performance.now() - t1;
  const regex = time(() => regexSites(text), 20);
  const tsParse = time(() => ts.createSourceFile('service.ts', text, ts.ScriptTarget.Latest, true), 10);
  const full = time(() => detector.detect(input), 20);

  const doc = detector.open(input);
  doc.sites();
  // One-character edits inside method bodies all over the file, alternately typed and deleted.
  const spots: number[] = [];
  for (let at = text.indexOf('total = 0'); at !== -1 && spots.length < 40; at = text.indexOf('total = 0', at + 1)) spots.push(at + 'total = '.length);
  const incr: number[] = [];
  const incrCpu: number[] = [];
  let sitesAfterEdits = 0;
  const measure = (f: () => void): void => {
    const c = process.cpuUsage();
    const t = performance.now();
    f();
    incr.push(performance.now() - t);
    const u = process.cpuUsage(c);
    incrCpu.push((u.user + u.system) / 1000);
  };
  spots.forEach((at) => {
    measure(() => doc.applyEdit({ start: at, oldEnd: at, newText: '1' }));
    measure(() => (sitesAfterEdits = doc.applyEdit({ start: at, oldEnd: at + 1, newText: '' }).length));
  });
  // An edit inside a prompt: that site is read again, the others are reused.
  const inPrompt = text.indexOf('Question ') + 'Question'.length;
  const inSite: number[] = [];
  for (let k = 0; k < 20; k++) {
    const t = performance.now();
    doc.applyEdit({ start: inPrompt, oldEnd: inPrompt, newText: 'x' });
    doc.applyEdit({ start: inPrompt, oldEnd: inPrompt + 1, newText: '' });
    inSite.push((performance.now() - t) / 2);
  }
  doc.dispose();
  const incremental = median(incr);
  const fullCpu = cpuTime(() => detector.detect(input), 10);
  const lines = text.split('\n').length;
  process.stderr.write(
    `bench detect: ${lines} lines, ${first.length} sites (regex finds ${regexSites(text)}, incl. decoys), ${sitesAfterEdits} after edits; load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores\n`,
  );
  return [
    { metric: 'detection load (runtime + 4 grammars)', value: load, unit: 'ms' },
    { metric: `cold first analysis, ${lines}-line file`, value: cold, unit: 'ms', baselines: { 'regex scan': regex } },
    { metric: 'full analysis after warm-up (parse + detect)', value: full, unit: 'ms', target: '≤ 30 ms', met: full <= 30, baselines: { 'regex scan': regex, 'typescript createSourceFile (parse only)': tsParse } },
    { metric: 'full analysis, CPU time', value: fullCpu, unit: 'ms', target: '≤ 30 ms', met: fullCpu <= 30 },
    { metric: 'incremental analysis after a one-character edit', value: incremental, unit: 'ms', target: '≤ 5 ms', met: incremental <= 5, baselines: { 'regex scan': regex } },
    { metric: 'incremental analysis, CPU time', value: median(incrCpu), unit: 'ms', target: '≤ 5 ms', met: median(incrCpu) <= 5 },
    { metric: 'incremental analysis, edit inside a prompt string', value: median(inSite), unit: 'ms', target: '≤ 5 ms', met: median(inSite) <= 5 },
  ];
}
