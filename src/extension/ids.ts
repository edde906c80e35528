/**
 * Every command id, context key and diagnostic source the extension uses, in one typed place;
 * the integration suite checks the manifest's commands against {@link paletteCommands}.
 */
export const commands = {
  showReport: 'promptmeter.showReport',
  showBreakdown: 'promptmeter.showBreakdown',
} as const;

/** Commands listed in the palette (contributed with `category: "Promptmeter"`). */
export const paletteCommands: readonly string[] = [commands.showReport, commands.showBreakdown];

export const configSection = 'promptmeter';
export const diagnosticSource = 'Promptmeter';
export const workspaceConfigFile = 'promptmeter.yaml';

/** Where each rule's docs page lives; diagnostics link their code to it. */
export const docsBase = 'https://github.com/promptmeter/promptmeter/blob/main/docs/rules/';

/** Languages whose documents may hold call sites. */
export const sourceLanguages: readonly string[] = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'python'];
/** Languages of template files (contributed by this extension's grammars or by others). */
export const templateLanguages: readonly string[] = ['prompty', 'dotprompt'];
