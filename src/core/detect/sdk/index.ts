/** Every SDK family detection knows, in match order. */
import { anthropic } from './anthropic';
import { bedrock } from './bedrock';
import { gemini } from './gemini';
import { langchain } from './langchain';
import { litellm } from './litellm';
import { openai } from './openai';
import type { SdkSpec } from './types';
import { vercel } from './vercel';

export type { SdkSpec, SiteEntry, ShapeId, Transition } from './types';

export const sdks: readonly SdkSpec[] = [openai, anthropic, gemini, vercel, langchain, litellm, bedrock];

/** The last names of every site path: the only call names worth looking at in a file. */
export function siteNames(specs: readonly SdkSpec[]): string[] {
  return [...new Set(specs.flatMap((s) => s.sites.map((e) => e.path[e.path.length - 1] ?? '')).filter(Boolean))];
}
