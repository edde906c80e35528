import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Tokenizers, type Tokenizer, profileFor } from '../../core/tokens';
import { parseArgs, stringFlag } from '../args';
import type { CliIO } from '../io';
import { UsageError } from '../io';
import { nodeRankLoader } from '../ranks';

/**
 * `promptmeter tokens FILE|- --model M [--json]`: the token count of a file (or stdin) for a
 * model. JSON: `{ model, encoding, exact, tokens }`, plus `approximation` (profile, factor,
 * basis) when the count is a labelled approximation.
 */
export async function tokens(args: string[], io: CliIO): Promise<number> {
  const p = parseArgs(args, { values: ['model'], booleans: ['json'] });
  const model = stringFlag(p, 'model');
  if (!model) throw new UsageError('--model is required (e.g. --model gpt-4o)');
  if (p.positionals.length !== 1) throw new UsageError('expected exactly one FILE, or - for standard input');
  const text = await readInput(p.positionals[0]!, io);

  const family = profileFor(model).id === 'unknown' ? await priceTableFamily(model) : undefined;
  const tokenizers = new Tokenizers(nodeRankLoader());
  await tokenizers.ensure(tokenizers.encodingFor(model, family));
  const tokenizer = tokenizers.forModel(model, family);
  const count = tokenizer.count(text);

  if (p.flags.has('json')) {
    io.stdout(`${JSON.stringify(toJson(model, tokenizer, count, tokenizers, family), null, 2)}\n`);
  } else {
    io.stdout(`${renderPlain(model, tokenizer, count, tokenizers, family)}\n`);
  }
  return 0;
}

async function readInput(arg: string, io: CliIO): Promise<string> {
  if (arg === '-') return io.readStdin();
  try {
    return await readFile(resolve(io.cwd, arg), 'utf8');
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e));
    throw new UsageError(`cannot read ${arg}: ${reason}`);
  }
}

/** The price table's tokenizer family, for ids only the table knows (aliases, custom names). */
async function priceTableFamily(model: string): Promise<string | undefined> {
  try {
    const { defaultPriceTable } = await import('../../core/pricing');
    return defaultPriceTable().lookup(model)?.tokenizer;
  } catch {
    return undefined; // the table is a refinement; counting must not fail without it
  }
}

function toJson(model: string, t: Tokenizer, count: number, tokenizers: Tokenizers, family: string | undefined): object {
  const base = { model, encoding: t.encoding, exact: t.exact, tokens: count };
  if (t.exact) return base;
  const prof = tokenizers.profileFor(model, family);
  return { ...base, approximation: { profile: prof.id, factor: prof.factor, basis: prof.basis } };
}

function renderPlain(model: string, t: Tokenizer, count: number, tokenizers: Tokenizers, family: string | undefined): string {
  if (t.exact) return `${count} tokens (${t.encoding}, exact) for ${model}`;
  const prof = tokenizers.profileFor(model, family);
  return `≈${count} tokens (${t.encoding} × ${prof.factor}, approximation '${prof.id}') for ${model}`;
}
