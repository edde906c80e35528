import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import '../../../src/cli/commands/index';
import { main } from '../../../src/cli/main';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in process with captured streams, as `promptmeter ...args` in `cwd`. */
export async function runCli(args: string[], cwd: string): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readStdin: async () => '',
    cwd,
  });
  return { code, stdout, stderr };
}

export function writeTree(root: string, files: Record<string, string | Uint8Array>): void {
  for (const [p, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), content);
  }
}

/**
 * A small project: an OpenAI call with no cap at 1,000 calls a month (PM001), an Anthropic call
 * with its cap, and files the scan must skip or list under errors.
 */
export const PROJECT: Record<string, string | Uint8Array> = {
  'src/chat.ts': [
    "import OpenAI from 'openai';",
    'const client = new OpenAI();',
    'export async function chat(q: string) {',
    '  // promptmeter: 1000/month',
    "  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Say hello to the new user in one short sentence.' }] });",
    '}',
    '',
  ].join('\n'),
  'app/summarize.py': [
    'import anthropic',
    'client = anthropic.Anthropic()',
    '',
    'def summarize(text):',
    '    # promptmeter: 500/month',
    '    return client.messages.create(model="claude-sonnet-4-5", max_tokens=1024, messages=[{"role": "user", "content": "Summarize this."}])',
    '',
  ].join('\n'),
  '.gitignore': 'ignored/\n',
  'ignored/chat.ts': "import OpenAI from 'openai';\nnew OpenAI().chat.completions.create({ model: 'gpt-4o', messages: [] });\n",
  'node_modules/dep/index.js': "require('openai'); new (require('openai'))().chat.completions.create({ model: 'gpt-4o', messages: [] });\n",
  'src/blob.ts': new Uint8Array([0x63, 0x6f, 0x6e, 0x73, 0x74, 0x00, 0x01, 0x02]),
  'src/bundle.min.js': `var a=${'1+'.repeat(15_000)}1;\n`,
};
