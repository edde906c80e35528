import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isIgnored, parseGitignore, type IgnoreLayer } from '../core/util/gitignore';

/** A file the walk found, with its path relative to the root (forward slashes). */
export interface WalkedFile {
  path: string;
  abs: string;
  size: number;
}

export interface WalkOptions {
  /** Folder names never entered, wherever they are (default `node_modules`, `.git`). */
  skipDirs?: readonly string[];
  /** Whether a file is wanted at all, by its relative path (default: every file). */
  accept?: (path: string) => boolean;
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

async function readIgnore(dir: string, base: string): Promise<IgnoreLayer | null> {
  try {
    return { base, rules: parseGitignore(await readFile(join(dir, '.gitignore'), 'utf8')) };
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
  const skip = new Set(opts.skipDirs ?? SKIP_DIRS);
  const files: WalkedFile[] = [];
  const errors: WalkResult['errors'] = [];

  async function visit(rel: string, layers: IgnoreLayer[]): Promise<void> {
    const dir = rel ? join(root, rel) : root;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      errors.push({ file: rel || '.', message: `cannot list folder: ${reason(e)}` });
      return;
    }
    const own = await readIgnore(dir, rel);
    const here = own ? [...layers, own] : layers;
    for (const ent of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = rel ? `${rel}/${ent.name}` : ent.name;
      const abs = join(dir, ent.name);
      let isDir = ent.isDirectory();
      let isFile = ent.isFile();
      if (ent.isSymbolicLink()) {
        try {
          const target = await stat(abs);
          isDir = false; // never followed
          isFile = target.isFile();
        } catch {
          continue; // dangling link: nothing to read
        }
      }
      if (isDir) {
        if (skip.has(ent.name) || isIgnored(path, true, here)) continue;
        await visit(path, here);
      } else if (isFile && !isIgnored(path, false, here) && (opts.accept?.(path) ?? true)) {
        try {
          files.push({ path, abs, size: (await stat(abs)).size });
        } catch (e) {
          errors.push({ file: path, message: `cannot read: ${reason(e)}` });
        }
      }
    }
  }

  await visit('', []);
  return { files, errors };
}
