import { registerCommand } from '../main';

// One line per verb; the module is imported only when the verb runs.
registerCommand('tokens', 'count the tokens of a file or stdin for a model', async () => (await import('./tokens')).tokens);
registerCommand('models', 'list every priced model with prices, limits, source and date', async () => (await import('./models')).models);
registerCommand('price', 'price one call from token counts', async () => (await import('./price')).price);
registerCommand('scan', 'every LLM call site and template under a folder, priced (json, md, csv, sarif, html)', async () => (await import('./scan')).scan);
registerCommand('check', 'exit 1 on findings at or above a level or an exceeded budget (the CI gate)', async () => (await import('./check')).check);
registerCommand('diff', 'cost change per call site against a git revision, for a pull-request comment', async () => (await import('./diff')).diff);
