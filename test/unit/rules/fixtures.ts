/**
 * Hand-built inputs for the rule and analysis tests: price rows with round numbers, a tokenizer
 * whose counts can be checked by eye (one token per whitespace-separated word), configuration
 * from YAML text, and sites whose spans are found in the source text they describe.
 */
import type { AnalysisContext } from '../../../src/core/analyze';
import { defaultSettings, parseSettings, parseWorkspaceConfig, type Settings } from '../../../src/core/config';
import type { ArgProperty, ArgsContainer, Site, Span } from '../../../src/core/model';
import { PriceTable, type ModelPrice } from '../../../src/core/pricing';
import { price } from '../helpers/estimates';

// One price-row builder for the rule, analysis and report tests (test/unit/helpers).
export { price };

/** The rows most tests price against. */
export const models = {
  gpt: price({ id: 'gpt-test' }),
  claude: price({
    id: 'claude-sonnet-4-5',
    provider: 'anthropic',
    inputPerMTok: 3,
    outputPerMTok: 15,
    cachedInputPerMTok: 0.3,
    cacheWrite5mPerMTok: 3.75,
    maxOutputTokens: 64_000,
    contextWindow: 200_000,
    tokenizer: 'claude',
  }),
  gemini: price({ id: 'gemini-1.5-test', provider: 'google', inputPerMTok: 1, outputPerMTok: 4, cachedInputPerMTok: 0.25, tokenizer: 'gemini' }),
};

/** One token per whitespace-separated word: counts anyone can check by eye. */
export const wordCount = (text: string): number => (text.match(/\S+/g) ?? []).length;

export const wordTokenizers: AnalysisContext['tokenizers'] = {
  forModel: () => ({ count: wordCount, encoding: 'words', exact: true }),
  encodingFor: () => 'o200k_base',
};

export interface CtxOptions {
  rows?: ModelPrice[];
  yaml?: string;
  settings?: unknown;
  today?: string;
}

/** An analysis context over the given rows (default: {@link models}) and configuration. */
export function ctxWith(o: CtxOptions = {}): AnalysisContext {
  const settings: Settings = o.settings === undefined ? defaultSettings : parseSettings(o.settings).settings;
  const ws = parseWorkspaceConfig(o.yaml ?? '');
  if (ws.problems.some((p) => p.severity === 'error')) throw new Error(`bad test yaml: ${ws.problems.map((p) => p.message).join('; ')}`);
  return {
    tokenizers: wordTokenizers,
    prices: new PriceTable(o.rows ?? Object.values(models)),
    settings,
    workspace: ws.config,
    today: o.today ?? '2026-12-01',
  };
}

/** The span of the `n`-th (0-based) occurrence of `needle` in `text`; throws when missing. */
export function spanOf(text: string, needle: string, n = 0): Span {
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" (#${n}) not in text`);
  }
  return { start: at, end: at + needle.length };
}

/** The span from the start of `from` to the end of `to` (first occurrences after `from`). */
export function spanFromTo(text: string, from: string, to: string): Span {
  const start = spanOf(text, from).start;
  const end = text.indexOf(to, start);
  if (end < 0) throw new Error(`"${to}" not after "${from}"`);
  return { start, end: end + to.length };
}

/** A property written as `whole`, whose value is `value` (found inside it). */
export function prop(text: string, name: string, whole: string, value: string, n = 0): ArgProperty {
  const span = spanOf(text, whole, n);
  const v = text.indexOf(value, span.start);
  return { name, span, valueSpan: { start: v, end: v + value.length } };
}

export function args(kind: ArgsContainer['kind'], span: Span, properties: ArgProperty[]): ArgsContainer {
  return { kind, span, properties };
}

/** A call site with sensible defaults; spans default to the whole text. */
export function site(text: string, s: Partial<Site> & Pick<Site, 'provider' | 'api'>): Site {
  const whole = { start: 0, end: text.length };
  return {
    kind: 'call',
    language: 'typescript',
    span: whole,
    anchor: whole,
    model: null,
    parts: [],
    cap: null,
    cache: [],
    streaming: false,
    ...s,
  };
}

/** A part of literal text only. */
export function textPart(role: Site['parts'][number]['role'], text: string, span: Span = { start: 0, end: 0 }): Site['parts'][number] {
  return { role, segments: [{ kind: 'text', text }], span };
}

/** `n` distinct words, so the word tokenizer counts exactly `n`. */
export function words(n: number, stem = 'w'): string {
  return Array.from({ length: n }, (_, i) => `${stem}${i}`).join(' ');
}
