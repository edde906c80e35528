import * as assert from 'node:assert/strict';
import { analyzeSites } from '../../../src/core/analyze';
import type { Finding, Site } from '../../../src/core/model';
import { detectTemplate } from '../../../src/core/detect/templates';
import { applyEdits } from '../../../src/core/rules';
import { args, ctxWith, models, price, prop, site, spanFromTo, spanOf, textPart } from './fixtures';

function pm001(text: string, s: Site, ctx = ctxWith()): Finding | undefined {
  return analyzeSites('src/a.ts', text, [s], ctx)[0]!.findings.find((f) => f.rule === 'PM001');
}

function fixed(text: string, s: Site, ctx = ctxWith()): string {
  const f = pm001(text, s, ctx);
  assert.ok(f, 'expected PM001');
  assert.equal(f.fixes.length, 1);
  return applyEdits(text, f.fixes[0]!.edits);
}

describe('PM001 missing-output-cap', () => {
  const jsChat = [
    'const r = await client.chat.completions.create({',
    '  model: "gpt-test",',
    '  messages: [{ role: "user", content: "Hello there" }],',
    '});',
    '',
  ].join('\n');
  const jsChatSite = (): Site =>
    site(jsChat, {
      provider: 'openai',
      api: 'chat.completions.create',
      anchor: spanOf(jsChat, 'client.chat.completions.create'),
      model: { id: 'gpt-test', span: spanOf(jsChat, '"gpt-test"'), origin: 'literal' },
      parts: [textPart('user', 'Hello there', spanOf(jsChat, '"Hello there"'))],
      args: args('object', spanFromTo(jsChat, '({', '})'), [
        prop(jsChat, 'model', 'model: "gpt-test"', '"gpt-test"'),
        prop(jsChat, 'messages', 'messages: [{ role: "user", content: "Hello there" }]', '[{'),
      ]),
    });

  it('says what the worst case costs, by hand arithmetic', () => {
    // Input: 2 words + OpenAI chat framing (3 per message + 3 priming) = 8 tokens.
    // Worst case: 8 × $2/M + 16,384 × $8/M = $0.000016 + $0.131072 = $0.131088 → "$0.13";
    // monthly at the default 1,000 calls: $131.088 → "$131".
    const f = pm001(jsChat, jsChatSite());
    assert.ok(f);
    assert.equal(f.severity, 'warning');
    assert.equal(
      f.message,
      'no output cap: worst case 16,384 output tokens ≈ $0.13 per call (≈ $131/mo at 1,000 calls); set max_completion_tokens',
    );
    assert.deepEqual(f.span, spanOf(jsChat, 'client.chat.completions.create'));
  });

  it('inserts max_completion_tokens into a multi-line JS object, keeping the trailing comma habit', () => {
    assert.equal(
      fixed(jsChat, jsChatSite()),
      [
        'const r = await client.chat.completions.create({',
        '  model: "gpt-test",',
        '  messages: [{ role: "user", content: "Hello there" }],',
        '  max_completion_tokens: 1024,',
        '});',
        '',
      ].join('\n'),
    );
  });

  it('adds a comma and a new line after a last Python kwarg that has none', () => {
    const py = ['resp = client.chat.completions.create(', '    model="gpt-test",', '    messages=[{"role": "user", "content": "Hi"}]', ')', ''].join('\n');
    const s = site(py, {
      language: 'python',
      provider: 'openai',
      api: 'chat.completions.create',
      args: args('kwargs', spanFromTo(py, '(\n', '\n)'), [
        prop(py, 'model', 'model="gpt-test"', '"gpt-test"'),
        prop(py, 'messages', 'messages=[{"role": "user", "content": "Hi"}]', '[{'),
      ]),
      model: { id: 'gpt-test', origin: 'literal' },
    });
    assert.equal(
      fixed(py, s),
      ['resp = client.chat.completions.create(', '    model="gpt-test",', '    messages=[{"role": "user", "content": "Hi"}],', '    max_completion_tokens=1024', ')', ''].join('\n'),
    );
  });

  it('uses max_output_tokens on the Responses API, inline in a one-line call', () => {
    const py = 'r = client.responses.create(model="gpt-test", input="Hi")\n';
    const s = site(py, {
      language: 'python',
      provider: 'openai',
      api: 'responses.create',
      model: { id: 'gpt-test', origin: 'literal' },
      args: args('kwargs', spanFromTo(py, '(', ')'), [prop(py, 'model', 'model="gpt-test"', '"gpt-test"'), prop(py, 'input', 'input="Hi"', '"Hi"')]),
    });
    assert.equal(fixed(py, s), 'r = client.responses.create(model="gpt-test", input="Hi", max_output_tokens=1024)\n');
  });

  it('writes maxOutputTokens for the Vercel AI SDK', () => {
    const js = 'await generateText({ model: openai("gpt-test"), prompt: "Hi" });\n';
    const s = site(js, {
      provider: 'vercel-ai',
      api: 'generateText',
      model: { id: 'gpt-test', origin: 'literal' },
      args: args('object', spanFromTo(js, '{', '}'), [prop(js, 'model', 'model: openai("gpt-test")', 'openai'), prop(js, 'prompt', 'prompt: "Hi"', '"Hi"')]),
    });
    assert.equal(fixed(js, s), 'await generateText({ model: openai("gpt-test"), prompt: "Hi", maxOutputTokens: 1024 });\n');
  });

  it("puts Gemini's cap inside an existing JS config object", () => {
    const js = 'await ai.models.generateContent({ model: "gemini-1.5-test", contents: "Hi", config: { temperature: 0 } });\n';
    const s = site(js, {
      provider: 'gemini',
      api: 'models.generateContent',
      model: { id: 'gemini-1.5-test', origin: 'literal' },
      args: args('object', spanFromTo(js, '{ model', '} }'), [
        prop(js, 'model', 'model: "gemini-1.5-test"', '"gemini'),
        prop(js, 'contents', 'contents: "Hi"', '"Hi"'),
        prop(js, 'config', 'config: { temperature: 0 }', '{ temperature: 0 }'),
      ]),
    });
    assert.equal(fixed(js, s), 'await ai.models.generateContent({ model: "gemini-1.5-test", contents: "Hi", config: { temperature: 0, maxOutputTokens: 1024 } });\n');
  });

  it('adds a Gemini config object when there is none, and a kwarg inside GenerateContentConfig(...) in Python', () => {
    const js = 'await ai.models.generateContent({ model: "gemini-1.5-test", contents: "Hi" });\n';
    const s = site(js, {
      provider: 'gemini',
      api: 'models.generateContent',
      model: { id: 'gemini-1.5-test', origin: 'literal' },
      args: args('object', spanFromTo(js, '{', '}'), [prop(js, 'model', 'model: "gemini-1.5-test"', '"gemini'), prop(js, 'contents', 'contents: "Hi"', '"Hi"')]),
    });
    assert.equal(fixed(js, s), 'await ai.models.generateContent({ model: "gemini-1.5-test", contents: "Hi", config: { maxOutputTokens: 1024 } });\n');

    const py = 'client.models.generate_content(model="gemini-1.5-test", contents="Hi", config=types.GenerateContentConfig(temperature=0))\n';
    const ps = site(py, {
      language: 'python',
      provider: 'gemini',
      api: 'models.generate_content',
      model: { id: 'gemini-1.5-test', origin: 'literal' },
      args: args('kwargs', spanFromTo(py, '(model', '0))'), [
        prop(py, 'model', 'model="gemini-1.5-test"', '"gemini'),
        prop(py, 'contents', 'contents="Hi"', '"Hi"'),
        prop(py, 'config', 'config=types.GenerateContentConfig(temperature=0)', 'types.GenerateContentConfig(temperature=0)'),
      ]),
    });
    assert.equal(
      fixed(py, ps),
      'client.models.generate_content(model="gemini-1.5-test", contents="Hi", config=types.GenerateContentConfig(temperature=0, max_output_tokens=1024))\n',
    );
  });

  it('writes Bedrock inferenceConfig as a Python dict kwarg', () => {
    const py = 'client.converse(modelId="gpt-test", messages=msgs)\n';
    const s = site(py, {
      language: 'python',
      provider: 'bedrock',
      api: 'converse',
      model: { id: 'gpt-test', origin: 'literal' },
      args: args('kwargs', spanFromTo(py, '(', ')'), [prop(py, 'modelId', 'modelId="gpt-test"', '"gpt'), prop(py, 'messages', 'messages=msgs', 'msgs')]),
    });
    assert.equal(fixed(py, s), 'client.converse(modelId="gpt-test", messages=msgs, inferenceConfig={"maxTokens": 1024})\n');
  });

  it("quotes a Python dict key the way the dict's other keys are quoted", () => {
    const py = "params = {'model': 'gpt-test', 'messages': msgs}\nclient.chat.completions.create(**params)\n";
    const s = site(py, {
      language: 'python',
      provider: 'litellm',
      api: 'completion',
      model: { id: 'gpt-test', origin: 'constant' },
      args: args('object', spanFromTo(py, '{', '}'), [prop(py, "'model'", "'model': 'gpt-test'", "'gpt"), prop(py, "'messages'", "'messages': msgs", 'msgs')]),
    });
    assert.equal(fixed(py, s), "params = {'model': 'gpt-test', 'messages': msgs, 'max_tokens': 1024}\nclient.chat.completions.create(**params)\n");
  });

  it('adds max_tokens under prompty model.parameters with the same indentation', () => {
    const prompty = ['---', 'model:', '  configuration:', '    name: gpt-test', '  parameters:', '    temperature: 0.2', '---', 'system:', 'Be brief.', ''].join('\n');
    const s: Site = {
      ...site(prompty, { provider: 'openai', api: 'prompty', language: 'prompty', kind: 'template' }),
      model: { id: 'gpt-test', span: spanOf(prompty, 'gpt-test'), origin: 'front-matter' },
      args: args('yaml', spanFromTo(prompty, 'temperature', '0.2\n'), [prop(prompty, 'temperature', 'temperature: 0.2', '0.2')]),
    };
    assert.equal(
      fixed(prompty, s),
      ['---', 'model:', '  configuration:', '    name: gpt-test', '  parameters:', '    temperature: 0.2', '    max_tokens: 1024', '---', 'system:', 'Be brief.', ''].join('\n'),
    );
  });

  it('rewrites a cap written as None in place instead of adding a second cap', () => {
    const py = 'client.chat.completions.create(model="gpt-test", messages=msgs, max_tokens=None)\n';
    const s = site(py, {
      language: 'python',
      provider: 'openai',
      api: 'chat.completions.create',
      model: { id: 'gpt-test', origin: 'literal' },
      args: args('kwargs', spanFromTo(py, '(', ')'), [
        prop(py, 'model', 'model="gpt-test"', '"gpt'),
        prop(py, 'messages', 'messages=msgs', 'msgs'),
        prop(py, 'max_tokens', 'max_tokens=None', 'None'),
      ]),
    });
    assert.equal(fixed(py, s), 'client.chat.completions.create(model="gpt-test", messages=msgs, max_completion_tokens=1024)\n');
  });

  it('adds the whole modelParameters / config block to a template that has none', () => {
    const yml = 'name: Explain error\nmodel: openai/gpt-test\nmessages:\n  - role: user\n    content: "Explain {{error}}"\n';
    const s = detectTemplate('prompts/explain.prompt.yml', yml)!;
    assert.equal(s.args, undefined);
    assert.equal(
      fixed(yml, s),
      'name: Explain error\nmodel: openai/gpt-test\nmodelParameters:\n  max_tokens: 1024\nmessages:\n  - role: user\n    content: "Explain {{error}}"\n',
    );
    const dot = '---\nmodel: googleai/gpt-test\n---\nSummarize {{text}}\n';
    assert.equal(fixed(dot, detectTemplate('prompts/sum.prompt', dot)!), '---\nmodel: googleai/gpt-test\nconfig:\n  maxOutputTokens: 1024\n---\nSummarize {{text}}\n');
    // A flow-style config already there is not rewritten: the finding stays, without an edit.
    const flow = '---\nmodel: googleai/gpt-test\nconfig: {temperature: 0}\n---\nSummarize {{text}}\n';
    const f = pm001(flow, detectTemplate('prompts/sum.prompt', flow)!);
    assert.ok(f);
    assert.deepEqual(f.fixes, []);
  });

  it('stays quiet on a LangChain call whose chat model was not traced to its constructor', () => {
    const js = 'const out = await this.llm.invoke(messages);\n';
    assert.equal(pm001(js, site(js, { provider: 'langchain', api: 'invoke', model: null })), undefined);
  });

  it('suggests room for the expected output, as a power of two within the model maximum', () => {
    // Expected 2,000 → at least 2,500 → 4,096.
    const s = { ...jsChatSite(), expectedOutput: 2_000 };
    assert.match(fixed(jsChat, s), /max_completion_tokens: 4096,/);
    const small = ctxWith({ rows: [price({ id: 'gpt-test', maxOutputTokens: 800 })] });
    assert.match(fixed(jsChat, jsChatSite(), small), /max_completion_tokens: 800,/);
  });

  it('leaves room for reasoning on models that reason before answering, or calls that set a reasoning effort', () => {
    const rows = [price({ id: 'o4-mini', maxOutputTokens: 100_000 }), price({ id: 'gpt-5-chat-latest' })];
    const on = (id: string, extra: Partial<Site> = {}) => fixed(jsChat, { ...jsChatSite(), model: { id, origin: 'literal' }, ...extra }, ctxWith({ rows }));
    assert.match(on('o4-mini'), /max_completion_tokens: 4096,/);
    assert.match(on('gpt-5-chat-latest'), /max_completion_tokens: 1024,/);
    assert.match(on('gpt-5-chat-latest', { reasoning: { param: 'reasoning_effort', effort: 'low', span: { start: 0, end: 0 } } }), /max_completion_tokens: 4096,/);
  });

  it("names LangChain JS's silent 16,384 default for Claude", () => {
    // Input 1 word + Anthropic framing; worst case 16,384 × $15/M = $0.24576 plus cents of input → "$0.25".
    const js = 'const llm = new ChatAnthropic({ model: "claude-sonnet-4-5" });\nawait llm.invoke("Hi");\n';
    const s = site(js, {
      provider: 'langchain',
      api: 'ChatAnthropic.invoke',
      model: { id: 'claude-sonnet-4-5', origin: 'literal' },
      parts: [textPart('user', 'Hi')],
      args: args('object', spanFromTo(js, '{', '}'), [prop(js, 'model', 'model: "claude-sonnet-4-5"', '"claude')]),
    });
    const f = pm001(js, s);
    assert.ok(f);
    assert.match(f.message, /^no output cap: the SDK's default of 16,384 output tokens applies ≈ \$0\.25 per call/);
    assert.match(f.message, /set maxTokens$/);
    assert.equal(applyEdits(js, f.fixes[0]!.edits), 'const llm = new ChatAnthropic({ model: "claude-sonnet-4-5", maxTokens: 1024 });\nawait llm.invoke("Hi");\n');
  });

  it('never fires on Anthropic messages, nor when a cap is written (even a non-literal one), nor where the format has no cap', () => {
    const anth = site(jsChat, { provider: 'anthropic', api: 'messages.create', model: { id: 'claude-sonnet-4-5', origin: 'literal' } });
    assert.equal(pm001(jsChat, anth), undefined);
    const capped = { ...jsChatSite(), cap: { param: 'max_completion_tokens', value: null, span: { start: 0, end: 1 } } };
    assert.equal(pm001(jsChat, capped), undefined);
    const plain = { ...jsChatSite(), capNotApplicable: true };
    assert.equal(pm001(jsChat, plain), undefined);
  });

  it('says the cost is unknown for an unpriced model instead of pricing it at $0', () => {
    const s = { ...jsChatSite(), model: { id: 'gpt-unknown-9', origin: 'literal' as const } };
    const f = pm001(jsChat, s);
    assert.ok(f);
    assert.equal(f.message, 'no output cap, and the model is unknown: output length is bounded only by the provider; set max_completion_tokens');
    assert.doesNotMatch(f.message, /\$0/);
  });

  it('is turned off by severity off in promptmeter.yaml', () => {
    assert.equal(pm001(jsChat, jsChatSite(), ctxWith({ yaml: 'rules:\n  PM001: off\n' })), undefined);
    assert.equal(pm001(jsChat, jsChatSite(), ctxWith({ settings: { diagnostics: { severity: { PM001: 'error' } } } }))!.severity, 'error');
  });

  describe('openai-node v3 (OpenAIApi)', () => {
    const v3 = (api: string, body: string): { js: string; s: Site } => {
      const js = `const r = await openai.${api}({ model: "gpt-test", ${body} });\n`;
      const s = site(js, {
        provider: 'openai',
        api,
        model: { id: 'gpt-test', span: spanOf(js, '"gpt-test"'), origin: 'literal' },
        args: args('object', spanFromTo(js, '({', '})'), [prop(js, 'model', 'model: "gpt-test"', '"gpt-test"'), prop(js, body.split(':')[0]!, body, body.split(': ')[1]!)]),
      });
      return { js, s };
    };

    it('createChatCompletion gets max_tokens: its request type has no max_completion_tokens', () => {
      const { js, s } = v3('createChatCompletion', 'messages: msgs');
      assert.match(pm001(js, s)!.message, /; set max_tokens$/);
      assert.equal(fixed(js, s), 'const r = await openai.createChatCompletion({ model: "gpt-test", messages: msgs, max_tokens: 1024 });\n');
    });

    it('createCompletion gets max_tokens too', () => {
      const { js, s } = v3('createCompletion', 'prompt: text');
      assert.equal(fixed(js, s), 'const r = await openai.createCompletion({ model: "gpt-test", prompt: text, max_tokens: 1024 });\n');
    });
  });

  it('stays quiet when the request is an object only known at run time (capUnknown): it may hold the cap', () => {
    const py = 'resp = client.chat.completions.create(**request)\n';
    const s = site(py, {
      language: 'python',
      provider: 'openai',
      api: 'chat.completions.create',
      model: null,
      capUnknown: true,
      args: args('kwargs', spanOf(py, '(**request)'), []),
    });
    assert.equal(pm001(py, s), undefined);
    // The same call with its request written out and no cap does get one: capUnknown is what silences it.
    assert.ok(pm001(py, { ...s, capUnknown: undefined, model: { id: 'gpt-test', origin: 'literal' } }));
  });

  describe("LangChain chat models with no model written (LangChain's default runs)", () => {
    const pyCall = (ctorArgs: string, api = 'ChatOpenAI.invoke'): { py: string; s: Site } => {
      const py = `llm = ChatOpenAI${ctorArgs}\nllm.invoke("Hi")\n`;
      const s = site(py, {
        language: 'python',
        provider: 'langchain',
        api,
        anchor: spanOf(py, 'llm.invoke'),
        parts: [textPart('user', 'Hi')],
        args: args('kwargs', spanOf(py, ctorArgs), ctorArgs.includes('temperature') ? [prop(py, 'temperature', 'temperature=0', '0')] : []),
      });
      return { py, s };
    };
    const noDefault = ctxWith({ rows: [models.gpt] });
    const withDefault = ctxWith({ rows: [models.gpt, price({ id: 'gpt-3.5-turbo', maxOutputTokens: 4_096 })] });

    it('fires on ChatOpenAI() and ChatOpenAI(temperature=0), naming the default model and its maximum output', () => {
      const { py, s } = pyCall('()');
      const f = pm001(py, s, withDefault);
      assert.ok(f);
      assert.equal(f.message, "no output cap, and no model is written: LangChain's ChatOpenAI then runs gpt-3.5-turbo, up to 4,096 output tokens a call; set max_tokens");
      assert.deepEqual(f.span, spanOf(py, 'llm.invoke'));
      assert.equal(applyEdits(py, f.fixes[0]!.edits), 'llm = ChatOpenAI(max_tokens=1024)\nllm.invoke("Hi")\n');
      const t = pyCall('(temperature=0)');
      assert.equal(fixed(t.py, t.s, withDefault), 'llm = ChatOpenAI(temperature=0, max_tokens=1024)\nllm.invoke("Hi")\n');
    });

    it('without the default model in the table, says the output is bounded only by the provider', () => {
      const { py, s } = pyCall('()');
      assert.equal(
        pm001(py, s, noDefault)!.message,
        "no output cap, and no model is written: LangChain's ChatOpenAI then runs gpt-3.5-turbo, output length is bounded only by the provider; set max_tokens",
      );
    });

    it('also fires on a constructor never invoked (the site is the constructor)', () => {
      const { py, s } = pyCall('()', 'ChatOpenAI');
      assert.ok(pm001(py, s, withDefault));
    });

    it('stays quiet where options spread in (** / ...) may hold the cap, or no arguments were handed over', () => {
      const spread = pyCall('(**settings)');
      assert.equal(pm001(spread.py, spread.s, withDefault), undefined);
      const js = 'const llm = new ChatOpenAI({ ...base, temperature: 0 });\nawait llm.invoke("Hi");\n';
      const jsSite = site(js, {
        provider: 'langchain',
        api: 'ChatOpenAI.invoke',
        args: args('object', spanFromTo(js, '{ ...', '}'), [prop(js, 'temperature', 'temperature: 0', '0')]),
      });
      assert.equal(pm001(js, jsSite, withDefault), undefined);
      // `new ChatOpenAI(options)` reaches the rules without arguments (`new ChatOpenAI()` brings its empty `()`).
      assert.equal(pm001(js, { ...jsSite, args: undefined }, withDefault), undefined);
    });

    it('stays quiet on classes whose SDK sends its own cap or whose model is not LangChain-chosen', () => {
      const anth = pyCall('()', 'ChatAnthropic.invoke');
      assert.equal(pm001(anth.py, anth.s, withDefault), undefined);
      const azure = pyCall('()', 'AzureChatOpenAI.invoke');
      assert.equal(pm001(azure.py, azure.s, withDefault), undefined);
    });
  });
});
