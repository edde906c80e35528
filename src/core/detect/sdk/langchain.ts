/**
 * LangChain, Python and JS: chat-model constructors carry model and cap; their `invoke` /
 * `stream` / `batch` calls (directly or through `prompt | model` chains) are the sites.
 * Prompt templates supply text to the chains they start.
 */
import type { SdkSpec, SiteEntry, Transition } from './types';

/** Chat-model classes; the provider packages differ by language but the class names agree. */
const models = [
  'ChatOpenAI',
  'AzureChatOpenAI',
  'ChatAnthropic',
  'ChatAnthropicMessages',
  'ChatGoogleGenerativeAI',
  'ChatVertexAI',
  'ChatBedrock',
  'ChatBedrockConverse',
  'ChatMistralAI',
  'ChatGroq',
  'ChatOllama',
  'ChatLiteLLM',
  'ChatDeepSeek',
  'ChatXAI',
  'ChatFireworks',
  'ChatTogether',
  'ChatCohere',
];

const factories = ['init_chat_model', 'initChatModel'];

const calls = ['invoke', 'ainvoke', 'stream', 'astream', 'batch', 'abatch', 'astream_events', 'streamEvents'];

const transitions: Transition[] = [
  ...models.map((m) => ({ from: 'module', path: [m], to: 'chatmodel' })),
  ...factories.map((f) => ({ from: 'module', path: [f], to: 'chatmodel' })),
];

const sites: SiteEntry[] = [
  ...calls.map((c) => ({ from: ['chatmodel'], path: [c], api: c, shape: 'langchain' as const, ...(/stream/i.test(c) ? { streaming: true } : {}) })),
  ...[...models, ...factories].map((m) => ({ from: ['module'], path: [m], api: m, shape: 'langchain-ctor' as const, unlessUsed: true })),
];

export const langchain: SdkSpec = {
  provider: 'langchain',
  modules: {
    js: ['@langchain/openai', '@langchain/anthropic', '@langchain/google-genai', '@langchain/google-vertexai', '@langchain/aws', '@langchain/mistralai', '@langchain/groq', '@langchain/ollama', '@langchain/community', 'langchain'],
    python: [
      'langchain_openai',
      'langchain_anthropic',
      'langchain_google_genai',
      'langchain_google_vertexai',
      'langchain_aws',
      'langchain_mistralai',
      'langchain_groq',
      'langchain_ollama',
      'langchain_community',
      'langchain_litellm',
      'langchain_deepseek',
      'langchain_xai',
      'langchain_fireworks',
      'langchain_together',
      'langchain_cohere',
      'langchain',
    ],
  },
  transitions,
  sites,
  passCalls: ['bind_tools', 'bindTools', 'with_structured_output', 'withStructuredOutput', 'bind', 'with_config', 'withConfig', 'with_retry', 'withRetry', 'with_fallbacks', 'withFallbacks', 'configurable_fields'],
};
