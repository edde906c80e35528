/**
 * The editor's analysis says when a document's parse was stopped (issue 6: bad input gets a clear
 * message): the result the worker protocol carries has `parseStopped` for the version whose parse
 * tree-sitter's error recovery stalled, and loses it with the next edit that parses. Driven through
 * the in-thread backend, the same `DocumentAnalyzer` the worker runs; the worker forwards the
 * result's plain fields as they are.
 */
import * as assert from 'node:assert/strict';
import { defaultSettings, emptyWorkspaceConfig } from '../../../src/core/config';
import { InThreadBackend } from '../../../src/extension/worker/backend';
import { DocumentAnalyzer } from '../../../src/extension/worker/documents';
import type { AnalyzeOutcome, AnalyzeResult } from '../../../src/extension/worker/protocol';
import { lostQuoteFile } from '../../fuzz/pathological';
import { nodeEngine } from './nodeEngine';

const PATH = 'src/chat.js';

function result(o: AnalyzeOutcome): AnalyzeResult {
  assert.ok(!o.superseded, 'a result, not superseded');
  return o;
}

describe('analysis: a document whose parse was stopped', function () {
  this.timeout(120_000);
  const engine = nodeEngine();

  it('answers parseStopped with no sites, and drops it once an edit makes the text parse', async () => {
    const backend = new InThreadBackend(new DocumentAnalyzer(engine));
    const broken = lostQuoteFile(20000, "''");
    try {
      backend.open('k', { path: PATH, languageId: 'javascript', text: broken, version: 1, settings: defaultSettings, workspace: emptyWorkspaceConfig });
      const first = result(await backend.analyze('k', { version: 1, edit: null, length: broken.length, want: 'estimates' }));
      assert.equal(first.parseStopped, true);
      assert.deepEqual(first.sites, []);
      assert.deepEqual(first.estimates, []);
      // Asked again for the same version: the cached answer still says so.
      const cached = result(await backend.analyze('k', { version: 1, edit: null, length: broken.length, want: 'sites' }));
      assert.equal(cached.parseStopped, true);
      // Delete the stray quote: the string closes, the text parses, the call is read again.
      const q = broken.indexOf("''ab");
      const fixed = result(await backend.analyze('k', { version: 2, edit: { start: q, oldEnd: q + 1, newText: '' }, length: broken.length - 1, want: 'estimates' }));
      assert.equal(fixed.parseStopped, undefined, 'no flag once the version parses');
      assert.equal(fixed.estimates?.length, 1);
      assert.equal(fixed.estimates?.[0]?.site.model?.id, 'gpt-4o');
    } finally {
      backend.dispose();
    }
  });
});
