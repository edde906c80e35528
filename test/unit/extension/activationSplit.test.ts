import * as assert from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createdOnUse } from '../../../src/extension/lazyCore';

const dist = join(__dirname, '..', '..', '..', '..', 'dist');

/** The sources esbuild put into a bundle, from its source map (written by `npm run build`). */
function bundledSources(bundle: string): string[] {
  const map = JSON.parse(readFileSync(join(dist, `${bundle}.map`), 'utf8')) as { sources: string[] };
  return map.sources.map((s) => s.replace(/\\/g, '/'));
}

describe('extension activation split (issue 4)', () => {
  const built = existsSync(join(dist, 'extension.js.map')) && existsSync(join(dist, 'engine.js.map'));

  it('the Node entry carries no zod, yaml, tokenizer, detection, pricing, config or report code', function () {
    if (!built) this.skip();
    const heavy = bundledSources('extension.js').filter((s) =>
      /node_modules\/(zod|yaml|@vscode\/tree-sitter-wasm)\/|src\/core\/(config|tokens|detect|pricing|analyze|rules|report)\/|src\/extension\/(engine|report\/)/.test(s));
    assert.deepStrictEqual(heavy, []);
  });

  it('the Node entry requires dist/engine.js at run time, and engine.js holds the Engine and settings schema', function () {
    if (!built) this.skip();
    assert.match(readFileSync(join(dist, 'extension.js'), 'utf8'), /require\("\.\/engine\.js"\)/);
    const engine = bundledSources('engine.js');
    for (const needed of ['src/extension/engine.ts', 'src/core/config/schema.ts', 'src/extension/report/command.ts']) {
      assert.ok(engine.some((s) => s.endsWith(needed)), `${needed} in engine.js`);
    }
  });

  it('createdOnUse makes the object on first member use, once, with methods bound to it', () => {
    let made = 0;
    class Counter {
      n = 0;
      bump(): number {
        return ++this.n;
      }
    }
    const c = createdOnUse(() => {
      made++;
      return new Counter();
    });
    assert.strictEqual(made, 0, 'nothing made before use');
    const bump = c.bump;
    assert.strictEqual(bump(), 1, 'a detached method still sees its object');
    assert.strictEqual(c.bump(), 2);
    assert.strictEqual(c.n, 2);
    assert.strictEqual(made, 1, 'made once');
  });
});
