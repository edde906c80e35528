import { registerCommand } from '../main';

// One line per verb; the module is imported only when the verb runs.
registerCommand('tokens', 'count the tokens of a file or stdin for a model', async () => (await import('./tokens')).tokens);
registerCommand('models', 'list every priced model with prices, limits, source and date', async () => (await import('./models')).models);
registerCommand('price', 'price one call from token counts', async () => (await import('./price')).price);
