import * as assert from 'node:assert/strict';
import { buildScanReport, renderSarif } from '../../../src/core/report';
import { sarifValidator } from './sarifSchema';
import { SAMPLE_META, sampleEstimates } from './sample';

describe('SARIF', () => {
  const validate = sarifValidator();
  const report = buildScanReport(sampleEstimates(), SAMPLE_META);
  const log = JSON.parse(renderSarif(report));

  it('validates against the SARIF 2.1.0 schema', () => {
    const ok = validate(log);
    assert.ok(ok, JSON.stringify(validate.errors, null, 2));
  });

  it('the validator does reject a broken log', () => {
    assert.equal(validate({ ...log, version: '2.0.0' }), false);
    const broken = structuredClone(log);
    broken.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    assert.equal(validate(broken), false);
  });

  it('describes all eight rules with help text and an absolute help page', () => {
    const rules = log.runs[0].tool.driver.rules;
    assert.deepEqual(rules.map((r: { id: string }) => r.id), ['PM001', 'PM002', 'PM003', 'PM004', 'PM005', 'PM006', 'PM007', 'PM008']);
    for (const r of rules) {
      assert.ok(r.help.text.length > 20 && r.help.markdown.length > 20, r.id);
      assert.ok(r.shortDescription.text.length > 10, r.id);
      assert.match(r.helpUri, new RegExp(`^https://.*/docs/rules/${r.id}\\.md$`));
    }
  });

  it('gives each finding a result with its rule index, level and physical location', () => {
    const results = log.runs[0].results;
    assert.equal(results.length, 3);
    const pm001 = results.find((r: { ruleId: string }) => r.ruleId === 'PM001');
    assert.equal(pm001.ruleIndex, 0);
    assert.equal(pm001.level, 'warning');
    assert.deepEqual(pm001.locations[0].physicalLocation, {
      artifactLocation: { uri: 'src/chat.ts', uriBaseId: '%SRCROOT%' },
      region: { startLine: 5, startColumn: 10, endLine: 5, endColumn: 40 },
    });
    assert.equal(pm001.partialFingerprints['promptmeterFinding/v1'], 'chat-1:PM001');
  });

  it('lists unreadable files as tool notifications and encodes paths as URIs', () => {
    const notes = log.runs[0].invocations[0].toolExecutionNotifications;
    assert.equal(notes[0].locations[0].physicalLocation.artifactLocation.uri, 'vendor/blob.bin');
    const odd = JSON.parse(renderSarif({ ...report, errors: [{ file: 'a dir/x#1.ts', message: 'm' }] }, { uriPrefix: './pkg/' }));
    assert.equal(odd.runs[0].invocations[0].toolExecutionNotifications[0].locations[0].physicalLocation.artifactLocation.uri, 'pkg/a%20dir/x%231.ts');
    assert.ok(validate(odd), JSON.stringify(validate.errors));
  });

  it('maps info and hint to note', () => {
    const r2 = structuredClone(report);
    r2.sites[0]!.findings[0]!.severity = 'info';
    const l2 = JSON.parse(renderSarif(r2));
    assert.equal(l2.runs[0].results.find((r: { ruleId: string }) => r.ruleId === r2.sites[0]!.findings[0]!.rule).level, 'note');
  });
});
