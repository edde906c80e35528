import { costOfCall, timesCalls } from '../estimate';
import type { Nanodollars, SiteEstimate } from '../model';
import type { ModelPrice } from '../pricing';

/** What to change about the chosen sites. Anything left out stays as the code has it. */
export interface WhatIfChange {
  /** Price the calls on this model instead (same tokens: counted with the current tokenizer). */
  model?: ModelPrice | null;
  /** Send the calls through the provider's batch API. */
  batch?: boolean;
  /** Read the stable prefix from the prompt cache on every call (the steady state). */
  caching?: boolean;
}

export interface WhatIfSite {
  id: string;
  /** Monthly cost as the report shows it (list prices, uncached), null when unpriced. */
  before: Nanodollars | null;
  after: Nanodollars | null;
}

export interface WhatIfResult {
  /** Sums over sites priced both before and after, so the two are comparable. */
  before: Nanodollars;
  after: Nanodollars;
  /** after − before. */
  delta: Nanodollars;
  sites: WhatIfSite[];
  /** Sites left out of the sums because they are unpriced before or after. */
  unpriced: number;
  /** Why part of the change did not apply (no batch tier, no cache-read price, a smaller output limit). */
  notes: string[];
}

/**
 * Re-prices sites under a change: another model, the batch tier, prompt caching on. Tokens stay
 * as estimated (counted with the current model's tokenizer); the expected output is bounded by
 * the new model's maximum output; with caching the stable prefix (`cache.eligibleTokens`) is
 * billed at the cache-read rate, as after the first call of a warm cache. `priceOf` gives a
 * site's current price row (null when unpriced).
 */
export function whatIf(
  estimates: readonly SiteEstimate[],
  priceOf: (e: SiteEstimate) => ModelPrice | null,
  change: WhatIfChange,
): WhatIfResult {
  const notes = new Set<string>();
  const sites: WhatIfSite[] = [];
  let before = 0;
  let after = 0;
  let unpriced = 0;
  for (const e of estimates) {
    const now = e.monthlyCost;
    const price = change.model ?? priceOf(e);
    const next = price ? repriced(e, price, change, notes) : null;
    sites.push({ id: e.id, before: now, after: next });
    if (now === null || next === null) unpriced++;
    else {
      before += now;
      after += next;
    }
  }
  return { before, after, delta: after - before, sites, unpriced, notes: [...notes] };
}

function repriced(e: SiteEstimate, m: ModelPrice, change: WhatIfChange, notes: Set<string>): Nanodollars {
  let output = e.outputTokensExpected;
  if (m.maxOutputTokens !== null && output > m.maxOutputTokens) {
    output = m.maxOutputTokens;
    notes.add(`output bounded by ${m.id}'s maximum of ${m.maxOutputTokens} tokens`);
  }
  if (change.batch && m.batchDiscount === null) notes.add(`${m.id} has no batch discount`);
  let cachedInput = 0;
  if (change.caching) {
    if (m.cachedInputPerMTok === null) notes.add(`${m.id} has no cache-read price`);
    else cachedInput = Math.min(e.cache.eligibleTokens, e.inputTokens);
  }
  const perCall = costOfCall(m, { input: e.inputTokens, output, cachedInput, batch: change.batch === true });
  return timesCalls(perCall.total, e.volume.callsPerMonth);
}
