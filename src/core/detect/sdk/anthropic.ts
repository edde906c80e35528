/** Anthropic, incl. the Bedrock and Vertex clients, Python and Node. */
import type { SdkSpec, SiteEntry } from './types';

const clients = ['Anthropic', 'AsyncAnthropic', 'AnthropicBedrock', 'AsyncAnthropicBedrock', 'AnthropicVertex', 'AsyncAnthropicVertex'];

function site(path: string, shape: SiteEntry['shape'], streaming = false): SiteEntry {
  return { from: ['client'], path: path.split('.'), api: path, shape, capRequired: true, ...(streaming ? { streaming } : {}) };
}

export const anthropic: SdkSpec = {
  provider: 'anthropic',
  modules: { js: ['@anthropic-ai/sdk', '@anthropic-ai/bedrock-sdk', '@anthropic-ai/vertex-sdk'], python: ['anthropic'] },
  jsDefault: 'Anthropic',
  // The Bedrock and Vertex packages default-export their own client classes, read as `Anthropic`.
  transitions: clients.map((c) => ({ from: 'module', path: [c], to: 'client' })),
  passMembers: ['with_raw_response', 'with_streaming_response'],
  passCalls: ['with_options', 'withOptions'],
  sites: [
    site('messages.create', 'anthropic-messages'),
    site('messages.stream', 'anthropic-messages', true),
    site('messages.parse', 'anthropic-messages'),
    site('beta.messages.create', 'anthropic-messages'),
    site('beta.messages.stream', 'anthropic-messages', true),
    site('beta.messages.parse', 'anthropic-messages'),
    site('beta.messages.toolRunner', 'anthropic-messages'),
    site('beta.messages.tool_runner', 'anthropic-messages'),
    site('beta.prompt_caching.messages.create', 'anthropic-messages'),
    site('beta.prompt_caching.messages.stream', 'anthropic-messages', true),
    site('completions.create', 'anthropic-completions'),
  ],
};
