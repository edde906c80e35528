/** Which language a file is, by its name. */
import type { Language } from '../model';

const compound: Array<[RegExp, Language]> = [
  [/\.prompt\.ya?ml$/i, 'prompt-yaml'],
  [/\.prompt\.md$/i, 'prompt-markdown'],
  [/\.d\.[cm]?ts$/i, 'typescript'],
];

const byExt: Record<string, Language> = {
  ts: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  tsx: 'typescriptreact',
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  jsx: 'javascriptreact',
  py: 'python',
  pyi: 'python',
  prompty: 'prompty',
  prompt: 'dotprompt',
  jinja: 'jinja',
  jinja2: 'jinja',
  j2: 'jinja',
  hbs: 'handlebars',
  handlebars: 'handlebars',
  mustache: 'mustache',
  txt: 'text',
};

/** The language of a path by its extension (template formats included), or null when not analysed. */
export function languageForPath(path: string): Language | null {
  const name = path.replace(/\\/g, '/').split('/').pop() ?? '';
  for (const [re, lang] of compound) if (re.test(name)) return lang;
  const dot = name.lastIndexOf('.');
  if (dot <= 0 && !name.startsWith('.')) return null;
  return byExt[name.slice(dot + 1).toLowerCase()] ?? null;
}
