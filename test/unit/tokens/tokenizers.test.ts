import { strict as assert } from 'node:assert';
import { Tokenizers } from '../../../src/core/tokens';
import type { EncodingName } from '../../../src/core/tokens';
import { nodeRankLoader } from '../../../src/cli/ranks';

describe('Tokenizers (lazy loading)', () => {
  it('loads each encoding once, however often and concurrently ensure() is called', async () => {
    const calls: EncodingName[] = [];
    const real = nodeRankLoader();
    const tk = new Tokenizers(async (e) => {
      calls.push(e);
      return real(e);
    });
    await Promise.all([tk.ensure('o200k_base'), tk.ensure('o200k_base'), tk.ensure('cl100k_base')]);
    await tk.ensure('o200k_base');
    assert.deepEqual(calls.sort(), ['cl100k_base', 'o200k_base']);
    assert.equal(tk.forModel('gpt-4o').count('hello world'), 2);
  });

  it('loads nothing at construction; forModel before ensure names the missing encoding', () => {
    let loads = 0;
    const tk = new Tokenizers(async () => {
      loads++;
      return new Uint8Array();
    });
    assert.equal(loads, 0);
    assert.equal(tk.encodingFor('gpt-4'), 'cl100k_base');
    assert.throws(() => tk.forModel('gpt-4'), /cl100k_base is not loaded/);
  });

  it('a failed load rejects and is retried on the next ensure()', async () => {
    let attempt = 0;
    const real = nodeRankLoader();
    const tk = new Tokenizers(async (e) => {
      if (attempt++ === 0) throw new Error('disk on fire');
      return real(e);
    });
    await assert.rejects(tk.ensure('o200k_base'), /disk on fire/);
    await tk.ensure('o200k_base');
    assert.equal(tk.has('o200k_base'), true);
  });

  it('a missing rank directory is a clear error', async () => {
    await assert.rejects(nodeRankLoader('/nonexistent/ranks')('o200k_base'), /ENOENT/);
  });
});
