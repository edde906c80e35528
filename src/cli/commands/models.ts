import { defaultPriceTable } from '../../core/pricing';
import type { ModelPrice } from '../../core/pricing';
import { bundledPricing } from '../../core/pricing';
import { parseArgs, stringFlag } from '../args';
import type { CliIO } from '../io';
import { UsageError } from '../io';

/**
 * `promptmeter models [--provider P] [--json]`: every priced model with its prices (USD per
 * million tokens), limits, status, source and as-of date.
 */
export async function models(args: string[], io: CliIO): Promise<number> {
  const p = parseArgs(args, { values: ['provider'], booleans: ['json'] });
  if (p.positionals.length > 0) throw new UsageError(`unexpected argument '${p.positionals[0]}'`);
  const provider = stringFlag(p, 'provider')?.toLowerCase();
  const table = defaultPriceTable();
  const rows = table.all().filter((m) => !provider || m.provider === provider);
  if (provider && rows.length === 0) {
    const known = [...new Set(table.all().map((m) => m.provider))].join(', ');
    throw new UsageError(`no models for provider '${provider}'; known providers: ${known}`);
  }
  const meta = bundledPricing();
  if (p.flags.has('json')) {
    io.stdout(`${JSON.stringify({ asOf: table.asOf, currency: 'USD', unit: 'USD per 1M tokens', sources: meta.sources, models: rows }, null, 2)}\n`);
  } else {
    io.stdout(renderTable(rows, table.asOf, meta.sources));
  }
  return 0;
}

const usd = (v: number | null): string => (v === null ? '—' : `$${v}`);
const tokens = (v: number | null): string => (v === null ? '—' : v.toLocaleString('en-US'));
const shortSource = (s: string): string => (s.startsWith('@pydantic/genai-prices') ? 'genai-prices' : s.split(/[ (]/)[0]!);

const COLUMNS: [string, (m: ModelPrice) => string, 'left' | 'right'][] = [
  ['model', (m) => m.id, 'left'],
  ['provider', (m) => m.provider, 'left'],
  ['input', (m) => usd(m.inputPerMTok), 'right'],
  ['output', (m) => usd(m.outputPerMTok), 'right'],
  ['cached', (m) => usd(m.cachedInputPerMTok), 'right'],
  ['write 5m', (m) => usd(m.cacheWrite5mPerMTok), 'right'],
  ['write 1h', (m) => usd(m.cacheWrite1hPerMTok), 'right'],
  ['batch', (m) => (m.batchDiscount === null ? '—' : `-${Math.round(m.batchDiscount * 100)}%`), 'right'],
  ['long ctx', (m) => (m.longContextTiers.length ? `>${tokens(m.longContextTiers[0]!.aboveInputTokens)}` : '—'), 'right'],
  ['context', (m) => tokens(m.contextWindow), 'right'],
  ['max out', (m) => tokens(m.maxOutputTokens), 'right'],
  ['status', (m) => (m.retiredOn ? `${m.status} ${m.retiredOn}` : m.status), 'left'],
  ['source', (m) => shortSource(m.source), 'left'],
  ['as of', (m) => m.asOf, 'left'],
];

function renderTable(rows: readonly ModelPrice[], asOf: string, sources: readonly string[]): string {
  const cells = rows.map((m) => COLUMNS.map(([, get]) => get(m)));
  const widths = COLUMNS.map(([title], i) => Math.max(title.length, ...cells.map((c) => c[i]!.length)));
  const line = (vals: string[]) =>
    vals.map((v, i) => (COLUMNS[i]![2] === 'right' ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join('  ').trimEnd();
  return [
    `${rows.length} priced models · USD per 1M tokens · table as of ${asOf}`,
    '',
    line(COLUMNS.map(([t]) => t)),
    ...cells.map(line),
    '',
    'sources:',
    ...sources.map((s) => `  ${s}`),
    '',
  ].join('\n');
}
