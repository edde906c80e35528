// Writes what the configuration schema generates: package.json `contributes.configuration`,
// docs/settings.md and schemas/promptmeter.schema.json. `--check` writes nothing and exits 1
// when any of them differs from what the schema says (CI runs it; so does the unit test).
// The schema is TypeScript, so it is bundled on the fly: no build step has to run first.
import * as esbuild from 'esbuild';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');

async function loadManifestModule() {
  const result = await esbuild.build({
    entryPoints: [join(root, 'src/core/config/manifest.ts')],
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    logLevel: 'silent',
  });
  const module = { exports: {} };
  const require = createRequire(join(root, 'package.json'));
  new Function('module', 'exports', 'require', result.outputFiles[0].text)(module, module.exports, require);
  return module.exports;
}

/** package.json with only `contributes.configuration` replaced; every other key kept as it is. */
function mergedPackageJson(configuration) {
  const text = readFileSync(join(root, 'package.json'), 'utf8');
  const pkg = JSON.parse(text);
  pkg.contributes = { ...(pkg.contributes ?? {}), configuration };
  return { before: text, after: `${JSON.stringify(pkg, null, 2)}\n` };
}

function readOrNull(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

const manifest = await loadManifestModule();
const outputs = Object.entries(manifest.generatedFiles()).map(([path, content]) => ({
  path,
  before: readOrNull(join(root, path)),
  after: content,
}));

const drift = [];
for (const o of outputs) {
  if (o.before === o.after) continue;
  drift.push(o.path);
  if (!check) {
    mkdirSync(dirname(join(root, o.path)), { recursive: true });
    writeFileSync(join(root, o.path), o.after);
  }
}
// Read package.json last and write it at once: other people edit its other keys.
const pkg = mergedPackageJson(manifest.contributesConfiguration());
const current = JSON.parse(pkg.before).contributes?.configuration;
if (JSON.stringify(current) !== JSON.stringify(manifest.contributesConfiguration())) {
  drift.push('package.json (contributes.configuration)');
  if (!check) writeFileSync(join(root, 'package.json'), pkg.after);
}

if (check) {
  if (drift.length > 0) {
    console.error(`Generated configuration is out of date: ${drift.join(', ')}.\nRun: node scripts/genSettings.mjs`);
    process.exit(1);
  }
  console.log('Configuration manifest, docs/settings.md and schemas/promptmeter.schema.json are up to date.');
} else {
  console.log(drift.length > 0 ? `Wrote ${drift.join(', ')}.` : 'Nothing to change.');
}
