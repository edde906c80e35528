import type * as vscode from 'vscode';
import type { SiteEstimate } from '../core/model';

/** What `activate()` returns: lets tests wait for the extension instead of sleeping. */
export interface PromptmeterApi {
  /** Resolves when no analysis and no debounced diagnostics update is pending. */
  whenIdle(): Promise<void>;
  /** The priced and judged sites of a file, as the editor shows them. */
  analyze(uri: vscode.Uri): Promise<SiteEstimate[]>;
}
