/**
 * `.gitignore` semantics, as git documents them (gitignore(5)), for the CLI's walk and the
 * editor's workspace report. Pure: the callers read the files and hand their text here.
 *
 * - blank lines and `#` comments are skipped; `\#` and `\!` escape; trailing unescaped spaces drop;
 * - `!` negates; the last matching pattern wins, and deeper `.gitignore` files win over shallower;
 * - a trailing `/` matches directories only;
 * - a pattern with a `/` at its start or middle is relative to its `.gitignore`'s folder, any
 *   other matches a name at any depth;
 * - `*` and `?` do not cross `/`; a double star does, as a leading, trailing or inner segment.
 *
 * A file in an ignored folder cannot be re-included, which the walk honours by not descending.
 */

export interface IgnoreRule {
  negate: boolean;
  dirOnly: boolean;
  regex: RegExp;
  source: string;
}

function classToRegex(body: string): string {
  let b = body;
  if (b.startsWith('!')) b = `^${b.slice(1)}`;
  return `[${b.replace(/\\(?!\])/g, '\\\\')}]`;
}

/** Translates one pattern (without `!` and trailing `/`) into a regex over `/`-separated paths. */
function patternToRegex(pattern: string, anchored: boolean): RegExp {
  let out = '';
  let i = 0;
  const p = pattern;
  while (i < p.length) {
    const c = p[i]!;
    if (c === '*' && p[i + 1] === '*' && (i === 0 || p[i - 1] === '/') && (i + 2 === p.length || p[i + 2] === '/')) {
      if (i + 2 === p.length) {
        out += '.*';
        i += 2;
      } else {
        out += '(?:.*/)?';
        i += 3;
      }
      continue;
    }
    if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '\\' && i + 1 < p.length) out += escapeRegex(p[++i]!);
    else if (c === '[') {
      const close = p.indexOf(']', i + 2);
      if (close < 0) out += '\\[';
      else {
        out += classToRegex(p.slice(i + 1, close));
        i = close;
      }
    } else out += escapeRegex(c);
    i++;
  }
  return new RegExp(`^${anchored ? '' : '(?:.*/)?'}${out}$`);
}

function escapeRegex(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}

/** Parses the text of one `.gitignore` into rules, in file order. */
export function parseGitignore(text: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.replace(/(?<!\\)\s+$/, '');
    if (!line || line.startsWith('#')) continue;
    let negate = false;
    if (line.startsWith('!')) {
      negate = true;
      line = line.slice(1);
    } else if (line.startsWith('\\!') || line.startsWith('\\#')) line = line.slice(1);
    let dirOnly = false;
    if (line.endsWith('/')) {
      dirOnly = true;
      line = line.replace(/\/+$/, '');
    }
    if (!line) continue;
    const anchored = line.includes('/');
    line = line.replace(/^\//, '');
    try {
      rules.push({ negate, dirOnly, regex: patternToRegex(line, anchored), source: raw });
    } catch {
      // a pattern git itself would treat as literal but we cannot compile: skip, as git skips junk
    }
  }
  return rules;
}

/** The rules of one `.gitignore`, with the folder they are relative to ('' for the root). */
export interface IgnoreLayer {
  base: string;
  rules: IgnoreRule[];
}

/**
 * Whether a path (relative to the scanned root, `/`-separated) is ignored by the layers from the
 * root down to its folder. Returns the verdict of the last matching rule, false when none match.
 */
export function isIgnored(path: string, isDir: boolean, layers: readonly IgnoreLayer[]): boolean {
  let ignored = false;
  for (const layer of layers) {
    if (layer.base && !isUnder(path, layer.base)) continue;
    const rel = layer.base ? path.slice(layer.base.length + 1) : path;
    for (const r of layer.rules) {
      if (r.dirOnly && !isDir) continue;
      if (r.regex.test(rel)) ignored = !r.negate;
    }
  }
  return ignored;
}

/** Whether `path` lies inside the folder `base` (both relative, `/`-separated), without building `base + '/'`. */
function isUnder(path: string, base: string): boolean {
  return path.length > base.length && path.charCodeAt(base.length) === 47 && path.startsWith(base);
}

/**
 * Whether a file is ignored when the caller has a flat list of paths rather than a walk (the
 * editor's `findFiles`): a file under an ignored folder stays ignored whatever a deeper rule says,
 * as git never descends into that folder; otherwise the file's own verdict applies.
 *
 * A workspace's layers are every `.gitignore` in it (hundreds in a monorepo) and each of the
 * file's folders is judged, so the layers that can apply (the root's and its folders') are picked
 * once per file, not once per folder: 20,000 files under 300 layers went from 6 s to well under 1 s.
 */
export function isPathIgnored(path: string, layers: readonly IgnoreLayer[]): boolean {
  const own = layers.filter((l) => !l.base || isUnder(path, l.base));
  for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
    if (isIgnored(path.slice(0, i), true, own)) return true;
  }
  return isIgnored(path, false, own);
}
