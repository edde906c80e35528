import type { CliIO } from '../io';
import { UsageError } from '../io';

export async function price(_args: string[], _io: CliIO): Promise<number> {
  throw new UsageError('not implemented yet');
}
