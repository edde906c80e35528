import type { PartRole, PromptPart } from '../../model';
import { roleOf } from '../roleWords';
import { splitPlaceholders, type PlaceholderSyntax } from './placeholders';

/** A stretch of body text spoken by one role. */
interface RoleBlock {
  role: PartRole;
  start: number;
  end: number;
}

/**
 * Prompty role markers: a line holding only `system:`, `user:`, `assistant:` (any case, an
 * optional leading `#`). Text before the first marker belongs to the system role, as Prompty
 * reads it.
 */
export function promptyRoleBlocks(text: string, from: number, to: number): RoleBlock[] {
  const re = /^[ \t]*#?[ \t]*(system|developer|user|human|assistant|ai|tool|function)[ \t]*:[ \t]*\r?$/gim;
  return blocksByMarkers(text, from, to, re, 'system', (m) => roleOf(m[1]));
}

/** Dotprompt role markers: `{{role "system"}}` / `{{role 'user'}}`; before any marker, user. */
export function dotpromptRoleBlocks(text: string, from: number, to: number): RoleBlock[] {
  const re = /\{\{~?\s*role\s+["']([A-Za-z]+)["']\s*~?\}\}/g;
  return blocksByMarkers(text, from, to, re, 'user', (m) => roleOf(m[1]));
}

function blocksByMarkers(
  text: string,
  from: number,
  to: number,
  re: RegExp,
  firstRole: PartRole,
  roleAt: (m: RegExpExecArray) => PartRole,
): RoleBlock[] {
  const body = text.slice(from, to);
  const blocks: RoleBlock[] = [];
  let role = firstRole;
  let start = 0;
  re.lastIndex = 0;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    blocks.push({ role, start: from + start, end: from + m.index });
    role = roleAt(m);
    start = m.index + m[0].length;
    if (m[0].length === 0) re.lastIndex++;
  }
  blocks.push({ role, start: from + start, end: to });
  return blocks.filter((b) => text.slice(b.start, b.end).trim() !== '');
}

/** Turns role blocks into prompt parts with placeholder slots. */
export function partsFromBlocks(text: string, blocks: RoleBlock[], syntax: PlaceholderSyntax): PromptPart[] {
  return blocks.map((b) => {
    const raw = text.slice(b.start, b.end);
    // Trim the blank lines around a block: they are layout, not prompt.
    const lead = raw.length - raw.replace(/^\s+/, '').length;
    const trimmed = raw.trim();
    const start = b.start + lead;
    return {
      role: b.role,
      segments: splitPlaceholders(trimmed, syntax, start),
      span: { start, end: start + trimmed.length },
    };
  });
}
