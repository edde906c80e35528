/** What analysis needs from its caller: loaded tokenizers, the price table and the configuration. */
import type { Settings, WorkspaceConfig } from '../config';
import type { PriceTable } from '../pricing';
import type { Tokenizers } from '../tokens';

/** What analysis asks of the tokenizers: a `Tokenizers` instance, or anything counting the same way. */
export type TokenizerSource = Pick<Tokenizers, 'forModel' | 'encodingFor'>;

export interface AnalysisContext {
  /** With every encoding of `requiredEncodings` already ensured. */
  tokenizers: TokenizerSource;
  /** Including the workspace's custom models and price overrides. */
  prices: PriceTable;
  settings: Settings;
  workspace: WorkspaceConfig;
  /** Today as `YYYY-MM-DD`, for retirement dates; defaults to the clock (tests pin it). */
  today?: string;
}
