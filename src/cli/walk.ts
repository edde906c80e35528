import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { isIgnored, parseGitignore, type IgnoreLayer } from '../core/util/gitignore';

/** A file the walk found, with its path relative to the root (forward slashes). */
export interface WalkedFile {
  path: string;
  abs: string;
  /** In bytes; -1 when the walk was asked not to stat (the reader learns it from the open file). */
  size: number;
}

export interface WalkOptions {
  /** Folder names never entered, wherever they are (default `node_modules`, `.git`). */
  skipDirs?: readonly string[];
  /** Whether a file is wanted at all, by its relative path (default: every file). */
  accept?: (path: string) => boolean;
  /** Stat each file for its size (default true); a scan that reads every file anyway skips it. */
  sizes?: boolean;
}

export interface WalkResult {
  files: WalkedFile[];
  /** Folders or files that could not be listed or stat'ed, with why. */
  errors: { file: string; message: string }[];
}

const SKIP_DIRS = ['node_modules', '.git'];

function reason(e: unknown): string {
  const code = (e as { code?: string }).code;
  return code === 'EACCES' || code === 'EPERM' ? 'permission denied' : e instanceof Error ? e.message : String(e);
}

function readIgnore(dir: string, base: string): IgnoreLayer | null {
  try {
    return { base, rules: parseGitignore(readFileSync(join(dir, '.gitignore'), 'utf8')) };
  } catch {
    return null;
  }
}

/**
 * Lists the files under `root` that git would not ignore: nested `.gitignore` files apply to
 * their folder and below, negations re-include, an ignored folder is not entered. Symbolic links
 * to folders are not followed (no cycles); links to files are listed. Files come out sorted by
 * path, so reports do not depend on the file system's order. Never throws for one bad entry.
 */
export async function walkFiles(root: string, opts: WalkOptions = {}): Promise<WalkResult> {
  return walkFilesSync(root, opts);
}

/**
 * {@link walkFiles} in one synchronous pass: a walk is thousands of tiny directory and stat calls,
 * and each asynchronous one is a round trip through libuv's thread pool that costs more than the
 * call (the CLI has nothing else to do meanwhile).
 */
export function walkFilesSync(root: string, opts: WalkOptions = {}): WalkResult {
  const skip = new Set(opts.skipDirs ?? SKIP_DIRS);
  const sizes = opts.sizes ?? true;
  const files: WalkedFile[] = [];
  const errors: WalkResult['errors'] = [];

  function visit(rel: string, layers: IgnoreLayer[]): void {
    const dir = rel ? join(root, rel) : root;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      errors.push({ file: rel || '.', message: `cannot list folder: ${reason(e)}` });
      return;
    }
    const own = entries.some((e) => e.name === '.gitignore') ? readIgnore(dir, rel) : null;
    const here = own ? [...layers, own] : layers;
    for (const ent of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = rel ? `${rel}/${ent.name}` : ent.name;
      const abs = join(dir, ent.name);
      let isDir = ent.isDirectory();
      let isFile = ent.isFile();
      let size = -1;
      if (ent.isSymbolicLink()) {
        try {
          const target = statSync(abs);
          isDir = false; // never followed
          isFile = target.isFile();
          size = target.size;
        } catch {
          continue; // dangling link: nothing to read
        }
      }
      if (isDir) {
        if (skip.has(ent.name) || isIgnored(path, true, here)) continue;
        visit(path, here);
      } else if (isFile && !isIgnored(path, false, here) && (opts.accept?.(path) ?? true)) {
        try {
          files.push({ path, abs, size: sizes && size < 0 ? statSync(abs).size : size });
        } catch (e) {
          errors.push({ file: path, message: `cannot read: ${reason(e)}` });
        }
      }
    }
  }

  visit('', []);
  return { files, errors };
}
