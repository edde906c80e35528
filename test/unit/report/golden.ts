import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The repository root, from out/test/unit/report or test/unit/report alike. */
export const ROOT = resolve(__dirname, __dirname.includes(`${join('out', 'test')}`) ? '../../../..' : '../../..');

/**
 * Compares text with a golden file under test/unit/report/golden; `UPDATE_GOLDEN=1` rewrites it,
 * to be reviewed as a diff.
 */
export function assertGolden(name: string, actual: string): void {
  const file = join(ROOT, 'test/unit/report/golden', name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    if (process.env.UPDATE_GOLDEN !== '1') throw new Error(`missing golden file ${file}: run with UPDATE_GOLDEN=1 and review it`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  assert.equal(actual, readFileSync(file, 'utf8'), `${name} differs from its golden file (UPDATE_GOLDEN=1 to accept)`);
}
