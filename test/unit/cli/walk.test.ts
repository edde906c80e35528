import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { walkFiles } from '../../../src/cli/walk';

function tree(root: string, files: Record<string, string>): void {
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), text);
  }
}

describe('walkFiles', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'pm-walk-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('lists exactly the files git does not ignore (git itself is the reference)', async () => {
    tree(root, {
      '.gitignore': '*.log\nbuild/\n/top-only.txt\ndocs/**/*.tmp\n!keep.log\ngen/\n',
      'a.ts': '', 'x.log': '', 'keep.log': '', 'top-only.txt': '',
      'sub/top-only.txt': '', 'sub/y.log': '', 'sub/build/out.js': '',
      'build/z.js': '', 'docs/a/b/c.tmp': '', 'docs/a/b/c.md': '',
      'pkg/.gitignore': '*.py\n!main.py\n/local/\n',
      'pkg/a.py': '', 'pkg/main.py': '', 'pkg/local/x.ts': '', 'pkg/deep/local/y.ts': '',
      'gen/keep.ts': '', 'name with space.ts': '', 'node_modules/lib/index.js': '',
    });
    execFileSync('git', ['init', '-q'], { cwd: root });
    const gitList = execFileSync('git', ['ls-files', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
      .split('\n').filter(Boolean).map((l) => l.replace(/^"|"$/g, ''))
      .filter((p) => !p.startsWith('node_modules/')).sort();
    const ours = (await walkFiles(root)).files.map((f) => f.path);
    assert.deepEqual(ours, gitList);
    assert.ok(ours.includes('keep.log') && ours.includes('pkg/main.py') && ours.includes('pkg/deep/local/y.ts'));
    assert.ok(!ours.includes('pkg/local/x.ts') && !ours.includes('gen/keep.ts'));
  });

  it('skips node_modules and .git, and filters with accept', async () => {
    tree(root, { 'node_modules/x/a.ts': '', '.git/HEAD': '', 'src/a.ts': 'x', 'src/b.md': '' });
    const r = await walkFiles(root, { accept: (p) => p.endsWith('.ts') });
    assert.deepEqual(r.files.map((f) => [f.path, f.size]), [['src/a.ts', 1]]);
  });

  it('lists the same files without a stat each when sizes are not asked for (links still report theirs)', async () => {
    tree(root, { '.gitignore': '*.log\n', 'src/a.ts': 'abc', 'src/b.log': 'x', 'c.py': 'pass\n' });
    symlinkSync(join(root, 'src/a.ts'), join(root, 'alias.ts'));
    const r = await walkFiles(root, { sizes: false });
    assert.deepEqual(r.files.map((f) => [f.path, f.size]), [['.gitignore', -1], ['alias.ts', 3], ['c.py', -1], ['src/a.ts', -1]]);
  });

  it('lists an unreadable folder under errors and goes on', async function () {
    if (process.getuid?.() === 0) this.skip(); // root reads everything
    tree(root, { 'locked/a.ts': '', 'ok.ts': '' });
    chmodSync(join(root, 'locked'), 0o000);
    try {
      const r = await walkFiles(root);
      assert.deepEqual(r.files.map((f) => f.path), ['ok.ts']);
      assert.match(r.errors[0]!.message, /permission denied/);
    } finally {
      chmodSync(join(root, 'locked'), 0o755);
    }
  });

  it('does not follow links to folders (no cycles) but lists links to files', async () => {
    tree(root, { 'src/a.ts': 'abc' });
    symlinkSync(root, join(root, 'src/loop'));
    symlinkSync(join(root, 'src/a.ts'), join(root, 'alias.ts'));
    const r = await walkFiles(root);
    assert.deepEqual(r.files.map((f) => [f.path, f.size]), [['alias.ts', 3], ['src/a.ts', 3]]);
  });
});
