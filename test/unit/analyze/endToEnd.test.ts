/**
 * The pipeline on real source: the real detector finds the sites, the real tokenizers count them,
 * the bundled table prices them; each quick fix is applied to the text and the file analysed
 * again, which proves the edit is valid code that the detector reads as intended.
 */
import * as assert from 'node:assert/strict';
import { nodeRankLoader } from '../../../src/cli/ranks';
import { nodeDetectionHost } from '../../../src/cli/wasm';
import { analyzeSites, requiredEncodings, type AnalysisContext } from '../../../src/core/analyze';
import { defaultSettings, emptyWorkspaceConfig } from '../../../src/core/config';
import { initDetection, type Detector } from '../../../src/core/detect';
import type { Language, RuleId, SiteEstimate } from '../../../src/core/model';
import { defaultPriceTable } from '../../../src/core/pricing';
import { applyEdits } from '../../../src/core/rules';
import { Tokenizers } from '../../../src/core/tokens';

let detector: Detector;
const tokenizers = new Tokenizers(nodeRankLoader());
const ctx: AnalysisContext = { tokenizers, prices: defaultPriceTable(), settings: defaultSettings, workspace: emptyWorkspaceConfig, today: '2026-12-01' };

async function analyze(text: string, language: Language, file: string): Promise<SiteEstimate[]> {
  const sites = detector.detect({ text, language, path: file });
  for (const e of requiredEncodings(sites, ctx)) await tokenizers.ensure(e);
  return analyzeSites(file, text, sites, ctx);
}

const rules = (e: SiteEstimate | undefined): RuleId[] => (e?.findings ?? []).map((f) => f.rule);

async function fixAndReanalyze(text: string, language: Language, file: string, rule: RuleId): Promise<{ fixed: string; after: SiteEstimate[] }> {
  const [est] = await analyze(text, language, file);
  const finding = est?.findings.find((f) => f.rule === rule);
  assert.ok(finding, `expected ${rule} in ${file}, got ${rules(est).join(', ') || 'nothing'}`);
  const fix = finding.fixes.find((f) => f.preferred) ?? finding.fixes[0];
  assert.ok(fix, `expected a fix for ${rule}`);
  const fixed = applyEdits(text, fix.edits);
  return { fixed, after: await analyze(fixed, language, file) };
}

describe('analysis on real source', function () {
  this.timeout(30_000);
  before(async () => {
    detector = await initDetection(nodeDetectionHost());
  });

  it('OpenAI chat without a cap (TS): the fix adds max_completion_tokens, and the call is capped after', async () => {
    const text = [
      "import OpenAI from 'openai';",
      'const client = new OpenAI();',
      'export async function reply(question: string) {',
      '  const r = await client.chat.completions.create({',
      "    model: 'gpt-4o',",
      "    messages: [{ role: 'user', content: question }],",
      '  });',
      '  return r.choices[0].message.content;',
      '}',
      '',
    ].join('\n');
    const [before] = await analyze(text, 'typescript', 'src/reply.ts');
    assert.equal(before!.resolvedModel, 'gpt-4o');
    assert.ok(rules(before).includes('PM001'));
    const { fixed, after } = await fixAndReanalyze(text, 'typescript', 'src/reply.ts', 'PM001');
    assert.match(fixed, /\n {4}messages: \[\{ role: 'user', content: question \}\],\n {4}max_completion_tokens: 1024,\n {2}\}\);/);
    assert.equal(after[0]!.site.cap?.param, 'max_completion_tokens');
    assert.equal(after[0]!.site.cap?.value, 1024);
    assert.ok(!rules(after[0]).includes('PM001'));
    assert.equal(after[0]!.id, before!.id);
  });

  it('OpenAI Responses without a cap (Python): max_output_tokens as a kwarg', async () => {
    const text = ['from openai import OpenAI', 'client = OpenAI()', 'resp = client.responses.create(model="gpt-4o-mini", input="Say hi")', ''].join('\n');
    const { fixed, after } = await fixAndReanalyze(text, 'python', 'app.py', 'PM001');
    assert.match(fixed, /input="Say hi", max_output_tokens=1024\)/);
    assert.equal(after[0]!.site.cap?.value, 1024);
  });

  it('Anthropic with a long system prompt (Python): the cached block is read back as a cache marker', async () => {
    const guide = Array.from({ length: 180 }, (_, i) => `Rule ${i}: answer in plain English and keep the numbers with their units.`).join('\n');
    const text = [
      'import anthropic',
      'client = anthropic.Anthropic()',
      `STYLE_GUIDE = """${guide}"""`,
      '',
      'def summarize(log: str) -> str:',
      '    message = client.messages.create(',
      '        model="claude-sonnet-4-5",',
      '        max_tokens=1024,',
      '        system=STYLE_GUIDE,',
      '        messages=[{"role": "user", "content": log}],',
      '    )',
      '    return message.content[0].text',
      '',
    ].join('\n');
    const [before] = await analyze(text, 'python', 'src/summarize.py');
    assert.ok(before!.cache.eligibleTokens >= 1_024, `eligible ${before!.cache.eligibleTokens}`);
    assert.deepEqual(rules(before), ['PM004']);
    const { fixed, after } = await fixAndReanalyze(text, 'python', 'src/summarize.py', 'PM004');
    assert.match(fixed, /system=\[\{"type": "text", "text": STYLE_GUIDE, "cache_control": \{"type": "ephemeral"\}\}\],/);
    assert.equal(after[0]!.cache.used, true);
    assert.deepEqual(rules(after[0]), []);
  });

  it('a typo in the model id (TS, Vercel AI SDK): PM006 offers the nearest id, and the call is priced after', async () => {
    const text = [
      "import { generateText } from 'ai';",
      "import { openai } from '@ai-sdk/openai';",
      "const { text } = await generateText({ model: openai('gpt-4o-mimi'), prompt: 'Hello', maxOutputTokens: 200 });",
      '',
    ].join('\n');
    const [before] = await analyze(text, 'typescript', 'src/hello.ts');
    assert.equal(before!.costPerCall, null);
    const { fixed, after } = await fixAndReanalyze(text, 'typescript', 'src/hello.ts', 'PM006');
    assert.match(fixed, /openai\('gpt-4o-mini'\)/);
    assert.equal(after[0]!.resolvedModel, 'gpt-4o-mini');
    assert.notEqual(after[0]!.costPerCall, null);
  });

  it('Gemini 2.5 without a cap (JS): maxOutputTokens goes into a new config object, with room for thinking', async () => {
    const text = [
      "import { GoogleGenAI } from '@google/genai';",
      'const ai = new GoogleGenAI({});',
      "const res = await ai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'Why is the sky blue?' });",
      '',
    ].join('\n');
    const { fixed, after } = await fixAndReanalyze(text, 'javascript', 'src/sky.js', 'PM001');
    assert.match(fixed, /contents: 'Why is the sky blue\?', config: \{ maxOutputTokens: 4096 \} \}\);/);
    assert.equal(after[0]!.site.cap?.value, 4096);
  });

  it('a suppression comment written by the quick fix silences the rule on the next run', async () => {
    const { suppressionFix } = await import('../../../src/core/rules');
    const text = ['from litellm import completion', 'def f(msgs):', '    return completion(model="gpt-4o", messages=msgs)', ''].join('\n');
    const [before] = await analyze(text, 'python', 'f.py');
    assert.ok(rules(before).includes('PM001'));
    const fix = suppressionFix('PM001', before!.site, text)!;
    const fixed = applyEdits(text, fix.edits);
    assert.equal(fixed, ['from litellm import completion', 'def f(msgs):', '    # promptmeter-ignore PM001', '    return completion(model="gpt-4o", messages=msgs)', ''].join('\n'));
    const [after] = await analyze(fixed, 'python', 'f.py');
    assert.ok(!rules(after).includes('PM001'));
    assert.deepEqual(after!.suppressedRules, ['PM001']);
  });

  it('openai-node v3 (OpenAIApi): the fix writes max_tokens, the only cap its request types have, and the call is capped after', async () => {
    const text = [
      "import { Configuration, OpenAIApi } from 'openai';",
      'const openai = new OpenAIApi(new Configuration({ apiKey: process.env.OPENAI_API_KEY }));',
      "const chat = await openai.createChatCompletion({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });",
      '',
    ].join('\n');
    const { fixed, after } = await fixAndReanalyze(text, 'typescript', 'src/v3.ts', 'PM001');
    assert.match(fixed, /content: 'Hi' \}\], max_tokens: 1024 \}\);/);
    assert.doesNotMatch(fixed, /max_completion_tokens/);
    assert.deepEqual([after[0]!.site.cap?.param, after[0]!.site.cap?.value], ['max_tokens', 1024]);
    assert.ok(!rules(after[0]).includes('PM001'));
    const completion = text.replace("createChatCompletion({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] })", "createCompletion({ model: 'gpt-3.5-turbo-instruct', prompt: 'Hi' })");
    const v3Text = await fixAndReanalyze(completion, 'typescript', 'src/v3.ts', 'PM001');
    assert.match(v3Text.fixed, /prompt: 'Hi', max_tokens: 1024 \}\);/);
  });

  it("LangChain ChatOpenAI() with no model and no cap (Python): PM001 names LangChain's default model, and the fix caps the constructor", async () => {
    const text = ['from langchain_openai import ChatOpenAI', '', 'llm = ChatOpenAI()', 'print(llm.invoke("Tell me a joke").content)', ''].join('\n');
    const [est] = await analyze(text, 'python', 'joke.py');
    const f = est!.findings.find((x) => x.rule === 'PM001');
    assert.ok(f, `expected PM001, got ${rules(est).join(', ') || 'nothing'}`);
    // gpt-3.5-turbo's maximum output in the bundled table (LiteLLM) is 4,096 tokens.
    assert.equal(f.message, "no output cap, and no model is written: LangChain's ChatOpenAI then runs gpt-3.5-turbo, up to 4,096 output tokens a call; set max_tokens");
    const { fixed, after } = await fixAndReanalyze(text, 'python', 'joke.py', 'PM001');
    assert.match(fixed, /^llm = ChatOpenAI\(max_tokens=1024\)$/m);
    assert.equal(after[0]!.site.cap?.value, 1024);
    assert.ok(!rules(after[0]).includes('PM001'));
  });

  it('LangChain ChatOpenAI(**settings): options only known at run time may hold the cap, so PM001 stays silent', async () => {
    const text = ['from langchain_openai import ChatOpenAI', '', 'llm = ChatOpenAI(**load_settings())', 'llm.invoke("Tell me a joke")', ''].join('\n');
    const [est] = await analyze(text, 'python', 'joke.py');
    assert.equal(est!.site.api, 'ChatOpenAI.invoke');
    assert.ok(!rules(est).includes('PM001'));
  });

  it('a request object only known at run time (capUnknown) gets no PM001', async () => {
    const text = ['from openai import OpenAI', 'client = OpenAI()', 'def ask(request):', '    return client.chat.completions.create(**request)', ''].join('\n');
    const [est] = await analyze(text, 'python', 'ask.py');
    assert.equal(est!.site.capUnknown, true);
    assert.ok(!rules(est).includes('PM001'));
  });
});
