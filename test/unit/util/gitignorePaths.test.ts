import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { isPathIgnored, parseGitignore, type IgnoreLayer } from '../../../src/core/util/gitignore';
import { sizeSkipReason, textSkipReason } from '../../../src/core/util/textFile';

describe('isPathIgnored (a flat list of paths, as findFiles gives)', () => {
  const layers: IgnoreLayer[] = [
    { base: '', rules: parseGitignore('generated/\n*.log\n!keep.log\n') },
    { base: 'pkg', rules: parseGitignore('/local.ts\n') },
  ];

  it('ignores files under an ignored folder, even when a later rule would re-include them', () => {
    assert.equal(isPathIgnored('generated/a.ts', layers), true);
    assert.equal(isPathIgnored('src/generated/deep/a.ts', layers), true);
    // git never enters generated/, so `!keep.log` cannot bring this back
    assert.equal(isPathIgnored('generated/keep.log', layers), true);
    assert.equal(isPathIgnored('src/keep.log', layers), false);
    assert.equal(isPathIgnored('src/a.log', layers), true);
  });

  it('applies a nested .gitignore relative to its folder only', () => {
    assert.equal(isPathIgnored('pkg/local.ts', layers), true);
    assert.equal(isPathIgnored('pkg/sub/local.ts', layers), false);
    assert.equal(isPathIgnored('local.ts', layers), false);
  });

  it('a file named like an ignored folder is not ignored by a folder-only rule', () => {
    assert.equal(isPathIgnored('generated', layers), false);
  });
});

describe('textSkipReason', () => {
  it('lists binary, huge and minified files, not ordinary source', () => {
    const enc = new TextEncoder();
    assert.match(textSkipReason(new Uint8Array([0x7f, 0x45, 0x00, 0x01]), null)!, /binary/);
    assert.match(sizeSkipReason(3 * 1024 * 1024)!, /3\.0 MB is over the 2 MB limit/);
    const minified = 'var a=1;'.repeat(4000); // 32,000 characters on one line
    assert.match(textSkipReason(enc.encode(minified), minified)!, /minified or generated \(average line 32000 characters\)/);
    const source = 'const a = 1;\n'.repeat(4000);
    assert.equal(textSkipReason(enc.encode(source), source), null);
  });
});

describe('isPathIgnored against git (nested .gitignore files, as the report lists them)', function () {
  this.timeout(30_000);
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'pm-ignore-'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('keeps exactly the files git lists', () => {
    const files: Record<string, string> = {
      '.gitignore': '*.log\nbuild/\n/top.txt\n!keep.log\n',
      'top.txt': '', 'a/top.txt': '', 'x.log': '', 'keep.log': '', 'a/b/c.log': '',
      'pkg/.gitignore': '*.py\n!main.py\n/local/\ngen/\n',
      'pkg/a.py': '', 'pkg/main.py': '', 'pkg/local/x.ts': '', 'pkg/deep/local/y.ts': '', 'pkg/gen/keep.ts': '',
      'pkg/sub/.gitignore': '!*.py\n*.ts\n', 'pkg/sub/z.py': '', 'pkg/sub/z.ts': '', 'pkg/sub/build/q.md': '',
      'pkg10/a.py': '', 'pkg10/local/x.ts': '', 'build/out.js': '', 'src/build.ts': '',
    };
    for (const [p, t] of Object.entries(files)) {
      mkdirSync(dirname(join(root, p)), { recursive: true });
      writeFileSync(join(root, p), t);
    }
    execFileSync('git', ['init', '-q'], { cwd: root });
    const git = execFileSync('git', ['ls-files', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean).sort();
    const layers: IgnoreLayer[] = Object.keys(files)
      .filter((p) => p.endsWith('.gitignore'))
      .map((p) => ({ base: p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '', rules: parseGitignore(files[p]!) }))
      .sort((a, b) => a.base.split('/').length - b.base.split('/').length);
    const ours = Object.keys(files).filter((p) => !isPathIgnored(p, layers)).sort();
    assert.deepEqual(ours, git);
    assert.ok(ours.includes('pkg/sub/z.py') && ours.includes('pkg10/local/x.ts') && !ours.includes('pkg/gen/keep.ts'));
  });

  it('judges 20,000 files under 300 .gitignore files in far less than a second of CPU', () => {
    const layers: IgnoreLayer[] = [{ base: '', rules: parseGitignore('node_modules/\ndist/\n*.log\n') }];
    for (let p = 0; p < 300; p++) layers.push({ base: `packages/p${p}`, rules: parseGitignore('build/\n*.tmp\n!keep.tmp\n/local/\n') });
    const paths = Array.from({ length: 20_000 }, (_, i) => `packages/p${i % 300}/${i % 2 ? 'build' : 'src'}/sub${i % 7}/file${i}.ts`);
    const t0 = process.cpuUsage();
    const kept = paths.filter((p) => !isPathIgnored(p, layers)).length;
    const t = process.cpuUsage(t0);
    assert.equal(kept, 10_000); // the odd ones are under a build/ folder
    // every folder of every file judged against all 300 layers took 6 s of CPU on the test machine
    assert.ok((t.user + t.system) / 1000 < 1500, `${(t.user + t.system) / 1000} ms`);
  });
});
