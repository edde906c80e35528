#!/usr/bin/env node
// Builds src/core/pricing/table.generated.json from the vendored snapshot in data/pricing/:
// the curated models.yaml rows (authoritative, newer) plus LiteLLM chat models of the main
// providers that models.yaml has no row for. The same zod schema core loads with validates the
// output, so a bad input fails here rather than in a user's editor.
//
//   node scripts/genPricing.mjs           write the table
//   node scripts/genPricing.mjs --check   exit 1 when the committed table is stale
//   --out FILE                            another file than the committed table (tests)
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';

const DATA = 'data/pricing';
const OUT = 'src/core/pricing/table.generated.json';

/** Loads the TypeScript schema and id normaliser through esbuild, so the script and core share them. */
async function loadCore() {
  const result = await esbuild.build({
    stdin: {
      contents: "export * from './src/core/pricing/schema'; export * from './src/core/pricing/normalize';",
      resolveDir: process.cwd(),
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].text;
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

// ---------------------------------------------------------------------------------------------
// Small helpers

/** USD per token (LiteLLM) or per MTok (models.yaml) → USD per MTok with at most 6 decimals. */
const round6 = (n) => Math.round(n * 1e6) / 1e6;
const perMTokFromPerToken = (x) => (typeof x === 'number' ? round6(x * 1e6) : null);
const num = (x) => (typeof x === 'number' && Number.isFinite(x) ? x : null);
const posInt = (x) => (typeof x === 'number' && Number.isInteger(x) && x > 0 ? x : null);

/** Strips the notes some models.yaml aliases carry (`grok-4-1-fast-non-reasoning (same price)`). */
function cleanAlias(a) {
  const head = String(a).trim().split(/\s+/)[0].toLowerCase();
  return /^[a-z0-9][a-z0-9._:@/-]*$/.test(head) ? head : null;
}

function uniq(list) {
  return [...new Set(list.filter(Boolean))];
}

/** `2026-10/11` (a price seen across two page versions) → the later month. */
function cleanAsOf(s) {
  const str = String(s);
  const span = str.match(/^(\d{4})-(\d{2})\/(\d{2})$/);
  return span ? `${span[1]}-${span[3]}` : str;
}

function statusFromText(text) {
  const t = String(text).toLowerCase();
  if (t.includes('retired')) return 'retired';
  if (t.includes('deprecated')) return 'deprecated';
  if (t.includes('legacy')) return 'legacy';
  if (t.includes('preview')) return 'preview';
  return 'active';
}

/** A model past its shutdown date on the snapshot day is retired, whatever a source still says. */
function settleStatus(status, retiredOn, snapshotAsOf) {
  return retiredOn && retiredOn <= snapshotAsOf ? 'retired' : retiredOn && status === 'active' ? 'deprecated' : status;
}

/** Product line for "cheaper models of the same family": generation, not tier. */
function familyOf(provider, id) {
  const name = id.split('/').pop();
  let m;
  if (/^(gpt-4o|chatgpt-4o)/.test(name)) return 'gpt-4o';
  if (/^gpt-4\.1/.test(name)) return 'gpt-4.1';
  if ((m = name.match(/^gpt-(\d+)/))) return `gpt-${m[1]}`;
  if (/^o\d/.test(name)) return 'o-series';
  if ((m = name.match(/^claude-(?:(?:opus|sonnet|haiku|fable|mythos)-)?(\d+)/))) return `claude-${m[1]}`;
  if ((m = name.match(/^gemini-(\d+)/))) return `gemini-${m[1]}`;
  if ((m = name.match(/^grok-(\d+)/))) return `grok-${m[1]}`;
  if ((m = name.match(/llama-?v?(\d)/))) return `llama-${m[1]}`;
  return provider;
}

function tokenizerOf(provider, id) {
  const name = id.split('/').pop();
  if (provider === 'openai') return /^(gpt-4(?!o|\.1|\.5)|gpt-3)/.test(name) ? 'cl100k_base' : 'o200k_base';
  if (provider === 'anthropic') return 'claude';
  if (provider === 'google') return 'gemini';
  if (provider === 'xai') return 'grok';
  if (provider === 'meta') return /llama-?v?4/.test(name) ? 'llama4' : /llama-?v?2/.test(name) ? 'llama2' : 'llama3';
  return provider;
}

/** Provider minimums where the source row has none (caching-and-caps.md §2, §3). */
function defaultMinCacheable(provider, id) {
  if (provider === 'openai') return 1024;
  if (provider === 'google') return /pro/.test(id) ? 4096 : 1024;
  return null;
}

/**
 * Tier rates the sources leave out are derived from the base ratio to input (e.g. Anthropic's
 * 1h write = 2× input, so 2× the tier's input), which is how every tier that lists them is built.
 */
function deriveTierRate(given, baseRate, baseInput, tierInput) {
  if (typeof given === 'number') return given;
  if (baseRate === null || baseInput === 0) return null;
  return round6((baseRate * tierInput) / baseInput);
}

function completeTier(base, t) {
  return {
    aboveInputTokens: t.aboveInputTokens,
    inputPerMTok: t.inputPerMTok,
    outputPerMTok: t.outputPerMTok,
    cachedInputPerMTok: deriveTierRate(t.cachedInputPerMTok, base.cachedInputPerMTok, base.inputPerMTok, t.inputPerMTok),
    cacheWrite5mPerMTok: deriveTierRate(t.cacheWrite5mPerMTok, base.cacheWrite5mPerMTok, base.inputPerMTok, t.inputPerMTok),
    cacheWrite1hPerMTok: deriveTierRate(t.cacheWrite1hPerMTok, base.cacheWrite1hPerMTok, base.inputPerMTok, t.inputPerMTok),
  };
}

/** Field order of every row, so the JSON diffs line by line. */
function orderRow(r) {
  return {
    id: r.id,
    provider: r.provider,
    aliases: r.aliases,
    inputPerMTok: r.inputPerMTok,
    outputPerMTok: r.outputPerMTok,
    cachedInputPerMTok: r.cachedInputPerMTok,
    cacheWrite5mPerMTok: r.cacheWrite5mPerMTok,
    cacheWrite1hPerMTok: r.cacheWrite1hPerMTok,
    batchDiscount: r.batchDiscount,
    longContextTiers: r.longContextTiers.map((t) => completeTier(r, t)),
    contextWindow: r.contextWindow,
    maxInputTokens: r.maxInputTokens,
    maxOutputTokens: r.maxOutputTokens,
    minCacheableTokens: r.minCacheableTokens,
    tokenizer: r.tokenizer,
    status: r.status,
    retiredOn: r.retiredOn,
    successor: r.successor,
    family: r.family,
    source: r.source,
    asOf: r.asOf,
  };
}

// ---------------------------------------------------------------------------------------------
// models.yaml

const SOURCE_LABELS = [
  [/^LiteLLM/, 'LiteLLM model_prices_and_context_window.json 2026-07-24 (via models.yaml)'],
  [/^@pydantic\/genai-prices 0\.1\.8/, '@pydantic/genai-prices 0.1.8 (via models.yaml)'],
  [/^platform\.claude\.com/, 'Anthropic pricing page ~Sep–Oct 2026 (via models.yaml)'],
  [/^api-docs\.deepseek\.com/, 'DeepSeek pricing page ~Oct 2026, peak rates (via models.yaml)'],
];

function sourceLabel(text) {
  const hit = SOURCE_LABELS.find(([re]) => re.test(String(text)));
  return hit ? hit[1] : `models.yaml: ${text}`;
}

function yamlCacheWrites(cw) {
  if (cw && typeof cw === 'object') return [num(cw.ttl_5m), num(cw.ttl_1h)];
  // A scalar is a single write price whatever the TTL (OpenAI GPT-5.6+). Zero means "no separate
  // write charge" (DeepSeek): written tokens are billed as ordinary input, so no write rate.
  const n = num(cw);
  return n ? [n, n] : [null, null];
}

function yamlTiers(tiers) {
  return (tiers ?? []).map((t) => ({
    aboveInputTokens: t.above_input_tokens,
    inputPerMTok: t.input_per_mtok,
    outputPerMTok: t.output_per_mtok,
    cachedInputPerMTok: num(t.cached_input_per_mtok),
    cacheWrite5mPerMTok: num(t.cache_write_5m_per_mtok),
    cacheWrite1hPerMTok: num(t.cache_write_1h_per_mtok),
  }));
}

function fromYaml(core, m, litellm, snapshotAsOf) {
  const provider = String(m.provider).split(/\s/)[0].toLowerCase();
  if (Array.isArray(m.hosts)) return hostRows(m, provider, snapshotAsOf);
  const [cw5m, cw1h] = yamlCacheWrites(m.cache_write_per_mtok);
  // Snapshots priced differently from the row (gpt-4o-2024-05-13) keep their own row, on every platform.
  const ownPrice = new Set((m.dated_ids_with_different_prices ?? []).map(cleanAlias));
  const aliases = uniq([...(m.aliases ?? []), ...(m.platform_ids ?? [])].map(cleanAlias)).filter(
    (a) => a !== m.id && !ownPrice.has(core.platformForm(a)),
  );
  const ll = [m.id, ...aliases].map((k) => litellm[k]).find((v) => v && typeof v === 'object');
  const retiredOn = m.litellm_deprecation_date ?? ll?.deprecation_date ?? null;
  return [
    {
      id: m.id,
      provider,
      aliases,
      inputPerMTok: m.input_per_mtok,
      outputPerMTok: m.output_per_mtok,
      cachedInputPerMTok: num(m.cached_input_per_mtok),
      cacheWrite5mPerMTok: cw5m,
      cacheWrite1hPerMTok: cw1h,
      batchDiscount: num(m.batch?.discount),
      longContextTiers: yamlTiers(m.long_context_tiers),
      contextWindow: posInt(m.context_window),
      maxInputTokens: posInt(m.max_input_tokens),
      maxOutputTokens: posInt(m.max_output_tokens),
      minCacheableTokens: posInt(m.min_cacheable_tokens) ?? posInt(ll?.prompt_cache_min_tokens) ?? defaultMinCacheable(provider, m.id),
      tokenizer: m.tokenizer,
      status: settleStatus(statusFromText(m.status), retiredOn, snapshotAsOf),
      retiredOn,
      successor: null,
      family: familyOf(provider, m.id),
      source: sourceLabel(m.source?.prices),
      asOf: cleanAsOf(m.as_of),
      curated: true,
    },
  ];
}

/**
 * Open-weight models are priced per host. The bare id takes the Bedrock price (the one host in
 * this table's scope, with its `meta.…-v1:0` id as alias); every other host is a row under the
 * id LiteLLM and code use for it (`groq/llama-3.3-70b-versatile`).
 */
function hostRows(m, provider, snapshotAsOf) {
  return m.hosts.map((h) => {
    const bedrock = h.host === 'bedrock';
    return {
      id: bedrock ? m.id : h.id.toLowerCase(),
      provider,
      aliases: bedrock ? [h.id.toLowerCase()] : [],
      inputPerMTok: h.input_per_mtok,
      outputPerMTok: h.output_per_mtok,
      cachedInputPerMTok: null,
      cacheWrite5mPerMTok: null,
      cacheWrite1hPerMTok: null,
      batchDiscount: null,
      longContextTiers: [],
      contextWindow: posInt(h.max_input_tokens),
      maxInputTokens: posInt(h.max_input_tokens),
      maxOutputTokens: posInt(h.max_output_tokens),
      minCacheableTokens: null,
      tokenizer: m.tokenizer,
      status: settleStatus(statusFromText(m.status), null, snapshotAsOf),
      retiredOn: null,
      successor: null,
      family: familyOf(provider, m.id),
      source: `LiteLLM model_prices_and_context_window.json 2026-07-24, host ${h.host} (via models.yaml)`,
      asOf: cleanAsOf(m.as_of),
      curated: true,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// LiteLLM

/** LiteLLM providers in scope, in priority order (the first to claim an id keeps it). */
const LITELLM_PROVIDERS = {
  openai: 'openai',
  anthropic: 'anthropic',
  gemini: 'google',
  'vertex_ai-language-models': 'google',
  xai: 'xai',
  mistral: 'mistral',
  deepseek: 'deepseek',
  bedrock: null, // provider read from the id: anthropic.* or meta.*
  bedrock_converse: null,
};

/** Not text chat, fine-tunes, or per-region/commitment Bedrock price points. */
const EXCLUDE =
  /(^ft:|audio|search|realtime|tts|live|robotics|computer-use|lyria|gemma|learnlm|medlm|container|customtools|multi-agent|omni|image|embedding|instant|claude-v\d|llama2)/;
const BEDROCK_ID = /^(?:(?:us|eu|apac|global|jp|au|us-gov)\.)?(anthropic|meta)\.[^/]+$/;

const LONG_CONTEXT_SUFFIXES = ['128k', '200k', '256k', '272k', '512k'];

function litellmTiers(v) {
  return LONG_CONTEXT_SUFFIXES.filter((s) => typeof v[`input_cost_per_token_above_${s}_tokens`] === 'number').map((s) => ({
    aboveInputTokens: Number(s.slice(0, -1)) * 1000,
    inputPerMTok: perMTokFromPerToken(v[`input_cost_per_token_above_${s}_tokens`]),
    outputPerMTok: perMTokFromPerToken(v[`output_cost_per_token_above_${s}_tokens`] ?? v.output_cost_per_token),
    cachedInputPerMTok: perMTokFromPerToken(v[`cache_read_input_token_cost_above_${s}_tokens`]),
    cacheWrite5mPerMTok: perMTokFromPerToken(v[`cache_creation_input_token_cost_above_${s}_tokens`]),
    cacheWrite1hPerMTok: perMTokFromPerToken(v[`cache_creation_input_token_cost_above_1hr_above_${s}_tokens`]),
  }));
}

function fromLitellm(key, v, provider, id, batchPolicies, snapshotAsOf, litellmAsOf, platform) {
  const input = perMTokFromPerToken(v.input_cost_per_token);
  const output = perMTokFromPerToken(v.output_cost_per_token);
  // Zero list prices are placeholders for free previews, and a zero must never pass for a price.
  if (input === null || output === null || (input === 0 && output === 0)) return null;
  const cw5m = perMTokFromPerToken(v.cache_creation_input_token_cost) || null;
  // Anthropic bills every 1-hour write at 2x input (caching-and-caps.md §1); elsewhere one write price.
  const cw1h = perMTokFromPerToken(v.cache_creation_input_token_cost_above_1hr) || (provider === 'anthropic' && cw5m ? round6(2 * input) : cw5m);
  const batches = perMTokFromPerToken(v.input_cost_per_token_batches);
  const batchDiscount =
    batches !== null && input > 0 ? Math.round((1 - batches / input) * 1e4) / 1e4 : (batchPolicies[provider]?.discount ?? null);
  const retiredOn = v.deprecation_date ?? null;
  const status = settleStatus(/preview|beta|exp/.test(id) ? 'preview' : 'active', retiredOn, snapshotAsOf);
  return {
    id,
    provider,
    aliases: uniq([key.toLowerCase()]).filter((a) => a !== id),
    inputPerMTok: input,
    outputPerMTok: output,
    cachedInputPerMTok: perMTokFromPerToken(v.cache_read_input_token_cost ?? v.input_cost_per_token_cache_hit),
    cacheWrite5mPerMTok: cw5m,
    cacheWrite1hPerMTok: cw1h,
    batchDiscount: batchDiscount && batchDiscount > 0 && batchDiscount < 1 ? batchDiscount : null,
    longContextTiers: litellmTiers(v),
    contextWindow: posInt(v.max_input_tokens),
    maxInputTokens: posInt(v.max_input_tokens),
    maxOutputTokens: posInt(v.max_output_tokens) ?? posInt(v.max_tokens),
    minCacheableTokens: posInt(v.prompt_cache_min_tokens) ?? defaultMinCacheable(provider, id),
    tokenizer: tokenizerOf(provider, id),
    status,
    retiredOn,
    successor: null,
    family: familyOf(provider, id),
    source: `LiteLLM model_prices_and_context_window.json ${litellmAsOf}${platform ? ` (${platform})` : ''}`,
    asOf: litellmAsOf,
    curated: false,
  };
}

// ---------------------------------------------------------------------------------------------
// Assembly

/** The id→row keys a lookup would match exactly or after dropping platform marks. */
class Claims {
  constructor(core) {
    this.core = core;
    this.strict = new Map();
    this.loose = new Map();
  }
  add(row) {
    for (const name of [row.id, ...row.aliases]) {
      for (const k of [this.core.exactForm(name), this.core.platformForm(name)]) if (!this.strict.has(k)) this.strict.set(k, row);
      const loose = this.core.normalizeModelId(name);
      if (!this.loose.has(loose)) this.loose.set(loose, row);
    }
  }
  strictHit(key) {
    return this.strict.get(this.core.exactForm(key)) ?? this.strict.get(this.core.platformForm(key)) ?? null;
  }
  looseHit(key) {
    return this.loose.get(this.core.normalizeModelId(key)) ?? null;
  }
}

const samePrice = (a, b) => a.inputPerMTok === b.inputPerMTok && a.outputPerMTok === b.outputPerMTok;

function addAlias(row, key) {
  const k = key.toLowerCase();
  if (k !== row.id && !row.aliases.includes(k)) row.aliases.push(k);
}

/**
 * A Bedrock geographic profile (`us.anthropic.…`, `eu.…`). LiteLLM prices recent Claude models
 * there at a premium over the global id (1.1×; 1.2× for us-gov): such an id gets a row of its
 * own with LiteLLM's regional prices and the global row's other facts, and stops being an alias
 * of the global row. An entry priced like the global row stays an alias. An entry priced below
 * it, or marked up unevenly, is not believed (eu.anthropic.claude-3-5-haiku at $0.25 against
 * $0.80 everywhere else): the global price answers for it, as before.
 */
function regional(core, key, v, provider, claims, rows, batchPolicies, snapshot) {
  const base = claims.strict.get(core.platformForm(key)) ?? claims.looseHit(key);
  if (!base) return;
  const id = key.toLowerCase().replace(/^bedrock(?:_converse)?\//, '');
  const row = fromLitellm(key, v, provider, id, batchPolicies, snapshot.asOf, snapshot.litellmAsOf, 'Bedrock regional profile');
  if (!row) return;
  const inRatio = row.inputPerMTok / base.inputPerMTok;
  const outRatio = row.outputPerMTok / base.outputPerMTok;
  if (samePrice(base, row) || !(inRatio > 1) || Math.abs(inRatio - outRatio) > 1e-6) {
    if (!core.platformForm(key).startsWith(key.toLowerCase())) addAlias(base, key);
    return;
  }
  if (rows.some((r) => r.id === id)) return;
  base.aliases = base.aliases.filter((a) => a !== id && a !== key.toLowerCase());
  Object.assign(row, {
    aliases: row.aliases.filter((a) => a !== id),
    family: base.family,
    status: base.status,
    retiredOn: base.retiredOn,
    batchDiscount: row.batchDiscount ?? base.batchDiscount,
    minCacheableTokens: base.minCacheableTokens ?? row.minCacheableTokens,
    tokenizer: base.tokenizer,
  });
  rows.push(row);
}

/** The replacement a retired or legacy model points to. Empty: derived from the curated rows. */
const SUCCESSOR_OVERRIDES = { 'deepseek-chat': 'deepseek-flash' };

/** A model's line without version numbers and dates: claude-3-7-sonnet-20250219 → claude-sonnet. */
const lineOf = (id) =>
  id
    .split('/')
    .pop()
    .replace(/\d+(?:[.-]\d+)*/g, '')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * Successor of a superseded model: the newest active curated row of the same provider and line
 * (models.yaml lists newest first), e.g. claude-sonnet-4-5 → claude-sonnet-5-5.
 */
function assignSuccessors(rows) {
  const curatedActive = rows.filter((r) => r.curated && r.status === 'active');
  for (const r of rows) {
    if (r.status === 'active' || r.status === 'preview') continue;
    const override = SUCCESSOR_OVERRIDES[r.id];
    const next = override ?? curatedActive.find((c) => c.provider === r.provider && lineOf(c.id) === lineOf(r.id) && c.id !== r.id)?.id;
    r.successor = next ?? null;
  }
}

async function generate() {
  const core = await loadCore();
  const snapshot = JSON.parse(readFileSync(`${DATA}/snapshot.json`, 'utf8'));
  const yamlText = readFileSync(`${DATA}/models.yaml`, 'utf8');
  const litellmText = readFileSync(`${DATA}/litellm_model_prices.json`, 'utf8');
  const sha = createHash('sha256').update(litellmText).digest('hex');
  if (sha !== snapshot.litellmSha256) throw new Error(`litellm_model_prices.json sha256 ${sha} does not match snapshot.json`);
  const curated = parseYaml(yamlText);
  const litellm = JSON.parse(litellmText);

  const rows = [];
  const claims = new Claims(core);
  const push = (row) => {
    rows.push(row);
    claims.add(row);
  };
  for (const m of curated.models) fromYaml(core, m, litellm, snapshot.asOf).forEach(push);

  for (const [llProvider, mapped] of Object.entries(LITELLM_PROVIDERS)) {
    for (const [key, v] of Object.entries(litellm)) {
      if (!v || typeof v !== 'object' || v.litellm_provider !== llProvider || v.mode !== 'chat') continue;
      if (EXCLUDE.test(key)) continue;
      let provider = mapped;
      let platform = null;
      if (mapped === null) {
        const bm = key.match(BEDROCK_ID);
        if (!bm) continue;
        provider = bm[1];
        platform = 'Bedrock';
      }
      if (platform && provider === 'anthropic' && core.bedrockRegion(key)) {
        regional(core, key, v, provider, claims, rows, curated.batch_policies ?? {}, snapshot);
        continue;
      }
      const strict = claims.strictHit(key);
      if (strict) {
        // Only platform spellings add information as aliases; a plain duplicate adds nothing.
        if (core.platformForm(key) !== key.toLowerCase()) addAlias(strict, key);
        continue;
      }
      const row = fromLitellm(key, v, provider, core.platformForm(key), curated.batch_policies ?? {}, snapshot.asOf, snapshot.litellmAsOf, platform);
      if (!row) continue;
      const loose = claims.looseHit(key);
      if (loose && samePrice(loose, row)) {
        addAlias(loose, key);
        claims.add(loose);
        continue;
      }
      push(row);
    }
  }

  assignSuccessors(rows);
  for (const r of rows) r.aliases = uniq(r.aliases).filter((a) => a !== r.id).sort();
  const table = {
    schemaVersion: 1,
    asOf: snapshot.asOf,
    sources: [
      `data/pricing/models.yaml (${curated.generated})`,
      `data/pricing/litellm_model_prices.json (LiteLLM upstream main ${snapshot.litellmAsOf}, sha256 ${sha.slice(0, 12)}…)`,
    ],
    rows: rows.map(orderRow),
  };
  const parsed = core.priceTableFileSchema.safeParse(table);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 10).map((i) => {
      const row = i.path[0] === 'rows' ? table.rows[i.path[1]]?.id : '';
      return `  ${row} ${i.path.join('.')}: ${i.message}`;
    });
    throw new Error(`generated price table is invalid:\n${issues.join('\n')}`);
  }
  return serialise(table);
}

/** One row a line: readable diffs when a price changes, and a compact bundle. */
function serialise(t) {
  const head = JSON.stringify({ schemaVersion: t.schemaVersion, asOf: t.asOf, sources: t.sources }).slice(0, -1);
  return `${head},"rows":[\n${t.rows.map((r) => JSON.stringify(r)).join(',\n')}\n]}\n`;
}

const outFlag = process.argv.indexOf('--out');
const out = outFlag > 0 ? process.argv[outFlag + 1] : OUT;
const text = await generate();
if (process.argv.includes('--check')) {
  const current = existsSync(out) ? readFileSync(out, 'utf8') : '';
  if (current !== text) {
    console.error(`${out} is stale: run \`node scripts/genPricing.mjs\` and commit the result.`);
    process.exit(1);
  }
  console.log(`${out} is up to date.`);
} else {
  writeFileSync(out, text);
  const n = (text.match(/\n\{"id"/g) ?? []).length;
  console.log(`wrote ${out} (${n} models)`);
}
