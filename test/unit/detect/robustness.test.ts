import * as assert from 'node:assert/strict';
import { languageForPath } from '../../../src/core/detect';
import { at, getDetector, partText, py, ts } from './helpers';

describe('detect: robustness', () => {
  it('half-typed code with syntax errors still yields the readable sites', async () => {
    const src = [
      "import OpenAI from 'openai';",
      'const c = new OpenAI();',
      'function broken() {',
      '  const y = foo(;',
      "  c.chat.completions.create({ model: 'gpt-4o', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] });",
      'const x = ;',
      "c.responses.create({ model: 'gpt-5', input: 'x', ",
    ].join('\n');
    const [chat, ...rest] = await ts(src);
    assert.equal(chat?.api, 'chat.completions.create');
    assert.equal(chat?.cap?.value, 5);
    // The unfinished call at the end has no argument list yet: it is not reported until it has one.
    assert.equal(rest.length, 0);
    const pySrc = ['from openai import OpenAI', 'c = OpenAI()', 'def broken(:', '    y = foo(', '    c.chat.completions.create(model="gpt-4o", max_tokens=5, messages=[])', 'x = '].join('\n');
    const [p] = await py(pySrc);
    assert.deepEqual([p?.api, p?.cap?.value], ['chat.completions.create', 5]);
  });

  it('never throws, whatever the input', async () => {
    const d = await getDetector();
    const inputs = ['', '\0\0\0', ')))(((', '"""', '`${', 'client.chat.completions.create(**', 'x = f"{', '\uD800', 'a'.repeat(10000)];
    for (const text of inputs) {
      for (const language of ['typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'python', 'prompty', 'text'] as const) {
        assert.ok(Array.isArray(d.detect({ text, language, path: 'x' })));
      }
    }
    assert.deepEqual(d.detect({ text: undefined as unknown as string, language: 'python', path: 'x' }), []);
    const doc = d.open({ text: 'x', language: 'python', path: 'x' });
    assert.ok(Array.isArray(doc.applyEdit({ start: -5, oldEnd: 99, newText: 'import openai' })));
    assert.equal(doc.text, 'import openai');
    doc.dispose();
  });

  it('a readFile that throws is a missing file, not a crash', async () => {
    const d = await getDetector();
    const text = "import OpenAI from 'openai';\nimport { readFileSync } from 'fs';\nnew OpenAI().chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: readFileSync('p.txt', 'utf8') }] });";
    const [s] = d.detect({ text, language: 'typescript', path: 'a.ts', readFile: () => { throw new Error('EACCES'); } });
    assert.equal(s?.parts[0]?.unresolved, true);
  });

  it('spans are UTF-16 offsets, past emoji and accents', async () => {
    const src = "import OpenAI from 'openai';\nconst é = '😀 héllo';\nnew OpenAI().chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: `😀 ${é}` }] });";
    const [s] = await ts(src);
    assert.equal(at(src, s!.anchor), 'new OpenAI().chat.completions.create');
    assert.equal(at(src, s!.model!.span!), "'gpt-4o'");
    assert.equal(partText(s!, 'user'), '😀 {é}');
    const slot = s!.parts[0]!.segments[1];
    assert.ok(slot?.kind === 'slot' && slot.span && at(src, slot.span) === '${é}');
  });

  it('reads JSX/TSX and plain JavaScript files', async () => {
    const d = await getDetector();
    const tsx = "import OpenAI from 'openai';\nconst c = new OpenAI();\nexport const A = () => <button onClick={() => c.chat.completions.create({ model: 'gpt-4o', messages: [] })}>go</button>;";
    assert.equal(d.detect({ text: tsx, language: 'typescriptreact', path: 'a.tsx' }).length, 1);
    const jsx = tsx.replace('typescriptreact', 'javascriptreact');
    assert.equal(d.detect({ text: jsx, language: 'javascriptreact', path: 'a.jsx' }).length, 1);
  });

  it('ignores calls in comments and strings', async () => {
    const src = "import OpenAI from 'openai';\nconst c = new OpenAI();\n// c.chat.completions.create({ model: 'gpt-4o' })\nconst s = \"c.chat.completions.create({})\";\n";
    assert.deepEqual(await ts(src), []);
    assert.deepEqual(await py('import openai\n# openai.chat.completions.create(model="x")\n"""openai.chat.completions.create()"""\n'), []);
  });
});

describe('languageForPath', () => {
  it('maps source and template extensions, and nothing else', () => {
    const cases: Array<[string, string | null]> = [
      ['src/a.ts', 'typescript'],
      ['a.mts', 'typescript'],
      ['a.tsx', 'typescriptreact'],
      ['a.cjs', 'javascript'],
      ['a.jsx', 'javascriptreact'],
      ['C:\\x\\a.py', 'python'],
      ['p/chat.prompty', 'prompty'],
      ['p/chat.prompt', 'dotprompt'],
      ['p/x.prompt.yml', 'prompt-yaml'],
      ['p/x.prompt.YAML', 'prompt-yaml'],
      ['p/x.prompt.md', 'prompt-markdown'],
      ['p/x.j2', 'jinja'],
      ['p/x.hbs', 'handlebars'],
      ['p/x.mustache', 'mustache'],
      ['p/x.txt', 'text'],
      ['README.md', null],
      ['Makefile', null],
      ['a.go', null],
    ];
    for (const [p, want] of cases) assert.equal(languageForPath(p), want, p);
  });
});
