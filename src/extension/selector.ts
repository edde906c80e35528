import type * as vscode from 'vscode';
import { sourceLanguages, templateLanguages } from './ids';

/**
 * Documents the providers are asked about: the served languages, template languages, and
 * template files whatever language another extension gives them. `Analysis.handles` makes the
 * final call (template globs come from settings).
 */
export const documentSelector: vscode.DocumentSelector = [
  ...[...sourceLanguages, ...templateLanguages].map((language) => ({ language })),
  { pattern: '**/*.{prompty,prompt}' },
  { pattern: '**/*.prompt.{yml,yaml,md}' },
  { pattern: '**/prompts/**' },
];
