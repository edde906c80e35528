/**
 * Model ids as written in code carry gateway prefixes (`openai/`, `bedrock/`, `vertex_ai/`),
 * cloud region prefixes (`us.`, `eu.`), Bedrock vendor and version marks
 * (`anthropic.claude-…-v1:0`), Vertex `@date` suffixes and dated snapshots (`-20250929`,
 * `-2024-08-06`). Lookups peel these off in stages, so an exact id (a dated snapshot with its own
 * price, say) always wins over a looser reading of it.
 */

/** Gateway and SDK prefixes written before a model id (`openai/gpt-4o`, `models/gemini-2.5-pro`). */
const GATEWAY_PREFIX =
  /^(?:openai|azure|azure_ai|bedrock|bedrock_converse|converse|invoke|vertex_ai|vertex_ai_beta|vertexai|anthropic|gemini|google|models|publishers|xai|mistral|deepseek|meta)\//;
/** An AWS region path segment after `bedrock/` (`bedrock/us-east-1/…`). */
const AWS_REGION_SEGMENT = /^[a-z]{2}(?:-gov)?-[a-z]+-\d\//;
/** Bedrock cross-region inference profiles (`us.anthropic.…`, `global.anthropic.…`). */
const REGION_PREFIX = /^(?:us|eu|apac|global|jp|au|ca|us-gov)\./;
/** Bedrock vendor namespace (`anthropic.claude-…`, `meta.llama3-…`). */
const VENDOR_PREFIX = /^(?:anthropic|meta|mistral|amazon|deepseek|openai|xai)\./;
/** Bedrock model version (`-v1:0`, `-v2:0`; a bare `-v1` only after a vendor prefix, since `deepseek-v3` is a name). */
const BEDROCK_VERSION = /-v\d+:\d+$/;
const BEDROCK_BARE_VERSION = /-v\d+$/;
/** Vertex AI version suffix (`@20250929`, `@default`, `@001`). */
const VERTEX_VERSION = /@[a-z0-9._-]+$/;
/** Dated snapshot (`-20250929`, `-2024-08-06`). Four-digit suffixes (`-0613`, `-2512`) are ids of their own. */
const DATE_SUFFIX = /-(?:\d{4}-\d{2}-\d{2}|20\d{6})$/;
const LATEST_SUFFIX = /-latest$/;

function stripRepeatedly(id: string, patterns: readonly RegExp[]): string {
  let prev: string;
  let cur = id;
  do {
    prev = cur;
    for (const p of patterns) cur = cur.replace(p, '');
  } while (cur !== prev && cur.length > 0);
  return cur.length > 0 ? cur : id;
}

/** Lower-cases and trims: the exact form. */
export function exactForm(raw: string): string {
  return raw.trim().toLowerCase();
}

/** Drops gateway, region, vendor and platform-version marks, keeping any date in the id. */
export function platformForm(raw: string): string {
  const exact = exactForm(raw);
  const gateway = stripRepeatedly(exact, [GATEWAY_PREFIX, AWS_REGION_SEGMENT, REGION_PREFIX]);
  const bare = gateway.replace(VENDOR_PREFIX, '');
  const versions = bare !== gateway ? [VERTEX_VERSION, BEDROCK_VERSION, BEDROCK_BARE_VERSION] : [VERTEX_VERSION, BEDROCK_VERSION];
  return stripRepeatedly(bare || gateway, versions);
}

/**
 * The loosest reading of a model id: platform marks, dated snapshot suffixes and `-latest`
 * removed (`bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0` → `claude-sonnet-4-5`).
 */
export function normalizeModelId(raw: string): string {
  return stripRepeatedly(platformForm(raw), [DATE_SUFFIX, LATEST_SUFFIX]);
}

/**
 * Bedrock geographic cross-region inference profiles (`us.`, `eu.`, `jp.`, …) that AWS may price
 * above the global profile (`global.`, or no prefix): LiteLLM lists recent Claude models at 1.1×
 * there (data/pricing/caching-and-caps.md, "Platform notes").
 */
const GEO_REGION_PREFIX = /^(us-gov|us|eu|apac|jp|au|ca)\./;

/** The geographic Bedrock region an id is written for (`us` for `bedrock/us.anthropic.…`), or null. */
export function bedrockRegion(raw: string): string | null {
  const m = GEO_REGION_PREFIX.exec(stripRepeatedly(exactForm(raw), [GATEWAY_PREFIX, AWS_REGION_SEGMENT]));
  return m ? m[1]! : null;
}

/**
 * The keys a table row is found under for one of its names, strictest first. A regional name
 * (`us.anthropic.…`) keeps its region in every key, so a regional price never answers for the
 * global id and the global price answers for a region only when no regional row exists.
 */
export function keyForms(name: string): string[] {
  const region = bedrockRegion(name);
  const forms = region
    ? [exactForm(name), `${region}.${platformForm(name)}`, `${region}.${normalizeModelId(name)}`]
    : [exactForm(name), platformForm(name), normalizeModelId(name)];
  return forms.filter((f, i) => f.length > 0 && forms.indexOf(f) === i);
}

/** The forms a lookup tries, strictest first, without repeats. */
export function lookupForms(raw: string): string[] {
  const region = bedrockRegion(raw);
  const forms = region
    ? // The exact regional snapshot, then the global snapshot (a dated id with its own price), then
      // the regional model, then the global one.
      [exactForm(raw), `${region}.${platformForm(raw)}`, platformForm(raw), `${region}.${normalizeModelId(raw)}`, normalizeModelId(raw)]
    : [exactForm(raw), platformForm(raw), normalizeModelId(raw)];
  return forms.filter((f, i) => f.length > 0 && forms.indexOf(f) === i);
}
