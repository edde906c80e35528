/**
 * The per-document analysis state behind `Analysis`: each document's text, its syntax tree (kept
 * across edits), the linked prompt files the host shipped, and the last result. The same code
 * runs inside the analysis worker (desktop) and on the extension host's thread (web, and the
 * fallback after the worker crashed twice), so both paths give the same answers.
 *
 * Requests for one document run one after another, in the order they came. A request that a
 * newer one (for a later version, wanting at least as much) has already overtaken in the queue
 * only records its edit and answers `superseded`: while the user types, only the newest text is
 * parsed and priced, and the edits in between are folded into one.
 */
import type { Site, SiteEstimate } from '../../core/model';
import { mergeEdits, type Edit } from '../edits';
import type { Engine, SiteSource } from '../engine';
import { OUT_OF_SYNC, type AnalyzeOutcome, type AnalyzeRequest, type OpenDocument, type Want } from './protocol';

interface Ticket {
  version: number;
  want: Want;
}

interface DocState {
  doc: OpenDocument;
  /** The text after every edit received so far. */
  text: string;
  /** Edits received but not yet applied to the syntax tree. */
  unapplied: Edit[];
  source?: SiteSource;
  files: Map<string, string | null>;
  misses: Set<string>;
  result?: { version: number; sites: Site[]; estimates?: SiteEstimate[]; parseStopped?: boolean };
  tickets: Ticket[];
  chain: Promise<unknown>;
  closed: boolean;
}

const covers = (a: Want, b: Want) => a === 'estimates' || b === 'sites';

/** The result's `parseStopped`, present only when true so ordinary results stay as they were. */
const stoppedField = (stopped: boolean | undefined): { parseStopped?: true } => (stopped ? { parseStopped: true } : {});

export class DocumentAnalyzer {
  private readonly docs = new Map<string, DocState>();

  constructor(private readonly engine: Pick<Engine, 'open' | 'estimate' | 'count'>) {}

  /** Starts (or restarts) tracking a document; nothing is parsed until the first request. */
  open(key: string, doc: OpenDocument): void {
    this.close(key);
    this.docs.set(key, { doc, text: doc.text, unapplied: [], files: new Map(), misses: new Set(), tickets: [], chain: Promise.resolve(), closed: false });
  }

  close(key: string): void {
    const d = this.docs.get(key);
    if (!d) return;
    d.closed = true;
    this.docs.delete(key);
    // A request still running holds the source: dispose it when the queue drains.
    void d.chain.then(() => d.source?.dispose());
  }

  /** The document's sites (and estimates), after the request's edit; see the module comment. */
  analyze(key: string, req: AnalyzeRequest): Promise<AnalyzeOutcome> {
    const d = this.docs.get(key);
    if (!d) return Promise.reject(new Error(OUT_OF_SYNC));
    const ticket: Ticket = { version: req.version, want: req.want };
    d.tickets.push(ticket);
    const run = d.chain.then(() => this.step(d, req, ticket));
    d.chain = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /** Tokens of free text with a model's tokenizer. */
  count(text: string, model: string | null): Promise<{ tokens: number; exact: boolean }> {
    return this.engine.count(text, model);
  }

  dispose(): void {
    for (const key of [...this.docs.keys()]) this.close(key);
  }

  private async step(d: DocState, req: AnalyzeRequest, ticket: Ticket): Promise<AnalyzeOutcome> {
    const mine = d.tickets.indexOf(ticket);
    d.tickets.splice(mine, 1);
    if (d.closed) throw new Error(OUT_OF_SYNC);
    this.receive(d, req);
    if (d.tickets.some((t) => t.version > req.version && covers(t.want, req.want))) return { superseded: true };
    const cached = d.result;
    if (cached && cached.version === req.version && d.unapplied.length === 0 && d.source && (req.want === 'sites' || cached.estimates)) {
      return { version: req.version, sites: cached.sites, ...(req.want === 'estimates' ? { estimates: cached.estimates } : {}), misses: [...d.misses], ...stoppedField(cached.parseStopped) };
    }
    const sites = await this.sites(d);
    const parseStopped = d.source?.parseStopped?.() ?? false;
    let estimates: SiteEstimate[] | undefined;
    if (req.want === 'estimates') {
      const text = d.text;
      estimates = cached?.version === req.version && cached.sites === sites && cached.estimates ? cached.estimates : await this.engine.estimate(d.doc.path, text, sites, d.doc.settings, d.doc.workspace);
    }
    d.result = { version: req.version, sites, ...(estimates ? { estimates } : {}), ...stoppedField(parseStopped) };
    return { version: req.version, sites, ...(estimates ? { estimates } : {}), misses: [...d.misses], ...stoppedField(parseStopped) };
  }

  /** Takes in the request's edit and files; a file that fills an earlier miss means a re-read. */
  private receive(d: DocState, req: AnalyzeRequest): void {
    if (req.edit) {
      const e = req.edit;
      if (e.start < 0 || e.oldEnd < e.start || e.oldEnd > d.text.length) throw new Error(OUT_OF_SYNC);
      d.text = d.text.slice(0, e.start) + e.newText + d.text.slice(e.oldEnd);
      d.unapplied.push(e);
      d.result = undefined;
    }
    if (d.text.length !== req.length) throw new Error(OUT_OF_SYNC);
    let filled = false;
    for (const [path, text] of Object.entries(req.files ?? {})) {
      d.files.set(path, text);
      if (d.misses.delete(path) && text !== null) filled = true;
    }
    if (filled) this.reread(d);
  }

  private reread(d: DocState): void {
    d.source?.dispose();
    d.source = undefined;
    d.unapplied = [];
    d.result = undefined;
  }

  private async sites(d: DocState): Promise<Site[]> {
    if (!d.source) {
      d.unapplied = [];
      d.source = await this.engine.open(
        {
          path: d.doc.path,
          text: d.text,
          languageId: d.doc.languageId,
          readFile: (p) => {
            const t = d.files.get(p);
            if (t === undefined) d.misses.add(p);
            return t ?? undefined;
          },
        },
        d.doc.settings,
        d.doc.workspace,
      );
    }
    const edit = mergeEdits(d.unapplied.splice(0), d.text);
    try {
      if (edit) d.source.edit(edit);
      return d.source.sites(d.text);
    } catch (e) {
      // A tree that lost track of the text is never trusted again; the next request re-parses.
      this.reread(d);
      throw e;
    }
  }
}
