/** The exact byte-pair encodings Promptmeter ships. */
export type EncodingName = 'o200k_base' | 'cl100k_base';

/** Counts tokens of text for one model. */
export interface Tokenizer {
  /** Number of tokens of text; special-token text such as `<|endoftext|>` counts as plain text. */
  count(text: string): number;
  /** The base encoding counted with; an approximation multiplies its count by a factor (see ApproximateTokenizer). */
  readonly encoding: string;
  /** True when count is what the provider bills; false for a labelled approximation. */
  readonly exact: boolean;
}

/** Supplies an encoding's compact rank file (dist/ranks/<encoding>.bin) as bytes. */
export type RankLoader = (encoding: EncodingName) => Promise<Uint8Array>;
