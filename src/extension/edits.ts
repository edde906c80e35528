/**
 * Edits queued between two analyses, folded into one. Each re-parse and re-detection costs tens
 * of milliseconds on a large file whatever the edit's size, so the keystrokes typed during the
 * debounce are applied as one edit covering them all, not one by one.
 */

/** One replacement in offsets of the text before it. */
export interface Edit {
  start: number;
  oldEnd: number;
  newText: string;
}

/**
 * The single edit with the effect of `edits` applied in order (each in offsets of the text the
 * previous one left), given the text after all of them; null when there are none.
 */
export function mergeEdits(edits: readonly Edit[], finalText: string): Edit | null {
  if (edits.length === 0) return null;
  if (edits.length === 1) return edits[0]!;
  // [start, end) is the changed stretch in offsets of the current text; everything after it is
  // the old text shifted by `delta`, everything before it is the old text as it was.
  let start = Infinity;
  let end = -Infinity;
  let delta = 0;
  for (const e of edits) {
    const grown = e.newText.length - (e.oldEnd - e.start);
    start = Math.min(start, e.start);
    end = Math.max(end, e.oldEnd) + grown;
    delta += grown;
  }
  return { start, oldEnd: end - delta, newText: finalText.slice(start, end) };
}
