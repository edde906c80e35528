import * as assert from 'node:assert/strict';
import { emptyWorkspaceConfig, parseWorkspaceConfig, type ConfigProblem } from '../../../src/core/config';

/** The problem at a path; fails when there is not exactly one. */
function at(problems: ConfigProblem[], path: string): ConfigProblem {
  const found = problems.filter((p) => p.path === path);
  assert.equal(found.length, 1, `one problem at ${path}, got ${JSON.stringify(problems.map((p) => p.path))}`);
  return found[0]!;
}

/** Line, column and the exact text the span covers, all stated by hand from the fixture. */
function expectAt(text: string, p: ConfigProblem, line: number, column: number, covered: string, severity = 'error'): void {
  assert.deepEqual({ line: p.line, column: p.column, covered: text.slice(p.span.start, p.span.end), severity: p.severity }, { line, column, covered, severity });
}

// Line numbers in the comments are the fixture's own (1-based), for reading the expectations.
const BROKEN = [
  'version: 1', //                          1
  'defaults:', //                           2
  '  model: gpt-4o-mini', //                3
  '  callsPerMonth: lots', //               4
  '  expectedOutputTokens: 250', //         5
  'volumes:', //                            6
  '  - glob: "src/chat/**"', //             7
  '    calls: 20k/day', //                  8
  '  - glob: "src/a/**"', //                9
  '    site: abc', //                       10
  '    calls: 5', //                        11
  '  - glob: "src/b/**"', //                12
  '    calls: -3', //                       13
  'features:', //                           14
  '  - name: Support', //                   15
  '    globs: ["src/support/**"]', //       16
  '    successRate: 1.5', //                17
  '    tasksPerMonth: 1k/day', //           18
  '    colour: red', //                     19
  'models:', //                             20
  '  - id: my-model', //                    21
  '    provider: openai', //                22
  '    inputPerMTok: -1', //                23
  '    outputPerMTok: 12', //               24
  '  - id: gpt-4o', //                      25
  '    outputPerMTok: 90000', //            26
  'placeholders:', //                       27
  '  default: 80', //                       28
  '  question: 40', //                      29
  '  history: many', //                     30
  'rules:', //                              31
  '  PM004: off', //                        32
  '  PM001: fatal', //                      33
  '  PM099: error', //                      34
  'templates:', //                          35
  '  globs: ["prompts/**", "**/*.j2"]', //  36
  'budgetz: {}', //                         37
  '',
].join('\n');

describe('parseWorkspaceConfig: problems at their exact place', () => {
  const { config, problems } = parseWorkspaceConfig(BROKEN);

  it('reports each bad field at its line and column', () => {
    expectAt(BROKEN, at(problems, 'defaults.callsPerMonth'), 4, 18, 'lots');
    expectAt(BROKEN, at(problems, 'volumes[2].calls'), 13, 12, '-3');
    expectAt(BROKEN, at(problems, 'features[0].successRate'), 17, 18, '1.5');
    expectAt(BROKEN, at(problems, 'models[0].inputPerMTok'), 23, 19, '-1');
    expectAt(BROKEN, at(problems, 'models[1].outputPerMTok'), 26, 20, '90000');
    expectAt(BROKEN, at(problems, 'placeholders.history'), 30, 12, 'many');
    expectAt(BROKEN, at(problems, 'rules.PM001'), 33, 10, 'fatal');
  });

  it('reports an entry-level rule on the first line of the entry', () => {
    const p = at(problems, 'volumes[1]');
    expectAt(BROKEN, p, 9, 5, 'glob: "src/a/**"');
    assert.match(p.message, /exactly one of `glob` or `site`.*entry is ignored/);
  });

  it('warns about unknown keys at the key, with a suggestion when one is close', () => {
    expectAt(BROKEN, at(problems, 'features[0].colour'), 19, 5, 'colour', 'warning');
    expectAt(BROKEN, at(problems, 'rules.PM099'), 34, 3, 'PM099', 'warning');
    const top = at(problems, 'budgetz');
    expectAt(BROKEN, top, 37, 1, 'budgetz', 'warning');
    assert.match(top.message, /did you mean `budgets`\?/);
  });

  it('says what each message is about', () => {
    assert.match(at(problems, 'models[0].inputPerMTok').message, /cannot be negative/);
    assert.match(at(problems, 'models[1].outputPerMTok').message, /not plausible.*per 1,000,000 tokens/);
    assert.match(at(problems, 'features[0].successRate').message, /between 0 and 1/);
    assert.match(at(problems, 'placeholders.history').message, /expected a whole number|expected a number/);
    assert.match(at(problems, 'rules.PM001').message, /one of `off`, `hint`, `info`, `warning`, `error`/);
  });

  it('has no other problems, and end positions agree with the span', () => {
    assert.equal(problems.length, 11, JSON.stringify(problems.map((p) => p.path)));
    for (const p of problems) {
      const before = BROKEN.slice(0, p.span.end).split('\n');
      assert.deepEqual([p.endLine, p.endColumn], [before.length, before[before.length - 1]!.length + 1], p.path);
    }
  });

  it('keeps every good field beside the bad ones', () => {
    assert.deepEqual(config.defaults, { model: 'gpt-4o-mini', callsPerMonth: null, callsPerMonthText: null, expectedOutputTokens: 250 });
    assert.deepEqual(
      config.volumes.map((v) => [v.glob, v.callsPerMonth]),
      [['src/chat/**', 600_000]],
    );
    assert.equal(config.features.length, 1);
    assert.deepEqual(
      { ...config.features[0], span: null },
      { name: 'Support', globs: ['src/support/**'], sites: [], tasksPerMonth: 30_000, callsPerTask: null, successRate: null, budget: null, span: null },
    );
    assert.deepEqual(
      config.models.map(({ span: _span, ...m }) => m),
      [{ id: 'my-model', provider: 'openai', outputPerMTok: 12 }, { id: 'gpt-4o' }],
    );
    assert.equal(config.placeholders.default, 80);
    assert.deepEqual({ ...config.placeholders.byName }, { question: 40 });
    assert.deepEqual(config.rules, { PM004: 'off' });
    assert.deepEqual(config.templates.globs, ['prompts/**', '**/*.j2']);
  });

  it('gives entries their span in the file', () => {
    const v = config.volumes[0]!;
    assert.equal(BROKEN.slice(v.span!.start, v.span!.end), 'glob: "src/chat/**"\n    calls: 20k/day');
  });

  it('returns a deeply frozen config', () => {
    assert.ok(Object.isFrozen(config));
    assert.ok(Object.isFrozen(config.volumes));
    assert.ok(Object.isFrozen(config.volumes[0]));
    assert.ok(Object.isFrozen(config.placeholders.byName));
  });
});

describe('parseWorkspaceConfig: budgets, features and cross-checks', () => {
  const text = [
    'features:', //                       1
    '  - name: Chat', //                  2
    '    sites: ["s1"]', //               3
    '    budget: { monthly: 120 }', //    4
    '  - name: Chat', //                  5
    '    globs: ["b/**"]', //             6
    '  - name: Lonely', //                7
    'budgets:', //                        8
    '  workspace: { monthly: 500, perCall: 0.02 }', // 9
    '  files:', //                        10
    '    - glob: "src/agents/**"', //     11
    '      perCall: 0.1', //              12
    '  sites:', //                        13
    '    - site: s7', //                  14
    '      monthly: 40', //               15
    '  features:', //                     16
    '    - feature: Nope', //             17
    '      monthly: 3', //                18
    'models:', //                         19
    '  - id: tiny', //                    20
    '    inputPerMTok: 0.0000025', //     21
    '    outputPerMTok: 0.00001', //      22
    '',
  ].join('\n');
  const { config, problems } = parseWorkspaceConfig(text);

  it('normalises every budget into one list, the features\' own included', () => {
    assert.deepEqual(
      config.budgets.map((b) => [b.scope, b.target, b.monthlyUsd, b.perCallUsd]),
      [
        ['workspace', null, 500, 0.02],
        ['file', 'src/agents/**', null, 0.1],
        ['site', 's7', 40, null],
        ['feature', 'Nope', 3, null],
        ['feature', 'Chat', 120, null],
      ],
    );
  });

  it('drops a feature that says nothing about which calls belong to it', () => {
    expectAt(text, at(problems, 'features[2]'), 7, 5, 'name: Lonely');
    assert.deepEqual(config.features.map((f) => f.name), ['Chat', 'Chat']);
  });

  it('warns about a duplicate feature, a budget for no feature and per-token prices, refusing what the table cannot hold', () => {
    expectAt(text, at(problems, 'features[1].name'), 5, 11, 'Chat', 'warning');
    expectAt(text, at(problems, 'budgets.features[0].feature'), 17, 16, 'Nope', 'warning');
    const perToken = at(problems, 'models[0].inputPerMTok');
    expectAt(text, perToken, 21, 19, '0.0000025', 'error'); // seven decimals: refused outright
    assert.match(perToken.message, /price per token/);
    expectAt(text, at(problems, 'models[0].outputPerMTok'), 22, 20, '0.00001', 'warning');
    assert.equal(problems.length, 5);
  });

  it('reads a budget with neither limit as a problem', () => {
    const r = parseWorkspaceConfig('budgets:\n  workspace: {}\n');
    expectAt('budgets:\n  workspace: {}\n', at(r.problems, 'budgets.workspace'), 2, 14, '{}');
    assert.deepEqual(r.config.budgets, []);
  });
});

describe('parseWorkspaceConfig: hostile and odd input', () => {
  it('an empty or comment-only file is an empty config without problems', () => {
    for (const text of ['', '\n\n', '# nothing yet\n', '---\n', '~\n']) {
      const r = parseWorkspaceConfig(text);
      assert.deepEqual(r.problems, [], JSON.stringify(text));
      assert.deepEqual(r.config, emptyWorkspaceConfig);
    }
  });

  it('a root that is not a mapping is one error and an empty config', () => {
    const r = parseWorkspaceConfig('- a\n- b\n');
    assert.equal(r.problems.length, 1);
    expectAt('- a\n- b\n', r.problems[0]!, 1, 1, '- a\n- b');
    assert.deepEqual(r.config, emptyWorkspaceConfig);
    const s = parseWorkspaceConfig('just text');
    assert.equal(s.problems.length, 1);
    assert.match(s.problems[0]!.message, /should be a mapping/);
  });

  it('a section of the wrong type falls back alone', () => {
    const text = 'volumes: 5\nplaceholders:\n  q: 9\n';
    const r = parseWorkspaceConfig(text);
    const p = at(r.problems, 'volumes');
    expectAt(text, p, 1, 10, '5');
    assert.match(p.message, /expected a list, found the number 5/);
    assert.deepEqual({ ...r.config.placeholders.byName }, { q: 9 });
  });

  it('an empty section is nothing; an empty field is a warning', () => {
    const text = 'volumes:\ndefaults:\n  model:\n  callsPerMonth: 10\n';
    const r = parseWorkspaceConfig(text);
    assert.equal(r.problems.length, 1);
    expectAt(text, at(r.problems, 'defaults.model'), 3, 3, 'model', 'warning');
    assert.equal(r.config.defaults.callsPerMonth, 10);
  });

  it('gigantic and non-finite numbers are errors, not Infinity', () => {
    const text = 'defaults:\n  callsPerMonth: 1e400\n  expectedOutputTokens: 123456789012345678901234567890\n';
    const r = parseWorkspaceConfig(text);
    expectAt(text, at(r.problems, 'defaults.callsPerMonth'), 2, 18, '1e400');
    expectAt(text, at(r.problems, 'defaults.expectedOutputTokens'), 3, 25, '123456789012345678901234567890');
    assert.equal(r.config.defaults.callsPerMonth, null);
    assert.equal(r.config.defaults.expectedOutputTokens, null);
  });

  it('YAML syntax errors are reported at their place and the rest still applies', () => {
    const text = 'placeholders:\n  a: 1\n  a: 2\n  b: 3\n';
    const r = parseWorkspaceConfig(text);
    const dup = r.problems.find((p) => /unique/i.test(p.message))!;
    assert.ok(dup, JSON.stringify(r.problems));
    assert.deepEqual([dup.line, dup.column], [3, 3]);
    assert.equal(r.config.placeholders.byName.b, 3);
  });

  it('an unclosed flow list is a syntax error, never a throw', () => {
    const text = 'volumes:\n  - glob: "a/**"\n    calls: [1, 2\nplaceholders:\n  x: 5\n';
    const r = parseWorkspaceConfig(text);
    assert.ok(r.problems.some((p) => p.severity === 'error'));
    for (const p of r.problems) assert.ok(p.line >= 1 && p.line <= 6 && p.column >= 1);
  });

  it('a cascade of syntax errors is summed up, not listed token by token', () => {
    const text = `a: [${'x: ], '.repeat(50)}\nplaceholders:\n  q: 1\n`;
    const r = parseWorkspaceConfig(text);
    assert.ok(r.problems.length <= 15, `${r.problems.length} problems`);
    assert.equal(r.problems.filter((p) => /^\d+ more YAML syntax errors from here on$/.test(p.message)).length, 1);
  });

  it('an alias bomb is refused quickly', () => {
    const lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(',')}]`);
    lines.push('placeholders: &p { q: 1 }', `features:\n  - name: X\n    globs: *a11`);
    const text = lines.join('\n');
    const started = Date.now();
    const r = parseWorkspaceConfig(text);
    assert.ok(Date.now() - started < 1000, 'took too long');
    assert.ok(r.problems.some((p) => p.path === 'features[0].globs' && /alias/.test(p.message)), JSON.stringify(r.problems.map((p) => [p.path, p.message])));
  });

  it('a reasonable alias is followed', () => {
    const text = 'features:\n  - name: A\n    globs: &g ["src/**"]\n  - name: B\n    globs: *g\n';
    const r = parseWorkspaceConfig(text);
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.config.features.map((f) => f.globs), [['src/**'], ['src/**']]);
  });

  it('deep nesting and huge input do not throw', () => {
    const deep = `placeholders: ${'['.repeat(20000)}${']'.repeat(20000)}\n`;
    const r = parseWorkspaceConfig(deep);
    assert.ok(r.problems.length >= 1);
    const huge = parseWorkspaceConfig(`# ${'x'.repeat(3_000_000)}`);
    assert.match(huge.problems[0]!.message, /larger than/);
  });

  it('a placeholder named __proto__ is just a name', () => {
    const r = parseWorkspaceConfig('placeholders:\n  __proto__: 7\n  constructor: 3\n');
    assert.deepEqual(r.problems, []);
    assert.equal(r.config.placeholders.byName['__proto__'], 7);
    assert.equal(r.config.placeholders.byName['constructor'], 3);
    assert.equal(Object.getPrototypeOf(r.config.placeholders.byName), null);
  });

  it('version 2 is an error; other sections still apply', () => {
    const r = parseWorkspaceConfig('version: 2\nrules:\n  PM001: error\n');
    expectAt('version: 2\nrules:\n  PM001: error\n', at(r.problems, 'version'), 1, 10, '2');
    assert.deepEqual(r.config.rules, { PM001: 'error' });
  });

  it('reads the JSON variant', () => {
    const r = parseWorkspaceConfig('{ "version": 1, "volumes": [ { "site": "abc", "calls": "1k/hour" } ] }');
    assert.deepEqual(r.problems, []);
    assert.equal(r.config.volumes[0]!.callsPerMonth, 720_000);
  });

  it('counts columns in UTF-16 code units after non-ASCII text', () => {
    const text = '# café ☕ 🙂\nplaceholders:\n  émoji: nope\n';
    const r = parseWorkspaceConfig(text);
    expectAt(text, at(r.problems, 'placeholders["émoji"]'), 3, 10, 'nope');
  });
});

describe('parseWorkspaceConfig: robustness', () => {
  it('keeps exact positions in a CRLF file', () => {
    const text = 'defaults:\r\n  callsPerMonth: lots\r\nplaceholders:\r\n  q: x\r\n';
    const r = parseWorkspaceConfig(text);
    expectAt(text, at(r.problems, 'defaults.callsPerMonth'), 2, 18, 'lots');
    expectAt(text, at(r.problems, 'placeholders.q'), 4, 6, 'x');
  });

  it('never throws on hundreds of random edits of a real file, and every position is inside the text', function () {
    this.timeout(60_000);
    const base = BROKEN;
    const alphabet = ['\n', ' ', ':', '-', '[', ']', '{', '}', '"', "'", '&a', '*a', '#', '!', '|', '>', '1e999', 'k/day', '\t', '?', ',', 'x', '0', '%', '@', '`'];
    let seed = 12345;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 250; round++) {
      let text = base;
      for (let e = 0, edits = 1 + rand(4); e < edits; e++) {
        const pos = rand(text.length + 1);
        if (rand(2) === 0) text = text.slice(0, pos) + alphabet[rand(alphabet.length)]! + text.slice(pos);
        else text = text.slice(0, pos) + text.slice(pos + 1 + rand(8));
      }
      const r = parseWorkspaceConfig(text);
      for (const p of r.problems) {
        assert.ok(p.span.start >= 0 && p.span.start <= p.span.end && p.span.end <= text.length, `span ${JSON.stringify(p)} in ${JSON.stringify(text)}`);
        const lines = text.slice(0, p.span.start).split('\n');
        assert.deepEqual([p.line, p.column], [lines.length, lines[lines.length - 1]!.length + 1]);
      }
      assert.ok(Object.isFrozen(r.config));
    }
  });
});

describe('parseWorkspaceConfig on deep nesting', () => {
  it('refuses nesting past 64 levels with one problem, the same on every parse', () => {
    const deep = `version: 1\nvolumes:\n ${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}\n`;
    const a = parseWorkspaceConfig(deep);
    const b = parseWorkspaceConfig(deep);
    assert.deepEqual(a, b);
    assert.equal(a.problems.length, 1);
    assert.match(a.problems[0]!.message, /nested deeper than 64 levels at line 3/);
  });

  it('still reads ordinary files with apostrophes, quotes and braces in values', () => {
    const text = "version: 1\nfeatures:\n  - name: Customer's tickets\n    globs: ['src/{a,b}/**', \"x/[y]/*\"]\n";
    const r = parseWorkspaceConfig(text);
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.config.features[0]!.globs, ['src/{a,b}/**', 'x/[y]/*']);
  });
});
