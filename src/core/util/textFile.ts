/**
 * Which files a whole-workspace scan reads as text. A binary, huge or minified file is listed
 * under the report's errors with the reason instead of being parsed.
 */

/** Larger files are listed rather than parsed: nobody writes prompts in a 2 MB source file. */
export const MAX_TEXT_FILE_BYTES = 2 * 1024 * 1024;
/** Minified or generated code: an average line longer than this is skipped (past a small size). */
export const MAX_AVERAGE_LINE = 1000;
const MINIFIED_CHECK_FROM = 20_000;

/** Why a file of `size` bytes is not read at all, or null. */
export function sizeSkipReason(size: number): string | null {
  return size > MAX_TEXT_FILE_BYTES ? `skipped: ${(size / 1048576).toFixed(1)} MB is over the ${MAX_TEXT_FILE_BYTES / 1048576} MB limit` : null;
}

/** Why the bytes (and their decoded text, once decoded) should not be parsed, or null. */
export function textSkipReason(bytes: Uint8Array, text: string | null): string | null {
  const big = sizeSkipReason(bytes.length);
  if (big) return big;
  if (bytes.subarray(0, 8192).includes(0)) return 'skipped: binary file (NUL bytes)';
  if (text !== null && text.length > MINIFIED_CHECK_FROM) {
    // Ordinary source reaches enough lines within its first few kilobytes; only a file that turns
    // out minified is counted to its end, for the average the message gives.
    const enough = text.length / MAX_AVERAGE_LINE;
    let lines = 1;
    for (let i = text.indexOf('\n'); i >= 0 && lines < enough; i = text.indexOf('\n', i + 1)) lines++;
    if (lines >= enough) return null;
    return `skipped: minified or generated (average line ${Math.round(text.length / lines)} characters)`;
  }
  return null;
}

/**
 * A file's bytes as the text to analyse, or why it is skipped: the one sequence every whole-
 * workspace scan applies (size, then NUL bytes before paying for a decode, then the minified
 * check on the text). Core has no text decoder of its own, so the caller passes one (UTF-8
 * without the byte-order mark, as `TextDecoder` does, keeps offsets equal to the editor's).
 */
export function decodeTextFile(bytes: Uint8Array, decode: (bytes: Uint8Array) => string): { text: string } | { skip: string } {
  const binary = textSkipReason(bytes, null);
  if (binary) return { skip: binary };
  const text = decode(bytes);
  const skip = textSkipReason(bytes, text);
  return skip ? { skip } : { text };
}
