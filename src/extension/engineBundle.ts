/**
 * Everything the extension needs from core, behind one module that activation never loads:
 * zod, yaml, the price table, tokenizers, detection and the report. The Node build emits it as
 * `dist/engine.js` (required on first use); the web build keeps it in the same file, initialised
 * on first use. Reach it only through `lazyCore()`.
 */
export { Engine } from './engine';
export { emptyWorkspaceConfig, parseSettings, parseWorkspaceConfig, settingsSchema } from '../core/config';
export { suppressionFix } from '../core/rules';
export { registerReportCommand } from './report/command';
