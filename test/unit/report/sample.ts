import { parseWorkspaceConfig } from '../../../src/core/config';
import type { Finding, Site, SiteEstimate } from '../../../src/core/model';
import { featureWorksheet } from '../../../src/core/report';
import { LineIndex } from '../../../src/core/text/lines';

/**
 * Hand-built estimates over three small sources, priced by hand from the providers' list prices:
 * gpt-4o $2.50 / $10 per million tokens, claude-sonnet-4 $3 / $15. The expected dollars in the
 * tests are worked out in comments there, not taken from the code under test.
 */
export const SOURCES: Record<string, string> = {
  'src/chat.ts': [
    "import OpenAI from 'openai';",
    'const client = new OpenAI();',
    '// promptmeter: 50000/month',
    'export async function chat(q: string) {',
    "  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] });",
    '}',
    '',
  ].join('\n'),
  'app/summarize.py': [
    'import anthropic',
    '# 🧾 receipts',
    'client = anthropic.Anthropic()',
    'def summarize(text):',
    '    # 🧾🧾',
    '    return client.messages.create(model="claude-sonnet-4-20250514", max_tokens=1024, system=SYSTEM, messages=[{"role": "user", "content": text}])',
    '',
  ].join('\r\n'),
  'src/legacy.ts': "await generateText({ model: openai('my-model'), prompt: 'Hi' });\n",
};

export function at(file: string, needle: string): { start: number; end: number } {
  const text = SOURCES[file]!;
  const start = text.indexOf(needle);
  if (start < 0) throw new Error(`${needle} not in ${file}`);
  return { start, end: start + needle.length };
}

function site(over: Partial<Site> & Pick<Site, 'span' | 'provider' | 'api' | 'language'>): Site {
  return { kind: 'call', anchor: over.span, model: null, parts: [], cap: null, cache: [], streaming: false, ...over };
}

function finding(rule: Finding['rule'], severity: Finding['severity'], message: string, span: { start: number; end: number }): Finding {
  return { rule, severity, message, span, fixes: [] };
}

export function sampleEstimates(): SiteEstimate[] {
  const chatCall = at('src/chat.ts', "client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] })");
  const claudeCall = at('app/summarize.py', 'client.messages.create(model=');
  const legacyCall = at('src/legacy.ts', "generateText({ model: openai('my-model'), prompt: 'Hi' })");
  return [
    {
      id: 'chat-1',
      file: 'src/chat.ts',
      site: site({ span: chatCall, provider: 'openai', api: 'chat.completions.create', language: 'typescript', model: { id: 'gpt-4o', origin: 'literal' } }),
      resolvedModel: 'gpt-4o',
      encoding: 'o200k_base',
      inputTokens: 1234,
      inputTokensExact: false,
      inputTokensRange: { min: 1034, max: 1434 },
      parts: [],
      // no cap in the call: analysis bounds the output by the model's maximum
      outputTokensCap: 16_384,
      outputTokensExpected: 300,
      // 1,234 × $2.50/M = $0.003085; 300 × $10/M = $0.003
      costPerCall: { input: 3_085_000, output: 3_000_000, total: 6_085_000 },
      worstCasePerCall: { input: 3_085_000, output: 163_840_000, total: 166_925_000 },
      volume: { callsPerMonth: 50_000, source: 'annotation', detail: 'promptmeter: 50000/month' },
      // 50,000 × $0.006085 = $304.25
      monthlyCost: 304_250_000_000,
      cache: { eligibleTokens: 0, used: false },
      findings: [finding('PM001', 'warning', 'no output cap: worst case 16,384 output tokens ≈ $0.16 per call', at('src/chat.ts', 'client.chat.completions.create'))],
    },
    {
      id: 'sum-1',
      file: 'app/summarize.py',
      site: site({ span: claudeCall, provider: 'anthropic', api: 'messages.create', language: 'python', model: { id: 'claude-sonnet-4-20250514', origin: 'literal' }, cap: { param: 'max_tokens', value: 1024, span: at('app/summarize.py', 'max_tokens=1024') } }),
      resolvedModel: 'claude-sonnet-4',
      encoding: 'o200k_base',
      inputTokens: 2000,
      inputTokensExact: false,
      inputTokensRange: { min: 2000, max: 2000 },
      parts: [],
      outputTokensCap: 1024,
      outputTokensExpected: 500,
      // 2,000 × $3/M = $0.006; 500 × $15/M = $0.0075
      costPerCall: { input: 6_000_000, output: 7_500_000, total: 13_500_000 },
      worstCasePerCall: { input: 6_000_000, output: 15_360_000, total: 21_360_000 },
      volume: { callsPerMonth: 10_000, source: 'default' },
      // 10,000 × $0.0135 = $135
      monthlyCost: 135_000_000_000,
      cache: { eligibleTokens: 1800, used: false },
      findings: [finding('PM004', 'warning', 'system prompt of 1,800 tokens sent without cache_control', at('app/summarize.py', 'system=SYSTEM'))],
    },
    {
      id: 'legacy-1',
      file: 'src/legacy.ts',
      site: site({ span: legacyCall, provider: 'vercel-ai', api: 'generateText', language: 'typescript', model: { id: 'my-model', origin: 'literal' } }),
      resolvedModel: null,
      encoding: 'o200k_base',
      inputTokens: 8,
      inputTokensExact: false,
      inputTokensRange: { min: 8, max: 8 },
      parts: [],
      outputTokensCap: null,
      outputTokensExpected: 256,
      costPerCall: null,
      worstCasePerCall: null,
      volume: { callsPerMonth: 1_000, source: 'default' },
      monthlyCost: null,
      cache: { eligibleTokens: 0, used: false },
      findings: [finding('PM006', 'warning', "unknown model 'my-model': did you mean 'gpt-4o-mini'?", at('src/legacy.ts', "'my-model'"))],
    },
  ];
}

export function sampleLines(file: string): LineIndex | undefined {
  const t = SOURCES[file];
  return t === undefined ? undefined : new LineIndex(t);
}

/**
 * The sample's promptmeter.yaml features. By hand: chat holds chat-1 ($304.25/mo) and the unpriced
 * legacy-1, so $304.25 ÷ 25,000 tasks = $0.01217 a task, ÷ 0.8 success = $0.0152125; summaries
 * holds sum-1 at $0.0135 a call, 2 calls a task = $0.027, $135/mo over its $100 budget.
 */
export const SAMPLE_FEATURES_YAML = `features:
  - name: chat
    globs: ["src/**"]
    tasksPerMonth: 25000
    successRate: 0.8
  - name: summaries
    globs: ["app/**"]
    callsPerTask: 2
    budget: { monthly: 100 }
`;

export const SAMPLE_META = {
  toolVersion: '0.1.0',
  pricingAsOf: '2026-11-15',
  errors: [{ file: 'vendor/blob.bin', message: 'binary file (NUL bytes), skipped' }],
  lines: sampleLines,
  featureOf: (e: SiteEstimate) => (e.file.startsWith('app/') ? 'summaries' : 'chat'),
  features: featureWorksheet(sampleEstimates(), parseWorkspaceConfig(SAMPLE_FEATURES_YAML).config),
  // List input prices per million tokens; at $3 and up a model is premium: claude-sonnet-4's $135 of $439.25
  premium: { inputPerMTok: (id: string) => ({ 'gpt-4o': 2.5, 'claude-sonnet-4': 3 })[id] ?? null, thresholdPerMTok: 3 },
};
