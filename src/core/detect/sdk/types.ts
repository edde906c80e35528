/**
 * The data that describes one SDK family: where it is imported from, how its values come to be
 * (a client constructed from a class, a chat created from a client) and which calls are sites.
 * Adding an SDK surface is adding rows here, not code.
 */
import type { Provider } from '../../model';

/** How a site's request is read (one reader per request shape, see shapes.ts). */
export type ShapeId =
  | 'openai-chat'
  | 'openai-responses'
  | 'openai-completions'
  | 'anthropic-messages'
  | 'anthropic-completions'
  | 'gemini-generate'
  | 'gemini-chat'
  | 'gemini-legacy'
  | 'vercel'
  | 'vercel-agent'
  | 'langchain'
  | 'langchain-ctor'
  | 'bedrock-converse'
  | 'bedrock-invoke';

/** A call (or `new`) that turns one kind of SDK value into another. */
export interface Transition {
  /** `module` for a value imported from the SDK, else a kind named by an earlier transition. */
  from: string;
  path: string[];
  to: string;
  /** Keep the calls that made the source value (a chat remembers the model it was created from). */
  keep?: boolean;
  /** The first argument (or this keyword) must be one of these strings (`boto3.client('bedrock-runtime')`). */
  firstArgIn?: { values: string[]; keyword?: string };
}

/** A call that is a site. */
export interface SiteEntry {
  from: string[];
  path: string[];
  /** The API name in the report (`chat.completions.create`). */
  api: string;
  shape: ShapeId;
  streaming?: boolean;
  /** The API requires an output cap (Anthropic `max_tokens`). */
  capRequired?: boolean;
  /**
   * Also match when the receiver cannot be resolved (a client passed in as an untyped parameter)
   * in a file that imports this SDK. On by default for paths of two or more names.
   */
  loose?: boolean;
  /** A constructor that is a site only when no call in the file uses the value it makes. */
  unlessUsed?: boolean;
}

export interface SdkSpec {
  provider: Provider;
  modules: { js?: string[]; python?: string[] };
  /** The class a JS default import (or `require()` of the package) stands for. */
  jsDefault?: string;
  transitions: Transition[];
  sites: SiteEntry[];
  /** Member names that return the same value (`with_raw_response`, `aio`). */
  passMembers?: string[];
  /** Method calls that return the same value (`with_options(...)`, `bind_tools(...)`). */
  passCalls?: string[];
}
