import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { get_encoding, type Tiktoken } from 'tiktoken';
import { getEncoding } from 'js-tiktoken';
import { Tokenizers } from '../../../src/core/tokens';
import type { EncodingName } from '../../../src/core/tokens';
import { nodeRankLoader } from '../../../src/cli/ranks';

/** The independent references: OpenAI's tiktoken (Rust, as WASM) and js-tiktoken. */
export interface References {
  tiktoken(text: string): number;
  jsTiktoken(text: string): number;
}

const wasm = new Map<EncodingName, Tiktoken>();
const js = new Map<EncodingName, ReturnType<typeof getEncoding>>();

/** Both references for an encoding, each built on first use (js-tiktoken takes a second to build). */
export function references(encoding: EncodingName): References {
  const w = (): Tiktoken => {
    let e = wasm.get(encoding);
    if (!e) wasm.set(encoding, (e = get_encoding(encoding)));
    return e;
  };
  const j = (): ReturnType<typeof getEncoding> => {
    let e = js.get(encoding);
    if (!e) js.set(encoding, (e = getEncoding(encoding)));
    return e;
  };
  // encode_ordinary / disallowedSpecial = []: special-token text is plain text, as in our count
  return { tiktoken: (t) => w().encode_ordinary(t).length, jsTiktoken: (t) => j().encode(t, [], []).length };
}

let shared: Tokenizers | null = null;

/** One Tokenizers over the built rank files, both encodings loaded. */
export async function loadedTokenizers(): Promise<Tokenizers> {
  if (!shared) {
    shared = new Tokenizers(nodeRankLoader());
    await Promise.all([shared.ensure('o200k_base'), shared.ensure('cl100k_base')]);
  }
  return shared;
}

/** A deterministic generator (mulberry32) so failures reproduce. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CODE: Record<string, string> = {
  typescript: `export async function fetchUser(id: string): Promise<User | null> {\n  const res = await fetch(\`/api/users/\${encodeURIComponent(id)}\`, { headers: { 'Accept': 'application/json' } });\n  if (!res.ok) return null; // 404s are expected\n  return (await res.json()) as User;\n}\n\ntype User = { id: string; name?: string; tags: readonly string[] };\n`,
  python: `import asyncio\nfrom dataclasses import dataclass\n\n@dataclass(frozen=True)\nclass Point:\n    x: float\n    y: float\n\n    def norm(self) -> float:\n        return (self.x ** 2 + self.y ** 2) ** 0.5\n\nasync def main():\n    pts = [Point(i, i * 2.5) for i in range(10)]\n    print(f"{len(pts)} points, max norm {max(p.norm() for p in pts):.3f}")\n\nif __name__ == "__main__":\n    asyncio.run(main())\n`,
  rust: `use std::collections::HashMap;\n\nfn word_counts(text: &str) -> HashMap<&str, usize> {\n    let mut m = HashMap::new();\n    for w in text.split_whitespace() {\n        *m.entry(w).or_insert(0) += 1;\n    }\n    m\n}\n\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn counts() { assert_eq!(super::word_counts("a b a")["a"], 2); }\n}\n`,
  go: `package main\n\nimport (\n\t"fmt"\n\t"net/http"\n)\n\nfunc handler(w http.ResponseWriter, r *http.Request) {\n\tfmt.Fprintf(w, "Hi there, %s!", r.URL.Path[1:])\n}\n\nfunc main() {\n\thttp.HandleFunc("/", handler)\n\t_ = http.ListenAndServe(":8080", nil)\n}\n`,
  sql: `SELECT u.id, COUNT(o.id) AS orders, SUM(o.total_cents) / 100.0 AS revenue\nFROM users u LEFT JOIN orders o ON o.user_id = u.id\nWHERE u.created_at >= '2024-01-01' AND u.email NOT LIKE '%@example.com'\nGROUP BY u.id HAVING COUNT(o.id) > 3 ORDER BY revenue DESC LIMIT 50;\n`,
  html: `<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Test &amp; check</title></head>\n<body>\n  <div class="card" data-id='42'>\n    <p>Price: &euro;12.50 &mdash; <a href="/buy?x=1&y=2">buy</a></p>\n  </div>\n</body>\n</html>\n`,
  shell: `#!/usr/bin/env bash\nset -euo pipefail\nfor f in "$@"; do\n  if [[ -f "$f" ]]; then wc -l -- "$f" | awk '{print $1}'; fi\ndone 2>/dev/null || echo "failed: $?" >&2\n`,
  json: `{"model":"gpt-4o","messages":[{"role":"system","content":"You are terse."},{"role":"user","content":"Summarise:\\n\\n\\t- item 1\\n\\t- item 2"}],"max_tokens":256,"temperature":0.2}`,
};

const PROSE = [
  "It was the best of times, it was the worst of times, it was the age of wisdom, it was the age of foolishness. I'm sure you'll agree they'd've said: DON'T, WON'T, I'LL, we've, You're.",
  'The quick brown fox jumps over the lazy dog. THE QUICK BROWN FOX! Mr. O\'Neill\'s café — naïve résumé, coöperate, façade… "Quotes", ‘single’, and «guillemets».',
  'Tokenization is the process of splitting text into tokens; a token averages about four characters of English text (roughly ¾ of a word).',
];

const MULTILINGUAL = [
  '中文分词是自然语言处理的基础任务之一。我们今天去北京天安门广场参观了。',
  '日本語のテキストはひらがな、カタカナ、漢字が混在しています。東京タワーは３３３メートルです。',
  '한국어 문장은 띄어쓰기가 있습니다. 안녕하세요, 만나서 반갑습니다!',
  'اللغة العربية تُكتب من اليمين إلى اليسار، وتحتوي على حركات مثل الفَتحة والضَّمة.',
  'हिन्दी भाषा देवनागरी लिपि में लिखी जाती है। नमस्ते, आप कैसे हैं?',
  'Русский язык: съешь же ещё этих мягких французских булок, да выпей чаю.',
  'ภาษาไทยไม่มีการเว้นวรรคระหว่างคำ สวัสดีครับ',
  'Ελληνικά: Ξεσκεπάζω την ψυχοφθόρα βδελυγμία. עברית: שלום עולם. Tiếng Việt có dấu: Xin chào thế giới.',
];

const EMOJI = [
  '👍🏽 thumbs up, 👨‍👩‍👧‍👦 family, 🏳️‍🌈 flag, 🇯🇵🇺🇸 regional indicators, 🧑🏿‍💻 coder, ❤️‍🔥 heart on fire',
  '😀😃😄😁😆😅🤣😂🙂🙃🫠😉😊😇🥰😍🤩😘😗☺️😚😙🥲',
  'keycaps 1️⃣2️⃣#️⃣ and variation selectors ︎︎ ✔️✔︎ — combining: é (e\u0301), ñ (n\u0303), Z̤̈a̲l̈g̃ő',
];

const SPECIAL = [
  '<|endoftext|>',
  'Hello <|endoftext|> world <|endofprompt|> and <|fim_prefix|>x<|fim_middle|>y<|fim_suffix|>',
  '<|im_start|>system\nYou are helpful.<|im_end|>\n<|im_start|>user\nHi<|im_end|>',
  '<|endoftext|><|endoftext|><|endoftext|>',
];

const WHITESPACE = [
  ' '.repeat(1),
  ' '.repeat(2),
  ' '.repeat(17),
  ' '.repeat(100) + 'x',
  '\t\t\t\tindented\n\n\n\n    more\r\n\r\n\t \t \n',
  'a  b   c    d\n \n  \n   \ne',
  '\n'.repeat(40),
  'line\u00a0with\u00a0nbsp\u2003em space\u3000ideographic\u2028line sep\u2029para',
  'trailing spaces   \nand\t\ttabs\t\n  ',
];

const NUMBERS = [
  '0 1 12 123 1234 12345 123456 1234567 12345678901234567890',
  '3.14159265358979 2.718e-10 1,234,567.89 -42 +7 0x1F 0b1010 1_000_000',
  'Phone: +1 (555) 123-4567; ISO date 2024-12-31T23:59:59Z; version v1.2.3-rc.4',
  '١٢٣ ٤٥٦ ۷۸۹ १२३ ๑๒๓ ½ ¾ Ⅻ ⑳ 𝟘𝟙𝟚',
];

/** Named samples covering what prompts are made of. */
export function corpus(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(CODE)) out.push([`code/${k}`, v]);
  PROSE.forEach((t, i) => out.push([`prose/${i}`, t]));
  MULTILINGUAL.forEach((t, i) => out.push([`multilingual/${i}`, t]));
  EMOJI.forEach((t, i) => out.push([`emoji/${i}`, t]));
  SPECIAL.forEach((t, i) => out.push([`special/${i}`, t]));
  WHITESPACE.forEach((t, i) => out.push([`whitespace/${i}`, t]));
  NUMBERS.forEach((t, i) => out.push([`numbers/${i}`, t]));
  out.push(['mixed/all', out.map(([, t]) => t).join('\n\n')]);
  return out;
}

/** Real local files (TypeScript's lib .d.ts and READMEs from node_modules), up to maxChars. */
export function localFiles(maxChars: number): string {
  const root = join(__dirname, '../../../../node_modules');
  const parts: string[] = [];
  let size = 0;
  for (const f of ['typescript/lib/lib.es5.d.ts', 'typescript/lib/lib.dom.d.ts', 'mocha/README.md', 'yaml/README.md', 'zod/README.md']) {
    try {
      const t = readFileSync(join(root, f), 'utf8');
      parts.push(t);
      size += t.length;
      if (size >= maxChars) break;
    } catch {
      // a missing optional file only shrinks the sample
    }
  }
  return parts.join('\n').slice(0, maxChars);
}
