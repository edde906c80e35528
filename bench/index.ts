/**
 * `npm run bench`: every performance target in one table. Each area adds a module under
 * bench/ exporting `run(): Promise<BenchRow[]>` and one line to `suites` below.
 */
export interface BenchRow {
  /** What is measured, e.g. "o200k cold start (import + build)". */
  metric: string;
  /** Our measured value, with its unit. */
  value: number;
  unit: string;
  /** The target, as text ("≤ 200 ms"), and whether it is met. */
  target?: string;
  met?: boolean;
  /** Baseline measurements in the same run, by name; ratios are printed against them. */
  baselines?: Record<string, number>;
}

const suites: Array<{ name: string; load: () => Promise<{ run: () => Promise<BenchRow[]> }> }> = [
  { name: 'detect', load: () => import('./detect') },
  { name: 'tokenizer', load: () => import('./tokenizer') },
  { name: 'analyze', load: () => import('./analyze') },
  { name: 'extension', load: () => import('./extension') },
  { name: 'workspace', load: () => import('./workspace') },
];

function fmt(n: number): string {
  return n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2);
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const rows: Array<BenchRow & { suite: string }> = [];
  for (const s of suites) {
    if (only.length && !only.includes(s.name)) continue;
    process.stderr.write(`bench: ${s.name}…\n`);
    for (const r of await (await s.load()).run()) rows.push({ ...r, suite: s.name });
  }
  const out: string[] = ['| suite | metric | value | target | met | baselines (ours ÷ theirs) |', '|---|---|---|---|---|---|'];
  for (const r of rows) {
    const base = Object.entries(r.baselines ?? {})
      .map(([k, v]) => `${k} ${fmt(v)} ${r.unit} (×${v === 0 ? '∞' : fmt(r.value / v)})`)
      .join('; ');
    out.push(`| ${r.suite} | ${r.metric} | ${fmt(r.value)} ${r.unit} | ${r.target ?? ''} | ${r.met === undefined ? '' : r.met ? 'yes' : 'NO'} | ${base} |`);
  }
  process.stdout.write(out.join('\n') + '\n');
}

void main();
