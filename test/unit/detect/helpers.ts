/** Shared set-up for detection tests: one detector for the whole run, and small query helpers. */
import { initDetection, type Detector } from '../../../src/core/detect';
import type { Language, Site } from '../../../src/core/model';
import { nodeDetectionHost } from '../../../src/cli/wasm';

let detector: Promise<Detector> | null = null;

export function getDetector(): Promise<Detector> {
  detector ??= initDetection(nodeDetectionHost());
  return detector;
}

export async function detect(text: string, language: Language = 'typescript', files: Record<string, string> = {}): Promise<Site[]> {
  const d = await getDetector();
  return d.detect({ text, language, path: language === 'python' ? 'src/app.py' : 'src/app.ts', readFile: (p) => files[p] });
}

export async function py(text: string, files: Record<string, string> = {}): Promise<Site[]> {
  return detect(text, 'python', files);
}

export async function ts(text: string, files: Record<string, string> = {}): Promise<Site[]> {
  return detect(text, 'typescript', files);
}

/** The text of a part, with slots written as `{name}`. */
export function partText(site: Site, role: string): string {
  return site.parts
    .filter((p) => p.role === role)
    .map((p) => p.segments.map((s) => (s.kind === 'text' ? s.text : `{${s.name}}`)).join(''))
    .join('|');
}

/** The source text at a span. */
export function at(text: string, span: { start: number; end: number }): string {
  return text.slice(span.start, span.end);
}
