/** LiteLLM (Python): OpenAI-shaped `completion` / `acompletion`. */
import type { SdkSpec } from './types';

export const litellm: SdkSpec = {
  provider: 'litellm',
  modules: { python: ['litellm'] },
  transitions: [{ from: 'module', path: ['Router'], to: 'client' }],
  sites: [
    { from: ['module', 'client'], path: ['completion'], api: 'completion', shape: 'openai-chat' },
    { from: ['module', 'client'], path: ['acompletion'], api: 'acompletion', shape: 'openai-chat' },
    { from: ['module'], path: ['text_completion'], api: 'text_completion', shape: 'openai-completions' },
    { from: ['module', 'client'], path: ['responses'], api: 'responses', shape: 'openai-responses' },
    { from: ['module', 'client'], path: ['aresponses'], api: 'aresponses', shape: 'openai-responses' },
  ],
};
