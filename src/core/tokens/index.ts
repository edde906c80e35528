/**
 * Token counting: exact o200k_base / cl100k_base byte-pair encodings (counts identical to
 * tiktoken), labelled approximations for other model families, and chat framing overhead.
 */
export type { EncodingName, RankLoader, Tokenizer } from './types';
export { Tokenizers, ApproximateTokenizer } from './tokenizers';
export { BpeTokenizer } from './bpeTokenizer';
export { RankTable, encodeRankTable } from './rankTable';
export { PROFILES, profileFor, bareModelId, claudeVersion, type TokenizerProfile, type ProfileId } from './models';
export { messageFraming, framingProfile, FRAMING, type FramingProfile } from './framing';
