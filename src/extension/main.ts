import * as vscode from 'vscode';

/** Node entry of the extension. */
export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('promptmeter.showReport', () => {
      void vscode.window.showInformationMessage('Promptmeter: the workspace cost report is not built yet.');
    }),
  );
}

export function deactivate(): void {}
