import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  PriceTable,
  bundledPricing,
  defaultPriceTable,
  modelPriceSchema,
  normalizeModelId,
  priceTableFileSchema,
  priceTableWithOverrides,
} from '../../../src/core/pricing';
import type { ModelPrice } from '../../../src/core/pricing';

const ROOT = resolve(__dirname, '../../../..');
const table = defaultPriceTable();
const idOf = (raw: string): string | null => table.lookup(raw)?.id ?? null;

function row(over: Partial<ModelPrice> = {}): ModelPrice {
  return {
    id: 'acme-1', provider: 'acme', aliases: [], inputPerMTok: 1, outputPerMTok: 2, cachedInputPerMTok: 0.1,
    cacheWrite5mPerMTok: null, cacheWrite1hPerMTok: null, batchDiscount: null, longContextTiers: [], contextWindow: 100_000,
    maxOutputTokens: 4_096, minCacheableTokens: null, tokenizer: 'o200k_base', status: 'active', retiredOn: null,
    successor: null, family: 'acme', source: 'test', asOf: '2026-01-01', ...over,
  };
}

describe('pricing/table', () => {
  describe('alias normalisation', () => {
    const cases: [string, string][] = [
      ['gpt-4o', 'gpt-4o'],
      ['  GPT-4o ', 'gpt-4o'],
      ['openai/gpt-4o', 'gpt-4o'],
      ['azure/gpt-4o-2024-08-06', 'gpt-4o'],
      ['gpt-4o-2024-11-20', 'gpt-4o'],
      ['gpt-5-2025-08-07', 'gpt-5'],
      ['claude-sonnet-4-5-20250929', 'claude-sonnet-4-5'],
      ['claude-sonnet-4-5-latest', 'claude-sonnet-4-5'],
      ['anthropic/claude-sonnet-4-5', 'claude-sonnet-4-5'],
      ['anthropic.claude-sonnet-4-5-20250929-v1:0', 'claude-sonnet-4-5'],
      ['us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0'],
      ['eu.anthropic.claude-sonnet-4-5-20250929-v1:0', 'eu.anthropic.claude-sonnet-4-5-20250929-v1:0'],
      ['global.anthropic.claude-sonnet-4-5-20250929-v1:0', 'claude-sonnet-4-5'],
      ['bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0'],
      ['apac.anthropic.claude-sonnet-4-20250514-v1:0', 'claude-sonnet-4-20250514'],
      ['us.anthropic.claude-opus-4-6-v1', 'us.anthropic.claude-opus-4-6-v1'],
      ['global.anthropic.claude-opus-4-6-v1', 'claude-opus-4-6'],
      ['vertex_ai/claude-sonnet-4-5@20250929', 'claude-sonnet-4-5'],
      ['claude-sonnet-4-5@20250929', 'claude-sonnet-4-5'],
      ['claude-3-7-sonnet-latest', 'claude-3-7-sonnet-20250219'],
      ['gemini/gemini-2.5-flash', 'gemini-2.5-flash'],
      ['models/gemini-2.5-flash', 'gemini-2.5-flash'],
      ['vertex_ai/gemini-2.5-flash', 'gemini-2.5-flash'],
      ['mistral-large-latest', 'mistral-large-2512'],
      ['mistral/mistral-large-2512', 'mistral-large-2512'],
      ['xai/grok-4', 'grok-4-0709'],
      ['deepseek/deepseek-v3', 'deepseek-v3'],
      ['meta.llama3-3-70b-instruct-v1:0', 'llama-3.3-70b-instruct'],
      ['us.meta.llama3-1-70b-instruct-v1:0', 'llama3-1-70b-instruct'],
      ['groq/llama-3.3-70b-versatile', 'groq/llama-3.3-70b-versatile'],
    ];
    for (const [raw, id] of cases) {
      it(`${raw} → ${id}`, () => assert.equal(idOf(raw), id));
    }
    it('keeps a dated snapshot with its own price on its own row', () => {
      const dated = table.lookup('gpt-4o-2024-05-13');
      assert.equal(dated?.id, 'gpt-4o-2024-05-13');
      assert.deepEqual([dated?.inputPerMTok, dated?.outputPerMTok], [5, 15]);
    });
    it('normalizeModelId strips platform marks, snapshots and -latest', () => {
      assert.equal(normalizeModelId('bedrock/us-east-1/anthropic.claude-3-haiku-20240307-v1:0'), 'claude-3-haiku');
      assert.equal(normalizeModelId('vertex_ai/claude-opus-4-5@20251101'), 'claude-opus-4-5');
      assert.equal(normalizeModelId('gpt-4o-2024-08-06'), 'gpt-4o');
      assert.equal(normalizeModelId('claude-3-5-haiku-latest'), 'claude-3-5-haiku');
      // four-digit suffixes and -vN names are model names, not snapshots
      assert.equal(normalizeModelId('gpt-4-0613'), 'gpt-4-0613');
      assert.equal(normalizeModelId('deepseek-v3'), 'deepseek-v3');
    });
  });

  describe('Bedrock geographic profiles (us., eu., jp., …) at their own price', () => {
    // LiteLLM's Bedrock entries (data/pricing/litellm_model_prices.json) list recent Claude models
    // at 1.1× the global price on geographic profiles: Sonnet 4.5 $3.30 / $16.50 against $3 / $15.
    const prices = (raw: string) => {
      const m = table.lookup(raw);
      return m && [m.inputPerMTok, m.outputPerMTok, m.cachedInputPerMTok, m.cacheWrite5mPerMTok];
    };
    it('prices a geographic profile at its premium, however the id is written', () => {
      for (const raw of ['us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'bedrock_converse/us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'us.anthropic.claude-sonnet-4-5', 'bedrock/us-east-1/us.anthropic.claude-sonnet-4-5-20250929-v1:0'])
        assert.deepEqual(prices(raw), [3.3, 16.5, 0.33, 4.125], raw);
      assert.deepEqual(prices('us.anthropic.claude-opus-4-7'), [5.5, 27.5, 0.55, 6.875]);
      assert.deepEqual(prices('jp.anthropic.claude-opus-4-7'), [5.5, 27.5, 0.55, 6.875]);
      assert.deepEqual(prices('us-gov.anthropic.claude-sonnet-4-5-20250929-v1:0'), [3.6, 18, 0.36, 4.5]);
      // Its long-context tier carries the premium too ($6 → $6.60 above 200k input tokens).
      assert.equal(table.lookup('us.anthropic.claude-sonnet-4-5-20250929-v1:0')?.longContextTiers[0]?.inputPerMTok, 6.6);
    });
    it('keeps the global price for global profiles, plain Bedrock ids and the API id', () => {
      for (const raw of ['global.anthropic.claude-opus-4-7', 'anthropic.claude-opus-4-7', 'claude-opus-4-7', 'bedrock/anthropic.claude-opus-4-7'])
        assert.deepEqual(prices(raw), [5, 25, 0.5, 6.25], raw);
    });
    it('keeps the global price where the source lists the region at the same price, or below it (not believed)', () => {
      assert.deepEqual(prices('us.anthropic.claude-3-5-sonnet-20240620-v1:0')?.slice(0, 2), [3, 15]);
      // LiteLLM lists eu.anthropic.claude-3-5-haiku at $0.25, Claude 3 Haiku's price; $0.80 everywhere else.
      assert.equal(table.lookup('eu.anthropic.claude-3-5-haiku-20241022-v1:0')?.inputPerMTok, 0.8);
    });
    it('never suggests a regional profile as a cheaper model', () => {
      const all = table.all().filter((m) => m.provider === 'anthropic');
      for (const m of all) for (const s of table.cheaperSiblings(m)) assert.doesNotMatch(s.id, /^(us|eu|apac|jp|au|ca|us-gov)\./, `${m.id} → ${s.id}`);
      assert.ok(all.some((m) => m.id.startsWith('us.anthropic.')));
    });
  });

  describe('unknown models are unpriced, never $0', () => {
    it('returns null for ids it does not know', () => {
      for (const raw of ['gpt-4x', 'my-finetune', '', 'anthropic.', 'claude']) assert.equal(table.lookup(raw), null, raw);
    });
    it('has no row priced at zero', () => {
      for (const m of table.all()) assert.ok(m.inputPerMTok > 0 || m.outputPerMTok > 0, m.id);
    });
    it('names the nearest known ids', () => {
      const near = table.nearest('gpt-4x', 3).map((m) => m.id);
      assert.equal(near.length, 3);
      assert.ok(near.includes('gpt-4o'), near.join());
      assert.equal(table.nearest('claude-sonet-4-5', 1)[0]?.id, 'claude-sonnet-4-5');
    });
  });

  describe('the bundled table', () => {
    it('is valid, dated, and covers the main providers', () => {
      const info = bundledPricing();
      assert.match(info.asOf, /^\d{4}-\d{2}-\d{2}$/);
      assert.equal(table.asOf, info.asOf);
      const providers = new Set(table.all().map((m) => m.provider));
      for (const p of ['openai', 'anthropic', 'google', 'mistral', 'deepseek', 'xai', 'meta']) assert.ok(providers.has(p), p);
      const file = JSON.parse(readFileSync(join(ROOT, 'src/core/pricing/table.generated.json'), 'utf8'));
      assert.equal(priceTableFileSchema.safeParse(file).success, true);
    });
    it('prefers the newer curated models.yaml price over LiteLLM (gpt-5.6-sol cut on 2026-08-21)', () => {
      const m = table.lookup('gpt-5.6-sol');
      assert.deepEqual([m?.inputPerMTok, m?.outputPerMTok, m?.asOf], [4, 20, '2026-09-23']);
    });
    it('records retirement and a successor', () => {
      const m = table.lookup('claude-3-7-sonnet-20250219');
      assert.equal(m?.status, 'retired');
      assert.equal(m?.retiredOn, '2026-02-19');
      assert.ok(m?.successor && table.lookup(m.successor), 'successor is itself priced');
    });
    it('lists cheaper models of the same family and tokenizer', () => {
      const sonnet = table.lookup('claude-sonnet-4-5')!;
      const cheaper = table.cheaperSiblings(sonnet);
      assert.ok(cheaper.some((m) => m.id === 'claude-haiku-4-5'));
      for (const m of cheaper) {
        assert.equal(m.family, sonnet.family);
        assert.equal(m.tokenizer, sonnet.tokenizer);
        assert.ok(m.inputPerMTok <= 3 && m.outputPerMTok <= 15 && m.inputPerMTok + m.outputPerMTok < 18, m.id);
      }
      assert.ok(table.cheaperSiblings(table.lookup('gpt-4o')!).some((m) => m.id === 'gpt-4o-mini'));
    });
  });

  describe('zod validation', () => {
    it('accepts a good row', () => assert.equal(modelPriceSchema.safeParse(row()).success, true));
    const bad: [string, Partial<ModelPrice>][] = [
      ['a negative price', { inputPerMTok: -1 }],
      ['a price with more than 6 decimals', { outputPerMTok: 0.0000001 }],
      ['a cache read dearer than input', { cachedInputPerMTok: 5 }],
      ['a discount of 100%', { batchDiscount: 1 }],
      ['an unknown status', { status: 'gone' as ModelPrice['status'] }],
      ['an id with spaces', { id: 'My Model' }],
      ['a malformed date', { asOf: '26/01/2026' }],
      ['a non-integer context window', { contextWindow: 1.5 }],
      ['tiers out of order', { longContextTiers: [{ aboveInputTokens: 200, inputPerMTok: 2, outputPerMTok: 4 }, { aboveInputTokens: 100, inputPerMTok: 3, outputPerMTok: 5 }] }],
    ];
    for (const [what, over] of bad) {
      it(`rejects ${what}`, () => assert.equal(modelPriceSchema.safeParse(row(over)).success, false));
    }
    it('rejects a table with duplicate ids', () => {
      const r = priceTableFileSchema.safeParse({ schemaVersion: 1, asOf: '2026-01-01', sources: [], rows: [row(), row()] });
      assert.equal(r.success, false);
    });
  });

  describe('workspace overrides (promptmeter.yaml models:)', () => {
    it('override a known model field by field, found by any alias', () => {
      const { table: t, problems } = priceTableWithOverrides([{ id: 'openai/gpt-4o', inputPerMTok: 2, span: { start: 0, end: 1 } }]);
      assert.deepEqual(problems, []);
      const m = t.lookup('gpt-4o')!;
      assert.equal(m.inputPerMTok, 2); // overridden
      assert.equal(m.outputPerMTok, 10); // kept from the bundled row
      assert.equal(m.cachedInputPerMTok, 1.25);
      assert.match(m.source, /^promptmeter\.yaml/);
      assert.equal(t.lookup('azure/gpt-4o-2024-08-06')?.inputPerMTok, 2);
      assert.equal(t.all().filter((r) => r.id === 'gpt-4o').length, 1);
      assert.equal(t.lookup('gpt-4o-mini')?.inputPerMTok, 0.15);
      // the shared default table is untouched
      assert.equal(defaultPriceTable().lookup('gpt-4o')?.inputPerMTok, 2.5);
    });
    it('add a new model with its prices and provider defaults', () => {
      const t = defaultPriceTable([{ id: 'Acme-Large', provider: 'anthropic', aliases: ['acme/large'], inputPerMTok: 1, outputPerMTok: 3 }]);
      const m = t.lookup('acme/large')!;
      assert.equal(m.id, 'acme-large');
      assert.equal(m.tokenizer, 'claude');
      assert.equal(m.status, 'active');
      assert.equal(defaultPriceTable().lookup('acme-large'), null);
    });
    it('leave out and report a bad entry, keeping the rest', () => {
      const { table: t, problems } = priceTableWithOverrides([
        { id: 'acme-small', inputPerMTok: 0.1, outputPerMTok: 0.2 },
        { id: 'acme-free' }, // new, without prices: never priced at $0
        { id: 'gpt-4o', outputPerMTok: -1 },
        { id: 'gpt-4.1', cachedInputPerMTok: 9 }, // a read dearer than input
      ]);
      assert.deepEqual(problems.map((p) => [p.index, p.id]), [[1, 'acme-free'], [2, 'gpt-4o'], [3, 'gpt-4.1']]);
      assert.equal(t.lookup('acme-small')?.outputPerMTok, 0.2);
      assert.equal(t.lookup('acme-free'), null);
      assert.equal(t.lookup('gpt-4o')?.outputPerMTok, 10);
    });
    it('let a PriceTable built from full rows put overrides first', () => {
      const bundled = defaultPriceTable().all();
      const t = new PriceTable(bundled, [row({ id: 'gpt-4o', inputPerMTok: 1, outputPerMTok: 4, family: 'gpt-4o' })]);
      assert.equal(t.lookup('gpt-4o')?.inputPerMTok, 1);
      assert.equal(t.all()[0]?.id, 'gpt-4o');
    });
  });

  describe('scripts/genPricing.mjs', function () {
    this.timeout(60_000);
    const run = (...args: string[]) => spawnSync(process.execPath, ['scripts/genPricing.mjs', ...args], { cwd: ROOT, encoding: 'utf8' });
    it('--check passes: the committed table is what the generator makes', () => {
      const r = run('--check');
      assert.equal(r.status, 0, r.stderr);
    });
    it('--check fails on a stale table', () => {
      const stale = join(mkdtempSync(join(tmpdir(), 'pm-pricing-')), 'table.json');
      const text = readFileSync(join(ROOT, 'src/core/pricing/table.generated.json'), 'utf8');
      writeFileSync(stale, text.replace('"inputPerMTok":2.5,', '"inputPerMTok":2.4,'));
      const r = run('--check', '--out', stale);
      assert.equal(r.status, 1);
      assert.match(r.stderr, /stale/);
    });
  });
});
