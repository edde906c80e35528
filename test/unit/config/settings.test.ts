import * as assert from 'node:assert/strict';
import {
  defaultSettings,
  emptyWorkspaceConfig,
  expectedOutputTokens,
  fallbackModel,
  parseSettings,
  parseWorkspaceConfig,
  placeholderTokens,
  ruleSeverity,
  templateGlobs,
} from '../../../src/core/config';

describe('parseSettings', () => {
  it('gives the documented defaults for nothing at all', () => {
    for (const raw of [undefined, null, {}, 42, 'x']) {
      const { settings, problems } = parseSettings(raw);
      assert.deepEqual(problems, []);
      assert.deepEqual(settings, defaultSettings);
    }
    // The defaults docs/settings.md promises, restated by hand.
    const d = defaultSettings;
    assert.equal(d.enable, true);
    assert.equal(d.defaultModel, '');
    assert.equal(d.defaultCallsPerMonth, 1000);
    assert.equal(d.currencyDisplay, 'auto');
    assert.equal(d.tokens.placeholderDefault, 100);
    assert.equal(d.tokens.expectedOutput, 300);
    assert.deepEqual(d.tokens.templateGlobs, ['**/prompts/**']);
    assert.equal(d.prices.staleAfterDays, 90);
    assert.equal(d.diagnostics.debounceMs, 300);
    assert.deepEqual(d.diagnostics.severity, {
      PM001: 'warning',
      PM002: 'error',
      PM003: 'warning',
      PM004: 'info',
      PM005: 'info',
      PM006: 'warning',
      PM007: 'error',
      PM008: 'warning',
    });
    assert.equal(d.report.premiumThresholdPerMTok, 5);
    assert.ok(d.report.exclude.includes('**/node_modules/**'));
  });

  it('reads nested objects as getConfiguration gives them, and flat dotted keys', () => {
    const { settings, problems } = parseSettings({
      codeLens: { enable: false },
      'hover.compareCheaperModels': false,
      diagnostics: { severity: { PM004: 'off' } },
      defaultModel: 'gpt-4o-mini',
    });
    assert.deepEqual(problems, []);
    assert.equal(settings.codeLens.enable, false);
    assert.equal(settings.codeLens.showMonthly, true);
    assert.equal(settings.hover.compareCheaperModels, false);
    assert.equal(settings.diagnostics.severity.PM004, 'off');
    assert.equal(settings.diagnostics.severity.PM001, 'warning');
    assert.equal(settings.defaultModel, 'gpt-4o-mini');
  });

  it('falls back per field and reports each bad value once', () => {
    const { settings, problems } = parseSettings({
      defaultCallsPerMonth: -5,
      diagnostics: { debounceMs: 'soon', enable: false, severity: { PM002: 'fatal' } },
      tokens: { templateGlobs: ['ok/**', 3] },
      currencyDisplay: 'euros',
    });
    assert.deepEqual(
      problems.map((p) => p.path),
      ['defaultCallsPerMonth', 'currencyDisplay', 'tokens.templateGlobs', 'diagnostics.debounceMs', 'diagnostics.severity.PM002'],
    );
    for (const p of problems) assert.match(p.message, /using the default$/);
    assert.match(problems[3]!.message, /expected number, found "soon"/);
    assert.equal(settings.defaultCallsPerMonth, 1000);
    assert.equal(settings.diagnostics.debounceMs, 300);
    assert.equal(settings.diagnostics.enable, false); // the good neighbour stays
    assert.equal(settings.diagnostics.severity.PM002, 'error');
    assert.deepEqual(settings.tokens.templateGlobs, ['**/prompts/**']);
    assert.equal(settings.currencyDisplay, 'auto');
  });

  it('ignores unknown keys and functions (a WorkspaceConfiguration has get/has/update)', () => {
    const { problems } = parseSettings({ oldSetting: 1, get: () => 1, has: () => true });
    assert.deepEqual(problems, []);
  });

  it('returns deeply frozen settings', () => {
    const { settings } = parseSettings({});
    assert.ok(Object.isFrozen(settings));
    assert.ok(Object.isFrozen(settings.diagnostics.severity));
    assert.ok(Object.isFrozen(settings.report.exclude));
    assert.throws(() => {
      (settings.diagnostics as { enable: boolean }).enable = false;
    });
  });
});

describe('placeholderTokens', () => {
  const { config: ws } = parseWorkspaceConfig('placeholders:\n  default: 60\n  question: 40\n  ticket.body: 400\n  name: 5\n');

  it('finds a name as written, then without formatting, then by its last part', () => {
    assert.deepEqual(placeholderTokens('question', ws, defaultSettings), { tokens: 40, source: 'config' });
    assert.deepEqual(placeholderTokens('ticket.body', ws, defaultSettings), { tokens: 400, source: 'config' });
    assert.deepEqual(placeholderTokens('question!r', ws, defaultSettings), { tokens: 40, source: 'config' });
    assert.deepEqual(placeholderTokens('question:>20', ws, defaultSettings), { tokens: 40, source: 'config' });
    assert.deepEqual(placeholderTokens(' question | upper ', ws, defaultSettings), { tokens: 40, source: 'config' });
    assert.deepEqual(placeholderTokens('this.question', ws, defaultSettings), { tokens: 40, source: 'config' });
    assert.deepEqual(placeholderTokens('user.name', ws, defaultSettings), { tokens: 5, source: 'config' });
  });

  it('falls back to placeholders.default, then the setting', () => {
    assert.deepEqual(placeholderTokens('other', ws, defaultSettings), { tokens: 60, source: 'default' });
    assert.deepEqual(placeholderTokens('other', emptyWorkspaceConfig, defaultSettings), { tokens: 100, source: 'default' });
    const { settings } = parseSettings({ tokens: { placeholderDefault: 7 } });
    assert.deepEqual(placeholderTokens('other', emptyWorkspaceConfig, settings), { tokens: 7, source: 'default' });
  });

  it('does not find inherited object members', () => {
    assert.deepEqual(placeholderTokens('constructor', ws, defaultSettings), { tokens: 60, source: 'default' });
    assert.deepEqual(placeholderTokens('toString', ws, defaultSettings), { tokens: 60, source: 'default' });
  });
});

describe('settings and promptmeter.yaml together', () => {
  const { config: ws } = parseWorkspaceConfig(
    'defaults:\n  model: claude-haiku-4-5\n  expectedOutputTokens: 120\nrules:\n  PM001: error\ntemplates:\n  globs: ["tpl/**"]\n',
  );
  const { settings } = parseSettings({ defaultModel: 'gpt-4o-mini', diagnostics: { severity: { PM001: 'off', PM004: 'off' } } });

  it('promptmeter.yaml wins over settings, which win over built-in defaults', () => {
    assert.equal(ruleSeverity('PM001', settings, ws), 'error');
    assert.equal(ruleSeverity('PM004', settings, ws), 'off');
    assert.equal(ruleSeverity('PM002', settings, ws), 'error');
    assert.equal(fallbackModel(ws, settings), 'claude-haiku-4-5');
    assert.equal(fallbackModel(emptyWorkspaceConfig, settings), 'gpt-4o-mini');
    assert.equal(fallbackModel(emptyWorkspaceConfig, defaultSettings), null);
    assert.equal(expectedOutputTokens(ws, settings), 120);
    assert.equal(expectedOutputTokens(emptyWorkspaceConfig, settings), 300);
    assert.deepEqual(templateGlobs(ws, settings), ['tpl/**']);
    assert.deepEqual(templateGlobs(emptyWorkspaceConfig, settings), ['**/prompts/**']);
  });
});
