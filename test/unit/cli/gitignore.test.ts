import * as assert from 'node:assert/strict';
import { isIgnored, parseGitignore, type IgnoreLayer } from '../../../src/core/util/gitignore';

function ignored(gitignore: string, path: string, isDir = false): boolean {
  return isIgnored(path, isDir, [{ base: '', rules: parseGitignore(gitignore) }]);
}

describe('gitignore matcher', () => {
  it('matches a bare name at any depth', () => {
    assert.equal(ignored('*.log', 'a.log'), true);
    assert.equal(ignored('*.log', 'deep/er/a.log'), true);
    assert.equal(ignored('*.log', 'a.log.txt'), false);
    assert.equal(ignored('build', 'x/build', true), true);
  });

  it('anchors patterns that hold a slash', () => {
    assert.equal(ignored('/dist', 'dist', true), true);
    assert.equal(ignored('/dist', 'sub/dist', true), false);
    assert.equal(ignored('doc/*.txt', 'doc/a.txt'), true);
    assert.equal(ignored('doc/*.txt', 'doc/sub/a.txt'), false);
    assert.equal(ignored('doc/*.txt', 'x/doc/a.txt'), false);
  });

  it('applies a trailing slash to directories only', () => {
    assert.equal(ignored('cache/', 'cache', true), true);
    assert.equal(ignored('cache/', 'cache', false), false);
  });

  it('supports ** in front, at the end and inside', () => {
    assert.equal(ignored('**/tmp', 'a/b/tmp', true), true);
    assert.equal(ignored('logs/**', 'logs/a/b.txt'), true);
    assert.equal(ignored('logs/**', 'logs', true), false);
    assert.equal(ignored('a/**/b', 'a/b'), true);
    assert.equal(ignored('a/**/b', 'a/x/y/b'), true);
    assert.equal(ignored('a/**/b', 'c/a/x/b'), false);
  });

  it('lets a later negation re-include, and the last match win', () => {
    const g = '*.txt\n!keep.txt\n';
    assert.equal(ignored(g, 'drop.txt'), true);
    assert.equal(ignored(g, 'keep.txt'), false);
    assert.equal(ignored('!keep.txt\n*.txt\n', 'keep.txt'), true);
  });

  it('handles comments, escapes, classes and ? ', () => {
    const g = '# comment\n\\#hash\n\\!bang\nfile[0-9].js\nx?.py\ntrailing   \n';
    assert.equal(ignored(g, '#hash'), true);
    assert.equal(ignored(g, '!bang'), true);
    assert.equal(ignored(g, 'file7.js'), true);
    assert.equal(ignored(g, 'filex.js'), false);
    assert.equal(ignored(g, 'xy.py'), true);
    assert.equal(ignored(g, 'x/y.py'), false);
    assert.equal(ignored(g, 'trailing'), true);
    assert.equal(ignored('[!a]b', 'cb'), true);
    assert.equal(ignored('[!a]b', 'ab'), false);
  });

  it('lets a nested .gitignore override the root one, relative to its folder', () => {
    const layers: IgnoreLayer[] = [
      { base: '', rules: parseGitignore('*.gen.ts\n') },
      { base: 'pkg', rules: parseGitignore('!keep.gen.ts\n/local\n') },
    ];
    assert.equal(isIgnored('pkg/a.gen.ts', false, layers), true);
    assert.equal(isIgnored('pkg/keep.gen.ts', false, layers), false);
    assert.equal(isIgnored('keep.gen.ts', false, layers), true);
    assert.equal(isIgnored('pkg/local', true, layers), true);
    assert.equal(isIgnored('local', true, layers), false);
  });
});
