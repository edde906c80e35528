/**
 * Where `Analysis` sends its documents: the analysis worker on the desktop, the extension host's
 * own thread on the web. Both speak the same per-document protocol (`protocol.ts`).
 */
import type { DocumentAnalyzer } from './documents';
import type { AnalyzeOutcome, AnalyzeRequest, OpenDocument } from './protocol';

export interface AnalysisBackend {
  open(key: string, doc: OpenDocument): void;
  analyze(key: string, req: AnalyzeRequest): Promise<AnalyzeOutcome>;
  close(key: string): void;
  /** Tokens of free text (a selection) with a model's tokenizer. */
  count(text: string, model: string | null): Promise<{ tokens: number; exact: boolean }>;
  /**
   * Called when the backend lost every document (the worker died and was replaced): the host
   * opens each again on its next request.
   */
  onDidReset(listener: () => void): void;
  dispose(): void;
}

/** Analysis on the calling thread, with the same semantics as the worker. */
export class InThreadBackend implements AnalysisBackend {
  constructor(private readonly documents: DocumentAnalyzer) {}
  open(key: string, doc: OpenDocument): void {
    this.documents.open(key, doc);
  }
  analyze(key: string, req: AnalyzeRequest): Promise<AnalyzeOutcome> {
    return this.documents.analyze(key, req);
  }
  close(key: string): void {
    this.documents.close(key);
  }
  count(text: string, model: string | null): Promise<{ tokens: number; exact: boolean }> {
    return this.documents.count(text, model);
  }
  onDidReset(): void {}
  dispose(): void {
    this.documents.dispose();
  }
}
