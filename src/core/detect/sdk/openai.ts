/** OpenAI and Azure OpenAI, Python (`openai`) and Node (`openai`). */
import type { SdkSpec, SiteEntry } from './types';

const clients = ['OpenAI', 'AsyncOpenAI', 'AzureOpenAI', 'AsyncAzureOpenAI'];
const from = ['client', 'module'];

function site(path: string, shape: SiteEntry['shape'], streaming = false): SiteEntry {
  return { from, path: path.split('.'), api: path, shape, ...(streaming ? { streaming } : {}) };
}

export const openai: SdkSpec = {
  provider: 'openai',
  modules: { js: ['openai'], python: ['openai'] },
  jsDefault: 'OpenAI',
  transitions: [
    ...clients.map((c) => ({ from: 'module', path: [c], to: 'client' })),
    // openai-node v3 (`new OpenAIApi(new Configuration(...))`): still in much app code.
    { from: 'module', path: ['OpenAIApi'], to: 'v3client' },
  ],
  passMembers: ['with_raw_response', 'with_streaming_response'],
  passCalls: ['with_options', 'withOptions'],
  sites: [
    site('chat.completions.create', 'openai-chat'),
    site('chat.completions.parse', 'openai-chat'),
    site('chat.completions.stream', 'openai-chat', true),
    site('chat.completions.runTools', 'openai-chat'),
    site('beta.chat.completions.parse', 'openai-chat'),
    site('beta.chat.completions.stream', 'openai-chat', true),
    site('beta.chat.completions.runTools', 'openai-chat'),
    site('responses.create', 'openai-responses'),
    site('responses.parse', 'openai-responses'),
    site('responses.stream', 'openai-responses', true),
    site('completions.create', 'openai-completions'),
    // openai<1.0 module-level calls, still common in older code.
    { from: ['module'], path: ['ChatCompletion', 'create'], api: 'ChatCompletion.create', shape: 'openai-chat' },
    { from: ['module'], path: ['ChatCompletion', 'acreate'], api: 'ChatCompletion.acreate', shape: 'openai-chat' },
    { from: ['module'], path: ['Completion', 'create'], api: 'Completion.create', shape: 'openai-completions' },
    // openai-node v3: the same requests (same parameter names) as methods of `OpenAIApi`.
    { from: ['v3client'], path: ['createChatCompletion'], api: 'createChatCompletion', shape: 'openai-chat' },
    { from: ['v3client'], path: ['createCompletion'], api: 'createCompletion', shape: 'openai-completions' },
  ],
};
