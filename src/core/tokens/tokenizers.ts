import { BpeTokenizer } from './bpeTokenizer';
import { type TokenizerProfile, profileFor } from './models';
import { RankTable } from './rankTable';
import type { EncodingName, RankLoader, Tokenizer } from './types';

/** A labelled approximation: an exact base count times a documented factor, rounded up. */
export class ApproximateTokenizer implements Tokenizer {
  readonly exact = false;
  readonly encoding: EncodingName;
  readonly factor: number;

  constructor(
    private readonly base: Tokenizer,
    /** The profile the factor comes from (its id and basis name the approximation). */
    readonly profile: TokenizerProfile,
  ) {
    this.encoding = profile.encoding;
    this.factor = profile.factor;
  }

  count(text: string): number {
    // Rounded up so a non-empty text never costs 0 and estimates lean toward the higher bill.
    return Math.ceil(this.base.count(text) * this.factor);
  }
}

/**
 * The tokenizers of every model, over the two exact encodings. Rank data is loaded lazily,
 * once per encoding, by {@link ensure}; {@link forModel} is synchronous and throws if the
 * encoding it needs was not ensured first (call {@link encodingFor} to know which).
 */
export class Tokenizers {
  private readonly exact = new Map<EncodingName, BpeTokenizer>();
  private readonly pending = new Map<EncodingName, Promise<void>>();
  private readonly approx = new Map<string, ApproximateTokenizer>();

  constructor(private readonly load: RankLoader) {}

  /** Loads an encoding's ranks once; concurrent and repeated calls share the first load. */
  ensure(encoding: EncodingName): Promise<void> {
    let p = this.pending.get(encoding);
    if (!p) {
      p = this.load(encoding).then((bytes) => {
        this.exact.set(encoding, new BpeTokenizer(encoding, new RankTable(bytes)));
      });
      // A failed load is retried on the next call instead of caching the rejection.
      p.catch(() => this.pending.delete(encoding));
      this.pending.set(encoding, p);
    }
    return p;
  }

  /** Whether an encoding is loaded (forModel on it will not throw). */
  has(encoding: EncodingName): boolean {
    return this.exact.has(encoding);
  }

  /** The base encoding forModel(modelId, family) counts with. */
  encodingFor(modelId: string | null, family?: string): EncodingName {
    return profileFor(modelId, family).encoding;
  }

  /** The profile (exactness, factor and its basis) behind forModel(modelId, family). */
  profileFor(modelId: string | null, family?: string): TokenizerProfile {
    return profileFor(modelId, family);
  }

  /** The tokenizer of a model; unknown models get a labelled o200k_base approximation. */
  forModel(modelId: string | null, family?: string): Tokenizer {
    const profile = profileFor(modelId, family);
    const base = this.encoding(profile.encoding);
    if (profile.exact) return base;
    let t = this.approx.get(profile.id);
    if (!t) this.approx.set(profile.id, (t = new ApproximateTokenizer(base, profile)));
    return t;
  }

  /** The exact tokenizer of an ensured encoding. */
  encoding(name: EncodingName): Tokenizer {
    const t = this.exact.get(name);
    if (!t) throw new Error(`tokenizer ${name} is not loaded: await tokenizers.ensure('${name}') first`);
    return t;
  }
}
