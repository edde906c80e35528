/**
 * Reads `promptmeter.*` once per change, validates it with core's schema (field by field, a bad
 * value falls back alone) and hands the rest of the extension a frozen `Settings`. A bad value is
 * reported once per distinct problem, not on every read.
 */
import * as vscode from 'vscode';
import { parseSettings, settingsSchema, type Settings } from '../core/config';
import { configSection } from './ids';

export class SettingsStore implements vscode.Disposable {
  private current: Settings;
  private readonly reported = new Set<string>();
  private readonly changed = new vscode.EventEmitter<Settings>();
  private readonly listener: vscode.Disposable;
  /** Fires with the new settings after any `promptmeter.*` setting changes. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly output: vscode.OutputChannel) {
    this.current = this.read();
    this.listener = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(configSection)) return;
      this.current = this.read();
      this.changed.fire(this.current);
    });
  }

  get value(): Settings {
    return this.current;
  }

  private read(): Settings {
    const cfg = vscode.workspace.getConfiguration(configSection);
    const raw: Record<string, unknown> = {};
    // Reading each top-level key gives nested groups (`codeLens`) as merged objects.
    for (const key of Object.keys(settingsSchema.shape)) {
      const v = cfg.get<unknown>(key);
      if (v !== undefined) raw[key] = v;
    }
    const { settings, problems } = parseSettings(raw);
    for (const p of problems) {
      const line = `settings: promptmeter.${p.path}: ${p.message}`;
      if (!this.reported.has(line)) {
        this.reported.add(line);
        this.output.appendLine(line);
      }
    }
    return settings;
  }

  dispose(): void {
    this.listener.dispose();
    this.changed.dispose();
  }
}
