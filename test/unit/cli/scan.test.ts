import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScanReport } from '../../../src/core/report';
import { scanDirectory, toReport } from '../../../src/cli/scanWorkspace';
import { sarifValidator } from '../report/sarifSchema';
import { PROJECT, runCli, writeTree } from './cliHarness';

const validate = sarifValidator();

describe('promptmeter scan', function () {
  this.timeout(60_000);
  let root: string;
  let report: ScanReport;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'pm-scan-'));
    writeTree(root, {
      ...PROJECT,
      'src/huge.ts': `// ${'x'.repeat(2.1 * 1024 * 1024)}\n`,
      'src/broken.ts': "import OpenAI from 'openai';\nconst c = new OpenAI();\nc.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: `half ${",
    });
    const r = await runCli(['scan', root], '/');
    assert.equal(r.code, 0, r.stderr);
    report = JSON.parse(r.stdout);
    // standard output is the report alone; the summary goes to standard error
    assert.match(r.stderr, /^promptmeter scan: \d+ sites, \$[\d.,]+\/month, 3 not analysed\n$/);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('prints the JSON contract for the sites git would not ignore', () => {
    assert.equal(report.schemaVersion, 1);
    assert.equal(report.tool.name, 'promptmeter');
    assert.match(report.pricing.asOf, /^\d{4}-\d\d-\d\d$/);
    assert.deepEqual(report.sites.map((s) => s.file).filter((f) => f !== 'src/broken.ts'), ['app/summarize.py', 'src/chat.ts']);
  });

  it('places each site at the start of its call, 1-based', () => {
    const chat = report.sites.find((s) => s.file === 'src/chat.ts')!;
    // line 5: "  return client.chat…", the call after 9 characters
    assert.deepEqual([chat.line, chat.column], [5, 10]);
    assert.equal(chat.provider, 'openai');
    assert.equal(chat.model, 'gpt-4o');
    assert.equal(chat.outputTokensCap, null);
    const py = report.sites.find((s) => s.file === 'app/summarize.py')!;
    // line 6: "    return client.messages…", after 11 characters
    assert.deepEqual([py.line, py.column, py.outputTokensCap, py.outputCapParam], [6, 12, 1024, 'max_tokens']);
  });

  it('prices with the annotated volume: monthly = per call × calls', () => {
    const chat = report.sites.find((s) => s.file === 'src/chat.ts')!;
    assert.equal(chat.callsPerMonth, 1000);
    assert.equal(chat.volumeSource, 'annotation');
    // gpt-4o lists at $2.50 per million input tokens
    assert.ok(Math.abs(chat.costPerCall!.input - (chat.inputTokens * 2.5) / 1e6) < 1e-9, JSON.stringify(chat.costPerCall));
    assert.ok(Math.abs(chat.monthlyCost! - chat.costPerCall!.total * 1000) < 1e-6);
    const total = report.sites.reduce((a, s) => a + (s.monthlyCost ?? 0), 0);
    assert.ok(Math.abs(report.totals.monthlyCost - total) < 1e-6);
  });

  it('flags the call without a cap at its place', () => {
    const chat = report.sites.find((s) => s.file === 'src/chat.ts')!;
    const pm001 = chat.findings.find((f) => f.rule === 'PM001');
    assert.ok(pm001, JSON.stringify(chat.findings));
    assert.equal(pm001.line, 5);
    assert.equal(report.sites.find((s) => s.file === 'app/summarize.py')!.findings.some((f) => f.rule === 'PM001'), false);
  });

  it('lists the binary, the huge and the minified file under errors instead of stopping', () => {
    const errs = Object.fromEntries(report.errors.map((e) => [e.file, e.message]));
    assert.match(errs['src/blob.ts']!, /binary/);
    assert.match(errs['src/bundle.min.js']!, /minified/);
    assert.match(errs['src/huge.ts']!, /2\.1 MB is over the 2 MB limit/);
    // half-typed code is parsed as far as it goes, not reported as broken
    assert.equal(errs['src/broken.ts'], undefined);
  });

  it('writes every format to --out, and each one is what its renderer makes', async () => {
    for (const [format, check] of [
      ['md', (t: string) => assert.match(t, /^## Promptmeter cost report/)],
      ['csv', (t: string) => assert.match(t, /^id,file,line,column,/)],
      ['html', (t: string) => assert.match(t, /^<!DOCTYPE html>[\s\S]*nonce-[A-Za-z0-9+/=]+/)],
      ['sarif', (t: string) => assert.ok(validate(JSON.parse(t)), JSON.stringify(validate.errors))],
    ] as const) {
      const out = join(root, `report.${format}`);
      const r = await runCli(['scan', '.', '--format', format, '--out', out], root);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, '');
      check(readFileSync(out, 'utf8'));
    }
  });

  it('gives the same report on worker threads as in one thread', async () => {
    const one = toReport(await scanDirectory(root, { workers: 0 }));
    const threaded = await scanDirectory(root, { workers: 2 });
    const two = toReport(threaded);
    assert.deepEqual(threaded.parsed, { onWorkers: 3, here: 0 }); // chat.ts, summarize.py, broken.ts
    assert.equal(JSON.stringify(two), JSON.stringify(one));
    assert.equal(JSON.stringify(one), JSON.stringify(report));
  });

  it('parses only the files that may hold a call, on this thread when they are few', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pm-scan-few-'));
    try {
      writeTree(dir, {
        ...PROJECT,
        // ORM code with the call name but no SDK import and no request keys: the prefilter answers it
        'src/orders.ts': "export const save = (db: any, total: number) => db.order.create({ data: { total } });\n",
        'src/util.py': 'import json\n\ndef load(p):\n    return json.load(open(p))\n',
      });
      const progress: [number, number, string][] = [];
      const s = await scanDirectory(dir, { onFile: (done, total, path) => progress.push([done, total, path]) });
      // src/chat.ts and app/summarize.py; the binary and minified files are skipped before
      assert.deepEqual(s.parsed, { onWorkers: 0, here: 2 });
      // six files in a known language, each reported once, counting up to the total
      assert.deepEqual(progress.map(([d, t]) => [d, t]), [1, 2, 3, 4, 5, 6].map((d) => [d, 6]));
      assert.deepEqual(progress.map(([, , p]) => p).sort(), ['app/summarize.py', 'src/blob.ts', 'src/bundle.min.js', 'src/chat.ts', 'src/orders.ts', 'src/util.py']);
      assert.deepEqual(s.estimates.map((e) => e.file), ['app/summarize.py', 'src/chat.ts']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 on a bad format, a missing folder or two folders', async () => {
    assert.equal((await runCli(['scan', root, '--format', 'xml'], '/')).code, 2);
    assert.equal((await runCli(['scan', join(root, 'nope')], '/')).code, 2);
    assert.equal((await runCli(['scan', root, root], '/')).code, 2);
  });
});
