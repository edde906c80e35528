import type * as vscode from 'vscode';
import type { SiteEstimate } from '../core/model';

/** What `activate()` returns: lets tests wait for the extension instead of sleeping. */
export interface PromptmeterApi {
  /** Resolves when no analysis and no debounced diagnostics update is pending. */
  whenIdle(): Promise<void>;
  /** The priced and judged sites of a file, as the editor shows them. */
  analyze(uri: vscode.Uri): Promise<SiteEstimate[]>;
  /** Internal, for the integration tests: what the status bar item shows now (undefined: hidden). */
  status?(): { text: string; tooltip: string } | undefined;
  /**
   * Internal, for the integration suite's lifecycle test only (not a public API): how much
   * per-document state the extension holds, which must return to its baseline once documents close.
   */
  stats?(): ExtensionStats;
}

/** Per-document state the extension holds; see {@link PromptmeterApi.stats}. */
export interface ExtensionStats {
  /** Documents with analysis state (syntax tree, cached results). */
  documents: number;
  /** Documents with an entry in the Promptmeter diagnostics collection. */
  diagnostics: number;
  /** Debounced diagnostics updates not yet run. */
  pendingDiagnostics: number;
}
