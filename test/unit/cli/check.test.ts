import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT, runCli, writeTree } from './cliHarness';

describe('promptmeter check', function () {
  this.timeout(60_000);
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'pm-check-'));
    writeTree(root, PROJECT);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('passes by default when the only findings are warnings', async () => {
    const r = await runCli(['check', root], '/');
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.stdout, '');
    // unreadable files are reported, not failed
    assert.match(r.stderr, /src\/blob\.ts: .*binary/);
  });

  it('fails at --fail-on warning with one file:line:col RULE message line per failure', async () => {
    const r = await runCli(['check', root, '--fail-on', 'warning'], '/');
    assert.equal(r.code, 1);
    const lines = r.stdout.trim().split('\n');
    assert.ok(lines.every((l) => /^[^\s:]+:\d+:\d+ PM00\d \S/.test(l)), r.stdout);
    assert.ok(lines.some((l) => l.startsWith('src/chat.ts:5:') && l.includes(' PM001 ')), r.stdout);
  });

  it('fails when the monthly total is over --budget, and passes under a generous one', async () => {
    const low = await runCli(['check', root, '--budget', '0.000001'], '/');
    assert.equal(low.code, 1);
    assert.match(low.stdout, /^budget: the monthly total \$[\d.,]+ is over --budget \$0\.000001/m);
    assert.equal((await runCli(['check', root, '--budget', '1000000'], '/')).code, 0);
  });

  it('fails on a budget of promptmeter.yaml (PM008) whatever its severity', async () => {
    writeFileSync(join(root, 'promptmeter.yaml'), 'version: 1\nbudgets:\n  workspace:\n    monthly: 0.000001\n');
    const r = await runCli(['check', root], '/');
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /:\d+:\d+ PM008 /);
  });

  it('exits 2 on an error in promptmeter.yaml, naming its place', async () => {
    writeFileSync(join(root, 'promptmeter.yaml'), 'version: 1\nfeatures: [\n');
    const r = await runCli(['check', root], '/');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^promptmeter\.yaml:\d+:\d+ error: /m);
  });

  it('exits 2 on usage errors', async () => {
    assert.equal((await runCli(['check', root, '--fail-on', 'fatal'], '/')).code, 2);
    assert.equal((await runCli(['check', root, '--budget', 'lots'], '/')).code, 2);
    assert.equal((await runCli(['check', root, '--config', join(root, 'missing.yaml')], '/')).code, 2);
    assert.equal((await runCli(['check', root, '--frobnicate'], '/')).code, 2);
  });
});
