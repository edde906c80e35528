import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Ajv from 'ajv';
import { defaultSettings, parseWorkspaceConfig, settingLeaves } from '../../../src/core/config';
import { contributesConfiguration, generatedFiles, workspaceJsonSchema } from '../../../src/core/config/manifest';

/** The repository root: the nearest folder above the compiled test holding Promptmeter's manifest. */
function repositoryRoot(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'promptmeter') return dir;
  }
  return process.cwd();
}
const root = repositoryRoot();
const read = (path: string) => readFileSync(join(root, path), 'utf8');

describe('generated configuration manifest', () => {
  it('package.json contributes.configuration equals what the schema generates', () => {
    const pkg = JSON.parse(read('package.json'));
    assert.deepEqual(pkg.contributes.configuration, contributesConfiguration(), 'run: node scripts/genSettings.mjs');
  });

  it('docs/settings.md and schemas/promptmeter.schema.json equal what the schema generates', () => {
    for (const [path, content] of Object.entries(generatedFiles())) {
      assert.equal(read(path), content, `${path} is stale; run: node scripts/genSettings.mjs`);
    }
  });

  it('has the six sections in order and places every setting in exactly one', () => {
    const sections = contributesConfiguration();
    assert.deepEqual(
      sections.map((s) => s.title),
      ['General', 'Tokens', 'Prices', 'Diagnostics', 'CodeLens and Hover', 'Report'],
    );
    const keys = sections.flatMap((s) => Object.keys(s.properties));
    assert.equal(new Set(keys).size, keys.length);
    assert.deepEqual(keys.sort(), settingLeaves.map((l) => `promptmeter.${l.key}`).sort());
  });

  it('describes every setting and every enum value, and each default satisfies its own declaration', () => {
    const ajv = new Ajv({ strict: false });
    for (const section of contributesConfiguration()) {
      for (const [key, p] of Object.entries(section.properties)) {
        assert.ok(p.markdownDescription.length > 20, `${key} needs a real description`);
        if (p.enum) assert.equal(p.enumDescriptions?.length, p.enum.length, `${key} enumDescriptions`);
        const { markdownDescription: _d, order: _o, enumDescriptions: _e, markdownEnumDescriptions: _m, ...schema } = p;
        const path = key.replace(/^promptmeter\./, '').split('.');
        const value = path.reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], defaultSettings);
        assert.deepEqual(p.default, value, `${key} default`);
        assert.ok(ajv.validate(schema, p.default), `${key}: ${ajv.errorsText()}`);
      }
    }
  });

  it('names the rule severities with the rule ids', () => {
    const diagnostics = contributesConfiguration().find((s) => s.title === 'Diagnostics')!;
    for (let i = 1; i <= 8; i++) {
      const p = diagnostics.properties[`promptmeter.diagnostics.severity.PM00${i}`]!;
      assert.deepEqual(p.enum, ['off', 'hint', 'info', 'warning', 'error']);
    }
  });
});

describe('promptmeter.yaml JSON schema', () => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  const validate = ajv.compile(workspaceJsonSchema());

  it('accepts the example workspace file, which core also parses without problems', () => {
    const text = read('examples/workspace/promptmeter.yaml');
    assert.deepEqual(parseWorkspaceConfig(text).problems, []);
    const { parse } = require('yaml') as typeof import('yaml');
    assert.ok(validate(parse(text)), ajv.errorsText(validate.errors));
  });

  it('rejects what core rejects: unknown keys, negative prices, bad rates, bad severities', () => {
    const bad: unknown[] = [
      { volumez: [] },
      { models: [{ id: 'x', inputPerMTok: -1 }] },
      { volumes: [{ glob: 'a', calls: 'lots' }] },
      { rules: { PM001: 'fatal' } },
      { features: [{ name: 'A', successRate: 2, globs: ['x'] }] },
    ];
    for (const value of bad) {
      assert.equal(validate(value), false, JSON.stringify(value));
      const problems = parseWorkspaceConfig(JSON.stringify(value)).problems;
      assert.ok(problems.length > 0, `core accepts ${JSON.stringify(value)}`);
    }
  });

  it('every yaml example in docs/configuration.md is valid for core and the JSON schema', () => {
    const { parse } = require('yaml') as typeof import('yaml');
    const blocks = [...read('docs/configuration.md').matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
    assert.ok(blocks.length >= 5, `found ${blocks.length} yaml examples`);
    for (const block of blocks) {
      assert.deepEqual(parseWorkspaceConfig(block).problems, [], block);
      assert.ok(validate(parse(block) ?? {}), `${ajv.errorsText(validate.errors)}\n${block}`);
    }
  });
});
