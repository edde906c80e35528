/**
 * What the fuzzer feeds and how it judges the answer. Each target builds a JSON-serialisable input
 * from a seeded generator (so a crash can be saved as a fixture and replayed) and runs it to a
 * digest string; the harness runs every input twice and compares digests for determinism. Some
 * targets also check an oracle (token counts against the references, incremental against one-shot
 * detection) and throw {@link OracleMismatch} when it disagrees.
 */
import { getEncoding } from 'js-tiktoken';
import { get_encoding, type Tiktoken } from 'tiktoken';
import { analyzeSites, requiredEncodings, type AnalysisContext } from '../../src/core/analyze';
import { defaultSettings, parseSettings, parseWorkspaceConfig } from '../../src/core/config';
import { initDetection, type Detector, type TextChange } from '../../src/core/detect';
import { detectTemplate } from '../../src/core/detect/templates';
import type { Language } from '../../src/core/model';
import { defaultPriceTable } from '../../src/core/pricing';
import { attachBudgetFindings } from '../../src/core/rules';
import { Tokenizers, type EncodingName } from '../../src/core/tokens';
import { nodeRankLoader } from '../../src/cli/ranks';
import { nodeDetectionHost } from '../../src/cli/wasm';
import { CODE_LANGUAGES, configText, languageOfPath, loadCorpus, mutatedCode, randomUnits, settingsValue, synthetic, templateText, TEMPLATE_PATHS, tokenText, type CorpusFile } from './inputs';
import type { Rng } from './rng';

/** A wrong answer (not a crash): the oracle disagrees with the engine. */
export class OracleMismatch extends Error {
  override name = 'OracleMismatch';
}

export interface FuzzEnv {
  detector: Detector;
  tokenizers: Tokenizers;
  corpus: CorpusFile[];
  /** Reference counts: js-tiktoken, and tiktoken (Rust/WASM) where js-tiktoken is known to differ. */
  reference(encoding: EncodingName, text: string, withJs: boolean): { js: number; wasm: () => number };
}

export interface Target<I = unknown> {
  name: string;
  /** Relative share of the cases. */
  weight: number;
  gen(rng: Rng, env: FuzzEnv): I;
  /** The engine's answer as a string; this part is timed and run twice. */
  run(input: I, env: FuzzEnv): string;
  /** An independent check of the answer, run once and not timed (references can be slow). */
  check?(input: I, digest: string, env: FuzzEnv): void;
}

/** Loads what every target needs once: the tree-sitter grammars and both encodings. */
export async function loadEnv(): Promise<FuzzEnv> {
  const tokenizers = new Tokenizers(nodeRankLoader());
  const [detector] = await Promise.all([initDetection(nodeDetectionHost()), tokenizers.ensure('o200k_base'), tokenizers.ensure('cl100k_base')]);
  const js = new Map<EncodingName, ReturnType<typeof getEncoding>>();
  const wasm = new Map<EncodingName, Tiktoken>();
  return {
    detector,
    tokenizers,
    corpus: loadCorpus(),
    reference(encoding, text, withJs) {
      let j = js.get(encoding);
      if (!j && withJs) js.set(encoding, (j = getEncoding(encoding)));
      return {
        js: j && withJs ? j.encode(text, [], []).length : NaN,
        wasm: () => {
          let w = wasm.get(encoding);
          if (!w) wasm.set(encoding, (w = get_encoding(encoding)));
          return w.encode_ordinary(text).length;
        },
      };
    },
  };
}

interface CodeInput {
  language: Language;
  path: string;
  text: string;
}

/** Mutated corpus code (70%) or synthetic text, in its own language or a random one. */
function genCode(rng: Rng, env: FuzzEnv): CodeInput {
  if (rng.chance(0.7)) {
    const f = mutatedCode(rng, env.corpus, (c) => /\.(py|[cm]?[jt]sx?)$/.test(c.path));
    const language = rng.chance(0.9) ? languageOfPath(f.path) : rng.pick(CODE_LANGUAGES).language;
    return { language, path: f.path, text: f.text };
  }
  const l = rng.pick(CODE_LANGUAGES);
  return { language: l.language, path: `src/gen${l.ext}`, text: synthetic(rng) };
}

/** Linked prompt files resolve to a fixed map, so detection stays a pure function of the input. */
const linked = (p: string): string | undefined => (p.includes('prompts/') ? `Linked prompt for ${p}` : undefined);

const detectTarget: Target<CodeInput> = {
  name: 'detect',
  weight: 30,
  gen: genCode,
  run: (i, env) => JSON.stringify(env.detector.detect({ ...i, readFile: linked })),
};

interface IncrementalInput extends CodeInput {
  edits: TextChange[];
}

/** Edits as typing makes them: insertions, deletions and replacements at random places. */
function genEdits(rng: Rng, text: string): TextChange[] {
  const edits: TextChange[] = [];
  let cur = text;
  for (let n = rng.range(1, 6); n > 0; n--) {
    const start = rng.int(cur.length + 1);
    const oldEnd = Math.min(cur.length, start + (rng.chance(0.5) ? 0 : rng.range(1, 80)));
    const newText = rng.chance(0.3) ? '' : rng.chance(0.5) ? randomUnits(rng, rng.range(1, 20)) : rng.pick(['(', ')', '"', '`', '{', '}', '\n', 'model="gpt-4o", ', 'max_tokens: 5,', 'client.messages.create(', '# ', '//', ' ']);
    edits.push({ start, oldEnd, newText });
    cur = cur.slice(0, start) + newText + cur.slice(oldEnd);
  }
  return edits;
}

const incrementalTarget: Target<IncrementalInput> = {
  name: 'incremental',
  weight: 15,
  gen: (rng, env) => {
    const c = genCode(rng, env);
    return { ...c, edits: genEdits(rng, c.text) };
  },
  run: (i, env) => {
    const doc = env.detector.open({ language: i.language, path: i.path, text: i.text, readFile: linked });
    try {
      const steps = [JSON.stringify(doc.sites())];
      for (const e of i.edits) steps.push(JSON.stringify(doc.applyEdit(e)));
      return steps.join('\n');
    } finally {
      doc.dispose();
    }
  },
  check: (i, digest, env) => {
    let text = i.text;
    for (const e of i.edits) text = text.slice(0, e.start) + e.newText + text.slice(e.oldEnd);
    const oneShot = JSON.stringify(env.detector.detect({ language: i.language, path: i.path, text, readFile: linked }));
    if (digest.slice(digest.lastIndexOf('\n') + 1) !== oneShot) throw new OracleMismatch('incremental sites after the edits differ from one-shot detection of the same text');
  },
};

interface TemplateInput {
  path: string;
  text: string;
}

const templateTarget: Target<TemplateInput> = {
  name: 'template',
  weight: 15,
  gen: (rng, env) => ({ path: rng.pick(TEMPLATE_PATHS), text: templateText(rng, env.corpus) }),
  run: (i) => JSON.stringify(detectTemplate(i.path, i.text, { templateGlobs: ['**/prompts/**'] })),
};

const configTarget: Target<{ text: string }> = {
  name: 'config',
  weight: 12,
  gen: (rng, env) => ({ text: configText(rng, env.corpus) }),
  run: (i) => {
    const r = parseWorkspaceConfig(i.text);
    for (const p of r.problems) {
      if (!(p.span.start >= 0 && p.span.end <= i.text.length && p.span.start <= p.span.end && p.line >= 1 && p.column >= 1)) {
        throw new OracleMismatch(`problem position out of the text: ${JSON.stringify(p)}`);
      }
    }
    return JSON.stringify(r);
  },
};

const settingsTarget: Target<{ raw: unknown }> = {
  name: 'settings',
  weight: 5,
  gen: (rng) => ({ raw: settingsValue(rng) }),
  run: (i) => JSON.stringify(parseSettings(i.raw)),
};

/** Runs longer than this (UTF-16 units without whitespace) skip the js-tiktoken reference. */
const LONG_RUN = 256;

function longestRun(text: string): number {
  let best = 0;
  for (const m of text.matchAll(/\S+/g)) best = Math.max(best, m[0].length);
  return best;
}

interface TokensInput {
  encoding: EncodingName;
  text: string;
}

const tokensTarget: Target<TokensInput> = {
  name: 'tokens',
  weight: 8,
  gen: (rng, env) => ({ encoding: rng.chance(0.6) ? 'o200k_base' : 'cl100k_base', text: tokenText(rng, env.corpus) }),
  run: (i, env) => String(env.tokenizers.forModel(i.encoding === 'o200k_base' ? 'gpt-4o' : 'gpt-4').count(i.text)),
  check: (i, digest, env) => {
    const ours = Number(digest);
    // js-tiktoken is the reference, but it is quadratic on long pieces (57 s for 4,000 characters
    // of emoji), so text with a long run without whitespace is checked against tiktoken alone.
    // Where js-tiktoken departs from tiktoken itself (a few Unicode White_Space code points),
    // ours must match tiktoken.
    const ref = env.reference(i.encoding, i.text, longestRun(i.text) <= LONG_RUN);
    if (ours !== ref.js && ours !== ref.wasm()) throw new OracleMismatch(`${i.encoding}: counted ${ours}, js-tiktoken ${ref.js}, tiktoken ${ref.wasm()}`);
  },
};

interface AnalyzeInput extends CodeInput {
  yaml: string;
}

const analyzeTarget: Target<AnalyzeInput> = {
  name: 'analyze',
  weight: 15,
  gen: (rng, env) => ({ ...genCode(rng, env), yaml: rng.chance(0.5) ? '' : configText(rng, env.corpus) }),
  run: (i, env) => {
    const { config } = parseWorkspaceConfig(i.yaml);
    const sites = env.detector.detect({ ...i, readFile: linked });
    const ctx: AnalysisContext = { tokenizers: env.tokenizers, prices: defaultPriceTable(config.models), settings: defaultSettings, workspace: config, today: '2026-12-01' };
    for (const e of requiredEncodings(sites, ctx)) if (!env.tokenizers.has(e)) throw new Error(`encoding ${e} not loaded`);
    const est = analyzeSites(i.path, i.text, sites, ctx);
    attachBudgetFindings(est, config, defaultSettings);
    return JSON.stringify(est);
  },
};

export const TARGETS: readonly Target<any>[] = [detectTarget, incrementalTarget, templateTarget, configTarget, settingsTarget, tokensTarget, analyzeTarget];

/** The target of case `index`: a weighted pick from the case's own generator. */
export function targetFor(rng: Rng, only?: readonly string[]): Target<any> {
  const pool = only?.length ? TARGETS.filter((t) => only.includes(t.name)) : TARGETS;
  let r = rng.next() * pool.reduce((s, t) => s + t.weight, 0);
  for (const t of pool) if ((r -= t.weight) < 0) return t;
  return pool[pool.length - 1]!;
}
