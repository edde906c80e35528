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

/**
 * The process's CPU time in milliseconds, for the parse time budget: on a loaded machine (a CI
 * runner, a laptop building) the wall clock runs on while the parser waits for a core, and a normal
 * parse cut short loses its file's call sites without a word. Node 20 has no per-thread CPU clock;
 * the process's also counts other busy threads (a few at most), far from the stall the budget cuts.
 */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** A {@link DetectionHost} that reads the WASM files from disk and times parses in CPU time. */
export function nodeDetectionHost(): DetectionHost {
  return {
    loadWasm: async (name) => new Uint8Array(readFileSync(join(wasmDir(), fileName(name)))),
    now: cpuMs,
  };
}
