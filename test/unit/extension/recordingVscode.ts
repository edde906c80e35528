/**
 * A recording stand-in for the `vscode` module, for the deactivate test only. VS Code exposes no
 * listener or registration counts, so whether `deactivate` disposed everything can only be seen
 * from inside the API the extension calls: this one hands out real-enough objects (documents,
 * ranges, events that deliver) and writes every disposable thing the extension obtains — event
 * subscriptions, providers, commands, status bar items, diagnostic collections, output channels,
 * decoration types, file watchers, its own EventEmitters — into a ledger, together with any use of
 * such a thing after it was disposed. Only the API surface the extension touches is modelled.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** One disposable thing the extension obtained from the API. */
export interface Resource {
  kind: string;
  disposed: boolean;
}

export class Ledger {
  readonly resources: Resource[] = [];
  /** Calls made on a resource after it was disposed (VS Code throws or logs for most of them). */
  readonly usedAfterDispose: string[] = [];

  track<T extends object>(kind: string, target: T, onDispose?: () => void): T & { dispose(): void } {
    const r: Resource = { kind, disposed: false };
    this.resources.push(r);
    const t = target as T & { dispose(): void; __resource?: Resource };
    Object.defineProperty(t, '__resource', { value: r, enumerable: false });
    t.dispose = () => {
      r.disposed = true;
      onDispose?.();
    };
    return t;
  }

  /** Wraps the named methods so a call after `dispose()` is written down. */
  guard<T extends object>(kind: string, target: T & { __resource?: Resource }, methods: string[]): void {
    for (const m of methods) {
      const f = (target as Record<string, unknown>)[m] as (...a: unknown[]) => unknown;
      (target as Record<string, unknown>)[m] = (...a: unknown[]) => {
        if (target.__resource?.disposed) this.usedAfterDispose.push(`${kind}.${m}`);
        return f.apply(target, a);
      };
    }
  }

  undisposed(): string[] {
    return this.resources.filter((r) => !r.disposed).map((r) => r.kind);
  }
}

type Listener<T> = (e: T) => unknown;

export class Position {
  constructor(readonly line: number, readonly character: number) {}
  isBefore(o: Position): boolean {
    return this.line < o.line || (this.line === o.line && this.character < o.character);
  }
  isEqual(o: Position): boolean {
    return this.line === o.line && this.character === o.character;
  }
}

export class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(a: Position | number, b: Position | number, c?: number, d?: number) {
    this.start = typeof a === 'number' ? new Position(a, b as number) : a;
    this.end = typeof a === 'number' ? new Position(c!, d!) : (b as Position);
  }
  get isEmpty(): boolean {
    return this.start.isEqual(this.end);
  }
  isEqual(o: Range): boolean {
    return this.start.isEqual(o.start) && this.end.isEqual(o.end);
  }
  intersection(o: Range): Range | undefined {
    const start = this.start.isBefore(o.start) ? o.start : this.start;
    const end = this.end.isBefore(o.end) ? this.end : o.end;
    return end.isBefore(start) ? undefined : new Range(start, end);
  }
  contains(p: Position): boolean {
    return !p.isBefore(this.start) && !this.end.isBefore(p);
  }
}

export class Selection extends Range {
  constructor(readonly anchor: Position, readonly active: Position) {
    super(anchor.isBefore(active) ? anchor : active, anchor.isBefore(active) ? active : anchor);
  }
}

export class Uri {
  private constructor(readonly scheme: string, readonly path: string) {}
  static file(p: string): Uri {
    return new Uri('file', p.replace(/\\/g, '/'));
  }
  static parse(s: string): Uri {
    const m = /^([a-z][a-z0-9+.-]*):(.*)$/i.exec(s);
    return m ? new Uri(m[1]!, m[2]!.replace(/^\/\/[^/]*/, '')) : Uri.file(s);
  }
  static joinPath(u: Uri, ...segs: string[]): Uri {
    return new Uri(u.scheme, path.posix.join(u.path, ...segs));
  }
  get fsPath(): string {
    return this.path;
  }
  with(change: { path?: string; scheme?: string }): Uri {
    return new Uri(change.scheme ?? this.scheme, change.path ?? this.path);
  }
  toString(): string {
    return `${this.scheme}://${this.path}`;
  }
  toJSON(): unknown {
    return { scheme: this.scheme, path: this.path };
  }
}

/** A text document with offsets and positions computed from its text. */
export class Document {
  version = 1;
  isClosed = false;
  isDirty = false;
  isUntitled = false;
  readonly eol = 1;
  constructor(readonly uri: Uri, readonly languageId: string, private text: string) {}
  get fileName(): string {
    return this.uri.fsPath;
  }
  get lineCount(): number {
    return this.text.split('\n').length;
  }
  getText(range?: Range): string {
    return range ? this.text.slice(this.offsetAt(range.start), this.offsetAt(range.end)) : this.text;
  }
  positionAt(offset: number): Position {
    const before = this.text.slice(0, Math.max(0, Math.min(offset, this.text.length)));
    const lines = before.split('\n');
    return new Position(lines.length - 1, lines[lines.length - 1]!.length);
  }
  offsetAt(p: Position): number {
    const lines = this.text.split('\n');
    let o = 0;
    for (let i = 0; i < p.line && i < lines.length; i++) o += lines[i]!.length + 1;
    return Math.min(o + p.character, this.text.length);
  }
  lineAt(line: number | Position): { text: string; range: Range } {
    const n = typeof line === 'number' ? line : line.line;
    const text = this.text.split('\n')[n] ?? '';
    return { text, range: new Range(n, 0, n, text.length) };
  }
}

/**
 * The stand-in module: call {@link createRecordingVscode}, hand `api` to the extension as its
 * `vscode`, drive it through `driver`, and read `ledger` afterwards.
 */
export function createRecordingVscode(root: string) {
  const ledger = new Ledger();
  /** Every listener set (API events and the extension's own emitters), to count live listeners. */
  const listenerSets: Set<unknown>[] = [];

  /** An event of the API: subscribing returns a tracked disposable, firing reaches live listeners. */
  function apiEvent<T>(kind: string): { event: (l: Listener<T>) => { dispose(): void }; fire(e: T): void } {
    const listeners = new Set<Listener<T>>();
    listenerSets.push(listeners);
    return {
      event: (l: Listener<T>) => {
        listeners.add(l);
        return ledger.track(`listener ${kind}`, {}, () => listeners.delete(l));
      },
      fire: (e: T) => {
        for (const l of [...listeners]) l(e);
      },
    };
  }

  class EventEmitter<T> {
    private readonly listeners = new Set<Listener<T>>();
    private disposedEmitter = false;
    constructor() {
      listenerSets.push(this.listeners);
      ledger.track('EventEmitter', this, () => {
        this.disposedEmitter = true;
        this.listeners.clear();
      });
    }
    readonly event = (l: Listener<T>) => {
      this.listeners.add(l);
      // A listener on an emitter is released with the emitter, so it is not a resource of its own.
      return { dispose: () => this.listeners.delete(l) };
    };
    fire(e: T): void {
      if (this.disposedEmitter) ledger.usedAfterDispose.push('EventEmitter.fire');
      for (const l of [...this.listeners]) l(e);
    }
    dispose(): void {}
  }

  class Disposable {
    constructor(private readonly f?: () => void) {}
    static from(...ds: { dispose(): unknown }[]): Disposable {
      return new Disposable(() => ds.forEach((d) => d.dispose()));
    }
    dispose(): void {
      this.f?.();
    }
  }

  const events = {
    openDoc: apiEvent<Document>('workspace.onDidOpenTextDocument'),
    closeDoc: apiEvent<Document>('workspace.onDidCloseTextDocument'),
    changeDoc: apiEvent<unknown>('workspace.onDidChangeTextDocument'),
    config: apiEvent<unknown>('workspace.onDidChangeConfiguration'),
    folders: apiEvent<unknown>('workspace.onDidChangeWorkspaceFolders'),
    activeEditor: apiEvent<unknown>('window.onDidChangeActiveTextEditor'),
    selection: apiEvent<unknown>('window.onDidChangeTextEditorSelection'),
    visibleEditors: apiEvent<unknown>('window.onDidChangeVisibleTextEditors'),
  };

  const textDocuments: Document[] = [];
  const folder = { uri: Uri.file(root), name: path.basename(root), index: 0 };
  const providers: { codeLens: unknown[]; hover: unknown[]; codeActions: unknown[] } = { codeLens: [], hover: [], codeActions: [] };
  const collections: { name: string; entries: Map<string, unknown[]> }[] = [];
  const statusItems: { text: string; visible: boolean }[] = [];
  const commandsById = new Map<string, (...a: unknown[]) => unknown>();
  const output: string[] = [];

  const window = {
    activeTextEditor: undefined as unknown,
    visibleTextEditors: [] as unknown[],
    onDidChangeActiveTextEditor: events.activeEditor.event,
    onDidChangeTextEditorSelection: events.selection.event,
    onDidChangeVisibleTextEditors: events.visibleEditors.event,
    createOutputChannel(name: string) {
      const ch = ledger.track(`output channel ${name}`, {
        name,
        appendLine: (l: string) => void output.push(l),
        append: (l: string) => void output.push(l),
        clear() {},
        show() {},
        hide() {},
        replace() {},
      });
      ledger.guard('OutputChannel', ch, ['appendLine', 'append', 'show']);
      return ch;
    },
    createStatusBarItem(id?: string) {
      const state = { text: '', visible: false };
      statusItems.push(state);
      const item = ledger.track(`status bar item ${String(id)}`, {
        id,
        name: '',
        command: undefined as unknown,
        tooltip: undefined as unknown,
        get text() {
          return state.text;
        },
        set text(t: string) {
          state.text = t;
        },
        show: () => void (state.visible = true),
        hide: () => void (state.visible = false),
      }, () => void (state.visible = false));
      ledger.guard('StatusBarItem', item, ['show', 'hide']);
      return item;
    },
    createTextEditorDecorationType() {
      return ledger.track('decoration type', { key: `deco${ledger.resources.length}` });
    },
    showInformationMessage: async () => undefined,
    showErrorMessage: async () => undefined,
    showWarningMessage: async () => undefined,
  };

  const workspace = {
    get textDocuments() {
      return textDocuments.filter((d) => !d.isClosed);
    },
    workspaceFolders: [folder],
    getWorkspaceFolder: (u: Uri) => (u.path.startsWith(`${folder.uri.path}/`) ? folder : undefined),
    asRelativePath: (u: Uri | string) => {
      const p = typeof u === 'string' ? u : u.path;
      return p.startsWith(`${folder.uri.path}/`) ? p.slice(folder.uri.path.length + 1) : p;
    },
    getConfiguration: () => ({ get: () => undefined, has: () => false, inspect: () => undefined, update: async () => undefined }),
    onDidOpenTextDocument: events.openDoc.event,
    onDidCloseTextDocument: events.closeDoc.event,
    onDidChangeTextDocument: events.changeDoc.event,
    onDidChangeConfiguration: events.config.event,
    onDidChangeWorkspaceFolders: events.folders.event,
    createFileSystemWatcher(glob: string) {
      return ledger.track(`file system watcher ${glob}`, {
        onDidCreate: apiEvent('watcher.onDidCreate').event,
        onDidChange: apiEvent('watcher.onDidChange').event,
        onDidDelete: apiEvent('watcher.onDidDelete').event,
      });
    },
    fs: {
      readFile: async (u: Uri) => new Uint8Array(await fs.promises.readFile(u.fsPath)),
      stat: async (u: Uri) => {
        const s = await fs.promises.stat(u.fsPath);
        return { type: s.isDirectory() ? 2 : 1, size: s.size, mtime: s.mtimeMs, ctime: s.ctimeMs };
      },
    },
    openTextDocument: async (u: Uri) => textDocuments.find((d) => d.uri.toString() === u.toString()),
  };

  const languages = {
    createDiagnosticCollection(name: string) {
      const entries = new Map<string, unknown[]>();
      collections.push({ name, entries });
      const c = ledger.track(`diagnostic collection ${name}`, {
        name,
        set: (u: Uri, d: unknown[]) => void entries.set(u.toString(), d),
        delete: (u: Uri) => void entries.delete(u.toString()),
        clear: () => entries.clear(),
        get: (u: Uri) => entries.get(u.toString()),
        has: (u: Uri) => entries.has(u.toString()),
        forEach: (f: (u: string, d: unknown[]) => void) => entries.forEach((d, u) => f(u, d)),
      }, () => entries.clear());
      ledger.guard('DiagnosticCollection', c, ['set', 'delete', 'clear', 'forEach']);
      return c;
    },
    registerCodeLensProvider: (_s: unknown, p: unknown) => register('CodeLens provider', providers.codeLens, p),
    registerHoverProvider: (_s: unknown, p: unknown) => register('hover provider', providers.hover, p),
    registerCodeActionsProvider: (_s: unknown, p: unknown) => register('code actions provider', providers.codeActions, p),
  };

  function register(kind: string, list: unknown[], p: unknown) {
    list.push(p);
    return ledger.track(kind, {}, () => list.splice(list.indexOf(p), 1));
  }

  const commands = {
    registerCommand(id: string, f: (...a: unknown[]) => unknown) {
      commandsById.set(id, f);
      return ledger.track(`command ${id}`, {}, () => commandsById.delete(id));
    },
    executeCommand: async (id: string, ...a: unknown[]) => commandsById.get(id)?.(...a),
  };

  class CodeLens {
    command: unknown;
    constructor(readonly range: Range, command?: unknown) {
      this.command = command;
    }
  }
  class Hover {
    constructor(readonly contents: unknown, readonly range?: Range) {}
  }
  class MarkdownString {
    isTrusted = false;
    supportHtml = false;
    constructor(public value = '') {}
    appendMarkdown(s: string): this {
      this.value += s;
      return this;
    }
  }
  class Diagnostic {
    source?: string;
    code?: unknown;
    constructor(readonly range: Range, readonly message: string, public severity = 0) {}
  }
  class CodeAction {
    edit?: unknown;
    diagnostics?: unknown[];
    isPreferred?: boolean;
    constructor(readonly title: string, readonly kind?: unknown) {}
  }
  class WorkspaceEdit {
    readonly edits: unknown[] = [];
    replace(u: Uri, r: Range, t: string): void {
      this.edits.push({ u, r, t });
    }
    insert(u: Uri, p: Position, t: string): void {
      this.edits.push({ u, p, t });
    }
  }
  class ThemeColor {
    constructor(readonly id: string) {}
  }
  class RelativePattern {
    constructor(readonly base: unknown, readonly pattern: string) {}
  }

  const api = {
    version: '1.96.0',
    Uri,
    Position,
    Range,
    Selection,
    EventEmitter,
    Disposable,
    CodeLens,
    Hover,
    MarkdownString,
    Diagnostic,
    CodeAction,
    WorkspaceEdit,
    ThemeColor,
    RelativePattern,
    CodeActionKind: { QuickFix: { value: 'quickfix' } },
    DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
    StatusBarAlignment: { Left: 1, Right: 2 },
    ViewColumn: { Active: -1, Beside: -2, One: 1 },
    ProgressLocation: { Notification: 15, Window: 10 },
    QuickPickItemKind: { Separator: -1, Default: 0 },
    TextEditorRevealType: { InCenterIfOutsideViewport: 2 },
    env: { language: 'en', appName: 'recording stand-in' },
    window,
    workspace,
    languages,
    commands,
    extensions: { getExtension: () => undefined },
  };

  /** What a test does to the stand-in host: open, select, close documents, call providers. */
  const driver = {
    open(file: string, languageId: string, text: string): Document {
      const d = new Document(Uri.file(path.join(root, file)), languageId, text);
      textDocuments.push(d);
      events.openDoc.fire(d);
      return d;
    },
    close(d: Document): void {
      d.isClosed = true;
      if (window.activeTextEditor && (window.activeTextEditor as { document: Document }).document === d) {
        window.activeTextEditor = undefined;
        window.visibleTextEditors = [];
        events.activeEditor.fire(undefined);
        events.visibleEditors.fire([]);
      }
      events.closeDoc.fire(d);
    },
    show(d: Document, at: Position, to = at): void {
      const editor = { document: d, selection: new Selection(at, to), setDecorations() {}, revealRange() {} };
      window.activeTextEditor = editor;
      window.visibleTextEditors = [editor];
      events.visibleEditors.fire(window.visibleTextEditors);
      events.activeEditor.fire(editor);
      events.selection.fire({ textEditor: editor, selections: [editor.selection] });
    },
    /** Listeners subscribed now, to any event of the API or of the extension's own emitters. */
    liveListeners: () => listenerSets.reduce((n, l) => n + l.size, 0),
    /** Resources obtained and not yet disposed. */
    liveResources: () => ledger.resources.filter((r) => !r.disposed).length,
    providers,
    collections,
    statusItems,
    output,
  };

  return { api, ledger, driver };
}
