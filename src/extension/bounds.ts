/**
 * Bounds for documents open in the editor: the workspace scan's own limits (2 MB, minified or
 * generated, binary), applied to the editor's text. A skipped document is never parsed, on any
 * keystroke; the status bar and the output channel say why.
 */
import { MAX_TEXT_FILE_BYTES, sizeSkipReason, textSkipReason } from '../core/util/textFile';

/** Head of the text checked for NUL bytes, as the scan checks the first 8 KB of a file. */
const BINARY_CHECK_CHARS = 8192;

/** Why an open document is not analysed (size, minified, binary), or null. */
export function documentSkipReason(text: string): string | null {
  const big = sizeSkipReason(utf8Size(text));
  if (big) return big;
  return textSkipReason(new TextEncoder().encode(text.slice(0, BINARY_CHECK_CHARS)), text);
}

/**
 * UTF-8 size of the text, encoded only when it could be near the limit: every UTF-16 unit is 1–3
 * bytes, so a text of more than the limit in units is over it and one of under a third is under.
 */
function utf8Size(text: string): number {
  if (text.length > MAX_TEXT_FILE_BYTES || text.length * 3 <= MAX_TEXT_FILE_BYTES) return text.length;
  return new TextEncoder().encode(text).length;
}
