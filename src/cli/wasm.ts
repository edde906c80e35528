/**
 * Node adapter for detection: reads the tree-sitter WASM files the build copies into
 * `dist/wasm/`, or, when running compiled sources from `out/` (tests, benchmarks), from the
 * installed `@vscode/tree-sitter-wasm` package.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DetectionHost, WasmName } from '../core/detect';

function fileName(name: WasmName): string {
  return name === 'tree-sitter' ? 'tree-sitter.wasm' : `tree-sitter-${name}.wasm`;
}

/** Directories to look in, nearest first: next to the bundle, then up to the package root. */
function candidates(): string[] {
  const dirs: string[] = [join(__dirname, 'wasm')];
  for (let d = __dirname; ; d = dirname(d)) {
    dirs.push(join(d, 'dist', 'wasm'), join(d, 'node_modules', '@vscode', 'tree-sitter-wasm', 'wasm'));
    if (dirname(d) === d) break;
  }
  return dirs;
}

let found: string | null = null;

function wasmDir(): string {
  if (found) return found;
  for (const d of candidates()) {
    if (existsSync(join(d, 'tree-sitter.wasm')) && existsSync(join(d, 'tree-sitter-python.wasm'))) return (found = d);
  }
  throw new Error('promptmeter: tree-sitter WASM files not found (expected dist/wasm or node_modules/@vscode/tree-sitter-wasm/wasm)');
}

/** The process's CPU time in milliseconds. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * A {@link DetectionHost} that reads the WASM files from disk and times parses for the parse
 * budget in CPU time: on a loaded machine (a CI runner, a laptop building) the wall clock runs on
 * while the parser waits for a core, and a normal parse cut short loses its file's call sites
 * without a word. Node 20 has no per-thread CPU clock and the process's counts every thread, so a
 * caller that parses on several threads at once says how many (a number, or a function asked at
 * each reading) and gets the process's time divided among them; fewer busy threads than said make
 * the clock slow, a more lenient budget, never a stricter one.
 */
export function nodeDetectionHost(parallel: number | (() => number) = 1): DetectionHost {
  return {
    loadWasm: async (name) => new Uint8Array(readFileSync(join(wasmDir(), fileName(name)))),
    now: parallel === 1 ? cpuMs : sharedClock(typeof parallel === 'function' ? parallel : () => parallel),
  };
}

/** The process's CPU time divided among `threads()` busy threads, summed step by step so a change of their number never moves it back. */
function sharedClock(threads: () => number): () => number {
  let last = cpuMs();
  let t = 0;
  return () => {
    const now = cpuMs();
    t += (now - last) / Math.max(1, threads());
    last = now;
    return t;
  };
}
