import type { CliIO, Command } from './io';
import { UsageError } from './io';

/**
 * The verbs, each in its own module under ./commands, loaded on use so `promptmeter price`
 * does not pay for the parser or the tokenizer.
 */
const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {};

/** Registers a verb; each commands/<verb>.ts is listed once in ./commands/index.ts. */
export function registerCommand(name: string, summary: string, load: () => Promise<Command>): void {
  commands[name] = { summary, load };
}

function usage(): string {
  const lines = Object.entries(commands).map(([n, c]) => `  ${n.padEnd(8)} ${c.summary}`);
  return `usage: promptmeter <command> [options]\n\ncommands:\n${lines.join('\n')}\n`;
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [verb, ...rest] = argv;
  if (!verb || verb === '--help' || verb === '-h' || verb === 'help') {
    io.stdout(usage());
    return verb ? 0 : 2;
  }
  if (verb === '--version') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const cmd = commands[verb];
  if (!cmd) {
    io.stderr(`promptmeter: unknown command '${verb}' (try --help)\n`);
    return 2;
  }
  try {
    return await (await cmd.load())(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`promptmeter ${verb}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

declare const PROMPTMETER_VERSION: string | undefined;
export const VERSION: string = typeof PROMPTMETER_VERSION === 'string' ? PROMPTMETER_VERSION : '0.0.0-dev';
