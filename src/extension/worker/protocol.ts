/**
 * What the extension host and the analysis worker say to each other. Every payload is plain data
 * (strings, numbers, BigInt, arrays, objects), so it survives structured cloning; nothing here
 * may hold a function, a class instance or a null-prototype record (see `reviveWorkspaceConfig`).
 */
import type { Settings, WorkspaceConfig } from '../../core/config';
import type { Site, SiteEstimate } from '../../core/model';
import type { Edit } from '../edits';

/** A document as the host hands it over the first time (and again after a resync). */
export interface OpenDocument {
  /** Workspace-relative path with forward slashes. */
  path: string;
  languageId: string;
  text: string;
  version: number;
  settings: Settings;
  workspace: WorkspaceConfig;
}

/** Linked prompt files by the path the code names them with: their text, or null when missing. */
export type LinkedTexts = Record<string, string | null>;

export type Want = 'sites' | 'estimates';

export interface AnalyzeRequest {
  version: number;
  /** The host's queued changes since the last request, folded into one (null: none). */
  edit: Edit | null;
  /** Length of the text after `edit`: a cheap check that both sides still hold the same text. */
  length: number;
  want: Want;
  /** Linked files the host has read since the last request. */
  files?: LinkedTexts;
}

export interface AnalyzeResult {
  superseded?: false;
  version: number;
  sites: Site[];
  /** Present when estimates were asked for. */
  estimates?: SiteEstimate[];
  /** Linked files detection asked for that nobody has shipped yet. */
  misses: string[];
  /**
   * True when tree-sitter's error recovery ran past its time budget and the parse was stopped:
   * `sites` is then empty because the text was not read, not because it has none.
   */
  parseStopped?: boolean;
}

/** A newer request for the same document is queued: ask again to get its result. */
export interface Superseded {
  superseded: true;
}

export type AnalyzeOutcome = AnalyzeResult | Superseded;

/** Thrown (and sent) when the two sides disagree about a document's text: the host re-opens it. */
export const OUT_OF_SYNC = 'promptmeter: document out of sync';

/** A request failed because the worker died under it: the host opens the document again. */
export const WORKER_DIED = 'analysis worker stopped';

export type HostMessage =
  | { type: 'open'; key: string; doc: OpenDocument }
  | { type: 'close'; key: string }
  | { type: 'analyze'; id: number; key: string; req: AnalyzeRequest }
  | { type: 'count'; id: number; text: string; model: string | null }
  /** The host took in the last slice of request `id`'s result: send the next (see ITEMS_PER_MESSAGE). */
  | { type: 'more'; id: number }
  /** Test hook: makes the worker throw outside any request, as a crash would. */
  | { type: 'crash' };

/**
 * Estimates per message. The host thread deserialises each message in one go: 1,000 estimates
 * (2.7 MB as JSON) took 35-60 ms of its CPU as one message; slices of 50 take a few ms each.
 * Node hands every message already queued on a port to JS in one go, so the worker sends the
 * next slice only when the host asks for it, after the host's other pending events ran.
 */
export const ITEMS_PER_MESSAGE = 50;

export type WorkerMessage =
  /** One slice of the array named `field` of request `id`'s result; the reply follows the last slice. */
  | { type: 'slice'; id: number; field: 'sites' | 'estimates'; items: unknown[] }
  /**
   * `sliced`: the result's field arrived in slices; `sitesOfEstimates`: `sites` is left out and is
   * each estimate's `site` (the same objects, in order), so no site crosses twice.
   */
  | { type: 'reply'; id: number; ok: true; value: unknown; sliced?: 'sites' | 'estimates'; sitesOfEstimates?: boolean }
  | { type: 'reply'; id: number; ok: false; error: string }
  | { type: 'log'; line: string };

/**
 * Undoes what structured cloning does to a workspace configuration: `placeholders.byName` is a
 * null-prototype record so a placeholder called `constructor` or `toString` is not found on
 * Object.prototype; a clone gets the prototype back, and would size `{constructor}` as a function.
 */
export function reviveWorkspaceConfig(ws: WorkspaceConfig): WorkspaceConfig {
  const byName = Object.assign(Object.create(null) as Record<string, number>, ws.placeholders.byName);
  return { ...ws, placeholders: { ...ws.placeholders, byName } };
}
