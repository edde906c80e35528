// One esbuild context per target: the Node extension, the web extension and the CLI.
// `--watch` keeps them rebuilding; `--production` minifies and drops source maps.
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { genRanks } from './scripts/genRanks.mjs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Tree-sitter runtime and grammars are loaded as files at run time, next to the bundles. */
function copyWasm() {
  mkdirSync('dist/wasm', { recursive: true });
  const src = 'node_modules/@vscode/tree-sitter-wasm/wasm';
  for (const f of ['tree-sitter.wasm', 'tree-sitter-typescript.wasm', 'tree-sitter-tsx.wasm', 'tree-sitter-javascript.wasm', 'tree-sitter-python.wasm']) {
    cpSync(`${src}/${f}`, `dist/wasm/${f}`);
  }
}

/**
 * web-tree-sitter's emscripten glue reaches Node built-ins only behind run-time Node checks, and
 * throws at load when it cannot find its own URL (a web worker has neither `__filename` nor
 * `document`). For the web bundle: leave those built-ins out and let it use the worker's location.
 * The WASM bytes themselves always come from `DetectionHost.loadWasm`, never from a path.
 */
const treeSitterForWeb = {
  name: 'tree-sitter-web',
  setup(build) {
    const glue = /tree-sitter-wasm[\\/]wasm[\\/]tree-sitter\.js$/;
    build.onResolve({ filter: /^(fs|fs\/promises|path|url|module)$/ }, (a) => (glue.test(a.importer) ? { path: a.path, external: true } : undefined));
    build.onLoad({ filter: glue }, async (a) => ({
      contents: (await readFile(a.path, 'utf8')).replace(
        "throw new Error('Unable to determine script URL');",
        "return typeof location !== 'undefined' && /^https?:/.test(String(location.href)) ? String(location.href) : 'file:///';", // VS Code's web worker runs from a blob: URL, which is no base for new URL()
      ),
      loader: 'js',
    }));
  },
};

/**
 * The Node extension keeps core out of `dist/extension.js`: `lazyCore()`'s require of the engine
 * bundle stays a run-time `require('./engine.js')`, so activation compiles and runs only the
 * VS Code wiring (issue 4: activation ≤ 100 ms).
 */
const engineOutside = {
  name: 'engine-outside',
  setup(build) {
    build.onResolve({ filter: /^\.\/engineBundle$/ }, (a) => (/lazyCore\.ts$/.test(a.importer) ? { path: './engine.js', external: true } : undefined));
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'info',
  legalComments: 'none',
  define: { PROMPTMETER_VERSION: JSON.stringify(pkg.version) },
};

const targets = [
  {
    ...common,
    entryPoints: ['src/extension/main.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [engineOutside],
  },
  {
    ...common,
    entryPoints: ['src/extension/engineBundle.ts'],
    outfile: 'dist/engine.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    // Detection and estimation for the Node extension host, off its thread (issue 6).
    ...common,
    entryPoints: ['src/extension/worker/analysisWorker.ts'],
    outfile: 'dist/analysisWorker.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    ...common,
    entryPoints: ['src/extension/browserMain.ts'],
    outfile: 'dist/web/extension.js',
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'],
    // The web entry must not reach Node built-ins; esbuild fails the build if it does.
    plugins: [treeSitterForWeb],
  },
  {
    ...common,
    entryPoints: ['src/cli/index.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
];

copyWasm();
await genRanks(); // tokenizer ranks in the compact format core reads (dist/ranks/*.bin)
const contexts = await Promise.all(targets.map((t) => esbuild.context(t)));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
