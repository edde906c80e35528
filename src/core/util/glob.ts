/**
 * Glob matching for workspace-relative paths with forward slashes, as written in settings and
 * `promptmeter.yaml`. Semantics follow VS Code's `files.exclude` globs (not gitignore): a glob
 * is matched against the whole path, so `*.ts` matches only top-level files and `**\/*.ts`
 * matches at any depth.
 *
 * - `**` as a whole segment matches zero or more segments (`src/**` also matches `src`).
 * - `*` matches any run of characters within a segment, `?` one character (never `/`).
 * - `{a,b}` matches either alternative; alternatives may hold globs and nest.
 * - `[abc]`, `[a-z]`, `[!a]` / `[^a]` match one character of a class (never `/`).
 * - `\` escapes the next character. An unclosed `{` or `[` is literal.
 * - Dotfiles are not special: `*` matches `.env`.
 */

const cache = new Map<string, RegExp>();
const CACHE_LIMIT = 500;

/** Compiles a glob to an anchored regular expression over forward-slash paths. */
export function globToRegExp(glob: string): RegExp {
  const hit = cache.get(glob);
  if (hit) return hit;
  const re = new RegExp(`^${translate(stripDotSlash(glob.trim()))}$`);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(glob, re);
  return re;
}

/** True when the path (backslashes and a leading `./` tolerated) matches any of the globs. */
export function matchesAny(path: string, globs: readonly string[]): boolean {
  const p = normalizePath(path);
  return globs.some((g) => g.trim() !== '' && globToRegExp(g).test(p));
}

/** Forward slashes, no leading `./`, no duplicate or trailing slashes. */
export function normalizePath(path: string): string {
  return stripDotSlash(path.replace(/\\/g, '/')).replace(/\/{2,}/g, '/').replace(/(.)\/$/, '$1');
}

/**
 * How specific a glob is, for "the most specific glob wins": literal path segments count most,
 * then literal characters; wildcards count nothing. Higher is more specific.
 */
export function globSpecificity(glob: string): number {
  const segments = stripDotSlash(glob.trim()).split('/');
  const literalSegments = segments.filter((s) => s !== '' && !/[*?[{\\]/.test(s)).length;
  const literalChars = glob.replace(/\*\*|[*?]|\[[^\]]*\]|\{[^}]*\}/g, '').replace(/\//g, '').length;
  return literalSegments * 10_000 + literalChars;
}

function stripDotSlash(s: string): string {
  return s.replace(/^(?:\.\/)+/, '');
}

const REGEX_SPECIAL = /[.+^$()|{}[\]\\*?/]/;

function escapeChar(c: string): string {
  return REGEX_SPECIAL.test(c) ? `\\${c}` : c;
}

/** Translates a glob (or one alternative of a brace group) into regex source. */
function translate(glob: string): string {
  let out = '';
  let i = 0;
  while (i < glob.length) {
    const c = glob[i]!;
    if (c === '/' && /^\/\*\*+$/.test(glob.slice(i))) {
      // A trailing `/**` also matches the folder itself: `src/**` matches `src`.
      out += '(?:/.*)?';
      i = glob.length;
    } else if (c === '\\' && i + 1 < glob.length) {
      out += escapeChar(glob[i + 1]!);
      i += 2;
    } else if (c === '*') {
      const r = star(glob, i);
      out += r.source;
      i = r.next;
    } else if (c === '?') {
      out += '[^/]';
      i++;
    } else if (c === '[') {
      const r = charClass(glob, i);
      out += r.source;
      i = r.next;
    } else if (c === '{') {
      const r = braces(glob, i);
      out += r.source;
      i = r.next;
    } else {
      out += escapeChar(c);
      i++;
    }
  }
  return out;
}

interface Piece {
  source: string;
  next: number;
}

/** `*` within a segment, or `**` spanning segments when it stands as a whole segment. */
function star(glob: string, i: number): Piece {
  let j = i;
  while (glob[j] === '*') j++;
  const double = j - i >= 2;
  const atSegmentStart = i === 0 || glob[i - 1] === '/';
  const atSegmentEnd = j === glob.length || glob[j] === '/' || glob[j] === '}' || glob[j] === ',';
  if (!double || !atSegmentStart || !atSegmentEnd) return { source: '[^/]*', next: j };
  if (glob[j] === '/') return { source: '(?:[^/]*/)*', next: j + 1 };
  return { source: '.*', next: j };
}

function charClass(glob: string, i: number): Piece {
  let j = i + 1;
  if (glob[j] === '!' || glob[j] === '^') j++;
  if (glob[j] === ']') j++;
  while (j < glob.length && glob[j] !== ']') j++;
  if (j >= glob.length) return { source: '\\[', next: i + 1 };
  let body = glob.slice(i + 1, j);
  let negate = false;
  if (body[0] === '!' || body[0] === '^') {
    negate = true;
    body = body.slice(1);
  }
  const escaped = body.replace(/[\\\]^]/g, (m) => `\\${m}`);
  return { source: negate ? `(?!/)[^${escaped}]` : `(?!/)[${escaped}]`, next: j + 1 };
}

function braces(glob: string, i: number): Piece {
  const alternatives: string[] = [];
  let depth = 0;
  let start = i + 1;
  for (let j = i + 1; j < glob.length; j++) {
    const c = glob[j];
    if (c === '\\') j++;
    else if (c === '{') depth++;
    else if (c === '}' && depth > 0) depth--;
    else if (c === ',' && depth === 0) {
      alternatives.push(glob.slice(start, j));
      start = j + 1;
    } else if (c === '}') {
      alternatives.push(glob.slice(start, j));
      return { source: `(?:${alternatives.map(translate).join('|')})`, next: j + 1 };
    }
  }
  return { source: '\\{', next: i + 1 };
}
