import type { PartRole } from '../model';

/** Role words as SDKs, LangChain and template formats spell them, by the part they name. */
const roleNames: Readonly<Record<string, PartRole>> = {
  system: 'system',
  developer: 'developer',
  user: 'user',
  human: 'user',
  assistant: 'assistant',
  ai: 'assistant',
  model: 'assistant',
  tool: 'tool',
  function: 'tool',
  placeholder: 'unknown',
};

/** The part a role word names (any case); `unknown` for anything else. */
export function roleOf(text: string | undefined): PartRole {
  return (text && roleNames[text.toLowerCase()]) || 'unknown';
}
