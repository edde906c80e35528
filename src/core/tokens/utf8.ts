import { HASH_SEED, hashFinish, hashStep } from './rankTable';

/**
 * UTF-8 encoding of a string slice into a reusable buffer, without TextEncoder (core stays free of
 * platform globals), hashing the bytes on the way for the rank lookup that always follows. A
 * lone surrogate becomes U+FFFD (EF BF BD), as TextEncoder and tiktoken's string conversion do.
 */

/** Worst case: 3 bytes per UTF-16 unit (a surrogate pair is 4 bytes for 2 units). */
export function maxUtf8Length(units: number): number {
  return units * 3;
}

let lastHash = 0;

/** The rank-table hash of the bytes written by the last {@link encodeUtf8Into} call. */
export function lastUtf8Hash(): number {
  return lastHash;
}

/** Writes text[start, end) as UTF-8 into out (which must hold maxUtf8Length(end - start)); returns the byte count. */
export function encodeUtf8Into(text: string, start: number, end: number, out: Uint8Array): number {
  let n = 0;
  let h = HASH_SEED;
  for (let i = start; i < end; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      out[n++] = c;
      h = hashStep(h, c);
      continue;
    }
    let b0: number;
    if (c < 0x800) {
      out[n++] = b0 = 0xc0 | (c >> 6);
      h = hashStep(h, b0);
    } else {
      if (c >= 0xd800 && c <= 0xdfff) {
        const d = i + 1 < end ? text.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
          out[n++] = b0 = 0xf0 | (c >> 18);
          h = hashStep(h, b0);
          out[n++] = b0 = 0x80 | ((c >> 12) & 0x3f);
          h = hashStep(h, b0);
        } else {
          c = 0xfffd;
          out[n++] = b0 = 0xe0 | (c >> 12);
          h = hashStep(h, b0);
        }
      } else {
        out[n++] = b0 = 0xe0 | (c >> 12);
        h = hashStep(h, b0);
      }
      out[n++] = b0 = 0x80 | ((c >> 6) & 0x3f);
      h = hashStep(h, b0);
    }
    out[n++] = b0 = 0x80 | (c & 0x3f);
    h = hashStep(h, b0);
  }
  lastHash = hashFinish(h);
  return n;
}
