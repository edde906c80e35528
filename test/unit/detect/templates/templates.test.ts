import * as assert from 'node:assert/strict';
import { detectTemplate, isTemplatePath, splitPlaceholders, displayNameToId } from '../../../../src/core/detect/templates';
import type { Segment, Site, Span } from '../../../../src/core/model';

const at = (text: string, s: Span | undefined) => (s ? text.slice(s.start, s.end) : undefined);
const textOf = (segs: Segment[]) => segs.map((s) => (s.kind === 'text' ? s.text : `<${s.name}>`)).join('');

function must(site: Site | null): Site {
  assert.ok(site, 'expected a template site');
  return site;
}

describe('template files', () => {
  it('reads a .prompty file: model, cap, role blocks and Jinja slots', () => {
    const text = [
      '---',
      'name: Triage',
      'model:',
      '  api: chat',
      '  configuration:',
      '    type: azure_openai',
      '    azure_deployment: gpt-4o-mini',
      '  parameters:',
      '    temperature: 0',
      '    max_tokens: 50',
      '---',
      'system:',
      'You sort tickets. {# a comment #}Reply with one word.',
      '',
      'user:',
      '{{subject}}: {{ body | trim }}',
      '{% for t in tags %}- {{t}}{% endfor %}',
      '',
    ].join('\n');
    const site = must(detectTemplate('prompts/triage.prompty', text));
    assert.equal(site.kind, 'template');
    assert.equal(site.language, 'prompty');
    assert.equal(site.provider, 'openai');
    assert.equal(site.model?.id, 'gpt-4o-mini');
    assert.equal(at(text, site.model?.span), 'gpt-4o-mini');
    assert.deepEqual({ param: site.cap?.param, value: site.cap?.value }, { param: 'max_tokens', value: 50 });
    assert.equal(at(text, site.cap?.span), 'max_tokens: 50');
    assert.equal(site.args?.kind, 'yaml');
    assert.deepEqual(site.args?.properties.map((p) => p.name), ['temperature', 'max_tokens']);
    assert.deepEqual(site.parts.map((p) => p.role), ['system', 'user']);
    assert.equal(textOf(site.parts[0]!.segments), 'You sort tickets. Reply with one word.');
    assert.equal(textOf(site.parts[1]!.segments), '<subject>: <body>\n- <t>');
    const slot = site.parts[1]!.segments.find((s) => s.kind === 'slot' && s.name === 'body');
    assert.equal(slot?.kind === 'slot' ? at(text, slot.span) : null, '{{ body | trim }}');
  });

  it('reads a Dotprompt file: vendor prefix, config cap, {{role}} blocks, control tags dropped', () => {
    const text = [
      '---',
      'model: googleai/gemini-2.5-flash',
      'config:',
      '  maxOutputTokens: 400',
      'input:',
      '  schema:',
      '    topic: string',
      '---',
      '{{role "system"}}',
      'You write haiku.',
      '{{role "user"}}',
      '{{#if style}}In the style of {{style}}, w{{else}}W{{/if}}rite about {{topic}}.',
      '{{! not sent }}',
    ].join('\n');
    const site = must(detectTemplate('src/haiku.prompt', text));
    assert.equal(site.language, 'dotprompt');
    assert.equal(site.provider, 'gemini');
    assert.equal(site.model?.id, 'gemini-2.5-flash');
    assert.equal(at(text, site.model?.span), 'gemini-2.5-flash');
    assert.deepEqual({ param: site.cap?.param, value: site.cap?.value }, { param: 'maxOutputTokens', value: 400 });
    assert.deepEqual(site.parts.map((p) => p.role), ['system', 'user']);
    assert.equal(textOf(site.parts[1]!.segments), 'In the style of <style>, wWrite about <topic>.\n', 'the newline before a comment tag is still sent');
  });

  it('reads a GitHub Models .prompt.yml: publisher/model, modelParameters, messages', () => {
    const text = [
      'name: Summarize',
      'model: openai/gpt-4.1-mini',
      'modelParameters:',
      '  temperature: 0.2',
      'messages:',
      '  - role: system',
      '    content: You summarize pull requests.',
      '  - role: user',
      '    content: |',
      '      Title: {{title}}',
      '      Diff: {{diff}}',
    ].join('\n');
    const site = must(detectTemplate('.github/prompts/summarize.prompt.yml', text));
    assert.equal(site.language, 'prompt-yaml');
    assert.equal(site.provider, 'openai');
    assert.equal(site.model?.id, 'gpt-4.1-mini');
    assert.equal(at(text, site.model?.span), 'gpt-4.1-mini');
    assert.equal(site.cap, null, 'no max_tokens in modelParameters');
    assert.equal(site.capNotApplicable, undefined, 'the format has a place for a cap');
    assert.deepEqual(site.args?.properties.map((p) => p.name), ['temperature']);
    assert.deepEqual(site.parts.map((p) => p.role), ['system', 'user']);
    assert.equal(textOf(site.parts[1]!.segments), 'Title: <title>\nDiff: <diff>\n');
  });

  it('reads the GitHub Models cap as gh models spells it: modelParameters.maxTokens', () => {
    const text = ['model: openai/gpt-4o-mini', 'modelParameters:', '  maxTokens: 120', 'messages:', '  - role: user', '    content: hi'].join('\n');
    const site = must(detectTemplate('classify.prompt.yml', text));
    assert.deepEqual({ param: site.cap?.param, value: site.cap?.value }, { param: 'maxTokens', value: 120 });
    assert.equal(at(text, site.cap?.span), 'maxTokens: 120');
  });

  it('reads a VS Code .prompt.md: display-name model, ${input:x} variables, no cap', () => {
    const text = ['---', "mode: 'agent'", 'model: Claude Sonnet 4 (copilot)', '---', 'Review ${file} for ${input:concern:security issues}.'].join('\n');
    const site = must(detectTemplate('.github/prompts/review.prompt.md', text));
    assert.equal(site.model?.id, 'claude-sonnet-4');
    assert.equal(site.provider, 'anthropic');
    assert.equal(site.capNotApplicable, true);
    assert.equal(textOf(site.parts[0]!.segments), 'Review <file> for <concern>.');
  });

  it('reads plain prompt files under the template globs with their own placeholder syntax', () => {
    const py = must(detectTemplate('app/prompts/answer.txt', 'Question: {question}\nUse {{braces}} literally. {0} {user.name!r:>10}'));
    assert.equal(py.language, 'text');
    assert.equal(textOf(py.parts[0]!.segments), 'Question: <question>\nUse {braces} literally. <0> <user.name>');
    const hb = must(detectTemplate('prompts/mail.hbs', 'Hi {{{name}}}, {{#each items}}{{this}}{{/each}}'));
    assert.equal(hb.language, 'handlebars');
    assert.equal(textOf(hb.parts[0]!.segments), 'Hi <name>, <this>');
    const none = must(detectTemplate('prompts/rules.md', 'Be brief. Use JSON like {"a": 1}.'));
    assert.equal(textOf(none.parts[0]!.segments), 'Be brief. Use JSON like {"a": 1}.');
    assert.equal(none.capNotApplicable, true);
  });

  it('knows which paths are templates', () => {
    assert.ok(isTemplatePath('a/b.prompty'));
    assert.ok(isTemplatePath('x.prompt.yaml'));
    assert.ok(isTemplatePath('src/prompts/system.txt'));
    assert.ok(!isTemplatePath('src/prompts/loader.py'), 'code under prompts/ is code');
    assert.ok(!isTemplatePath('src/notes/system.txt'), 'outside the globs');
    assert.ok(isTemplatePath('src/notes/system.txt', ['src/notes/**']));
    assert.ok(!isTemplatePath('prompts/README.md'));
  });

  it('never throws and keeps what it can on broken input', () => {
    const broken = ['---', 'model: [unclosed', 'config: {maxOutputTokens: }', '---', '{{role "user"}} Hello {{name'].join('\n');
    const site = must(detectTemplate('bad.prompt', broken));
    assert.equal(site.model, null);
    assert.equal(textOf(site.parts[0]!.segments), 'Hello {{name');
    const unterminated = must(detectTemplate('x.prompty', '---\nmodel: gpt-4o\nuser:\nhi'));
    assert.ok(unterminated.parts.length >= 1, 'an unterminated header is read as body');
    const bomb = '---\na: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\nmodel: gpt-4o\n---\nuser:\nhi';
    assert.ok(detectTemplate('bomb.prompty', bomb));
  });

  it('splits placeholders of every syntax with spans into the file', () => {
    const segs = splitPlaceholders('a {{x}} b', 'handlebars', 10);
    assert.deepEqual(segs, [
      { kind: 'text', text: 'a ' },
      { kind: 'slot', name: 'x', span: { start: 12, end: 17 } },
      { kind: 'text', text: ' b' },
    ]);
    assert.equal(displayNameToId('GPT-4o'), 'gpt-4o');
  });
});
