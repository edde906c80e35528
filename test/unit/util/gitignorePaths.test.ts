import * as assert from 'node:assert/strict';
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
