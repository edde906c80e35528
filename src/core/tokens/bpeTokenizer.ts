import { BpeScratch, bpeCount } from './bpe';
import { scannerFor } from './scanner';
import type { RankTable } from './rankTable';
import type { EncodingName, Tokenizer } from './types';
import { encodeUtf8Into, lastUtf8Hash, maxUtf8Length } from './utf8';

/** Pieces longer than this are not cached: they rarely repeat and would pin large strings. */
const CACHE_MAX_PIECE = 48;
/** The cache is dropped when it grows past this; a clear is cheaper than LRU bookkeeping. */
const CACHE_MAX_ENTRIES = 1 << 16;

/**
 * Exact token counts of an OpenAI byte-pair encoding, with tiktoken's `encode_ordinary`
 * semantics: special-token text is ordinary text. Only counts are produced, which lets the hot
 * path skip building token arrays: a piece that is itself a token costs one hash lookup, and the
 * counts of pieces that need merging are cached.
 */
export class BpeTokenizer implements Tokenizer {
  readonly exact = true;
  private readonly pieceEnd: (text: string, i: number, n: number) => number;
  private buf = new Uint8Array(1024);
  private readonly scratch = new BpeScratch();
  private readonly cache = new Map<string, number>();

  constructor(
    readonly encoding: EncodingName,
    private readonly table: RankTable,
  ) {
    this.pieceEnd = scannerFor(encoding);
  }

  count(text: string): number {
    const pieceEnd = this.pieceEnd;
    const n = text.length;
    let total = 0;
    let pos = 0;
    while (pos < n) {
      const end = pieceEnd(text, pos, n);
      total += this.countPiece(text, pos, end);
      pos = end;
    }
    return total;
  }

  private countPiece(text: string, start: number, end: number): number {
    const units = end - start;
    if (units === 1 && text.charCodeAt(start) < 0x80) return 1; // every single byte is a token
    // Most pieces of code and English are ASCII tokens: answer those without encoding.
    if (this.table.isAsciiToken(text, start, end) === 1) return 1;
    if (this.buf.length < maxUtf8Length(units)) this.buf = new Uint8Array(maxUtf8Length(units) * 2);
    const len = encodeUtf8Into(text, start, end, this.buf);
    if (len === 1 || this.table.rankHashed(this.buf, 0, len, lastUtf8Hash()) >= 0) return 1;
    if (units > CACHE_MAX_PIECE) return bpeCount(this.table, this.buf, len, this.scratch);
    const key = text.slice(start, end);
    let c = this.cache.get(key);
    if (c === undefined) {
      c = bpeCount(this.table, this.buf, len, this.scratch);
      if (this.cache.size >= CACHE_MAX_ENTRIES) this.cache.clear();
      this.cache.set(key, c);
    }
    return c;
  }
}
