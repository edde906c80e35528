/**
 * LangChain JS constructors through the whole pipeline: `new ChatOpenAI()` gets PM001 naming the
 * model LangChain picks, and its fix is valid code that the detector then reads as capped.
 */
import * as assert from 'node:assert/strict';
import { nodeRankLoader } from '../../../src/cli/ranks';
import { nodeDetectionHost } from '../../../src/cli/wasm';
import { analyzeSites, requiredEncodings, type AnalysisContext } from '../../../src/core/analyze';
import { defaultSettings, emptyWorkspaceConfig } from '../../../src/core/config';
import { initDetection, type Detector } from '../../../src/core/detect';
import type { SiteEstimate } from '../../../src/core/model';
import { defaultPriceTable } from '../../../src/core/pricing';
import { applyEdits } from '../../../src/core/rules';
import { Tokenizers } from '../../../src/core/tokens';

let detector: Detector;
const tokenizers = new Tokenizers(nodeRankLoader());
const ctx: AnalysisContext = { tokenizers, prices: defaultPriceTable(), settings: defaultSettings, workspace: emptyWorkspaceConfig, today: '2026-12-01' };

async function analyze(text: string): Promise<SiteEstimate[]> {
  const sites = detector.detect({ text, language: 'typescript', path: 'src/joke.ts' });
  for (const e of requiredEncodings(sites, ctx)) await tokenizers.ensure(e);
  return analyzeSites('src/joke.ts', text, sites, ctx);
}

const pm001 = (e: SiteEstimate | undefined) => e?.findings.find((f) => f.rule === 'PM001');
const file = (ctor: string, sig = ''): string =>
  ["import { ChatOpenAI } from '@langchain/openai';", `export async function joke(${sig}) {`, `  const llm = new ChatOpenAI${ctor};`, "  return llm.invoke('Tell me a joke');", '}', ''].join('\n');

describe('analysis: LangChain JS constructors', function () {
  this.timeout(30_000);
  before(async () => {
    detector = await initDetection(nodeDetectionHost());
  });

  it("new ChatOpenAI(): PM001 names LangChain's default model, and the fix writes an options object", async () => {
    const text = file('()');
    const [est] = await analyze(text);
    const f = pm001(est);
    assert.ok(f, 'expected PM001');
    // gpt-3.5-turbo's maximum output in the bundled table (LiteLLM) is 4,096 tokens.
    assert.equal(f.message, "no output cap, and no model is written: LangChain's ChatOpenAI then runs gpt-3.5-turbo, up to 4,096 output tokens a call; set maxTokens");
    assert.equal(at(text, f.span), 'llm.invoke');
    const fixed = applyEdits(text, f.fixes[0]!.edits);
    assert.match(fixed, /^ {2}const llm = new ChatOpenAI\(\{ maxTokens: 1024 \}\);$/m);
    const [after] = await analyze(fixed);
    assert.deepEqual([after?.site.cap?.param, after?.site.cap?.value], ['maxTokens', 1024]);
    assert.equal(pm001(after), undefined);
  });

  it('new ChatOpenAI(cfg) and new ChatOpenAI({ ...base }): the cap may be in the options, so no PM001', async () => {
    for (const [ctor, sig] of [['(cfg)', 'cfg: object'], ['({ ...base, temperature: 0 })', 'base: object']] as const) {
      const [est] = await analyze(file(ctor, sig));
      assert.equal(est?.site.capUnknown, true, ctor);
      assert.equal(pm001(est), undefined, ctor);
    }
  });

  it('new ChatOpenAI({ model, maxTokens }): capped, no PM001', async () => {
    const [est] = await analyze(file("({ model: 'gpt-4o', maxTokens: 100 })"));
    assert.deepEqual([est?.resolvedModel, est?.site.cap?.value, pm001(est)], ['gpt-4o', 100, undefined]);
  });
});

function at(text: string, span: { start: number; end: number }): string {
  return text.slice(span.start, span.end);
}
