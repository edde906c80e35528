/** Vercel AI SDK (`ai`): text and object generation and agents. Provider helpers give the model. */
import type { SdkSpec, SiteEntry } from './types';

function fn(name: string, streaming = false): SiteEntry {
  return { from: ['module'], path: [name], api: name, shape: 'vercel', ...(streaming ? { streaming } : {}) };
}

const agents = ['Agent', 'Experimental_Agent', 'ToolLoopAgent'];

export const vercel: SdkSpec = {
  provider: 'vercel-ai',
  modules: { js: ['ai'] },
  transitions: agents.map((a) => ({ from: 'module', path: [a], to: 'agent' })),
  sites: [
    fn('generateText'),
    fn('streamText', true),
    fn('generateObject'),
    fn('streamObject', true),
    { from: ['agent'], path: ['generate'], api: 'Agent.generate', shape: 'vercel-agent' },
    { from: ['agent'], path: ['stream'], api: 'Agent.stream', shape: 'vercel-agent', streaming: true },
  ],
};
