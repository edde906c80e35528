/**
 * One analysis of a text that no editor holds (the report's scan of files on disk), through the
 * same backend as the editor's documents: on the desktop the worker, so a large file's parse never
 * holds the extension host's thread. The text is opened under a key of its own, analysed once for
 * estimates and closed, following the protocol `Analysis` follows for editors.
 */
import type { AnalysisBackend } from './backend';
import { OUT_OF_SYNC, WORKER_DIED, type AnalyzeResult, type LinkedTexts, type OpenDocument } from './protocol';

/** Rounds of linked-file reads (and retries) before giving up on a text. */
const MAX_ROUNDS = 20;

let lastKey = 0;

/**
 * A backend key for a one-shot text. Editor documents are keyed by their URI string; a key that
 * starts with a space is never one, so the two cannot collide.
 */
function oneShotKey(): string {
  return ` one-shot ${++lastKey}`;
}

/**
 * The estimates of `doc.text` (version 1). Linked prompt files the backend reports missing are
 * fetched with `readLinked` (text, or null when missing) and the text is analysed again, as the
 * editor does. A request that fails because the two sides lost track of the text or the worker
 * died is retried once on a fresh copy; any other failure, or a second one, rejects.
 * `result.parseStopped` is passed through: the caller says why such a text has no sites.
 */
export async function analyzeOnce(backend: () => AnalysisBackend, doc: OpenDocument, readLinked: (paths: string[]) => Promise<LinkedTexts>): Promise<AnalyzeResult> {
  const key = oneShotKey();
  const known: LinkedTexts = {};
  let unsent: LinkedTexts = {};
  let holder: AnalysisBackend | undefined;
  let failures = 0;
  try {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const b = backend();
      if (holder !== b) {
        b.open(key, doc);
        holder = b;
        // A fresh copy has none of the files shipped to the one before.
        unsent = { ...known };
      }
      const files = unsent;
      unsent = {};
      let outcome;
      try {
        outcome = await b.analyze(key, { version: doc.version, edit: null, length: doc.text.length, want: 'estimates', files });
      } catch (e) {
        if (++failures > 1 || !(e instanceof Error) || !(e.message.includes(OUT_OF_SYNC) || e.message === WORKER_DIED)) throw e;
        b.close(key);
        holder = undefined;
        continue;
      }
      if (outcome.superseded) continue;
      const fresh = outcome.misses.filter((p) => !(p in known));
      if (fresh.length && (await fetchInto(fresh, readLinked, known, unsent))) continue;
      return outcome;
    }
    throw new Error(`analysis of ${doc.path} did not settle in ${MAX_ROUNDS} rounds`);
  } finally {
    try {
      holder?.close(key);
    } catch {
      // the backend is shutting down: it drops the text itself
    }
  }
}

/** Reads the paths into both maps; true when any was found (detection should read the text again). */
async function fetchInto(paths: string[], readLinked: (paths: string[]) => Promise<LinkedTexts>, known: LinkedTexts, unsent: LinkedTexts): Promise<boolean> {
  const read = await readLinked(paths);
  let found = false;
  for (const p of paths) {
    const text = read[p] ?? null;
    known[p] = text;
    unsent[p] = text;
    if (text !== null) found = true;
  }
  return found;
}
