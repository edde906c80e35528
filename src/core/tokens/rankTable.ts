/**
 * The compact rank format. Token r's bytes are the r-th slice of one blob; the file holds only
 * the slice lengths and the blob (≈1.6 MB for o200k_base, ≈1 MB gzipped), and loading builds an
 * open-addressing hash table over those slices in typed arrays: a few milliseconds and ≈4 MB,
 * where a 200k-entry Map of strings costs hundreds of milliseconds and ~100 MB.
 * The file is written at build time (scripts/genRanks.mjs calls {@link encodeRankTable}).
 *
 * Layout (little-endian):
 *   header  u32 × 4: magic 'PMRK', version, rank count n, blob length
 *   lengths u8 × n   byte length of token r (0 = no token has rank r)
 *   blob    u8 × blob length, tokens in rank order
 */

const MAGIC = 0x4b524d50; // 'PMRK'
const VERSION = 2;
const HEADER_BYTES = 16;
const MAX_TOKEN_BYTES = 255;

/** FNV-1a state before any byte; feed bytes with {@link hashStep}, finish with {@link hashFinish}. */
export const HASH_SEED = 0x811c9dc5;

export function hashStep(h: number, byte: number): number {
  return Math.imul(h ^ byte, 0x01000193);
}

/** A final mix so linear probing sees spread-out slots. */
export function hashFinish(h: number): number {
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  return (h ^ (h >>> 13)) >>> 0;
}

/** Hash of bytes[start, end). */
function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = HASH_SEED;
  for (let i = start; i < end; i++) h = hashStep(h, bytes[i]!);
  return hashFinish(h);
}

function readU32(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

function writeU32(b: Uint8Array, at: number, v: number): void {
  b[at] = v & 0xff;
  b[at + 1] = (v >>> 8) & 0xff;
  b[at + 2] = (v >>> 16) & 0xff;
  b[at + 3] = (v >>> 24) & 0xff;
}

/** A loaded rank table: the rank of a byte string, found without allocating. */
export class RankTable {
  private readonly offsets: Uint32Array;
  private readonly table: Uint32Array;
  private readonly blob: Uint8Array;
  private readonly mask: number;
  /** Number of ranks (ordinary tokens, not special ones) in the encoding. */
  readonly size: number;

  /** Wraps the bytes produced by {@link encodeRankTable}; throws on a foreign or corrupt file. */
  constructor(data: Uint8Array) {
    if (data.length < HEADER_BYTES || readU32(data, 0) !== MAGIC || readU32(data, 4) !== VERSION) {
      throw new Error('rank table: not a Promptmeter rank file of this version (rebuild with npm run build)');
    }
    const n = readU32(data, 8);
    const blobLength = readU32(data, 12);
    if (data.length !== HEADER_BYTES + n + blobLength) throw new Error('rank table: truncated or corrupt');
    const lengths = data.subarray(HEADER_BYTES, HEADER_BYTES + n);
    this.blob = data.subarray(HEADER_BYTES + n);
    this.offsets = new Uint32Array(n + 1);
    let off = 0;
    for (let r = 0; r < n; r++) {
      this.offsets[r] = off;
      off += lengths[r]!;
    }
    this.offsets[n] = off;
    if (off !== blobLength) throw new Error('rank table: lengths do not add up to the blob');
    let m = 1;
    while (m < n * 2) m *= 2; // load factor ≤ 0.5 keeps probe chains short
    this.table = new Uint32Array(m);
    this.mask = m - 1;
    this.size = n;
    for (let r = 0; r < n; r++) {
      const s = this.offsets[r]!;
      const e = this.offsets[r + 1]!;
      if (s === e) continue;
      let slot = hashBytes(this.blob, s, e) & this.mask;
      while (this.table[slot] !== 0) slot = (slot + 1) & this.mask;
      this.table[slot] = r + 1;
    }
  }

  /** Rank of bytes[start, end), or -1 when that byte string is not a token. */
  rank(bytes: Uint8Array, start: number, end: number): number {
    return this.rankHashed(bytes, start, end, hashBytes(bytes, start, end));
  }

  /** {@link rank} when the caller already has the slice's hash (computed while writing the bytes). */
  rankHashed(bytes: Uint8Array, start: number, end: number, hash: number): number {
    const len = end - start;
    const { table, offsets, blob, mask } = this;
    let slot = hash & mask;
    for (;;) {
      const e = table[slot]!;
      if (e === 0) return -1;
      const off = offsets[e - 1]!;
      if (offsets[e]! - off === len) {
        let i = 0;
        while (i < len && blob[off + i] === bytes[start + i]) i++;
        if (i === len) return e - 1;
      }
      slot = (slot + 1) & mask;
    }
  }

  /**
   * Whether text[start, end) is a token, read straight from the string when it is all ASCII
   * (no UTF-8 buffer needed): 1 if it is, 0 if it is not, -1 when a non-ASCII unit was met.
   */
  isAsciiToken(text: string, start: number, end: number): number {
    let h = HASH_SEED;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x80) return -1;
      h = hashStep(h, c);
    }
    const len = end - start;
    const { table, offsets, blob, mask } = this;
    let slot = hashFinish(h) & mask;
    for (;;) {
      const e = table[slot]!;
      if (e === 0) return 0;
      const off = offsets[e - 1]!;
      if (offsets[e]! - off === len) {
        let i = 0;
        while (i < len && blob[off + i] === text.charCodeAt(start + i)) i++;
        if (i === len) return 1;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** The bytes of token `rank` (a view, not a copy); empty when no token has that rank. */
  bytesOf(rank: number): Uint8Array {
    return this.blob.subarray(this.offsets[rank]!, this.offsets[rank + 1]!);
  }
}

/** Writes the compact format for the given tokens (build time). Ranks must be distinct. */
export function encodeRankTable(tokens: ReadonlyArray<{ rank: number; bytes: Uint8Array }>): Uint8Array {
  const n = tokens.reduce((max, t) => Math.max(max, t.rank + 1), 0);
  const byRank: Array<Uint8Array | undefined> = new Array(n);
  let blobLength = 0;
  for (const t of tokens) {
    if (byRank[t.rank]) throw new Error(`rank table: duplicate rank ${t.rank}`);
    if (t.bytes.length === 0 || t.bytes.length > MAX_TOKEN_BYTES) throw new Error(`rank table: token ${t.rank} has ${t.bytes.length} bytes`);
    byRank[t.rank] = t.bytes;
    blobLength += t.bytes.length;
  }
  const out = new Uint8Array(HEADER_BYTES + n + blobLength);
  writeU32(out, 0, MAGIC);
  writeU32(out, 4, VERSION);
  writeU32(out, 8, n);
  writeU32(out, 12, blobLength);
  let at = HEADER_BYTES + n;
  for (let r = 0; r < n; r++) {
    const b = byRank[r];
    out[HEADER_BYTES + r] = b ? b.length : 0;
    if (b) {
      out.set(b, at);
      at += b.length;
    }
  }
  return out;
}
