import * as assert from 'node:assert/strict';
import { analyzeSites } from '../../../src/core/analyze';
import type { Site } from '../../../src/core/model';
import { applyEdits, directiveRules, suppressedRules, suppressionFix } from '../../../src/core/rules';
import { ctxWith, site, spanOf } from './fixtures';

const tsCall = (text: string): Site =>
  site(text, {
    provider: 'openai',
    api: 'chat.completions.create',
    span: { start: spanOf(text, 'client').start, end: text.lastIndexOf(')') + 1 },
    anchor: spanOf(text, 'client.chat.completions.create'),
    model: { id: 'gpt-tset', origin: 'literal' },
  });

const rulesOf = (text: string) =>
  analyzeSites('src/a.ts', text, [tsCall(text)], ctxWith())[0]!.findings.map((f) => f.rule).sort();

describe('inline suppression', () => {
  it('reads one rule, a list, rule names, and a bare directive meaning every rule', () => {
    assert.deepEqual(directiveRules('// promptmeter-ignore PM001'), ['PM001']);
    assert.deepEqual(directiveRules('# promptmeter-ignore PM001, PM006'), ['PM001', 'PM006']);
    assert.deepEqual(directiveRules('/* promptmeter-ignore missing-output-cap PM004 */'), ['PM001', 'PM004']);
    assert.equal(directiveRules('{# promptmeter-ignore #}')!.length, 8);
    assert.equal(directiveRules('const s = "promptmeter-ignore PM001";'), null);
    assert.equal(directiveRules('// promptmeter-ignored PM001'), null);
  });

  it('drops findings named on the line above the call or on its line, and keeps the others', () => {
    const body = 'const r = client.chat.completions.create({ model: "gpt-tset", messages });\n';
    assert.deepEqual(rulesOf(body), ['PM001', 'PM006']);
    assert.deepEqual(rulesOf(`  // promptmeter-ignore PM001\n${body}`), ['PM006']);
    assert.deepEqual(rulesOf(body.replace(';\n', '; // promptmeter-ignore PM006\n')), ['PM001']);
    assert.deepEqual(rulesOf(`// promptmeter-ignore\n${body}`), []);
    // Two lines above is not "the line above".
    assert.deepEqual(rulesOf(`// promptmeter-ignore\n\n${body}`), ['PM001', 'PM006']);
  });

  it('records what is suppressed on the estimate', () => {
    const text = '# promptmeter-ignore PM004 PM001\nclient.chat.completions.create(model="x")\n';
    assert.deepEqual(suppressedRules(tsCall(text), text), ['PM001', 'PM004']);
    const [est] = analyzeSites('src/a.py', text, [tsCall(text)], ctxWith());
    assert.deepEqual(est!.suppressedRules, ['PM001', 'PM004']);
  });

  it('inserts the comment above the call with its indentation, in the language of the file', () => {
    const ts = 'function f() {\n    const r = client.chat.completions.create({ model: "gpt-tset" });\n}\n';
    const fix = suppressionFix('PM001', tsCall(ts), ts)!;
    assert.equal(applyEdits(ts, fix.edits), 'function f() {\n    // promptmeter-ignore PM001\n    const r = client.chat.completions.create({ model: "gpt-tset" });\n}\n');
    const py = 'def f():\n    return client.chat.completions.create(model="gpt-tset")\n';
    const pyFix = suppressionFix('PM006', { ...tsCall(py), language: 'python' }, py)!;
    assert.equal(applyEdits(py, pyFix.edits), 'def f():\n    # promptmeter-ignore PM006\n    return client.chat.completions.create(model="gpt-tset")\n');
  });

  it('adds to a directive already above the call, so both rules stay on the line that counts', () => {
    const ts = '  // promptmeter-ignore PM001\n  client.chat.completions.create({ model: "gpt-tset" });\n';
    const fix = suppressionFix('PM006', tsCall(ts), ts)!;
    const after = applyEdits(ts, fix.edits);
    assert.equal(after, '  // promptmeter-ignore PM001, PM006\n  client.chat.completions.create({ model: "gpt-tset" });\n');
    assert.deepEqual(suppressedRules(tsCall(after), after), ['PM001', 'PM006']);
    assert.equal(suppressionFix('PM001', tsCall(ts), ts), null);
  });

  it('writes template directives where the format keeps them out of the prompt', () => {
    const prompty = '---\nname: triage\n---\nsystem:\nBe brief.\n';
    const t = (language: Site['language'], text: string): Site => ({ ...site(text, { provider: 'openai', api: 'prompty' }), kind: 'template', language });
    const f1 = suppressionFix('PM001', t('prompty', prompty), prompty)!;
    assert.equal(applyEdits(prompty, f1.edits), '---\n# promptmeter-ignore PM001\nname: triage\n---\nsystem:\nBe brief.\n');
    assert.deepEqual(suppressedRules(t('prompty', prompty), applyEdits(prompty, f1.edits)), ['PM001']);
    const jinja = 'Hello {{ name }}\n';
    assert.equal(applyEdits(jinja, suppressionFix('PM006', t('jinja', jinja), jinja)!.edits), '{# promptmeter-ignore PM006 #}\nHello {{ name }}\n');
    const hbs = 'Hi {{name}}\n';
    assert.equal(applyEdits(hbs, suppressionFix('PM006', t('handlebars', hbs), hbs)!.edits), '{{! promptmeter-ignore PM006 }}\nHi {{name}}\n');
    assert.equal(suppressionFix('PM006', t('text', 'plain words\n'), 'plain words\n'), null);
  });
});
