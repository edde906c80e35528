import { readFileSync } from 'node:fs';
import { isMainThread, workerData } from 'node:worker_threads';
import './commands/index';
import { main } from './main';

const io = {
  stdout: (t: string) => process.stdout.write(t),
  stderr: (t: string) => process.stderr.write(t),
  readStdin: async () => readFileSync(0, 'utf8'),
  cwd: process.cwd(),
};

// The bundled CLI is one file: `scan` starts it again as worker threads that analyse files.
if (!isMainThread && (workerData as Record<string, unknown> | null)?.promptmeterScanWorker) {
  void import('./scanPool').then((m) => m.serveScanWorker());
} else {
  run();
}

function run(): void {
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`promptmeter: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 3;
    },
  );
}
