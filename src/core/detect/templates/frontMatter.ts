import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node, type YAMLMap } from 'yaml';
import type { ArgsContainer, Span } from '../../model';

/** A YAML document with its place in the file, so node ranges map to file offsets. */
export interface YamlBlock {
  doc: Document.Parsed;
  /** Offset of the YAML text in the file. */
  offset: number;
}

export interface FrontMatter {
  yaml: YamlBlock | null;
  /** Where the body (after the closing `---`) starts in the file. */
  bodyStart: number;
}

/**
 * Splits `---` YAML front matter from the body. A file without front matter is all body; an
 * unterminated block is treated as no front matter, so a half-typed header loses nothing.
 */
export function splitFrontMatter(text: string): FrontMatter {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const open = /^---[ \t]*\r?\n/.exec(text.slice(bom));
  if (!open) return { yaml: null, bodyStart: 0 };
  const yamlStart = bom + open[0].length;
  const close = /^(---|\.\.\.)[ \t]*(\r?\n|$)/m;
  close.lastIndex = 0;
  const rest = text.slice(yamlStart);
  const m = close.exec(rest);
  if (!m) return { yaml: null, bodyStart: 0 };
  const yamlText = rest.slice(0, m.index);
  return { yaml: parseYaml(yamlText, yamlStart), bodyStart: yamlStart + m.index + m[0].length };
}

/**
 * Parses YAML without ever throwing. Values are read node by node (never `toJS()`), so aliases
 * are not expanded and an alias bomb costs nothing.
 */
export function parseYaml(text: string, offset: number): YamlBlock | null {
  try {
    const doc = parseDocument(text, { lineCounter: new LineCounter(), prettyErrors: false });
    return { doc, offset };
  } catch {
    return null;
  }
}

/** The node at a path, or undefined. */
export function nodeAt(block: YamlBlock | null, path: readonly string[]): Node | undefined {
  if (!block) return undefined;
  try {
    const n = block.doc.getIn(path, true);
    return n && typeof n === 'object' ? (n as Node) : undefined;
  } catch {
    return undefined;
  }
}

/** A scalar string at a path, with its file span. */
export function stringAt(block: YamlBlock | null, path: readonly string[]): { value: string; span: Span } | null {
  const n = nodeAt(block, path);
  if (!n || !isScalar(n) || typeof n.value !== 'string' || !n.range) return null;
  return { value: n.value, span: { start: block!.offset + n.range[0], end: block!.offset + n.range[1] } };
}

/** A non-negative number at a path, with its file span. */
export function numberAt(block: YamlBlock | null, path: readonly string[]): { value: number | null; span: Span } | null {
  const n = nodeAt(block, path);
  if (!n || !isScalar(n) || !n.range) return null;
  const v = n.value;
  const value = typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : null;
  return { value, span: { start: block!.offset + n.range[0], end: block!.offset + n.range[1] } };
}

/** The whole `key: value` pair span of the first of `keys` present in the mapping at `path`. */
export function pairAt(block: YamlBlock | null, path: readonly string[], keys: readonly string[]): { key: string; span: Span; value: number | null } | null {
  const map = nodeAt(block, path);
  if (!map || !isMap(map)) return null;
  for (const item of (map as YAMLMap).items) {
    const k = isScalar(item.key) ? String(item.key.value) : null;
    if (k === null || !keys.includes(k)) continue;
    const key = item.key as Node;
    const val = item.value as Node | null;
    if (!key.range) continue;
    const end = val?.range ? val.range[1] : key.range[1];
    const raw = val && isScalar(val) ? val.value : null;
    const value = typeof raw === 'number' && Number.isFinite(raw) && raw >= 0 ? Math.floor(raw) : null;
    return { key: k, span: { start: block!.offset + key.range[0], end: block!.offset + end }, value };
  }
  return null;
}

/** The mapping at `path` as a place where a fix can add a parameter. */
export function yamlArgs(block: YamlBlock | null, path: readonly string[]): ArgsContainer | undefined {
  const map = nodeAt(block, path);
  if (!map || !isMap(map) || !map.range || (map as YAMLMap).flow) return undefined;
  const properties = [];
  for (const item of (map as YAMLMap).items) {
    const key = item.key as Node | null;
    const val = item.value as Node | null;
    if (!key?.range || !isScalar(key)) continue;
    const valueRange = val?.range ?? key.range;
    properties.push({
      name: String(key.value),
      span: { start: block!.offset + key.range[0], end: block!.offset + valueRange[1] },
      valueSpan: { start: block!.offset + valueRange[0], end: block!.offset + valueRange[1] },
    });
  }
  if (!properties.length) return undefined;
  return { kind: 'yaml', span: { start: block!.offset + map.range[0], end: block!.offset + map.range[1] }, properties };
}
