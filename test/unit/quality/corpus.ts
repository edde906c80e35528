/**
 * Reading the fixture corpus: every source or template file under `test/fixtures/corpus` with its
 * hand-written golden `<file>.expected.json` beside it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { ExpectedSite } from './score';

export const GOLDEN_SUFFIX = '.expected.json';

export interface CorpusFile {
  /** Corpus-relative path with forward slashes (`openai/support_bot.py`). */
  rel: string;
  abs: string;
  text: string;
  expected: ExpectedSite[];
}

/** The corpus directory, found from the compiled test's location (out/test/...) or the source tree. */
export function corpusDir(): string {
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'test', 'fixtures', 'corpus');
    if (existsSync(join(dir, 'package.json')) && existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error(`test/fixtures/corpus not found above ${__dirname}`);
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** All corpus files (goldens excluded), sorted for a stable report. */
export function listCorpus(root = corpusDir()): { sources: string[]; goldens: string[] } {
  const all = walk(root).map((p) => relative(root, p).split(sep).join('/')).sort();
  return { sources: all.filter((p) => !p.endsWith(GOLDEN_SUFFIX)), goldens: all.filter((p) => p.endsWith(GOLDEN_SUFFIX)) };
}

export function loadCorpus(root = corpusDir()): CorpusFile[] {
  return listCorpus(root).sources.map((rel) => {
    const abs = join(root, rel);
    const golden = JSON.parse(readFileSync(abs + GOLDEN_SUFFIX, 'utf8')) as { sites: ExpectedSite[] };
    return { rel, abs, text: readFileSync(abs, 'utf8'), expected: golden.sites };
  });
}

/** What `readFile` does for the detector: a path as written in the code, relative to the file. */
export function fileReaderFor(abs: string): (path: string) => string | undefined {
  return (p) => {
    const target = resolve(dirname(abs), p);
    try {
      return readFileSync(target, 'utf8');
    } catch {
      return undefined;
    }
  };
}

/** 1-based line of a UTF-16 offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
