/**
 * Decides whether a feature exists: registers it while its setting is on, disposes it when the
 * setting goes off, so a change applies without a reload. The feature itself only provides.
 */
import type * as vscode from 'vscode';
import type { Settings } from '../core/config';
import type { SettingsStore } from './settings';

export class FeatureController implements vscode.Disposable {
  private live: vscode.Disposable | undefined;
  private readonly listener: vscode.Disposable;

  constructor(
    settings: SettingsStore,
    private readonly enabled: (s: Settings) => boolean,
    private readonly create: () => vscode.Disposable,
  ) {
    this.update(settings.value);
    this.listener = settings.onDidChange((s) => this.update(s));
  }

  private update(s: Settings): void {
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
