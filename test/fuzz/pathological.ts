/**
 * The pathological inputs of issue 6, built deterministically so the tests and docs/hardening.md
 * talk about the same bytes: a minified bundle, a long string without whitespace inside a call,
 * a very large file and a file with thousands of prompts.
 */

const HEADER_TS = 'import OpenAI from "openai";\nconst client = new OpenAI();\n';

/** A one-line minified bundle of about `bytes` characters with an OpenAI call every 500 statements. */
export function minifiedBundle(bytes: number): string {
  const parts = ['import OpenAI from "openai";const client=new OpenAI();'];
  let size = parts[0]!.length;
  for (let i = 0; size < bytes; i++) {
    let s = `var a${i}=function(b){return b.map(function(c){return c*${i}})};`;
    if (i % 500 === 0) s += `client.chat.completions.create({model:"gpt-4o",messages:[{role:"user",content:"hi ${i}"}]});`;
    parts.push(s);
    size += s.length;
  }
  return parts.join('');
}

/** One chat call whose user message is `chars` characters of a four-letter unit with no whitespace. */
export function longLiteralCall(chars: number, unit = 'x7Qz', padLines = 0): string {
  const body = unit.repeat(Math.ceil(chars / unit.length)).slice(0, chars);
  // Short lines after the call keep the file's average line under the minified-file threshold.
  const pad = Array.from({ length: padLines }, (_, i) => `// line ${i}`).join('\n');
  return `${HEADER_TS}await client.chat.completions.create({ model: "gpt-4o", max_tokens: 100, messages: [{ role: "user", content: "${body}" }] });\n${pad}\n`;
}

/** Ordinary code repeated to about `bytes` characters, with one call at the end. */
export function largeFile(bytes: number): string {
  const unit = 'export function f(x: number) {\n  return x * 2 + 1; // some ordinary code\n}\n';
  return `${HEADER_TS}${unit.repeat(Math.ceil(bytes / unit.length))}await client.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: "hi" }] });\n`;
}

/** The system prompt of prompt `i` in {@link manyPrompts}. */
export const systemPromptOf = (i: number): string => `You are helper number ${i}.`;

/** `n` chat calls in one function, each with its own system prompt and a parameter as the user turn. */
export function manyPrompts(n: number): string {
  const call = (i: number) =>
    `  await client.chat.completions.create({ model: "gpt-4o", max_tokens: 100, messages: [{ role: "system", content: "${systemPromptOf(i)}" }, { role: "user", content: q }] });\n`;
  return `${HEADER_TS}async function f(q: string) {\n${Array.from({ length: n }, (_, i) => call(i)).join('')}}\n`;
}

/**
 * The shape of fuzz findings seed 1 #3256 and #4310: a call site, then a function whose long
 * string lost its opening quote, where tree-sitter's error recovery goes quadratic. `quotes`
 * stands before the prose (`''` broken, `'` repaired); `padLines` short lines in front keep the
 * file under the scan's minified bound.
 */
export function lostQuoteFile(words: number, quotes = "''", padLines = 0): string {
  return [
    ...Array.from({ length: padLines }, (_, i) => `const pad${i} = ${i};`),
    "import OpenAI from 'openai';",
    'const client = new OpenAI();',
    'export async function ask(q) {',
    "  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] });",
    '}',
    'function describe() {',
    `  const text = ${quotes}${'ab '.repeat(words)}';`,
    '  return text;',
    '}',
    '',
  ].join('\n');
}
