/**
 * The messages between the report webview (`media/report/report.js`) and the extension. The
 * script is plain JavaScript, so this module is the protocol's one definition; the panel checks
 * every incoming message against it before acting.
 */

export type ExportFormat = 'md' | 'csv' | 'json';

/** What a what-if applies to: the whole workspace, one feature of promptmeter.yaml, or one site. */
export type WhatIfTarget = { kind: 'workspace' } | { kind: 'feature'; name: string } | { kind: 'site'; id: string };

export interface WhatIfRequest {
  type: 'whatIf';
  target: WhatIfTarget;
  /** A priced model id, or null to keep each site's own model. */
  model: string | null;
  batch: boolean;
  caching: boolean;
}

/** From the webview. */
export type WebviewMessage =
  | { type: 'reveal'; file: string; line: number; column: number }
  | WhatIfRequest
  | { type: 'export'; format: ExportFormat }
  | { type: 'rescan' };

/** To the webview: the answer to a what-if, already formatted. */
export interface WhatIfReply {
  type: 'whatIfResult';
  ok: boolean;
  /** The target and change in words (`feature "Support chat" on gpt-4o-mini, batch`). */
  label: string;
  before: string;
  after: string;
  delta: string;
  /** Change in percent of before, signed, or '' when before is zero. */
  percent: string;
  /** Sites left out because unpriced, and why part of the change did not apply. */
  notes: string[];
}

export type HostMessage = WhatIfReply;

const FORMATS: readonly string[] = ['md', 'csv', 'json'];

function isTarget(t: unknown): t is WhatIfTarget {
  if (typeof t !== 'object' || t === null) return false;
  const o = t as Record<string, unknown>;
  return o.kind === 'workspace' || (o.kind === 'feature' && typeof o.name === 'string') || (o.kind === 'site' && typeof o.id === 'string');
}

/** The message when it is one the protocol knows, else null (a webview is not trusted input). */
export function parseWebviewMessage(m: unknown): WebviewMessage | null {
  if (typeof m !== 'object' || m === null) return null;
  const o = m as Record<string, unknown>;
  switch (o.type) {
    case 'reveal':
      return typeof o.file === 'string' && Number.isInteger(o.line) && Number.isInteger(o.column)
        ? { type: 'reveal', file: o.file, line: o.line as number, column: o.column as number }
        : null;
    case 'whatIf':
      return isTarget(o.target) && (o.model === null || typeof o.model === 'string')
        ? { type: 'whatIf', target: o.target, model: o.model as string | null, batch: o.batch === true, caching: o.caching === true }
        : null;
    case 'export':
      return typeof o.format === 'string' && FORMATS.includes(o.format) ? { type: 'export', format: o.format as ExportFormat } : null;
    case 'rescan':
      return { type: 'rescan' };
    default:
      return null;
  }
}
