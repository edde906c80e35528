/**
 * Nothing leaves the machine: the CLI runs in child processes whose every network entry point
 * records and throws (denyNetwork.ts, loaded with `node -r`), and the sources of core, the CLI
 * and the extension contain no network client and no telemetry.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { getEncoding } from 'js-tiktoken';
import { reportCsp } from '../../../src/core/report';

const root = join(__dirname, '..', '..', '..', '..');
const preload = join(__dirname, 'denyNetwork.js');
const cli = join(root, 'dist', 'cli.js');

function guarded(args: string[], input?: string): { status: number | null; stdout: string; stderr: string; attempts: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'pm-privacy-'));
  const log = join(dir, 'net.log');
  try {
    const r = spawnSync(process.execPath, ['-r', preload, ...args], {
      cwd: root,
      encoding: 'utf8',
      input,
      timeout: 120_000,
      maxBuffer: 128 * 1024 * 1024,
      // No proxy variables: a request must not even be tempted.
      env: { PATH: process.env.PATH ?? '', PROMPTMETER_NET_LOG: log, HOME: dir },
    });
    const attempts = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, attempts };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('privacy: no network request', function () {
  this.timeout(240_000);

  it('the guard itself records and refuses fetch, http, https, net, tls, dns and UDP', () => {
    const script = `
      const tries = [
        () => fetch('http://example.com/'),
        () => require('node:http').get('http://example.com/'),
        () => require('node:https').request('https://example.com/'),
        () => require('node:net').connect(80, 'example.com'),
        () => new (require('node:net').Socket)().connect(443, '93.184.215.14'),
        () => require('node:tls').connect(443, 'example.com'),
        () => require('node:dns').lookup('example.com', () => {}),
        () => require('node:dns').promises.lookup('example.com'),
        () => require('node:dgram').createSocket('udp4'),
      ];
      let refused = 0;
      for (const t of tries) { try { t(); } catch { refused++; } }
      process.stdout.write(String(refused));`;
    const r = guarded(['-e', script]);
    assert.equal(r.stdout, '9', r.stderr);
    assert.equal(r.attempts.length, 9, r.attempts.join('\n'));
  });

  const runs: [string, string[]][] = [
    ['scan of the example workspace', ['scan', 'examples/workspace', '--format', 'json']],
    ['scan of the detection corpus', ['scan', 'test/fixtures/corpus', '--format', 'json']],
    ['html report of the example workspace', ['scan', 'examples/workspace', '--format', 'html']],
    ['sarif of the corpus', ['scan', 'test/fixtures/corpus', '--format', 'sarif']],
    ['check of the example workspace', ['check', 'examples/workspace']],
    ['models', ['models']],
    ['price', ['price', '--model', 'gpt-4o', '--input', '1000', '--output', '100']],
  ];
  for (const [name, args] of runs) {
    it(`the CLI attempts nothing: ${name}`, () => {
      const r = guarded([cli, ...args]);
      assert.deepEqual(r.attempts, [], `network attempts:\n${r.attempts.join('\n')}`);
      assert.ok(r.status === 0 || (args[0] === 'check' && r.status === 1), `exit ${r.status}: ${r.stderr}`);
      assert.ok(r.stdout.length + r.stderr.length > 0, 'the command produced output, so it really ran');
      if (args.includes('json')) assert.ok(JSON.parse(r.stdout).sites.length > 0, 'the scan found sites');
    });
  }

  it('the CLI attempts nothing: tokens from stdin', () => {
    const r = guarded([cli, 'tokens', '-', '--model', 'gpt-4o', '--json'], 'Hello, world! '.repeat(100));
    assert.deepEqual(r.attempts, []);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).tokens, getEncoding('o200k_base').encode('Hello, world! '.repeat(100)).length, 'it really counted');
  });
});

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const abs = join(dir, name);
    if (statSync(abs).isDirectory()) out.push(...sources(abs));
    else if (/\.(ts|js|mjs|html)$/.test(name)) out.push(abs);
  }
  return out;
}

/** Source without comments, so a sentence about fetch in a doc comment does not count. */
function code(abs: string): string {
  return readFileSync(abs, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');
}

const NETWORK_CLIENTS = /\bfetch\s*\(|XMLHttpRequest|\bWebSocket\b|sendBeacon|\bEventSource\b|importScripts/;
const TELEMETRY = /telemetry|applicationinsights|createTelemetryLogger|TelemetryReporter|sentry|posthog|segment\.io|mixpanel/i;
const NETWORK_MODULES = /from\s+'(node:)?(http|https|http2|net|tls|dgram|dns|undici)'|require\(\s*'(node:)?(http|https|http2|net|tls|dgram|dns|undici)'/;

describe('privacy: sources hold no network client and no telemetry', () => {
  for (const area of ['src/core', 'src/cli', 'src/extension']) {
    it(`${area}: no fetch / XMLHttpRequest / WebSocket, no network module, no telemetry`, () => {
      const files = sources(join(root, area));
      assert.ok(files.length > 3, `found the sources of ${area}`);
      for (const f of files) {
        const text = code(f);
        const rel = relative(root, f);
        assert.doesNotMatch(text, NETWORK_CLIENTS, `${rel} holds a network client`);
        assert.doesNotMatch(text, NETWORK_MODULES, `${rel} imports a network module`);
        assert.doesNotMatch(text, TELEMETRY, `${rel} mentions telemetry`);
      }
    });
  }

  it('the guard patterns do catch what they look for', () => {
    assert.match("await fetch('https://x')", NETWORK_CLIENTS);
    assert.match("import * as https from 'node:https';", NETWORK_MODULES);
    assert.match("vscode.env.createTelemetryLogger(sender)", TELEMETRY);
  });

  it('the package declares no telemetry dependency', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    for (const dep of Object.keys(pkg.dependencies ?? {})) assert.doesNotMatch(dep, TELEMETRY);
  });

  it('the HTML report allows no remote resource or connection', () => {
    for (const csp of [reportCsp({}), reportCsp({ nonce: 'abc' })]) {
      assert.match(csp, /default-src 'none'/);
      assert.doesNotMatch(csp, /connect-src|https?:|\*/);
    }
  });
});
