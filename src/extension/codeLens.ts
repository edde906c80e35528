/**
 * A CodeLens above every call site and at the top of every template file. `provideCodeLenses`
 * needs only detection (where the sites are); the numbers — which need the tokenizer — are
 * filled in by `resolveCodeLens`, for the lenses on screen.
 */
import * as vscode from 'vscode';
import type { SiteEstimate } from '../core/model';
import type { Analysis } from './analysis';
import { toRange } from './convert';
import { commands } from './ids';
import { lensTitle } from './present';
import type { SettingsStore } from './settings';

class SiteLens extends vscode.CodeLens {
  constructor(range: vscode.Range, readonly doc: vscode.TextDocument, readonly anchorStart: number, readonly index: number) {
    super(range);
  }
}

export class CostCodeLensProvider implements vscode.CodeLensProvider<SiteLens> {
  readonly onDidChangeCodeLenses: vscode.Event<void>;

  constructor(private readonly analysis: Analysis, private readonly settings: SettingsStore) {
    this.onDidChangeCodeLenses = analysis.onDidInvalidate;
  }

  async provideCodeLenses(doc: vscode.TextDocument): Promise<SiteLens[]> {
    const sites = await this.analysis.sites(doc);
    return sites.map((s, i) => new SiteLens(toRange(doc, s.anchor), doc, s.anchor.start, i));
  }

  async resolveCodeLens(lens: SiteLens): Promise<SiteLens> {
    const estimates = await this.analysis.estimates(lens.doc);
    const est = matchEstimate(estimates, lens.anchorStart, lens.index);
    lens.command = est
      ? { title: lensTitle(est, this.settings.value), command: commands.showBreakdown, arguments: [lens.doc.uri, est.id], tooltip: 'Promptmeter: show the cost breakdown' }
      : { title: 'Promptmeter: not analysed', command: '' };
    return lens;
  }
}

/** The estimate of the site a lens was made for (by anchor; by position if the text moved). */
export function matchEstimate(estimates: SiteEstimate[], anchorStart: number, index: number): SiteEstimate | undefined {
  return estimates.find((e) => e.site.anchor.start === anchorStart) ?? estimates[index];
}

export function registerCodeLens(selector: vscode.DocumentSelector, analysis: Analysis, settings: SettingsStore): vscode.Disposable {
  return vscode.languages.registerCodeLensProvider(selector, new CostCodeLensProvider(analysis, settings));
}
