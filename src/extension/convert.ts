/**
 * The one place where core's offsets become VS Code ranges: spans, findings and fixes in,
 * `Range`, `Diagnostic` and `WorkspaceEdit` out. Nothing else in the extension maps positions.
 */
import * as vscode from 'vscode';
import type { ConfigProblem } from '../core/config';
import type { Finding, Fix, Severity, Span } from '../core/model';
import { diagnosticSource, docsBase } from './ids';

/** What `convert` needs of a document: offsets ↔ positions. */
export type OffsetDocument = Pick<vscode.TextDocument, 'positionAt' | 'offsetAt' | 'uri'>;

export function toRange(doc: OffsetDocument, span: Span): vscode.Range {
  return new vscode.Range(doc.positionAt(span.start), doc.positionAt(span.end));
}

export function toSpan(doc: OffsetDocument, range: vscode.Range): Span {
  return { start: doc.offsetAt(range.start), end: doc.offsetAt(range.end) };
}

export function toSeverity(s: Severity): vscode.DiagnosticSeverity {
  switch (s) {
    case 'error':
      return vscode.DiagnosticSeverity.Error;
    case 'warning':
      return vscode.DiagnosticSeverity.Warning;
    case 'info':
      return vscode.DiagnosticSeverity.Information;
    default:
      return vscode.DiagnosticSeverity.Hint;
  }
}

export function ruleDocsUri(rule: string): vscode.Uri {
  return vscode.Uri.parse(`${docsBase}${rule}.md`);
}

/** A diagnostic that remembers its finding, so the quick-fix provider can offer core's fixes. */
export class FindingDiagnostic extends vscode.Diagnostic {
  constructor(range: vscode.Range, readonly finding: Finding, readonly siteId: string) {
    super(range, finding.message, toSeverity(finding.severity));
    this.source = diagnosticSource;
    this.code = { value: finding.rule, target: ruleDocsUri(finding.rule) };
  }
}

export function toDiagnostic(doc: OffsetDocument, finding: Finding, siteId: string, severity?: Severity): FindingDiagnostic {
  const d = new FindingDiagnostic(toRange(doc, finding.span), finding, siteId);
  if (severity) d.severity = toSeverity(severity);
  return d;
}

export function toWorkspaceEdit(doc: OffsetDocument, fix: Fix): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of fix.edits) edit.replace(doc.uri, toRange(doc, e.span), e.newText);
  return edit;
}

/** A `promptmeter.yaml` problem (1-based lines and columns from core) as a diagnostic at its exact place. */
export function configProblemToDiagnostic(p: ConfigProblem): vscode.Diagnostic {
  const range = new vscode.Range(p.line - 1, p.column - 1, p.endLine - 1, p.endColumn - 1);
  const d = new vscode.Diagnostic(range, p.message, toSeverity(p.severity));
  d.source = diagnosticSource;
  if (p.path) d.code = p.path;
  return d;
}
