import { costOfCall, formatUsd, toDollars } from '../../core/estimate';
import type { CallCost } from '../../core/estimate';
import { defaultPriceTable } from '../../core/pricing';
import type { ModelPrice, PriceTable } from '../../core/pricing';
import { intFlag, parseArgs, stringFlag } from '../args';
import type { CliIO } from '../io';
import { UsageError } from '../io';

/**
 * `promptmeter price --model M --input N --output N [--cached-input N] [--cache-write N]
 * [--cache-ttl 5m|1h] [--batch] [--json]`: the list-price cost of one call. `--input` is the
 * whole input, of which `--cached-input` tokens are read from the cache and `--cache-write`
 * tokens written to it.
 */
export async function price(args: string[], io: CliIO): Promise<number> {
  const p = parseArgs(args, { values: ['model', 'input', 'output', 'cached-input', 'cache-write', 'cache-ttl'], booleans: ['batch', 'json'] });
  if (p.positionals.length > 0) throw new UsageError(`unexpected argument '${p.positionals[0]}'`);
  const modelId = stringFlag(p, 'model');
  if (!modelId) throw new UsageError('--model is required');
  const input = required(intFlag(p, 'input'), 'input');
  const output = required(intFlag(p, 'output'), 'output');
  const cachedInput = intFlag(p, 'cached-input') ?? 0;
  const cacheWrite = intFlag(p, 'cache-write') ?? 0;
  const ttl = stringFlag(p, 'cache-ttl') ?? '5m';
  if (ttl !== '5m' && ttl !== '1h') throw new UsageError(`--cache-ttl must be 5m or 1h, got ${ttl}`);
  if (cachedInput + cacheWrite > input) {
    throw new UsageError(`--cached-input (${cachedInput}) plus --cache-write (${cacheWrite}) exceed --input (${input}), which is the whole input`);
  }
  const batch = p.flags.has('batch');

  const table = defaultPriceTable();
  const model = resolve(table, modelId);
  const cost = costOfCall(model, { input, cachedInput, cacheWrite, cacheTtl: ttl, output, batch });
  const usage: Usage = { input, cachedInput, cacheWrite, cacheTtl: ttl, output };
  if (p.flags.has('json')) {
    io.stdout(`${JSON.stringify(toJson(model, cost, usage, batch, table.asOf), null, 2)}\n`);
  } else {
    io.stdout(renderPlain(model, cost, usage, batch));
  }
  return 0;
}

function required(v: number | undefined, name: string): number {
  if (v === undefined) throw new UsageError(`--${name} is required (a whole number of tokens)`);
  return v;
}

/** The priced row, or a usage error naming the nearest known ids: never a $0 price. */
export function resolve(table: PriceTable, modelId: string): ModelPrice {
  const model = table.lookup(modelId);
  if (model) return model;
  const near = table.nearest(modelId, 3).map((m) => m.id);
  throw new UsageError(`unknown model '${modelId}' is unpriced; nearest known: ${near.join(', ')}`);
}

interface Usage {
  input: number;
  cachedInput: number;
  cacheWrite: number;
  cacheTtl: '5m' | '1h';
  output: number;
}

function toJson(model: ModelPrice, cost: CallCost, usage: Usage, batch: boolean, asOf: string) {
  return {
    model: model.id,
    input: toDollars(cost.input),
    output: toDollars(cost.output),
    total: toDollars(cost.total),
    currency: 'USD',
    asOf,
    provider: model.provider,
    tokens: usage,
    batch: cost.batchApplied,
    batchRequested: batch,
    longContextTier: cost.tier ? cost.tier.aboveInputTokens : null,
    rates: cost.rates,
    priceAsOf: model.asOf,
    source: model.source,
  };
}

const n = (v: number): string => v.toLocaleString('en-US');

function renderPlain(model: ModelPrice, cost: CallCost, u: Usage, batch: boolean): string {
  const inputNotes = [
    u.cachedInput > 0 ? `${n(u.cachedInput)} read from cache` : '',
    u.cacheWrite > 0 ? `${n(u.cacheWrite)} written to cache (${u.cacheTtl})` : '',
  ].filter(Boolean);
  const rows: [string, string, string][] = [
    ['input', `${n(u.input)} tokens${inputNotes.length ? ` (${inputNotes.join(', ')})` : ''}`, formatUsd(cost.input, { digits: 4, trim: true })],
    ['output', `${n(u.output)} tokens`, formatUsd(cost.output, { digits: 4, trim: true })],
    ['total', '', formatUsd(cost.total, { digits: 4, trim: true })],
  ];
  const w = Math.max(...rows.map((r) => r[1].length));
  const lines = rows.map(([a, b, c]) => `  ${a.padEnd(7)}${b.padEnd(w + 2)}${c}`);
  const notes = [
    cost.tier ? `long-context rates (input above ${n(cost.tier.aboveInputTokens)} tokens) apply to the whole request` : '',
    batch ? (cost.batchApplied ? `batch API: ${Math.round(model.batchDiscount! * 100)}% off` : 'no batch discount is known for this model') : '',
    model.status !== 'active' ? `status: ${lifecycle(model)}${model.successor ? `, successor ${model.successor}` : ''}` : '',
  ].filter(Boolean);
  return `${model.id} (${model.provider}) · list prices as of ${model.asOf}\n${lines.join('\n')}\n${notes.map((x) => `  ${x}\n`).join('')}`;
}

function lifecycle(m: ModelPrice): string {
  if (!m.retiredOn) return m.status;
  return m.status === 'retired' ? `retired on ${m.retiredOn}` : `${m.status}, retires on ${m.retiredOn}`;
}
