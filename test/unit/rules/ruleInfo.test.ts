import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_RULE_SEVERITY, RULE_IDS, RULE_NAMES } from '../../../src/core/config';
import { ruleInfo, rules } from '../../../src/core/rules';

const root = join(__dirname, '..', '..', '..', '..');

describe('ruleInfo', () => {
  it('describes PM001–PM008 with the names DESIGN.md gives and the severities the settings default to', () => {
    assert.deepEqual(Object.keys(ruleInfo), [...RULE_IDS]);
    assert.deepEqual(rules.map((r) => r.id), [...RULE_IDS]);
    for (const id of RULE_IDS) {
      assert.equal(ruleInfo[id].name, RULE_NAMES[id], id);
      assert.equal(ruleInfo[id].defaultSeverity, DEFAULT_RULE_SEVERITY[id], id);
      assert.ok(ruleInfo[id].summary.length > 20, id);
    }
  });

  it('points every rule at a docs page that exists and shows a bad example, the message and the fix', () => {
    for (const id of RULE_IDS) {
      const path = join(root, ruleInfo[id].docs);
      assert.ok(existsSync(path), `${ruleInfo[id].docs} is missing`);
      const page = readFileSync(path, 'utf8');
      assert.match(page, new RegExp(`^# ${id} ${ruleInfo[id].name}`), id);
      for (const heading of ['## Example', '## Message', '## Fix']) assert.ok(page.includes(heading), `${id} lacks "${heading}"`);
    }
  });
});
