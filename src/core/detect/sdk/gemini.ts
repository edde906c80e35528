/**
 * Google GenAI (`google-genai` / `@google/genai`) and the legacy `google-generativeai` /
 * `@google/generative-ai` packages, incl. chats.
 */
import type { SdkSpec } from './types';

export const gemini: SdkSpec = {
  provider: 'gemini',
  modules: {
    js: ['@google/genai', '@google/generative-ai'],
    python: ['google.genai', 'google.generativeai', 'vertexai.generative_models', 'vertexai.preview.generative_models'],
  },
  transitions: [
    { from: 'module', path: ['Client'], to: 'client' },
    { from: 'module', path: ['GoogleGenAI'], to: 'client' },
    { from: 'client', path: ['chats', 'create'], to: 'chat' },
    { from: 'client', path: ['aio', 'chats', 'create'], to: 'chat' },
    // Legacy: a model object carries the model name and its generation config.
    { from: 'module', path: ['GenerativeModel'], to: 'model' },
    { from: 'module', path: ['GoogleGenerativeAI'], to: 'legacyClient' },
    { from: 'legacyClient', path: ['getGenerativeModel'], to: 'model' },
    { from: 'model', path: ['start_chat'], to: 'legacyChat', keep: true },
    { from: 'model', path: ['startChat'], to: 'legacyChat', keep: true },
  ],
  sites: [
    { from: ['client'], path: ['models', 'generate_content'], api: 'models.generate_content', shape: 'gemini-generate' },
    { from: ['client'], path: ['models', 'generate_content_stream'], api: 'models.generate_content_stream', shape: 'gemini-generate', streaming: true },
    { from: ['client'], path: ['models', 'generateContent'], api: 'models.generateContent', shape: 'gemini-generate' },
    { from: ['client'], path: ['models', 'generateContentStream'], api: 'models.generateContentStream', shape: 'gemini-generate', streaming: true },
    { from: ['client'], path: ['aio', 'models', 'generate_content'], api: 'aio.models.generate_content', shape: 'gemini-generate' },
    { from: ['client'], path: ['aio', 'models', 'generate_content_stream'], api: 'aio.models.generate_content_stream', shape: 'gemini-generate', streaming: true },
    { from: ['chat'], path: ['send_message'], api: 'chats.send_message', shape: 'gemini-chat' },
    { from: ['chat'], path: ['send_message_stream'], api: 'chats.send_message_stream', shape: 'gemini-chat', streaming: true },
    { from: ['chat'], path: ['sendMessage'], api: 'chats.sendMessage', shape: 'gemini-chat' },
    { from: ['chat'], path: ['sendMessageStream'], api: 'chats.sendMessageStream', shape: 'gemini-chat', streaming: true },
    { from: ['model'], path: ['generate_content'], api: 'GenerativeModel.generate_content', shape: 'gemini-legacy', loose: true },
    { from: ['model'], path: ['generate_content_async'], api: 'GenerativeModel.generate_content_async', shape: 'gemini-legacy' },
    { from: ['model'], path: ['generateContent'], api: 'GenerativeModel.generateContent', shape: 'gemini-legacy' },
    { from: ['model'], path: ['generateContentStream'], api: 'GenerativeModel.generateContentStream', shape: 'gemini-legacy', streaming: true },
    { from: ['legacyChat'], path: ['send_message'], api: 'ChatSession.send_message', shape: 'gemini-legacy' },
    { from: ['legacyChat'], path: ['send_message_async'], api: 'ChatSession.send_message_async', shape: 'gemini-legacy' },
    { from: ['legacyChat'], path: ['sendMessage'], api: 'ChatSession.sendMessage', shape: 'gemini-legacy' },
    { from: ['legacyChat'], path: ['sendMessageStream'], api: 'ChatSession.sendMessageStream', shape: 'gemini-legacy', streaming: true },
  ],
};
