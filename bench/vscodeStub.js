// Measures how long the extension bundle takes to load and to activate, in a fresh Node process,
// with a stand-in `vscode` module: every API the activation touches answers with an inert value.
// Usage: node bench/vscodeStub.js dist/extension.js   → {"loadMs":…,"activateMs":…,"cpuMs":…,"coreMs":…,"coreCpuMs":…}
// cpuMs is the process's CPU time (user + system) over load + activate: on a shared, loaded
// machine wall clock also counts time spent waiting for a core. coreMs/coreCpuMs: loading
// dist/engine.js afterwards, the part the first analysis pays (absent when there is none).
const Module = require('module');

const disposable = { dispose() {} };
const event = () => disposable;
/** Anything not listed below: a callable, constructible, iterable-as-empty stand-in. */
function inert(name) {
  const f = function () {};
  return new Proxy(f, {
    get(_t, p) {
      if (p === 'then') return undefined;
      if (p === Symbol.iterator) return function* () {};
      if (p === Symbol.toPrimitive) return () => name;
      if (p === 'dispose') return () => {};
      if (typeof p === 'string' && p.startsWith('onDid')) return event;
      return inert(`${name}.${String(p)}`);
    },
    set: () => true,
    apply: () => inert(`${name}()`),
    construct: () => inert(`new ${name}`),
  });
}
class EventEmitter { constructor() { this.event = event; } fire() {} dispose() {} }
class Disposable { constructor(f) { this.f = f; } static from(...d) { return { dispose() { for (const x of d) x.dispose?.(); } }; } dispose() { this.f?.(); } }
const api = {
  EventEmitter,
  Disposable,
  workspace: new Proxy({
    getConfiguration: () => ({ get: () => undefined }),
    workspaceFolders: undefined,
    textDocuments: [],
    createFileSystemWatcher: () => ({ onDidCreate: event, onDidChange: event, onDidDelete: event, dispose() {} }),
    fs: { readFile: async () => { throw new Error('no file'); }, stat: async () => { throw new Error('no file'); } },
  }, { get: (t, p) => (p in t ? t[p] : typeof p === 'string' && p.startsWith('on') ? event : inert(`workspace.${String(p)}`)) }),
  window: new Proxy({ activeTextEditor: undefined, visibleTextEditors: [] }, {
    get: (t, p) => (p in t ? t[p] : typeof p === 'string' && p.startsWith('on') ? event : inert(`window.${String(p)}`)),
  }),
};
// The bundle copies the module's own names at load (esbuild's ESM interop), so list every name it uses.
for (const name of ['CodeAction', 'CodeActionKind', 'CodeLens', 'Diagnostic', 'DiagnosticSeverity', 'Hover', 'MarkdownString', 'Position',
  'ProgressLocation', 'QuickPickItemKind', 'Range', 'RelativePattern', 'Selection', 'StatusBarAlignment', 'TextEditorRevealType', 'ThemeColor',
  'Uri', 'ViewColumn', 'WorkspaceEdit', 'commands', 'languages', 'env', 'extensions']) {
  if (!(name in api)) api[name] = inert(name);
}
const vscode = api;

const origLoad = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? vscode : origLoad.call(this, request, ...rest);
};
const cpuMs = (since) => { const u = process.cpuUsage(since); return (u.user + u.system) / 1000; };
const c0 = process.cpuUsage();
const t0 = performance.now();
const ext = require(require('path').resolve(process.argv[2]));
const t1 = performance.now();
ext.activate({ subscriptions: [], extension: { packageJSON: require(require('path').resolve(require('path').dirname(process.argv[2]), '..', 'package.json')) }, extensionUri: inert('extensionUri'), extensionPath: '', globalState: inert('globalState'), workspaceState: inert('workspaceState') });
const t2 = performance.now();
const activation = { loadMs: t1 - t0, activateMs: t2 - t1, cpuMs: cpuMs(c0) };
const engine = require('path').resolve(require('path').dirname(process.argv[2]), 'engine.js');
if (require('fs').existsSync(engine)) {
  const c1 = process.cpuUsage();
  const t3 = performance.now();
  require(engine);
  Object.assign(activation, { coreMs: performance.now() - t3, coreCpuMs: cpuMs(c1) });
}
process.stdout.write(JSON.stringify(activation));
process.exit(0);
