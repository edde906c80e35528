/** The pre-parse filter: never skips a file that holds a call, skips ordinary code. */
import * as assert from 'node:assert/strict';
import { isTemplatePath } from '../../../src/core/detect/templates';
import { mayContainSite } from '../../../src/core/detect/prefilter';
import { loadCorpus } from '../quality/corpus';
import { getDetector, ts } from './helpers';

describe('detect prefilter', () => {
  it('lets through every corpus file that has expected call sites', () => {
    const files = loadCorpus().filter((f) => !isTemplatePath(f.rel) && f.expected.some((e) => e.kind !== 'template'));
    assert.ok(files.length >= 50, `corpus has ${files.length} code files with sites`);
    const skipped = files.filter((f) => !mayContainSite(f.text)).map((f) => f.rel);
    assert.deepEqual(skipped, []);
  });

  it('skips ordinary code with no call name', () => {
    const text = "import { readFile } from 'node:fs/promises';\nexport async function load(p: string) { return JSON.parse(await readFile(p, 'utf8')); }\n";
    assert.equal(mayContainSite(text), false);
  });

  it('skips a call name with neither an SDK module nor a model parameter (stripe.customers.create)', () => {
    assert.equal(mayContainSite("import Stripe from 'stripe';\nawait stripe.customers.create({ email });\n"), false);
  });

  it('skips ORM code that has create and a model name but no LLM request keys', () => {
    assert.equal(mayContainSite("export function save(db: any) {\n  const model = 'order';\n  return db.order.create({ data: { kind: model } });\n}\n"), false);
  });

  it('keeps a call through a client from the project’s own module, matched by its request', async () => {
    const text = "import { llm } from '@/lib/llm';\nawait llm.chat.completions.create({ model: 'gpt-4o', messages: [] });\n";
    assert.equal(mayContainSite(text), true);
    assert.equal((await ts(text)).length, 1);
  });

  it('an opened document that becomes a call file by an edit reports the site', async () => {
    const d = await getDetector();
    const doc = d.open({ text: 'const x = 1;\n', language: 'typescript', path: 'a.ts' });
    assert.deepEqual(doc.sites(), []);
    const add = "import OpenAI from 'openai';\nconst c = new OpenAI();\nc.chat.completions.create({ model: 'gpt-4o', messages: [], max_tokens: 5 });\n";
    const sites = doc.applyEdit({ start: 0, oldEnd: 0, newText: add });
    assert.equal(sites.length, 1);
    assert.equal(sites[0]?.cap?.value, 5);
    doc.dispose();
  });
});
