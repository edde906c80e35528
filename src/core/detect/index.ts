/**
 * Detection of LLM call sites in source code (contract D). Load once with
 * {@link initDetection}, then `detect()` a file or `open()` a document for incremental edits.
 */
import { TreeSitterDetector } from './detector';
import { Parsers } from './parser';
import type { DetectionHost, Detector } from './types';

export type { DetectDocument, DetectInput, DetectResult, DetectionHost, Detector, TextChange, WasmName } from './types';
export { languageForPath } from './languages';
export { parseStoppedMessage } from './parseBudget';

/** Loads the tree-sitter runtime and the grammars through the host, and returns a detector. */
export async function initDetection(host: DetectionHost): Promise<Detector> {
  const now = host.now;
  return new TreeSitterDetector(await Parsers.load(host), now ? () => now.call(host) : undefined);
}
