// Accepts the command line @vscode/test-electron spawns (--extensionDevelopmentPath=,
// --extensionTestsPath=, --user-data-dir=, --extensions-dir=, a folder; Electron-only flags are
// ignored), starts the VS Code server shipped in code-server on a free loopback port, opens the
// workbench in headless Chromium with the development extension and the tests module in the URL's
// `payload` (how VS Code's own web tests pass them), and exits with the suite's status. Every
// process it starts is stopped through its process group, also on failure or Ctrl+C.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import util from 'node:util';
import { spawn, spawnSync } from 'node:child_process';
import {
  CHROMIUM_ARGS, HOST_DIR, OFFLINE_GALLERY, freePort, loadPlaywright, loopbackOnly, resolveHost, stopGroup,
  waitForHttp, writeSettings,
} from './hosts.mjs';

const opts = { dev: [], tests: '', udd: '', extDir: '', folder: '' };
for (const a of process.argv.slice(2)) {
  const [k, v] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, ''];
  if (k === '--extensionDevelopmentPath') opts.dev.push(v);
  else if (k === '--extensionTestsPath') opts.tests = v;
  else if (k === '--user-data-dir') opts.udd = v;
  else if (k === '--extensions-dir') opts.extDir = v;
  else if (a === '--version') { console.log(resolveHost().vscode); process.exit(0); }
  else if (!a.startsWith('-') && !opts.folder) opts.folder = a;
}
if (opts.dev.length !== 1 || !opts.tests) {
  console.error('[shim] need exactly one --extensionDevelopmentPath and an --extensionTestsPath');
  process.exit(2);
}

const host = resolveHost();
const run = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-vscode-'));
const udd = opts.udd || path.join(run, 'user-data');
const extDir = opts.extDir || path.join(run, 'extensions');
writeSettings(udd);
fs.mkdirSync(extDir, { recursive: true });
fs.mkdirSync(path.join(run, 'tmp'));
// The lifecycle suite alone opens and analyses 1,000 documents (2-3 min on a loaded machine).
const timeoutMs = Number(process.env.PM_TEST_TIMEOUT_MS || 600000);
// Workbench chatter that says nothing about the suite: socket set-up, the (deliberately closed)
// gallery, the service worker code-server's bare server does not serve, and their stack frames.
const NOISE = /Creating a socket|connection token|127\.0\.0\.1:9\/|ECONNREFUSED 127\.0\.0\.1:9|ServiceWorker|builtin extensions cache|\[AgentHost\]|ChatModelSelection|^\s+at /;
const log = (...a) => console.log(`[shim ${host.vscode}]`, ...a);

let server, context, finished = false;
async function cleanup() {
  try { await context?.close(); } catch { /* already gone */ }
  await stopGroup(server);
  fs.rmSync(run, { recursive: true, force: true });
}
async function finish(code) {
  if (finished) return;
  finished = true;
  await cleanup();
  process.exit(code);
}
process.on('SIGINT', () => void finish(130));
process.on('SIGTERM', () => void finish(143));

try {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const logFd = fs.openSync(path.join(run, 'server.log'), 'w');
  // --enable-smoke-test-driver: from some version on (1.139 yes, 1.96 no) a built workbench honours
  // the payload's test paths only with it; code-server's own CLI rejects the flag, hence the bare server.
  server = spawn(host.node, [host.serverMain, '--host', '127.0.0.1', '--port', String(port),
    '--without-connection-token', '--accept-server-license-terms', '--enable-smoke-test-driver',
    '--disable-workspace-trust', '--telemetry-level', 'off', '--server-data-dir', path.join(run, 'server-data'),
    '--user-data-dir', udd, '--extensions-dir', extDir], {
    detached: true, stdio: ['ignore', logFd, logFd],
    // The environment reaches the extension host (the suite reads PM_TEST_RESULT etc. from it);
    // the server leaves its sockets in TMPDIR, so each run gets its own.
    env: { ...process.env, TMPDIR: path.join(run, 'tmp'), EXTENSIONS_GALLERY: OFFLINE_GALLERY },
  });
  await waitForHttp(`${base}/`, server);
  log(`server up on ${base} (pid ${server.pid}, node ${spawnSync(host.node, ['--version']).stdout.toString().trim()})`);

  const { chromium } = await loadPlaywright();
  context = await chromium.launchPersistentContext(path.join(run, 'chromium'), {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
    viewport: { width: 1400, height: 900 }, args: CHROMIUM_ARGS,
  });
  await loopbackOnly(context, log);
  const page = context.pages()[0] || await context.newPage();
  let exit;
  const exited = new Promise((r) => { exit = r; });
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const line = util.format(...(Array.isArray(args) ? args : [args]));
    if (!NOISE.test(line)) (type === 'error' ? console.error : console.log)(line);
  });
  await page.exposeFunction('codeAutomationExit', (code) => exit(Number(code)));
  page.on('pageerror', (e) => console.error('[page error]', e.message));

  const authority = new URL(base).host;
  const remote = (p) => `vscode-remote://${authority}${path.resolve(p)}`;
  const payload = [['extensionDevelopmentPath', remote(opts.dev[0])], ['extensionTestsPath', remote(opts.tests)]];
  const where = opts.folder ? `folder=${encodeURIComponent(path.resolve(opts.folder))}` : 'ew=true';
  await page.goto(`${base}/?${where}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
  const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), timeoutMs))]);
  if (code !== 0) {
    const shot = path.join(HOST_DIR, `last-failure-${host.name}.png`);
    await page.screenshot({ path: shot }).catch(() => {});
    fs.copyFileSync(path.join(run, 'server.log'), path.join(HOST_DIR, `last-failure-${host.name}-server.log`));
    log(code === 'timeout' ? `no exit status within ${timeoutMs} ms` : `suite failed (${code})`, `— see ${shot}`);
  }
  await finish(code === 'timeout' ? 1 : code);
} catch (e) {
  console.error('[shim]', e?.stack || e);
  try { fs.copyFileSync(path.join(run, 'server.log'), path.join(HOST_DIR, `last-failure-${host.name}-server.log`)); } catch { /* no log */ }
  await finish(1);
}
