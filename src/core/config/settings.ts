/**
 * User settings: validated once at the boundary, field by field, so one bad value falls back to
 * its default alone and the rest of the code gets a frozen, fully typed {@link Settings}.
 */
import { z } from 'zod';
import type { SettingsProblem } from './problems';
import { settingsSchema, type Settings } from './schema';

/** One VS Code setting: its key under `promptmeter.` and the schema of its value. */
export interface SettingLeaf {
  /** `diagnostics.debounceMs` for `promptmeter.diagnostics.debounceMs`. */
  key: string;
  path: readonly string[];
  schema: z.ZodType;
}

/** Every setting, in schema order (which is also the order shown in the Settings editor). */
export const settingLeaves: readonly SettingLeaf[] = Object.freeze(collectLeaves(settingsSchema, []));

function collectLeaves(schema: z.ZodObject, path: string[]): SettingLeaf[] {
  const out: SettingLeaf[] = [];
  for (const [name, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const p = [...path, name];
    if (field instanceof z.ZodObject) out.push(...collectLeaves(field, p));
    else out.push({ key: p.join('.'), path: p, schema: field });
  }
  return out;
}

/** Every setting at its default. */
export const defaultSettings: Settings = deepFreeze(build(() => undefined).settings);

/**
 * Validates raw settings: nested objects as `workspace.getConfiguration('promptmeter')` gives them,
 * flat dotted keys (`{ 'diagnostics.enable': false }`), or a mix. A missing value takes its
 * default silently; an invalid one takes its default and yields a problem. Unknown keys are
 * ignored (VS Code keeps settings of other versions around).
 */
export function parseSettings(raw: unknown): { settings: Settings; problems: SettingsProblem[] } {
  const result = build((leaf) => lookup(raw, leaf.path));
  return { settings: deepFreeze(result.settings), problems: result.problems };
}

function build(valueOf: (leaf: SettingLeaf) => unknown): { settings: Settings; problems: SettingsProblem[] } {
  const root: Record<string, unknown> = {};
  const problems: SettingsProblem[] = [];
  for (const leaf of settingLeaves) {
    const value = valueOf(leaf);
    let r = leaf.schema.safeParse(value);
    if (!r.success) {
      problems.push({ path: leaf.key, message: `${describeIssue(r.error.issues[0]!, value)}; using the default` });
      r = leaf.schema.safeParse(undefined);
    }
    setIn(root, leaf.path, r.data);
  }
  return { settings: root as Settings, problems };
}

function lookup(raw: unknown, path: readonly string[]): unknown {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const flat = (raw as Record<string, unknown>)[path.join('.')];
  if (flat !== undefined && path.length > 1) return flat;
  let v: unknown = raw;
  for (const p of path) {
    if (typeof v !== 'object' || v === null || !Object.prototype.hasOwnProperty.call(v, p)) return undefined;
    v = (v as Record<string, unknown>)[p];
  }
  return v;
}

function setIn(root: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let o = root;
  for (const p of path.slice(0, -1)) o = (o[p] ??= {}) as Record<string, unknown>;
  o[path[path.length - 1]!] = value;
}

function describeIssue(issue: z.core.$ZodIssue, value: unknown): string {
  const shown = JSON.stringify(value);
  const found = shown === undefined ? String(value) : shown.length > 60 ? `${shown.slice(0, 60)}…` : shown;
  if (issue.code === 'invalid_type') return `expected ${issue.expected}, found ${found}`;
  const where = issue.path.length > 0 ? ` (at ${issue.path.join('.')})` : '';
  return `${issue.message}${where}, found ${found}`;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
