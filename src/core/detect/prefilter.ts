/**
 * A cheap test run before parsing: most files of a real repository make no LLM call, and parsing
 * plus recognition costs ~50 ms of CPU per 1,000 lines, so a file that cannot hold a site is
 * answered without a tree.
 *
 * Why it is safe: recognition starts only from occurrences of a site's call name (`create`,
 * `generateText`, `ConverseCommand`, …; aliases are found from occurrences of those names too), so
 * a file without one of those words has no candidate. A candidate is then accepted either through
 * an SDK import (its module specifier appears in the text) or, for an unresolved receiver, through
 * the request parameters that mark a request shape (`model` and `messages`, …: `signatures`). So
 * a file needs a call name AND either an SDK module name or every key of one signature.
 * Measured: two regular expressions and a few `includes` over the text, well under 1 ms for 500
 * lines, against ~25 ms to parse and read it.
 */
import { signatures } from './recognize';
import { sdks, siteNames } from './sdk';

const signatureKeys: readonly (readonly string[])[] = Object.values(signatures).filter((k): k is string[] => !!k);

const callWord = new RegExp(`\\b(?:${siteNames(sdks).map((n) => n.replace(/[$]/g, '\\$&')).join('|')})\\b`);

const esc = (w: string): string => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * An SDK module as code names it: a JS specifier right after its quote (`'ai'`, `"@google/genai`),
 * a Python package root as a word (`google` for `google.genai`). Quoting matters: `ai` is in `await`.
 */
const jsModule = new RegExp(`['"\`](?:${[...new Set(sdks.flatMap((s) => s.modules.js ?? []))].map(esc).join('|')})\\b`);
const pyModule = new RegExp(`\\b(?:${[...new Set(sdks.flatMap((s) => (s.modules.python ?? []).map((m) => m.split('.')[0] as string)))].map(esc).join('|')})\\b`);

/** False when the text cannot contain a call site; true means "parse and look". */
export function mayContainSite(text: string): boolean {
  // The rarer, cheaper conditions first: most files fail them before the call-name scan.
  const imports = jsModule.test(text) || pyModule.test(text) || signatureKeys.some((keys) => keys.every((k) => text.includes(k)));
  return imports && callWord.test(text);
}
