import * as assert from 'node:assert/strict';
import { globSpecificity, globToRegExp, matchesAny, normalizePath } from '../../../src/core/util/glob';

function m(glob: string, path: string): boolean {
  return globToRegExp(glob).test(path);
}

describe('globToRegExp', () => {
  it('`*` stays within one segment and matches dotfiles', () => {
    assert.equal(m('*.ts', 'a.ts'), true);
    assert.equal(m('*.ts', '.eslintrc.ts'), true);
    assert.equal(m('*.ts', 'src/a.ts'), false);
    assert.equal(m('src/*.ts', 'src/a.ts'), true);
    assert.equal(m('src/*.ts', 'src/x/a.ts'), false);
    assert.equal(m('src/a*z', 'src/az'), true);
    assert.equal(m('src/a*z', 'src/a/z'), false);
  });

  it('`**` as a whole segment spans zero or more segments', () => {
    assert.equal(m('**/*.ts', 'a.ts'), true);
    assert.equal(m('**/*.ts', 'src/deep/er/a.ts'), true);
    assert.equal(m('**/*.ts', 'src/a.tsx'), false);
    assert.equal(m('src/**/x.py', 'src/x.py'), true);
    assert.equal(m('src/**/x.py', 'src/a/b/x.py'), true);
    assert.equal(m('src/**/x.py', 'lib/src/x.py'), false);
    assert.equal(m('**', 'anything/at/all.md'), true);
    assert.equal(m('**/prompts/**', 'prompts/a.txt'), true);
    assert.equal(m('**/prompts/**', 'app/prompts/sub/a.j2'), true);
    assert.equal(m('**/prompts/**', 'app/myprompts/a.j2'), false);
  });

  it('a trailing `/**` also matches the folder itself', () => {
    assert.equal(m('src/**', 'src'), true);
    assert.equal(m('src/**', 'src/a/b.ts'), true);
    assert.equal(m('src/**', 'srcx/a.ts'), false);
  });

  it('`**` inside a segment behaves as `*`', () => {
    assert.equal(m('a**b', 'axxb'), true);
    assert.equal(m('a**b', 'a/b'), false);
  });

  it('`?` is one character but never a slash', () => {
    assert.equal(m('file?.md', 'file1.md'), true);
    assert.equal(m('file?.md', 'file.md'), false);
    assert.equal(m('a?b', 'a/b'), false);
  });

  it('braces hold alternatives, which may be globs and nest', () => {
    assert.equal(m('*.{ts,tsx}', 'a.ts'), true);
    assert.equal(m('*.{ts,tsx}', 'a.tsx'), true);
    assert.equal(m('*.{ts,tsx}', 'a.js'), false);
    assert.equal(m('{src,lib}/**/*.py', 'lib/x/y.py'), true);
    assert.equal(m('{src,lib}/**/*.py', 'test/y.py'), false);
    assert.equal(m('x.{a,{b,c}d}', 'x.cd'), true);
    assert.equal(m('x.{a,{b,c}d}', 'x.c'), false);
    assert.equal(m('{a*,b}.txt', 'abc.txt'), true);
  });

  it('brackets are character classes, negated with ! or ^, never matching a slash', () => {
    assert.equal(m('v[0-9].txt', 'v7.txt'), true);
    assert.equal(m('v[0-9].txt', 'vx.txt'), false);
    assert.equal(m('v[!0-9].txt', 'vx.txt'), true);
    assert.equal(m('v[^0-9].txt', 'v7.txt'), false);
    assert.equal(m('a[/]b', 'a/b'), false);
    assert.equal(m('a[!x]b', 'a/b'), false);
  });

  it('regex metacharacters are literal, an unclosed bracket or brace is literal, backslash escapes', () => {
    assert.equal(m('a.b', 'axb'), false);
    assert.equal(m('a+(b)|c$', 'a+(b)|c$'), true);
    assert.equal(m('a[b', 'a[b'), true);
    assert.equal(m('a{b', 'a{b'), true);
    assert.equal(m('\\*.md', '*.md'), true);
    assert.equal(m('\\*.md', 'x.md'), false);
  });

  it('matches the whole path, not a part of it', () => {
    assert.equal(m('src', 'src/a.ts'), false);
    assert.equal(m('a.ts', 'xa.ts'), false);
  });
});

describe('matchesAny', () => {
  it('normalises backslashes and a leading ./ in paths and globs', () => {
    assert.equal(matchesAny('src\\chat\\a.ts', ['src/chat/**']), true);
    assert.equal(matchesAny('./src/a.ts', ['src/*.ts']), true);
    assert.equal(matchesAny('src/a.ts', ['./src/*.ts']), true);
    assert.equal(normalizePath('.\\a\\\\b\\'), 'a/b');
  });

  it('is false for no globs and ignores empty ones', () => {
    assert.equal(matchesAny('a.ts', []), false);
    assert.equal(matchesAny('a.ts', ['', '  ']), false);
    assert.equal(matchesAny('a.ts', ['', '*.ts']), true);
  });
});

describe('globSpecificity', () => {
  it('ranks literal segments over wildcards', () => {
    assert.ok(globSpecificity('src/chat/**') > globSpecificity('src/**'));
    assert.ok(globSpecificity('src/**') > globSpecificity('**'));
    assert.ok(globSpecificity('src/chat/reply.ts') > globSpecificity('src/chat/*.ts'));
    assert.ok(globSpecificity('src/chat/*.ts') > globSpecificity('src/**/*.ts'));
  });
});
