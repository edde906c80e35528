import * as assert from 'node:assert/strict';
import type { Site } from '../../../src/core/model';
import { cachingMode, capIsRequired, capParamPath, minCacheableTokens, reasonsBeforeAnswering, sdkDefaultCap } from '../../../src/core/rules/providerFacts';
import { site } from './fixtures';

const call = (provider: Site['provider'], api: string, language: Site['language'] = 'typescript'): Site => site('', { provider, api, language });

describe('provider facts', () => {
  it("names each SDK's own cap parameter (caching-and-caps.md §6)", () => {
    const cases: [Site, string[] | null][] = [
      [call('openai', 'chat.completions.create'), ['max_completion_tokens']],
      [call('openai', 'beta.chat.completions.parse', 'python'), ['max_completion_tokens']],
      [call('openai', 'responses.create'), ['max_output_tokens']],
      [call('openai', 'responses.stream', 'python'), ['max_output_tokens']],
      [call('openai', 'completions.create'), ['max_tokens']],
      [call('openai', 'Completion.create', 'python'), ['max_tokens']],
      [call('anthropic', 'messages.create'), ['max_tokens']],
      [call('vercel-ai', 'streamText'), ['maxOutputTokens']],
      [call('gemini', 'models.generateContent'), ['config', 'maxOutputTokens']],
      [call('gemini', 'models.generate_content', 'python'), ['config', 'max_output_tokens']],
      [call('gemini', 'chats.send_message', 'python'), ['config', 'max_output_tokens']],
      [call('gemini', 'GenerativeModel.generate_content', 'python'), ['generation_config', 'max_output_tokens']],
      [call('gemini', 'GenerativeModel.generateContent'), ['generationConfig', 'maxOutputTokens']],
      [call('bedrock', 'converse', 'python'), ['inferenceConfig', 'maxTokens']],
      [call('bedrock', 'ConverseCommand'), ['inferenceConfig', 'maxTokens']],
      [call('bedrock', 'invoke_model', 'python'), null],
      [call('langchain', 'ChatOpenAI'), ['maxTokens']],
      [call('langchain', 'ChatOpenAI', 'python'), ['max_tokens']],
      [call('litellm', 'completion', 'python'), ['max_tokens']],
      [call('litellm', 'responses', 'python'), ['max_output_tokens']],
      [call('unknown', 'whatever'), null],
      [{ ...call('openai', 'prompty'), kind: 'template' }, ['max_tokens']],
      [{ ...call('gemini', 'dotprompt'), kind: 'template' }, ['maxOutputTokens']],
      [{ ...call('openai', 'prompt.yml'), kind: 'template' }, ['max_tokens']],
    ];
    for (const [s, want] of cases) assert.deepEqual(capParamPath(s), want, `${s.provider} ${s.api} ${s.language}`);
  });

  it('treats only Anthropic calls (or what detection marks) as requiring a cap', () => {
    assert.equal(capIsRequired(call('anthropic', 'messages.create')), true);
    assert.equal(capIsRequired({ ...call('anthropic', 'prompty'), kind: 'template' }), false);
    assert.equal(capIsRequired(call('openai', 'chat.completions.create')), false);
    assert.equal(capIsRequired({ ...call('bedrock', 'converse'), capRequired: true }), true);
  });

  it("knows LangChain JS's default ChatAnthropic caps by model generation", () => {
    const lc = call('langchain', 'ChatAnthropic');
    assert.equal(sdkDefaultCap(lc, 'claude-sonnet-4-5')?.tokens, 16_384);
    assert.equal(sdkDefaultCap(lc, 'claude-opus-5')?.tokens, 16_384);
    assert.equal(sdkDefaultCap(lc, 'claude-3-7-sonnet-latest')?.tokens, 8_192);
    assert.equal(sdkDefaultCap(lc, 'claude-3-haiku-20240307')?.tokens, 4_096);
    assert.equal(sdkDefaultCap({ ...lc, language: 'python' }, 'claude-sonnet-4-5'), null);
    assert.equal(sdkDefaultCap(lc, 'gpt-4o'), null);
  });

  it('falls back to documented minimum cacheable lengths when a row has none', () => {
    const row = (id: string, provider: string) => ({ id, provider, maxOutputTokens: null, minCacheableTokens: null });
    assert.equal(minCacheableTokens(row('claude-opus-5', 'anthropic')), 512);
    assert.equal(minCacheableTokens(row('claude-opus-4-7', 'anthropic')), 2_048);
    assert.equal(minCacheableTokens(row('claude-haiku-4-5', 'anthropic')), 4_096);
    assert.equal(minCacheableTokens(row('claude-sonnet-4-5', 'anthropic')), 1_024);
    assert.equal(minCacheableTokens(row('gemini-2.5-pro', 'google')), 4_096);
    assert.equal(minCacheableTokens(row('gemini-2.5-flash', 'google')), 1_024);
    assert.equal(minCacheableTokens(row('gpt-4o', 'openai')), 1_024);
    assert.equal(minCacheableTokens({ ...row('claude-opus-5', 'anthropic'), minCacheableTokens: 777 }), 777);
  });

  it('tells explicit from automatic caching', () => {
    const row = (id: string, provider: string) => ({ id, provider, maxOutputTokens: null, minCacheableTokens: null });
    assert.equal(cachingMode(row('claude-sonnet-4-5', 'anthropic')), 'explicit');
    assert.equal(cachingMode(row('gpt-4o', 'openai')), 'automatic');
    assert.equal(cachingMode(row('gemini-2.5-flash', 'google')), 'automatic');
    assert.equal(cachingMode(row('gemini-3-pro-preview', 'google')), 'automatic');
    assert.equal(cachingMode(row('gemini-2.0-flash', 'google')), 'explicit');
    assert.equal(cachingMode(row('deepseek-flash', 'deepseek')), 'automatic');
    assert.equal(cachingMode(row('mistral-large-2512', 'mistral')), 'none');
  });

  it('recognises models that reason before answering', () => {
    for (const id of ['o3', 'o4-mini', 'gpt-5', 'gpt-5-mini', 'gpt-5.5', 'gpt-6-sol', 'openai/gpt-5', 'gemini-2.5-flash', 'gemini-3.5-flash']) assert.ok(reasonsBeforeAnswering(id), id);
    for (const id of ['gpt-4o', 'gpt-4.1', 'gpt-5-chat-latest', 'gpt-5.1-chat', 'gemini-2.0-flash', 'claude-sonnet-4-5', null]) assert.ok(!reasonsBeforeAnswering(id), String(id));
  });
});
