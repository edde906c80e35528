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
