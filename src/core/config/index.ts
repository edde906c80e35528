/**
 * Configuration: the zod schema of user settings and `promptmeter.yaml` (the source of truth the
 * manifest, docs and JSON schema are generated from), their parsers, volumes and placeholders.
 */
export {
  settingsSchema,
  workspaceSchema,
  RULE_IDS,
  RULE_NAMES,
  DEFAULT_RULE_SEVERITY,
  SETTINGS_SECTIONS,
  MAX_PRICE_PER_MTOK,
  type Settings,
  type RuleSeverity,
  type WorkspaceFile,
} from './schema';
export { parseSettings, defaultSettings, settingLeaves, type SettingLeaf } from './settings';
export {
  parseWorkspaceConfig,
  emptyWorkspaceConfig,
  type WorkspaceConfig,
  type VolumeEntry,
  type FeatureEntry,
  type BudgetEntry,
  type BudgetLimit,
  type WorkspaceModel,
} from './workspace';
export type { ConfigProblem, SettingsProblem } from './problems';
export { parseVolumeSpec, MAX_CALLS_PER_MONTH, VOLUME_SPEC_PATTERN } from './volumeSpec';
export {
  volumeAnnotationNear,
  resolveVolume,
  featureFor,
  placeholderTokens,
  ruleSeverity,
  fallbackModel,
  expectedOutputTokens,
  templateGlobs,
  formatCount,
  type VolumeAnnotation,
  type VolumeQuery,
} from './resolve';
export { globToRegExp, matchesAny } from '../util/glob';
