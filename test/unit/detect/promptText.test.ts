import * as assert from 'node:assert/strict';
import type { Site } from '../../../src/core/model';
import { at, partText, py, ts } from './helpers';

const pyHead = 'from openai import OpenAI\nimport textwrap\nfrom textwrap import dedent\nfrom pathlib import Path\nimport os\nc = OpenAI()\n';
const tsHead = "import OpenAI from 'openai';\nimport { readFileSync } from 'node:fs';\nimport * as fs from 'node:fs';\nimport path from 'node:path';\nimport dedent from 'dedent';\nconst c = new OpenAI();\n";

async function pySystem(setup: string, expr: string, files: Record<string, string> = {}): Promise<Site> {
  const [s] = await py(`${pyHead}${setup}\nc.chat.completions.create(model="gpt-4o", messages=[{"role": "system", "content": ${expr}}])\n`, files);
  assert.ok(s, 'a site');
  return s;
}

async function tsSystem(setup: string, expr: string, files: Record<string, string> = {}): Promise<Site> {
  const [s] = await ts(`${tsHead}${setup}\nc.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: ${expr} }] });\n`, files);
  assert.ok(s, 'a site');
  return s;
}

describe('detect: prompt text', () => {
  it('f-strings: each placeholder is a slot named by its expression, {{ }} is a literal brace', async () => {
    const s = await pySystem('', 'f"Hi {user.name!r:>10}, {{literal}} {n + 1}\\n"');
    assert.equal(partText(s, 'system'), 'Hi {user.name}, {literal} {n + 1}\n');
    const slot = s.parts[0]?.segments.find((g) => g.kind === 'slot');
    assert.ok(slot && slot.kind === 'slot' && slot.span);
  });

  it('template literals with escapes, and concatenation across names and literals', async () => {
    const s = await tsSystem("const A = 'You are ';\nconst B = `a \\`quoted\\` ${role}\\tbot.`;", "A + B + '!'");
    assert.equal(partText(s, 'system'), 'You are a `quoted` {role}\tbot.!');
  });

  it('implicit concatenation, raw strings and triple quotes in Python', async () => {
    const s = await pySystem('P = ("one "\n     r"two\\n "\n     """three""")', 'P');
    assert.equal(partText(s, 'system'), 'one two\\n three');
  });

  it('textwrap.dedent, dedent and .strip() as Python applies them', async () => {
    // textwrap.dedent("\n    a\n      b\n    ") == "\na\n  b\n"; .strip() then gives "a\n  b".
    const s = await pySystem('S = textwrap.dedent("""\n    a\n      b\n    """).strip()', 'S');
    assert.equal(partText(s, 'system'), 'a\n  b');
    const t = await pySystem('T = dedent(f"""\n    x {v}\n    y\n""")', 'T');
    assert.equal(partText(t, 'system'), '\nx {v}\ny\n');
  });

  it('the dedent tag and .trim() in JS', async () => {
    const s = await tsSystem('const S = dedent`\n      Line one\n        two ${x}\n    `;', 'S.trim()');
    assert.equal(partText(s, 'system'), 'Line one\n  two {x}');
  });

  it('same-function and module constants, the nearest declaration winning', async () => {
    const src = `${pyHead}SYSTEM = "module"\ndef f():\n    SYSTEM = "local"\n    c.chat.completions.create(model="gpt-4o", messages=[{"role": "system", "content": SYSTEM}])\ndef g():\n    c.chat.completions.create(model="gpt-4o", messages=[{"role": "system", "content": SYSTEM}])\n`;
    const [f, g] = await py(src);
    assert.equal(partText(f!, 'system'), 'local');
    assert.equal(partText(g!, 'system'), 'module');
    assert.equal(at(src, f!.parts[0]!.span), '"local"', 'the part points at the literal it came from');
  });

  it('join and format', async () => {
    const s = await pySystem('LINES = ["a", "b"]', '"\\n".join(LINES) + "Q: {q}".format(q=x)');
    assert.equal(partText(s, 'system'), 'a\nbQ: {q}');
    const t = await tsSystem("const parts = ['x', 'y'];", "parts.join(' - ')");
    assert.equal(partText(t, 'system'), 'x - y');
  });

  it('files read with a literal path become text parts linked to the file', async () => {
    const files = { 'prompts/sys.txt': 'From file {{ name }}.', 'prompts/user.md': 'U' };
    const a = await pySystem('P = (Path(__file__).parent / "prompts" / "sys.txt").read_text()', 'P', files);
    assert.equal(partText(a, 'system'), 'From file {name}.');
    assert.equal(a.parts[0]?.sourceFile, 'prompts/sys.txt');
    assert.deepEqual(a.linkedFiles, ['prompts/sys.txt']);
    const b = await pySystem('with open(os.path.join(os.path.dirname(__file__), "prompts/user.md")) as fh:\n    P = fh.read()', 'P', files);
    assert.equal(partText(b, 'system'), 'U');
    const c = await tsSystem("const P = readFileSync(path.join(__dirname, 'prompts', 'sys.txt'), 'utf8');", 'P', files);
    assert.equal(c.parts[0]?.sourceFile, 'prompts/sys.txt');
    const d = await tsSystem("const P = await fs.promises.readFile('./prompts/user.md', 'utf8');", 'P', files);
    assert.equal(partText(d, 'system'), 'U');
  });

  it('a missing prompt file still links the site, with an unresolved part', async () => {
    const s = await tsSystem("const P = readFileSync('prompts/none.txt', 'utf8');", 'P');
    assert.deepEqual(s.linkedFiles, ['prompts/none.txt']);
    assert.equal(s.parts[0]?.unresolved, true);
  });

  it('an unknown variable is a slot; an unknown message list is an unresolved part', async () => {
    const s = await pySystem('', 'get_prompt()');
    assert.equal(partText(s, 'system'), '{get_prompt()}');
    const [m] = await py(`${pyHead}def f(history):\n    c.chat.completions.create(model="gpt-4o", messages=history)\n`);
    assert.equal(m?.parts[0]?.unresolved, true);
    assert.equal(m?.parts[0]?.role, 'unknown');
  });

  it('models: constants, environment defaults, and run-time values as null', async () => {
    const src = `${pyHead}M = "gpt-4.1"\nc.chat.completions.create(model=M, messages=[])\nc.chat.completions.create(model=os.getenv("MODEL", "gpt-4o-mini"), messages=[])\ndef f(m):\n    c.chat.completions.create(model=m, messages=[])\n`;
    const sites = await py(src);
    assert.deepEqual(
      sites.map((s) => s.model && [s.model.id, s.model.origin]),
      [['gpt-4.1', 'constant'], ['gpt-4o-mini', 'dynamic'], null],
    );
    const [t] = await ts(`${tsHead}c.chat.completions.create({ model: process.env.MODEL ?? 'gpt-4o', messages: [] });`);
    assert.deepEqual(t?.model && [t.model.id, t.model.origin], ['gpt-4o', 'dynamic']);
  });

  it('caps given as constants or expressions, and None as no cap', async () => {
    const src = `${pyHead}CAP = 2 * 512\nc.chat.completions.create(model="gpt-4o", messages=[], max_tokens=CAP)\nc.chat.completions.create(model="gpt-4o", messages=[], max_tokens=None)\ndef f(n):\n    c.chat.completions.create(model="gpt-4o", messages=[], max_tokens=n)\n`;
    const sites = await py(src);
    assert.deepEqual(
      sites.map((s) => s.cap && [s.cap.param, s.cap.value]),
      [['max_tokens', 1024], null, ['max_tokens', null]],
    );
  });
});
