/**
 * The detection API other areas build against (contract D): a {@link Detector} turns source text
 * into {@link Site}s, once or incrementally as a document is edited.
 */
import type { Language, Site } from '../model';

/** The WASM files detection needs: the tree-sitter runtime and one grammar per parsed language. */
export type WasmName = 'tree-sitter' | 'typescript' | 'tsx' | 'javascript' | 'python';

/**
 * What the platform gives detection: the bytes of its WASM files. Core never touches a file
 * system or URL itself, so the same code runs in Node, the VS Code web worker and tests.
 */
export interface DetectionHost {
  loadWasm(name: WasmName): Promise<Uint8Array>;
  /**
   * A clock in milliseconds for the parse time budget (default `Date.now`). CPU time of the
   * process is the better clock where the platform has one: a loaded machine then does not cut
   * normal parses short.
   */
  now?: () => number;
}

/** One source file to analyse. */
export interface DetectInput {
  text: string;
  language: Language;
  /** The file's path (workspace-relative or absolute); prompt files are resolved against it. */
  path: string;
  /** Reads a prompt file named in the code (path as written, relative to this file); undefined when missing. */
  readFile?: (path: string) => string | undefined;
}

/** A one-edit change in UTF-16 offsets of the text before the edit. */
export interface TextChange {
  start: number;
  oldEnd: number;
  newText: string;
}

/** An open document whose syntax tree is kept and re-parsed incrementally. */
export interface DetectDocument {
  /** The sites of the current text. */
  sites(): Site[];
  /** Applies one edit, re-parses incrementally and returns the sites of the new text. */
  applyEdit(e: TextChange): Site[];
  /** The current text (after all edits). */
  readonly text: string;
  /**
   * Whether the last parse was stopped (tree-sitter's error recovery ran past its time budget): the
   * text then has no sites until an edit makes it parse in time. False for a text never parsed.
   */
  readonly parseStopped: boolean;
  /** Frees the syntax tree; the document must not be used afterwards. */
  dispose(): void;
}

/** One-shot detection with whether the parse was stopped (see {@link DetectDocument.parseStopped}). */
export interface DetectResult {
  sites: Site[];
  parseStopped: boolean;
}

/** Finds LLM call sites in source files. Never throws: unreadable input yields no sites. */
export interface Detector {
  detect(input: DetectInput): Site[];
  /** As `detect`, and says when the file has no sites because its parse was stopped. */
  detectWithStatus(input: DetectInput): DetectResult;
  open(input: DetectInput): DetectDocument;
}
