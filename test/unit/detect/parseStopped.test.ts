/**
 * Detection says when a parse was stopped (issue 6: bad input gets a clear message): a file whose
 * parse ran out of budget has no sites because it was not read, and callers must be able to tell
 * that from a file with no LLM call. The clock is controlled, so the verdict does not depend on
 * the machine's load.
 */
import * as assert from 'node:assert/strict';
import { TreeSitterDetector } from '../../../src/core/detect/detector';
import { Parsers } from '../../../src/core/detect/parser';
import { nodeDetectionHost } from '../../../src/cli/wasm';

/** One OpenAI call, then enough ordinary code that the parser looks at the clock several times. */
function withSite(filler: number): string {
  const lines = [
    "import OpenAI from 'openai';",
    'const client = new OpenAI();',
    "client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });",
  ];
  for (let i = 0; i < filler; i++) lines.push(`const v${i} = f(${i}, 'x${i}');`);
  return lines.join('\n');
}

describe('detect: a stopped parse is reported', function () {
  this.timeout(60_000);
  let parsers: Parsers;
  let step = 0;
  let now = 0;
  /** Each look at the clock moves it by `step` ms: 1e6 is past any deadline, 0 never is. */
  const clock = () => (now += step);
  before(async () => {
    parsers = await Parsers.load(nodeDetectionHost());
  });
  beforeEach(() => {
    step = 0;
  });

  it('one-shot: stopped gives no sites and parseStopped true; the same detector on another text in time gives its site', () => {
    const d = new TreeSitterDetector(parsers, clock);
    const input = { text: withSite(400), language: 'javascript' as const, path: 'a.js' };
    step = 1e6;
    assert.deepEqual(d.detectWithStatus(input), { sites: [], parseStopped: true });
    assert.deepEqual(d.detect(input), [], 'detect() answers as before: no sites');
    step = 0;
    const other = d.detectWithStatus({ ...input, text: withSite(401) });
    assert.equal(other.parseStopped, false);
    assert.equal(other.sites.length, 1);
  });

  it('a file that cannot hold a site is never parsed, so never stopped', () => {
    const d = new TreeSitterDetector(parsers, clock);
    step = 1e6;
    assert.deepEqual(d.detectWithStatus({ text: 'const a = 1;\n'.repeat(400), language: 'javascript', path: 'a.js' }), { sites: [], parseStopped: false });
  });

  it('a document: stopped on open, cleared by the next edit that parses in time, set again by one that does not', () => {
    const d = new TreeSitterDetector(parsers, clock);
    step = 1e6;
    const doc = d.open({ text: withSite(400), language: 'javascript', path: 'a.js' });
    try {
      assert.equal(doc.parseStopped, true);
      assert.deepEqual(doc.sites(), []);
      step = 0;
      const end = doc.text.length;
      const sites = doc.applyEdit({ start: end, oldEnd: end, newText: '\nconst w = 1;' });
      assert.equal(doc.parseStopped, false, 'this version parsed in time');
      assert.equal(sites.length, 1, 'the site is read again');
      step = 1e6;
      const again = doc.applyEdit({ start: 0, oldEnd: 0, newText: '// edited\n' });
      assert.equal(doc.parseStopped, true);
      assert.deepEqual(again, []);
    } finally {
      doc.dispose();
    }
  });

  it('a document whose text never parsed (no possible site) is not stopped, and an edit to one stays unstopped', () => {
    const d = new TreeSitterDetector(parsers, clock);
    step = 1e6;
    const doc = d.open({ text: 'const a = 1;\n', language: 'javascript', path: 'a.js' });
    try {
      assert.equal(doc.parseStopped, false);
      doc.applyEdit({ start: 0, oldEnd: 0, newText: 'let b = 2;\n' });
      assert.equal(doc.parseStopped, false);
    } finally {
      doc.dispose();
    }
  });
});
