/** The CLI's JSON contract and the renderers shared by the CLI and the report webview. */
export { buildScanReport, allFindings, nanoToDollars, type ScanReportMeta } from './build';
export type { ScanReport, ReportSite, ReportFinding, ReportError, ReportCost, ReportTotals, ReportShares, ReportFeature, FeatureRow } from './types';
export { renderMarkdown, type MarkdownOptions } from './markdown';
export { renderCsv, csvField, csvRows } from './csv';
export { renderSarif, pathToUri, DEFAULT_DOCS_BASE_URI, type SarifOptions } from './sarif';
export { renderHtml, renderReportBody, reportCsp, REPORT_CSS, REPORT_SCRIPT, type HtmlOptions } from './html';
export { renderBarChartSvg, type Bar, type BarChartOptions } from './svg';
export { groupMonthlyCost, topSites, type CostGroup, type GroupKey } from './groups';
export { diffReports, renderDiffMarkdown, type CostDiff, type ChangedSite } from './diff';
export { RULE_META, type RuleMeta } from './ruleMeta';
export { formatDollars, formatDelta, formatCount, formatTokens, escapeHtml, escapeMarkdown } from './format';
export { featureWorksheet, renderWorksheetHtml, renderWorksheetMarkdown, type FeatureWorksheetRow } from './worksheet';
export { whatIf, type WhatIfChange, type WhatIfResult, type WhatIfSite } from './whatIf';
export { cacheableUncachedShare, isCacheableUncached, premiumShare } from './shares';
