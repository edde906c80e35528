import * as assert from 'node:assert/strict';
import type { Language } from '../../../src/core/model';
import { getDetector } from './helpers';

const tsFile = [
  "import OpenAI from 'openai';",
  "import Anthropic from '@anthropic-ai/sdk';",
  "import { generateText } from 'ai';",
  "import { openai } from '@ai-sdk/openai';",
  "const SYSTEM = 'You are a careful assistant.';",
  'const client = new OpenAI();',
  'const claude = new Anthropic();',
  'function helper(a: number) { return a * 2 + 1; }',
  'export async function one(q: string) {',
  "  const r = await client.chat.completions.create({ model: 'gpt-4o', max_tokens: 100, messages: [{ role: 'system', content: SYSTEM }, { role: 'user', content: q }] });",
  '  return helper(r.choices.length);',
  '}',
  'export async function two(q: string) {',
  "  return claude.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 20, system: SYSTEM, messages: [{ role: 'user', content: `x ${q}` }] });",
  '}',
  '// a comment between the calls',
  "export const three = (q: string) => generateText({ model: openai('gpt-4.1'), prompt: q, maxOutputTokens: 5 });",
  '',
].join('\n');

const pyFile = [
  'from openai import OpenAI',
  'import anthropic',
  'PROMPT = "Summarise."',
  'client = OpenAI()',
  'def f(q):',
  '    total = 0',
  '    for i in range(3):',
  '        total += i',
  '    return client.chat.completions.create(model="gpt-4o", max_tokens=10, messages=[{"role": "system", "content": PROMPT}, {"role": "user", "content": q}])',
  'def g(q):',
  '    return anthropic.Anthropic().messages.create(model="claude-3-haiku", max_tokens=5, messages=[])',
  '',
].join('\n');

/** A deterministic pseudo-random sequence, so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const alphabet = ['a', 'x', '1', ' ', '\n', '(', ')', '{', '}', "'", '"', '`', ',', '.', '#', '/', ':', '=', 'é', '😀'];

async function checkAgainstFresh(text: string, language: Language, seed: number, steps: number): Promise<void> {
  const d = await getDetector();
  const doc = d.open({ text, language, path: 'f' });
  doc.sites();
  const rand = rng(seed);
  let cur = text;
  for (let i = 0; i < steps; i++) {
    const start = Math.floor(rand() * (cur.length + 1));
    const del = rand() < 0.4 ? Math.floor(rand() * 4) : 0;
    const oldEnd = Math.min(cur.length, start + del);
    const ins = rand() < 0.7 ? (alphabet[Math.floor(rand() * alphabet.length)] as string) : '';
    // Never split a surrogate pair: editors do not produce such edits.
    if (/[\uDC00-\uDFFF]/.test(cur[start] ?? '') || /[\uDC00-\uDFFF]/.test(cur[oldEnd] ?? '')) continue;
    const got = doc.applyEdit({ start, oldEnd, newText: ins });
    cur = cur.slice(0, start) + ins + cur.slice(oldEnd);
    const fresh = d.detect({ text: cur, language, path: 'f' });
    assert.deepEqual(got, fresh, `seed ${seed}, step ${i}: edit at ${start}..${oldEnd} inserting ${JSON.stringify(ins)}`);
    assert.equal(doc.text, cur);
  }
  doc.dispose();
}

describe('detect: incremental documents', () => {
  it('applyEdit gives exactly what a fresh analysis of the new text gives (TypeScript, random edits)', async () => {
    for (const seed of [1, 2, 3]) await checkAgainstFresh(tsFile, 'typescript', seed, 120);
  });

  it('applyEdit gives exactly what a fresh analysis gives (Python, random edits)', async () => {
    for (const seed of [7, 8]) await checkAgainstFresh(pyFile, 'python', seed, 120);
  });

  it('an edit inside a prompt updates that site; typing a call creates a site', async () => {
    const d = await getDetector();
    const doc = d.open({ text: pyFile, language: 'python', path: 'f.py' });
    assert.equal(doc.sites().length, 2);
    const at = pyFile.indexOf('Summarise.') + 'Summarise'.length;
    const sites = doc.applyEdit({ start: at, oldEnd: at, newText: ' briefly' });
    assert.equal(sites[0]?.parts[0]?.segments[0]?.kind === 'text' && sites[0].parts[0].segments[0].text, 'Summarise briefly.');
    const end = doc.text.length;
    const added = doc.applyEdit({ start: end, oldEnd: end, newText: 'client.responses.create(model="gpt-5", input="x")\n' });
    assert.equal(added.length, 3);
    assert.equal(added[2]?.api, 'responses.create');
    doc.dispose();
  });

  it('an edit far from any site keeps the sites and shifts their spans', async () => {
    const d = await getDetector();
    const doc = d.open({ text: tsFile, language: 'typescript', path: 'f.ts' });
    const before = doc.sites();
    const at = tsFile.indexOf('a * 2');
    const after = doc.applyEdit({ start: at, oldEnd: at, newText: 'aa + ' });
    assert.equal(after.length, before.length);
    assert.deepEqual(
      after.map((s) => s.span.start - (before.find((b) => b.api === s.api)?.span.start ?? 0)),
      after.map((s) => (s.span.start > at ? 5 : 0)),
    );
    doc.dispose();
  });
});
