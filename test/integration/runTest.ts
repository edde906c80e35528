/**
 * Runs the integration suite in a real VS Code through `@vscode/test-electron`'s `runTests`, on
 * the engines minimum (1.96) and on a current VS Code. Where `test/host/setup.sh` installed the
 * local hosts, `vscodeExecutablePath` is the `test/host/code` shim (no download is possible
 * here); elsewhere `runTests` downloads the same versions.
 *
 *   node out/test/integration/runTest.js [min] [cur]     (default: both)
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

const repo = path.resolve(__dirname, '../../..');
const hostDir = process.env.PM_HOST_DIR ?? path.join(repo, '.cache/vscode-host');
const hosts = {
  min: { codeServer: '4.96.4', download: '1.96.4' },
  cur: { codeServer: '4.139.1', download: 'stable' },
} as const;
type HostName = keyof typeof hosts;

interface Summary { vscode: string; passes: string[]; failures: { title: string; error: string }[] }

async function runOn(name: HostName, workspace: string): Promise<boolean> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-it-'));
  const resultFile = path.join(tmp, 'result.json');
  const local = fs.existsSync(path.join(hostDir, `code-server-${hosts[name].codeServer}`, '.setup-complete'));
  const t0 = Date.now();
  let ok = true;
  try {
    await runTests({
      ...(local ? { vscodeExecutablePath: path.join(repo, 'test/host/code') } : { version: hosts[name].download }),
      extensionDevelopmentPath: repo,
      extensionTestsPath: path.join(__dirname, 'index.js'),
      // A fresh profile each run: nothing from an earlier run (or the user) leaks in.
      launchArgs: [workspace, `--user-data-dir=${path.join(tmp, 'user-data')}`, `--extensions-dir=${path.join(tmp, 'extensions')}`,
        '--disable-extensions'],
      extensionTestsEnv: { PM_VSCODE_HOST: name, PM_TEST_RESULT: resultFile },
    });
  } catch (e) {
    ok = false;
    console.error(`[integration ${name}]`, (e as Error).message);
  }
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (fs.existsSync(resultFile)) {
    const r = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as Summary;
    console.log(`[integration ${name}] VS Code ${r.vscode}: ${r.passes.length} passed, ${r.failures.length} failed in ${secs}s`);
    ok = ok && r.failures.length === 0 && r.passes.length > 0;
  } else {
    console.error(`[integration ${name}] the suite wrote no result after ${secs}s`);
    ok = false;
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  return ok;
}

async function main(): Promise<void> {
  const wanted = (process.argv.slice(2).length ? process.argv.slice(2) : ['min', 'cur']) as HostName[];
  for (const h of wanted) if (!(h in hosts)) throw new Error(`unknown host ${h} (min|cur)`);
  const workspace = path.join(repo, 'test/fixtures/workspaces/basic');
  let ok = true;
  for (const h of wanted) ok = (await runOn(h, workspace)) && ok;
  process.exit(ok ? 0 : 1);
}

void main();
