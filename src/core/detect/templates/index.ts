/**
 * Prompt template files: `.prompty`, Dotprompt `.prompt`, GitHub Models `*.prompt.yml`,
 * VS Code `*.prompt.md`, and Jinja / Handlebars / Mustache / plain text files under the
 * configured template globs. Each file is one `Site` of kind `template`.
 */
import type { Language, Site } from '../../model';
import { matchesAny } from '../../util/glob';
import { readDotprompt, readPlainTemplate, readPrompty, readPromptMarkdown, readPromptYaml, type TemplateFormat } from './formats';

export { displayNameToId } from './formats';
export { splitPlaceholders, type PlaceholderSyntax } from './placeholders';

/** Template globs used when the settings give none. */
export const DEFAULT_TEMPLATE_GLOBS: readonly string[] = ['**/prompts/**'];

/** Extensions a file under a template glob must have to be read as a prompt. */
const PLAIN_TEMPLATE_EXT = /\.(txt|md|markdown|j2|jinja|jinja2|hbs|handlebars|mustache|tmpl|tpl|liquid)$/i;

/** The template format of a path, by its name alone, or null. */
export function templateFormatOf(path: string, templateGlobs: readonly string[] = DEFAULT_TEMPLATE_GLOBS): TemplateFormat | null {
  const p = path.replace(/\\/g, '/');
  const lower = p.toLowerCase();
  if (lower.endsWith('.prompty')) return 'prompty';
  if (lower.endsWith('.prompt.yml') || lower.endsWith('.prompt.yaml')) return 'prompt-yaml';
  if (lower.endsWith('.prompt.md')) return 'prompt-markdown';
  if (lower.endsWith('.prompt')) return 'dotprompt';
  if (PLAIN_TEMPLATE_EXT.test(lower) && !/(^|\/)(readme|changelog|license)(\.[^/]*)?$/i.test(lower) && matchesAny(stripLeading(p), templateGlobs)) return 'plain';
  return null;
}

function stripLeading(p: string): string {
  return p.replace(/^\.?\//, '');
}

/** Whether a path is read as a prompt template. */
export function isTemplatePath(path: string, templateGlobs?: readonly string[]): boolean {
  return templateFormatOf(path, templateGlobs) !== null;
}

/** The `Language` a template path is shown as, or null. */
export function templateLanguageOf(path: string, templateGlobs?: readonly string[]): Language | null {
  switch (templateFormatOf(path, templateGlobs)) {
    case 'prompty':
      return 'prompty';
    case 'dotprompt':
      return 'dotprompt';
    case 'prompt-yaml':
      return 'prompt-yaml';
    case 'prompt-markdown':
      return 'prompt-markdown';
    case 'plain':
      return 'text';
    default:
      return null;
  }
}

/**
 * Reads a template file into one `Site`, or null when the path is not a template. Never throws:
 * a file that cannot be read as its format is still a site with what could be read.
 */
export function detectTemplate(path: string, text: string, opts: { templateGlobs?: readonly string[] } = {}): Site | null {
  const format = templateFormatOf(path, opts.templateGlobs);
  if (!format) return null;
  try {
    switch (format) {
      case 'prompty':
        return readPrompty(text);
      case 'dotprompt':
        return readDotprompt(text);
      case 'prompt-yaml':
        return readPromptYaml(text);
      case 'prompt-markdown':
        return readPromptMarkdown(text);
      case 'plain':
        return readPlainTemplate(path, text);
    }
  } catch {
    return readPlainTemplate(path, text);
  }
}
