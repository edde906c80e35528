/**
 * Chat framing: the tokens a provider adds around the content of a request (role markers,
 * separators, the reply primer, the hidden system prompt that enables tools). Data with sources;
 * docs/tokenizers.md has the long form. Only OpenAI documents its framing for chat messages.
 */
export interface FramingProfile {
  /** Tokens per message (role and separators). */
  readonly perMessage: number;
  /** Tokens once per request (the reply primer, a begin-of-text marker). */
  readonly perRequest: number;
  /** Extra tokens when a message carries a `name`. */
  readonly perName: number;
  /** Tokens once per request when any tool is declared (the tool-use system prompt). */
  readonly toolsPresent: number;
  /** Wrapper tokens per tool schema, on top of the schema's own text. */
  readonly perTool: number;
  /** True when the message framing is documented by the provider (tool overheads never are exactly). */
  readonly exact: boolean;
  readonly source: string;
}

const OPENAI: FramingProfile = {
  perMessage: 3,
  perRequest: 3,
  perName: 1,
  toolsPresent: 12,
  perTool: 7,
  exact: true,
  source: 'OpenAI cookbook "How to count tokens with tiktoken": 3 per message, +1 per name, 3 reply priming; tools: func_init 7, func_end 12',
};

export const FRAMING: Readonly<Record<string, FramingProfile>> = {
  openai: OPENAI,
  anthropic: {
    perMessage: 2,
    perRequest: 6,
    perName: 0,
    toolsPresent: 346,
    perTool: 53,
    exact: false,
    source: 'tool-use system prompt 346 tokens (Anthropic tool-use pricing docs, Claude 4.x, tool_choice auto); per message/request/tool: ai-tokenizer fit to count_tokens',
  },
  google: {
    perMessage: 0,
    perRequest: 0,
    perName: 0,
    toolsPresent: 0,
    perTool: 0,
    exact: false,
    source: 'countTokens reports content only; ai-tokenizer fit finds ≈0 framing',
  },
  mistral: {
    perMessage: 1,
    perRequest: 2,
    perName: 0,
    toolsPresent: 60,
    perTool: 57,
    exact: false,
    source: 'ai-tokenizer fit of Mistral API usage ([INST] markers)',
  },
  deepseek: {
    perMessage: 1,
    perRequest: 4,
    perName: 0,
    toolsPresent: 144,
    perTool: 43,
    exact: false,
    source: 'ai-tokenizer fit of DeepSeek V3.x API usage',
  },
  xai: {
    perMessage: 3,
    perRequest: 5,
    perName: 0,
    toolsPresent: 187,
    perTool: 32,
    exact: false,
    source: 'ai-tokenizer fit of xAI API usage (grok-3/4)',
  },
  meta: {
    perMessage: 5,
    perRequest: 5,
    perName: 0,
    toolsPresent: 0,
    perTool: 0,
    exact: false,
    source: 'Llama 3 chat template: <|start_header_id|>role<|end_header_id|>\\n\\n…<|eot_id|> per message; <|begin_of_text|> + assistant header once',
  },
};

/** Provider spellings (SDK names, clouds, routers) that share another's framing. */
const ALIASES: Readonly<Record<string, string>> = {
  azure: 'openai',
  'azure-openai': 'openai',
  gemini: 'google',
  vertex: 'google',
  'vertex-ai': 'google',
  bedrock: 'anthropic',
  grok: 'xai',
  llama: 'meta',
};

/** The framing profile for a provider name, or null when it is not known. */
export function framingProfile(provider: string): FramingProfile | null {
  const key = provider.trim().toLowerCase();
  return FRAMING[ALIASES[key] ?? key] ?? null;
}

/**
 * Tokens a provider adds around a request's content: per message, once per request, per named
 * message, and for declared tools (the tools' own schema text is counted separately, as content).
 * `exact` is true only where the provider documents the framing and no tools are declared; an
 * unknown provider gets OpenAI's framing, labelled inexact.
 */
export function messageFraming(provider: string, shape: { messages: number; tools?: number; named?: number }): { tokens: number; exact: boolean } {
  const known = framingProfile(provider);
  const f = known ?? OPENAI;
  const messages = Math.max(0, shape.messages);
  const tools = Math.max(0, shape.tools ?? 0);
  const named = Math.max(0, shape.named ?? 0);
  let tokens = messages * f.perMessage + named * f.perName;
  if (messages > 0 || tools > 0) tokens += f.perRequest;
  if (tools > 0) tokens += f.toolsPresent + tools * f.perTool;
  return { tokens, exact: known !== null && f.exact && tools === 0 };
}
