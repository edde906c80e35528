// The web entry (vscode.dev, code-server's web worker host): the same extension, since core is
// pure and assets are read through vscode.workspace.fs in both hosts.
export { activate, deactivate } from './main';
