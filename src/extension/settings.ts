/**
 * Reads `promptmeter.*` and hands the rest of the extension a frozen `Settings`, validated with
 * core's schema (field by field, a bad value falls back alone). Validation needs zod, so it runs
 * on the first read of `value` (the first analysis), not at activation; the on/off switches
 * features are registered by are read directly (`switches()`). A bad value is reported once per
 * distinct problem, not on every read.
 */
import * as vscode from 'vscode';
import type { Settings } from '../core/config';
import { configSection } from './ids';
import { lazyCore } from './lazyCore';

/** The switches that decide which features exist, each `true` unless set to `false`. */
export interface Switches {
  enable: boolean;
  codeLens: boolean;
  hover: boolean;
  diagnostics: boolean;
  statusBar: boolean;
}

export class SettingsStore implements vscode.Disposable {
  private current: Settings | undefined;
  private readonly reported = new Set<string>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly listener: vscode.Disposable;
  /** Fires after any `promptmeter.*` setting changes; read `value` for the new settings. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: (line: string) => void) {
    this.listener = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(configSection)) return;
      this.current = undefined;
      this.changed.fire();
    });
  }

  get value(): Settings {
    return (this.current ??= this.read());
  }

  /**
   * The feature switches without loading the schema. The schema's default for each is `true` and
   * a value that is not a boolean falls back to it, which `=== false` reproduces.
   */
  switches(): Switches {
    if (this.current) {
      const s = this.current;
      return { enable: s.enable, codeLens: s.codeLens.enable, hover: s.hover.enable, diagnostics: s.diagnostics.enable, statusBar: s.statusBar.enable };
    }
    const cfg = vscode.workspace.getConfiguration(configSection);
    const on = (key: string) => cfg.get<unknown>(key) !== false;
    return { enable: on('enable'), codeLens: on('codeLens.enable'), hover: on('hover.enable'), diagnostics: on('diagnostics.enable'), statusBar: on('statusBar.enable') };
  }

  private read(): Settings {
    const { parseSettings, settingsSchema } = lazyCore();
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
        this.log(line);
      }
    }
    return settings;
  }

  dispose(): void {
    this.listener.dispose();
    this.changed.dispose();
  }
}
