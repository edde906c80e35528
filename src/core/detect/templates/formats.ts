import { isScalar, isSeq, type Node } from 'yaml';
import type { Language, OutputCap, PartRole, PromptPart, Provider, Site, Span } from '../../model';
import { nodeAt, numberAt, pairAt, parseYaml, splitFrontMatter, stringAt, yamlArgs, type YamlBlock } from './frontMatter';
import { splitPlaceholders, syntaxForPlainTemplate } from './placeholders';
import { dotpromptRoleBlocks, partsFromBlocks, promptyRoleBlocks } from './roles';

/** The template formats read, each with its own front matter and body conventions. */
export type TemplateFormat = 'prompty' | 'dotprompt' | 'prompt-yaml' | 'prompt-markdown' | 'plain';

const PROVIDER_BY_VENDOR: Record<string, Provider> = {
  openai: 'openai',
  azure: 'openai',
  azure_openai: 'openai',
  azureopenai: 'openai',
  anthropic: 'anthropic',
  googleai: 'gemini',
  vertexai: 'gemini',
  google: 'gemini',
  gemini: 'gemini',
  bedrock: 'bedrock',
};

/** The vendor a bare model id belongs to, for formats that name no provider. */
function providerOfModel(id: string | null): Provider {
  if (!id) return 'unknown';
  const m = id.toLowerCase();
  if (/^(gpt|o\d|chatgpt|text-|davinci|babbage)/.test(m)) return 'openai';
  if (m.startsWith('claude')) return 'anthropic';
  if (m.startsWith('gemini')) return 'gemini';
  return 'unknown';
}

function wholeFile(text: string): Span {
  return { start: 0, end: text.length };
}

function anchorOf(text: string): Span {
  const nl = text.indexOf('\n');
  return { start: 0, end: nl < 0 ? text.length : nl };
}

function capFrom(block: YamlBlock | null, path: readonly string[], keys: readonly string[]): OutputCap | null {
  const pair = pairAt(block, path, keys);
  return pair ? { param: pair.key, value: pair.value, span: pair.span } : null;
}

function baseSite(text: string, language: Language, api: string): Site {
  return {
    kind: 'template',
    language,
    provider: 'unknown',
    api,
    span: wholeFile(text),
    anchor: anchorOf(text),
    model: null,
    parts: [],
    cap: null,
    cache: [],
    streaming: false,
  };
}

/**
 * Prompty: `model.configuration.{type,name,azure_deployment}` and `model.parameters` in the
 * front matter (or a bare `model: id`); a Jinja body with `system:` / `user:` role markers.
 */
export function readPrompty(text: string): Site {
  const site = baseSite(text, 'prompty', 'prompty');
  const fm = splitFrontMatter(text);
  const y = fm.yaml;
  const id =
    stringAt(y, ['model', 'configuration', 'name']) ??
    stringAt(y, ['model', 'configuration', 'model']) ??
    stringAt(y, ['model', 'configuration', 'azure_deployment']) ??
    stringAt(y, ['model', 'id']) ??
    stringAt(y, ['model']);
  const type = stringAt(y, ['model', 'configuration', 'type'])?.value.toLowerCase();
  if (id) site.model = { id: id.value, span: id.span, origin: 'front-matter' };
  site.provider = (type && PROVIDER_BY_VENDOR[type]) || providerOfModel(id?.value ?? null);
  site.cap = capFrom(y, ['model', 'parameters'], ['max_completion_tokens', 'max_tokens', 'max_output_tokens']);
  site.args = yamlArgs(y, ['model', 'parameters']);
  site.parts = partsFromBlocks(text, promptyRoleBlocks(text, fm.bodyStart, text.length), 'jinja');
  return site;
}

/**
 * Dotprompt: `model: googleai/gemini-2.5-flash`, `config.maxOutputTokens`; a Handlebars body
 * with `{{role "system"}}` blocks.
 */
export function readDotprompt(text: string): Site {
  const site = baseSite(text, 'dotprompt', 'dotprompt');
  const fm = splitFrontMatter(text);
  const y = fm.yaml;
  const model = stringAt(y, ['model']);
  if (model) {
    const slash = model.value.indexOf('/');
    const vendor = slash > 0 ? model.value.slice(0, slash).toLowerCase() : '';
    const id = slash > 0 ? model.value.slice(slash + 1) : model.value;
    const idStart = model.span.end - id.length - (/["']$/.test(text.slice(model.span.start, model.span.end)) ? 1 : 0);
    site.model = { id, span: { start: idStart, end: idStart + id.length }, origin: 'front-matter' };
    site.provider = PROVIDER_BY_VENDOR[vendor] ?? providerOfModel(id);
  }
  site.cap = capFrom(y, ['config'], ['maxOutputTokens', 'max_output_tokens', 'maxTokens']);
  site.args = yamlArgs(y, ['config']);
  site.parts = partsFromBlocks(text, dotpromptRoleBlocks(text, fm.bodyStart, text.length), 'handlebars');
  return site;
}

/**
 * GitHub Models prompt files (`*.prompt.yml`): `model: openai/gpt-4o-mini`, `modelParameters`,
 * and `messages: [{ role, content }]` whose content uses `{{var}}`.
 */
export function readPromptYaml(text: string): Site {
  const site = baseSite(text, 'prompt-yaml', 'prompt.yml');
  const y = parseYaml(text, 0);
  const model = stringAt(y, ['model']);
  if (model) {
    const slash = model.value.indexOf('/');
    const vendor = slash > 0 ? model.value.slice(0, slash).toLowerCase() : '';
    const id = slash > 0 ? model.value.slice(slash + 1) : model.value;
    const raw = text.slice(model.span.start, model.span.end);
    const at = raw.lastIndexOf(id);
    site.model = { id, span: at >= 0 ? { start: model.span.start + at, end: model.span.start + at + id.length } : model.span, origin: 'front-matter' };
    site.provider = PROVIDER_BY_VENDOR[vendor] ?? providerOfModel(id);
  }
  // `gh models` reads `modelParameters.maxTokens` (pkg/prompt/prompt.go); snake_case spellings
  // appear in hand-written files and are sent through as well.
  site.cap = capFrom(y, ['modelParameters'], ['maxTokens', 'maxCompletionTokens', 'max_completion_tokens', 'max_tokens', 'max_output_tokens']);
  site.args = yamlArgs(y, ['modelParameters']);
  const messages = nodeAt(y, ['messages']);
  if (messages && isSeq(messages)) {
    for (const item of messages.items) {
      const part = messagePart(y!, item as Node);
      if (part) site.parts.push(part);
    }
  }
  return site;
}

function messagePart(y: YamlBlock, item: Node): PromptPart | null {
  const roleNode = (item as { get?: (k: string, keep: boolean) => unknown }).get?.('role', true);
  const contentNode = (item as { get?: (k: string, keep: boolean) => unknown }).get?.('content', true);
  if (!isScalar(contentNode) || typeof contentNode.value !== 'string' || !contentNode.range) return null;
  const roleWord = isScalar(roleNode) ? String(roleNode.value).toLowerCase() : 'user';
  const role: PartRole = (['system', 'developer', 'user', 'assistant', 'tool'] as const).find((r) => r === roleWord) ?? 'unknown';
  const span = { start: y.offset + contentNode.range[0], end: y.offset + contentNode.range[1] };
  // Block scalars are re-indented by YAML, so slot offsets would not line up: keep names only.
  const segments = splitPlaceholders(contentNode.value, 'handlebars').map((s) => (s.kind === 'slot' ? { kind: 'slot' as const, name: s.name } : s));
  return { role, segments, span };
}

/**
 * VS Code prompt files (`*.prompt.md`): optional front matter with `model: GPT-4.1` (a display
 * name) and a Markdown body with `${input:name}` variables. The format has no output cap.
 */
export function readPromptMarkdown(text: string): Site {
  const site = baseSite(text, 'prompt-markdown', 'prompt.md');
  const fm = splitFrontMatter(text);
  const model = stringAt(fm.yaml, ['model']);
  if (model) {
    const id = displayNameToId(model.value);
    site.model = { id, span: model.span, origin: 'front-matter' };
    site.provider = providerOfModel(id);
  }
  site.capNotApplicable = true;
  site.parts = partsFromBlocks(text, [{ role: 'user', start: fm.bodyStart, end: text.length }], 'vscode');
  return site;
}

/** `GPT-4.1` → `gpt-4.1`, `Claude Sonnet 4 (copilot)` → `claude-sonnet-4`. */
export function displayNameToId(name: string): string {
  return name
    .replace(/\([^)]*\)/g, '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '-');
}

/** A Jinja, Handlebars, Mustache or plain text prompt: one prompt part, no model, no cap. */
export function readPlainTemplate(path: string, text: string): Site {
  const syntax = syntaxForPlainTemplate(path, text);
  const language: Language = syntax === 'jinja' ? 'jinja' : syntax === 'handlebars' ? (/\.mustache$/i.test(path) ? 'mustache' : 'handlebars') : 'text';
  const site = baseSite(text, language, 'template');
  const fm = splitFrontMatter(text);
  const model = stringAt(fm.yaml, ['model']);
  if (model) {
    site.model = { id: model.value, span: model.span, origin: 'front-matter' };
    site.provider = providerOfModel(model.value);
  }
  site.capNotApplicable = true;
  site.parts = partsFromBlocks(text, [{ role: 'prompt', start: fm.bodyStart, end: text.length }], syntax);
  return site;
}

/** The number given in front matter for the expected output, if a template states one. */
export function expectedOutputOf(block: YamlBlock | null): number | undefined {
  return numberAt(block, ['promptmeter', 'expectedOutputTokens'])?.value ?? undefined;
}
