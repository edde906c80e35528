/**
 * The report's webview panel: one at a time, scripts only with a fresh nonce, resources only from
 * `media/`, and every message checked against the protocol in `messages.ts` before it is acted on.
 */
import * as vscode from 'vscode';
import { parseWebviewMessage, type HostMessage, type WebviewMessage } from './messages';
import type { ReportModel } from './model';
import { reportPage } from './page';

export const reportViewType = 'promptmeter.report';

export class ReportPanel implements vscode.Disposable {
  private readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;
  /** The HTML last given to the webview (for tests and for the e2e check). */
  html = '';

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly onMessage: (m: WebviewMessage) => void | Promise<void>,
    private readonly onDispose: () => void,
  ) {
    const media = vscode.Uri.joinPath(extensionUri, 'media');
    this.panel = vscode.window.createWebviewPanel(reportViewType, 'Promptmeter Cost Report', vscode.ViewColumn.Active, {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [media],
      retainContextWhenHidden: true,
    });
    this.panel.iconPath = vscode.Uri.joinPath(media, 'icon.png');
    this.disposables.push(
      this.panel.onDidDispose(() => this.dispose()),
      this.panel.webview.onDidReceiveMessage((raw: unknown) => {
        const m = parseWebviewMessage(raw);
        if (m) void Promise.resolve(this.onMessage(m)).catch((e) => void vscode.window.showErrorMessage(`Promptmeter: ${e instanceof Error ? e.message : String(e)}`));
      }),
    );
  }

  get visible(): boolean {
    return !this.disposed && this.panel.visible;
  }

  show(model: ReportModel): void {
    const webview = this.panel.webview;
    const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'report', name)).toString();
    this.html = reportPage(model, { nonce: nonce(), cspSource: webview.cspSource, scriptUri: asset('report.js'), styleUri: asset('report.css') });
    webview.html = this.html;
    this.panel.reveal(undefined, false);
  }

  post(m: HostMessage): Thenable<boolean> {
    return this.panel.webview.postMessage(m);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
    this.onDispose();
  }
}

/** 32 random characters, fresh for every page: a script without it does not run. */
function nonce(): string {
  const bytes = new Uint8Array(24);
  globalThis.crypto.getRandomValues(bytes);
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s.slice(0, 32);
}
