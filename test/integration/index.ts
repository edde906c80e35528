/**
 * The tests module `@vscode/test-electron` loads inside the extension host: `run()` executes
 * every `suite/*.test.js` with mocha and settles when they finish. When `PM_TEST_RESULT` names a
 * file, a JSON summary is written there for the runner to print.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

// mocha 12 is an ES module with a CommonJS build beside it; the extension host loads tests with require().
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Mocha: typeof import('mocha') = require('mocha/lib/mocha.cjs');

interface Summary {
  vscode: string;
  passes: string[];
  failures: { title: string; error: string }[];
  durationMs: number;
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60000, color: false, reporter: 'spec' });
  const grep = process.env.PM_TEST_GREP;
  if (grep) mocha.grep(grep);
  const dir = path.join(__dirname, 'suite');
  for (const f of fs.readdirSync(dir).sort()) if (f.endsWith('.test.js')) mocha.addFile(path.join(dir, f));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const vscodeVersion = (require('vscode') as typeof import('vscode')).version;
  const summary: Summary = { vscode: vscodeVersion, passes: [], failures: [], durationMs: 0 };
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      summary.durationMs = Date.now() - t0;
      const out = process.env.PM_TEST_RESULT;
      if (out) fs.writeFileSync(out, JSON.stringify(summary, null, 2));
      if (failures) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
    runner.on('pass', (t) => summary.passes.push(t.fullTitle()));
    runner.on('fail', (t, err: Error) => summary.failures.push({ title: t.fullTitle(), error: String(err?.stack ?? err) }));
  });
}
