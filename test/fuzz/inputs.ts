/**
 * Seeded generators and mutators of fuzz inputs: real code from the corpus cut and damaged in the
 * ways an editor sees mid-keystroke (truncation, deleted ranges, pasted fragments), plus the
 * hostile shapes no editor should choke on (random bytes, deep nesting, huge literals, invalid
 * UTF-8, lone surrogates, half-written YAML front matter).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Language } from '../../src/core/model';
import type { Rng } from './rng';

export interface CorpusFile {
  path: string;
  text: string;
}

/** The package root, from out/test/fuzz or test/fuzz alike. */
export function repoRoot(): string {
  for (let d = __dirname; ; d = join(d, '..')) {
    try {
      if (statSync(join(d, 'package.json')).isFile() && statSync(join(d, 'test', 'fixtures')).isDirectory()) return d;
    } catch {
      // keep walking up
    }
    if (join(d, '..') === d) throw new Error('fuzz: package root not found');
  }
}

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    const abs = join(dir, name);
    if (statSync(abs).isDirectory()) walk(abs, out);
    else if (!name.endsWith('.expected.json')) out.push(abs);
  }
}

let cached: CorpusFile[] | null = null;

/** The detection corpus and the example workspace, sorted so a seed always sees the same list. */
export function loadCorpus(): CorpusFile[] {
  if (cached) return cached;
  const root = repoRoot();
  const files: string[] = [];
  for (const d of ['test/fixtures/corpus', 'examples/workspace']) walk(join(root, d), files);
  cached = files.map((abs) => ({ path: relative(root, abs).split('\\').join('/'), text: readFileSync(abs, 'utf8') }));
  return cached;
}

export const CODE_LANGUAGES: readonly { language: Language; ext: string }[] = [
  { language: 'typescript', ext: '.ts' },
  { language: 'typescriptreact', ext: '.tsx' },
  { language: 'javascript', ext: '.js' },
  { language: 'javascriptreact', ext: '.jsx' },
  { language: 'python', ext: '.py' },
];

export function languageOfPath(path: string): Language {
  if (path.endsWith('.py')) return 'python';
  if (path.endsWith('.tsx')) return 'typescriptreact';
  if (path.endsWith('.jsx')) return 'javascriptreact';
  if (/\.(m|c)?js$/.test(path)) return 'javascript';
  return 'typescript';
}

/** Fragments that steer the parsers and recognisers into their interesting paths. */
const FRAGMENTS = [
  'client.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: "hi" }], max_tokens: 100 })',
  'client.messages.create(model="claude-sonnet-4-5", max_tokens=1024, system="You are", messages=[{"role": "user", "content": f"{x}"}])',
  'await generateText({ model: openai("gpt-4o-mini"), prompt: `Hello ${name}` })',
  'genai.GenerativeModel("gemini-2.5-flash").generate_content(',
  'litellm.completion(model="gpt-4o", messages=msgs)',
  'new OpenAI()', 'from openai import OpenAI\n', "import Anthropic from '@anthropic-ai/sdk';\n",
  '// promptmeter: 20k/day\n', '# promptmeter: 1e99/s\n', '// promptmeter-ignore PM001\n',
  'readFileSync("prompts/a.txt", "utf8")', 'open("../../../../etc/passwd").read()',
  '...spread', '**kwargs', '${', '`', '"""', "'''", 'f"', '{{', '}}', '{% if %}', '\\', '/*', '*/', '#', '\n', '\r\n', '\t',
  'max_completion_tokens: 99999999999999999999', 'max_tokens=-1', 'model: 42', 'messages: null',
  '\u0000', '\uFEFF', '\u2028', '\uD83D', '\uDE00', '\uD83D\uDE00', '日本語のプロンプト', 'é', '\u200B',
];

/** Each mutation takes a text and returns a damaged one. */
type Mutation = (rng: Rng, text: string) => string;

const at = (rng: Rng, text: string) => rng.int(text.length + 1);

export const MUTATIONS: Record<string, Mutation> = {
  truncate: (rng, t) => t.slice(0, at(rng, t)),
  deleteRange: (rng, t) => {
    const a = at(rng, t);
    return t.slice(0, a) + t.slice(Math.min(t.length, a + rng.range(1, 200)));
  },
  insertFragment: (rng, t) => {
    const a = at(rng, t);
    return t.slice(0, a) + rng.pick(FRAGMENTS) + t.slice(a);
  },
  duplicateRange: (rng, t) => {
    const a = at(rng, t);
    const b = Math.min(t.length, a + rng.range(1, 400));
    return t.slice(0, b) + t.slice(a, b) + t.slice(b);
  },
  swapLines: (rng, t) => {
    const lines = t.split('\n');
    if (lines.length < 2) return t;
    const i = rng.int(lines.length);
    const j = rng.int(lines.length);
    [lines[i], lines[j]] = [lines[j]!, lines[i]!];
    return lines.join('\n');
  },
  randomBytes: (rng, t) => {
    const a = at(rng, t);
    return t.slice(0, a) + invalidUtf8(rng, rng.range(1, 64)) + t.slice(a);
  },
  loneSurrogate: (rng, t) => {
    const a = at(rng, t);
    return t.slice(0, a) + String.fromCharCode(rng.range(0xd800, 0xdfff)) + t.slice(a);
  },
  deepNesting: (rng, t) => {
    const a = at(rng, t);
    return t.slice(0, a) + nesting(rng, rng.range(50, 3000)) + t.slice(a);
  },
  hugeLiteral: (rng, t) => {
    const a = at(rng, t);
    return t.slice(0, a) + hugeString(rng, rng.range(1000, 60_000)) + t.slice(a);
  },
  crlf: (_rng, t) => t.replace(/\n/g, '\r\n'),
};

/** Random bytes decoded as UTF-8, the way an editor shows a file that is not valid UTF-8 (U+FFFD and all). */
export function invalidUtf8(rng: Rng, n: number): string {
  const bytes = new Uint8Array(n);
  for (let i = 0; i < n; i++) bytes[i] = rng.chance(0.5) ? rng.range(0x80, 0xff) : rng.int(256);
  return new TextDecoder('utf-8').decode(bytes);
}

/** Raw UTF-16 code units, lone surrogates included. */
export function randomUnits(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(rng.chance(0.6) ? rng.range(0x20, 0x7e) : rng.int(0x10000));
  return s;
}

export function nesting(rng: Rng, depth: number): string {
  const [open, close] = rng.pick([['(', ')'], ['[', ']'], ['{', '}'], ['{"a":', '}'], ['f(', ')'], ['`${', '}`']]);
  const closed = rng.chance(0.5);
  return open!.repeat(depth) + (closed ? '1' + close!.repeat(depth) : '');
}

export function hugeString(rng: Rng, n: number): string {
  const q = rng.pick(['"', "'", '`', '"""']);
  const unit = rng.pick(['a', 'ab ', 'x'.repeat(37), '日本', '😀', 'The quick brown fox. ', '\\n']);
  return q + unit.repeat(Math.ceil(n / unit.length)).slice(0, n) + (rng.chance(0.8) ? q : '');
}

/** A piece of corpus code mutated 1–4 times. */
export function mutatedCode(rng: Rng, corpus: readonly CorpusFile[], filter: (f: CorpusFile) => boolean): CorpusFile {
  const pool = corpus.filter(filter);
  const base = rng.pick(pool);
  let text = base.text;
  const names = Object.keys(MUTATIONS);
  for (let n = rng.range(1, 4); n > 0; n--) text = MUTATIONS[rng.pick(names)]!(rng, text);
  return { path: base.path, text };
}

/** Text made from scratch: random units, invalid UTF-8, nesting or a huge literal in a call. */
export function synthetic(rng: Rng): string {
  switch (rng.int(5)) {
    case 0:
      return randomUnits(rng, rng.range(0, 2000));
    case 1:
      return invalidUtf8(rng, rng.range(0, 4000));
    case 2:
      return `client.chat.completions.create(${nesting(rng, rng.range(100, 5000))})`;
    case 3:
      return `client.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: ${hugeString(rng, rng.range(1000, 80_000))} }] })`;
    default:
      return Array.from({ length: rng.range(1, 30) }, () => rng.pick(FRAGMENTS)).join(rng.pick(['', ' ', '\n', ';']));
  }
}

const FRONT_MATTER_LINES = [
  'name: test', 'model:', '  api: chat', '  configuration:', '    type: azure_openai', '    azure_deployment: gpt-4o',
  '  parameters:', '    max_tokens: 128', '    max_tokens: -5', '    max_tokens: 1e400', 'model: googleai/gemini-2.5-flash',
  'config:', '  maxOutputTokens: 99', 'input:', '  schema:', '    question: string', 'sample:', '  question: hi',
  'messages:', '  - role: system', '    content: You are {{x}}', '  - role: user', '    content: |', '      {{question}}',
  'modelParameters:', '  max_tokens: 300', 'a: &a [x, x, x]', 'b: &b [*a, *a, *a, *a]', 'c: [*b, *b, *b, *b]', 'key: [unclosed',
  '"quoted: key', '? complex', '- - - -', '!!binary AAAA', '%YAML 1.2', 'tools: [\'a\']', 'description: "' + 'x'.repeat(300) + '"',
];

/** A template: front matter of random (often half-written) YAML lines, then a body with role markers. */
export function templateText(rng: Rng, corpus: readonly CorpusFile[]): string {
  if (rng.chance(0.3)) return mutatedCode(rng, corpus, (f) => f.path.includes('templates') || f.path.includes('prompts')).text;
  const lines = Array.from({ length: rng.range(0, 14) }, () => rng.pick(FRONT_MATTER_LINES));
  const fm = rng.chance(0.85) ? `---\n${lines.join('\n')}\n${rng.chance(0.7) ? '---\n' : ''}` : lines.join('\n');
  const body = Array.from({ length: rng.range(0, 8) }, () =>
    rng.pick(['system:', 'user:', 'assistant:', '{{role "system"}}', '{{#each items}}{{this}}{{/each}}', 'Hello {{name}}', '{% for x in y %}{{ x }}{% endfor %}', '{{> partial}}', '{{', '}}', 'plain prose line', '\uD800']),
  ).join('\n');
  let text = fm + body;
  if (rng.chance(0.3)) text = MUTATIONS[rng.pick(Object.keys(MUTATIONS))]!(rng, text);
  return text;
}

export const TEMPLATE_PATHS = ['a.prompty', 'a.prompt', 'x/a.prompt.yml', 'x/a.prompt.yaml', '.github/prompts/a.prompt.md', 'prompts/a.txt', 'prompts/a.j2', 'prompts/a.hbs', 'prompts/a.mustache', 'prompts/a.md'];

const CONFIG_KEYS = ['defaults', 'volumes', 'features', 'budgets', 'models', 'placeholders', 'rules', 'templates', 'unknownKey'];
const SCALARS = ['1', '-1', '0', '1e308', '1e999', '-0', '.inf', '.nan', '~', 'null', 'true', '"20k/day"', '20k/day', '1e9/s', '"$5"', '[]', '{}', "'x'", '9'.repeat(40), '0x10', '"' + 'z'.repeat(2000) + '"', 'PM001', 'off', 'error', '"**/*.ts"', '"["'];
const SUBKEYS = ['model', 'callsPerMonth', 'expectedOutputTokens', 'glob', 'files', 'name', 'monthly', 'perCall', 'id', 'provider', 'inputPerMTok', 'outputPerMTok', 'cachedInputPerMTok', 'contextWindow', 'maxOutputTokens', 'PM001', 'PM008', 'globs', 'question', 'site', 'budget', 'calls'];

function yamlValue(rng: Rng, depth: number): string {
  if (depth > 3 || rng.chance(0.5)) return rng.pick(SCALARS);
  const pad = '  '.repeat(depth + 1);
  if (rng.chance(0.5)) return '\n' + Array.from({ length: rng.range(1, 4) }, () => `${pad}- ${yamlValue(rng, depth + 1).trimStart()}`).join('\n');
  return '\n' + Array.from({ length: rng.range(1, 4) }, () => `${pad}${rng.pick(SUBKEYS)}: ${yamlValue(rng, depth + 1)}`).join('\n');
}

/** A billion-laughs style alias bomb: each level references the previous one ten times. */
export function aliasBomb(levels: number): string {
  const out = ['a0: &a0 ["lol"]'];
  for (let i = 1; i <= levels; i++) out.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
  out.push(`placeholders: *a${levels}`);
  return out.join('\n') + '\n';
}

/** A promptmeter.yaml: the example workspace's file mutated, random keys and values, or a hostile one. */
export function configText(rng: Rng, corpus: readonly CorpusFile[]): string {
  switch (rng.int(6)) {
    case 0:
      return mutatedCode(rng, corpus, (f) => f.path.endsWith('promptmeter.yaml')).text;
    case 1:
      return aliasBomb(rng.range(3, 9));
    case 2:
      return rng.pick([invalidUtf8(rng, rng.range(0, 500)), randomUnits(rng, rng.range(0, 500)), nesting(rng, rng.range(100, 2000))]);
    default:
      return Array.from({ length: rng.range(0, 8) }, () => `${rng.pick(CONFIG_KEYS)}: ${yamlValue(rng, 0)}`).join('\n') + (rng.chance(0.5) ? '\n' : '');
  }
}

/** A random JSON-ish value for the settings parser (which takes what VS Code hands over). */
export function settingsValue(rng: Rng, depth = 0): unknown {
  const leaf = () => rng.pick<unknown>([true, false, null, 0, -1, 1e308, Number.MAX_SAFE_INTEGER, 3.5, '', 'auto', 'off', 'gpt-4o', '**/*', [], {}, ['**/prompts/**'], [1, 2], 'error']);
  if (depth > 3 || rng.chance(0.4)) return leaf();
  const keys = ['enable', 'defaultModel', 'defaultCallsPerMonth', 'currencyDisplay', 'statusBar', 'tokens', 'placeholderDefault', 'expectedOutput', 'templateGlobs', 'prices', 'showBatch', 'staleAfterDays', 'diagnostics', 'severity', 'PM001', 'PM008', 'codeLens', 'hover', 'maxCheaperModels', 'report', 'include', 'exclude', '__proto__', 'constructor', 'promptmeter'];
  const o: Record<string, unknown> = {};
  for (let n = rng.range(0, 6); n > 0; n--) Object.defineProperty(o, rng.pick(keys), { value: settingsValue(rng, depth + 1), enumerable: true, writable: true, configurable: true });
  return o;
}

/** Text for the tokenizers: code, prose, random units, long runs without whitespace. */
export function tokenText(rng: Rng, corpus: readonly CorpusFile[]): string {
  switch (rng.int(5)) {
    case 0:
      return mutatedCode(rng, corpus, () => true).text.slice(0, 4000);
    case 1:
      return randomUnits(rng, rng.range(0, 600));
    case 2:
      return invalidUtf8(rng, rng.range(0, 600));
    case 3:
      return rng.pick(['a', 'ab', '1', '日', '😀', ' ', '\n', '.', 'é', '\u00a0', '\ufeff']).repeat(rng.range(1, 3000));
    default:
      return Array.from({ length: rng.range(1, 40) }, () => rng.pick(FRAGMENTS)).join(rng.pick(['', ' ', '\n']));
  }
}
