/**
 * Scores detected sites against the hand-written golden files of the fixture corpus
 * (`test/fixtures/corpus/**\/<file>.expected.json`). Kept apart from the corpus test so the
 * matching and the arithmetic have tests of their own on hand-made inputs.
 */

/** One site as the golden files write it. */
export interface ExpectedSite {
  line: number;
  /**
   * Other lines where reporting this site is also right: a LangChain model built on one line and
   * invoked on another, a Bedrock command built before `client.send(command)`. Only the primary
   * `line` is where the request actually leaves; see docs/quality.md.
   */
  alsoAt?: number[];
  kind: 'call' | 'template';
  provider: string;
  api: string;
  model: string | null;
  cap: { param: string; value: number | null } | null;
  cached: boolean;
  /** Prompt files the call reads with a literal path, as written; checked only where given. */
  linked?: string[];
}

/** One detected site reduced to what the golden files compare. */
export interface PredictedSite {
  line: number;
  kind: 'call' | 'template';
  provider: string;
  api: string;
  model: string | null;
  cap: { param: string; value: number | null } | null;
  cached: boolean;
  linked?: string[];
}

export interface FileResult {
  file: string;
  expected: ExpectedSite[];
  predicted: PredictedSite[];
  /** Set when detection threw or could not run on the file. */
  error?: string;
}

export interface Pair {
  file: string;
  expected: ExpectedSite;
  predicted: PredictedSite;
}

export interface Matching {
  pairs: Pair[];
  missed: { file: string; expected: ExpectedSite }[];
  extra: { file: string; predicted: PredictedSite }[];
}

/**
 * Pairs predicted with expected sites one-to-one, by kind and line: first on the primary line,
 * then on an `alsoAt` line, so a detector that reports at the primary line is never displaced.
 */
export function matchFile(r: FileResult): Matching {
  const usedP = new Set<number>();
  const matchedE = new Map<number, number>();
  const tryMatch = (lineOf: (e: ExpectedSite) => number[]) => {
    r.expected.forEach((e, ei) => {
      if (matchedE.has(ei)) return;
      const lines = lineOf(e);
      const pi = r.predicted.findIndex((p, i) => !usedP.has(i) && p.kind === e.kind && lines.includes(p.line));
      if (pi >= 0) {
        usedP.add(pi);
        matchedE.set(ei, pi);
      }
    });
  };
  tryMatch((e) => [e.line]);
  tryMatch((e) => e.alsoAt ?? []);
  const pairs: Pair[] = [];
  const missed: Matching['missed'] = [];
  r.expected.forEach((e, ei) => {
    const pi = matchedE.get(ei);
    if (pi === undefined) missed.push({ file: r.file, expected: e });
    else pairs.push({ file: r.file, expected: e, predicted: r.predicted[pi]! });
  });
  const extra = r.predicted.filter((_, i) => !usedP.has(i)).map((p) => ({ file: r.file, predicted: p }));
  return { pairs, missed, extra };
}

/**
 * Model ids compare case-insensitively and without a routing prefix (`openai/gpt-4o-mini`,
 * `googleai/gemini-1.5-flash`, `anthropic/claude-…` in LiteLLM): either spelling names the model.
 */
export function sameModel(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  const strip = (s: string) => s.toLowerCase().replace(/^[a-z0-9_-]+\//, '');
  return a.toLowerCase() === b.toLowerCase() || strip(a) === strip(b);
}

/**
 * A cap is right when its parameter (compared by its last dotted segment, so
 * `generation_config.max_output_tokens` and `max_output_tokens` agree) and its value agree.
 */
export function sameCap(e: ExpectedSite['cap'], p: PredictedSite['cap']): boolean {
  if (e === null || p === null) return e === p;
  const leaf = (s: string) => s.slice(s.lastIndexOf('.') + 1);
  return leaf(e.param) === leaf(p.param) && e.value === p.value;
}

/** Linked prompt files agree as sets of paths, `./` or not. */
export function sameLinks(e: string[], p: string[] | undefined): boolean {
  const norm = (xs: string[]) => [...new Set(xs.map((x) => x.replace(/\\/g, '/').replace(/^\.\//, '')))].sort().join('\n');
  return norm(e) === norm(p ?? []);
}

export interface Ratio {
  num: number;
  den: number;
}

export interface Scores {
  files: number;
  expectedSites: number;
  predictedSites: number;
  siteRecall: Ratio;
  sitePrecision: Ratio;
  provider: Ratio;
  model: Ratio;
  api: Ratio;
  cached: Ratio;
  /** Sites whose golden lists linked prompt files, and how many the detector linked the same. */
  linked: Ratio;
  /** Correct caps over every expected cap (a missed site is a missed cap). */
  capRecall: Ratio;
  /** Correct caps over the caps predicted on matched sites (extra sites count in site precision). */
  capPrecision: Ratio;
}

export function score(results: FileResult[]): { scores: Scores; matching: Matching } {
  const all: Matching = { pairs: [], missed: [], extra: [] };
  for (const r of results) {
    const m = matchFile(r);
    all.pairs.push(...m.pairs);
    all.missed.push(...m.missed);
    all.extra.push(...m.extra);
  }
  const expectedSites = all.pairs.length + all.missed.length;
  const predictedSites = all.pairs.length + all.extra.length;
  const count = (f: (p: Pair) => boolean) => all.pairs.filter(f).length;
  const capCorrect = count((p) => p.expected.cap !== null && sameCap(p.expected.cap, p.predicted.cap));
  const expectedCaps =
    all.pairs.filter((p) => p.expected.cap !== null).length + all.missed.filter((m) => m.expected.cap !== null).length;
  const scores: Scores = {
    files: results.length,
    expectedSites,
    predictedSites,
    siteRecall: { num: all.pairs.length, den: expectedSites },
    sitePrecision: { num: all.pairs.length, den: predictedSites },
    provider: { num: count((p) => p.expected.provider === p.predicted.provider), den: all.pairs.length },
    model: { num: count((p) => sameModel(p.expected.model, p.predicted.model)), den: all.pairs.length },
    api: { num: count((p) => p.expected.api === p.predicted.api), den: all.pairs.length },
    cached: { num: count((p) => p.expected.cached === p.predicted.cached), den: all.pairs.length },
    linked: {
      num: count((p) => p.expected.linked !== undefined && sameLinks(p.expected.linked, p.predicted.linked)),
      den: all.pairs.filter((p) => p.expected.linked !== undefined).length + all.missed.filter((m) => m.expected.linked !== undefined).length,
    },
    capRecall: { num: capCorrect, den: expectedCaps },
    capPrecision: { num: capCorrect, den: count((p) => p.predicted.cap !== null) },
  };
  return { scores, matching: all };
}

/** A ratio with nothing to measure counts as perfect: no expected caps means none were missed. */
export function rate(r: Ratio): number {
  return r.den === 0 ? 1 : r.num / r.den;
}

function pct(r: Ratio): string {
  return `${(rate(r) * 100).toFixed(1).padStart(5)}%  (${r.num}/${r.den})`;
}

function show(s: { provider: string; model: string | null; cap: ExpectedSite['cap']; cached: boolean; linked?: string[] }): string {
  const cap = s.cap ? `${s.cap.param}=${s.cap.value}` : 'no cap';
  const linked = s.linked?.length ? ` reads ${s.linked.join(',')}` : '';
  return `${s.provider} ${s.model ?? '<no model>'} ${cap}${s.cached ? ' cached' : ''}${linked}`;
}

/** The table the corpus test prints, with every miss spelt out for whoever fixes the detector. */
export function renderReport(scores: Scores, m: Matching, errors: { file: string; message: string }[]): string {
  const rows: [string, Ratio][] = [
    ['site recall', scores.siteRecall],
    ['site precision', scores.sitePrecision],
    ['cap recall', scores.capRecall],
    ['cap precision', scores.capPrecision],
    ['provider accuracy', scores.provider],
    ['model accuracy', scores.model],
    ['cached accuracy', scores.cached],
    ['linked prompt files', scores.linked],
    ['api name agreement', scores.api],
  ];
  const out = [
    `corpus: ${scores.files} files, ${scores.expectedSites} expected sites, ${scores.predictedSites} detected`,
    ...rows.map(([k, r]) => `  ${k.padEnd(20)} ${pct(r)}`),
  ];
  const wrong = m.pairs.filter(
    (p) =>
      p.expected.provider !== p.predicted.provider ||
      !sameModel(p.expected.model, p.predicted.model) ||
      !sameCap(p.expected.cap, p.predicted.cap) ||
      p.expected.cached !== p.predicted.cached ||
      (p.expected.linked !== undefined && !sameLinks(p.expected.linked, p.predicted.linked)),
  );
  out.push('', ...groupTable(m));
  if (m.missed.length) out.push('', 'missed (expected, not detected):');
  for (const x of m.missed) out.push(`  ${x.file}:${x.expected.line} [${x.expected.kind}] expected ${x.expected.api}: ${show(x.expected)}`);
  if (m.extra.length) out.push('', 'extra (detected, not expected):');
  for (const x of m.extra) out.push(`  ${x.file}:${x.predicted.line} [${x.predicted.kind}] got ${x.predicted.api}: ${show(x.predicted)}`);
  if (wrong.length) out.push('', 'found but wrong (expected | got):');
  for (const p of wrong) out.push(`  ${p.file}:${p.expected.line} ${show(p.expected)} | ${show(p.predicted)} (at line ${p.predicted.line})`);
  if (errors.length) out.push('', 'errors:');
  for (const e of errors) out.push(`  ${e.file}: ${e.message}`);
  return out.join('\n');
}

/** Per corpus folder (`openai/`, `tricky/`, …): where the misses concentrate. */
export function groupTable(m: Matching): string[] {
  const groups = new Map<string, { expected: number; found: number; extra: number; capsOk: number; caps: number }>();
  const g = (file: string) => {
    const key = file.includes('/') ? file.slice(0, file.indexOf('/')) : '.';
    let row = groups.get(key);
    if (!row) groups.set(key, (row = { expected: 0, found: 0, extra: 0, capsOk: 0, caps: 0 }));
    return row;
  };
  for (const p of m.pairs) {
    const row = g(p.file);
    row.expected++;
    row.found++;
    if (p.expected.cap) row.caps++;
    if (p.expected.cap && sameCap(p.expected.cap, p.predicted.cap)) row.capsOk++;
  }
  for (const x of m.missed) {
    const row = g(x.file);
    row.expected++;
    if (x.expected.cap) row.caps++;
  }
  for (const x of m.extra) g(x.file).extra++;
  const head = `  ${'folder'.padEnd(12)} ${'found'.padStart(9)} ${'extra'.padStart(6)} ${'caps right'.padStart(11)}`;
  const rows = [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, r]) => `  ${k.padEnd(12)} ${`${r.found}/${r.expected}`.padStart(9)} ${String(r.extra).padStart(6)} ${`${r.capsOk}/${r.caps}`.padStart(11)}`);
  return [head, ...rows];
}
