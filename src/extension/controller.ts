/**
 * Decides whether a feature exists: registers it while its switch is on, disposes it when the
 * switch goes off, so a change applies without a reload. The feature itself only provides.
 * Switches are read without validating all settings, so registering costs activation nothing.
 */
import type * as vscode from 'vscode';
import type { SettingsStore, Switches } from './settings';

export class FeatureController implements vscode.Disposable {
  private live: vscode.Disposable | undefined;
  private readonly listener: vscode.Disposable;

  constructor(
    private readonly settings: SettingsStore,
    private readonly enabled: (s: Switches) => boolean,
    private readonly create: () => vscode.Disposable,
  ) {
    this.update();
    this.listener = settings.onDidChange(() => this.update());
  }

  private update(): void {
    const s = this.settings.switches();
    const on = s.enable && this.enabled(s);
    if (on && !this.live) this.live = this.create();
    else if (!on && this.live) {
      this.live.dispose();
      this.live = undefined;
    }
  }

  dispose(): void {
    this.listener.dispose();
    this.live?.dispose();
    this.live = undefined;
  }
}
