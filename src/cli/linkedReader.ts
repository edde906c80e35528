import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { MAX_TEXT_FILE_BYTES } from '../core/util/textFile';

/**
 * Prompt files read by code (`readFileSync('prompts/x.txt')`), resolved beside the file and kept
 * inside the root. Its own module so a detection worker loads it without the rest of the scan.
 */
export function linkedReader(root: string, fileAbs: string): (p: string) => string | undefined {
  return (p) => {
    const abs = resolve(dirname(fileAbs), p);
    if (abs !== root && !abs.startsWith(root + sep)) return undefined;
    try {
      if (statSync(abs).size > MAX_TEXT_FILE_BYTES) return undefined;
      return readFileSync(abs, 'utf8');
    } catch {
      return undefined;
    }
  };
}
