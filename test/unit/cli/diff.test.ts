import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CostDiff } from '../../../src/core/report';
import { PROJECT, runCli, writeTree } from './cliHarness';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
}

describe('promptmeter diff', function () {
  this.timeout(60_000);
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'pm-diff-'));
    writeTree(root, { ...PROJECT, 'src/old.ts': "import OpenAI from 'openai';\nconst c = new OpenAI();\nc.chat.completions.create({ model: 'gpt-4o-mini', max_completion_tokens: 100, messages: [{ role: 'user', content: 'Old feature.' }] });\n" });
    git(root, 'init', '-q');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'base');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function change(): void {
    // the chat call runs twice as often, a call is removed and one is added
    const chat = join(root, 'src/chat.ts');
    writeFileSync(chat, readFileSync(chat, 'utf8').replace('1000/month', '2000/month'));
    unlinkSync(join(root, 'src/old.ts'));
    writeTree(root, { 'src/new.ts': "import Anthropic from '@anthropic-ai/sdk';\nconst a = new Anthropic();\na.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 200, messages: [{ role: 'user', content: 'New feature.' }] });\n" });
  }

  it('lists added, removed and changed sites with their monthly deltas, against HEAD', async () => {
    const before = await runCli(['scan', '.'], root);
    change();
    const status = git(root, 'status', '--porcelain');
    const r = await runCli(['diff', '.', '--base', 'HEAD', '--format', 'json'], root);
    assert.equal(r.code, 0, r.stderr);
    const d: CostDiff = JSON.parse(r.stdout);
    assert.deepEqual(d.added.map((s) => s.file), ['src/new.ts']);
    assert.deepEqual(d.removed.map((s) => s.file), ['src/old.ts']);
    assert.deepEqual(d.changed.map((c) => c.after.file), ['src/chat.ts']);
    const c = d.changed[0]!;
    assert.equal(c.before.callsPerMonth, 1000);
    assert.equal(c.after.callsPerMonth, 2000);
    // twice the calls: the delta equals the old monthly cost
    assert.ok(Math.abs(c.monthlyCostDelta - c.before.monthlyCost!) < 1e-9);
    const expected = c.monthlyCostDelta + d.added[0]!.monthlyCost! - d.removed[0]!.monthlyCost!;
    assert.ok(Math.abs(d.monthlyCostDelta - expected) < 1e-6, `${d.monthlyCostDelta} vs ${expected}`);
    // the base side equals a scan made before the change
    assert.equal(d.base.monthlyCost, JSON.parse(before.stdout).totals.monthlyCost);
    // the working tree and the index are untouched
    assert.equal(git(root, 'status', '--porcelain'), status);
  });

  it('prints Markdown for a pull-request comment by default', async () => {
    change();
    const r = await runCli(['diff', root, '--base', 'HEAD'], '/');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^## Promptmeter: LLM cost change against `HEAD`/);
    assert.match(r.stdout, /\| added \| `src\/new\.ts:3` \|/);
    assert.match(r.stdout, /\| removed \| `src\/old\.ts:3` \|/);
    assert.match(r.stdout, /\| changed \| `src\/chat\.ts:5` \|.*1,000 → 2,000 calls\/month/);
  });

  it('compares a subfolder of the repository with the same folder at the revision', async () => {
    change();
    const r = await runCli(['diff', 'src', '--base', 'HEAD', '--format', 'json'], root);
    assert.equal(r.code, 0, r.stderr);
    const d: CostDiff = JSON.parse(r.stdout);
    assert.deepEqual(d.added.map((s) => s.file), ['new.ts']);
    assert.deepEqual(d.changed.map((c) => c.after.file), ['chat.ts']);
  });

  it('writes SARIF paths relative to the repository when scanning a subfolder', async () => {
    const r = await runCli(['scan', 'src', '--format', 'sarif'], root);
    assert.equal(r.code, 0, r.stderr);
    const uris = JSON.parse(r.stdout).runs[0].results.map((x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.locations[0]!.physicalLocation.artifactLocation.uri);
    assert.ok(uris.includes('src/chat.ts'), JSON.stringify(uris));
  });

  it('leaves no temporary folder behind', async () => {
    const mine = () => readdirSync(tmpdir()).filter((n) => n.startsWith('promptmeter-diff-')).sort();
    const before = mine();
    await runCli(['diff', root, '--base', 'HEAD'], '/');
    assert.deepEqual(mine(), before);
  });

  it('exits 2 without --base, on an unknown revision, or outside a repository', async () => {
    assert.equal((await runCli(['diff', root], '/')).code, 2);
    const bad = await runCli(['diff', root, '--base', 'no-such-branch'], '/');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown git revision 'no-such-branch'/);
    const plain = mkdtempSync(join(tmpdir(), 'pm-plain-'));
    try {
      assert.equal((await runCli(['diff', plain, '--base', 'HEAD'], '/')).code, 2);
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });
});
