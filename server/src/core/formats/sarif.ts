// SARIF 2.1.0 log for GitHub code scanning and other SARIF viewers: one result per finding, rule
// metadata with help and the rule page, locations in the authored file (relative URI, 1-based
// line and column in UTF-16 code units, as the JSON report's ranges).
import type * as Sarif from 'sarif';
import type { Locale } from '../model.js';
import type { Report } from '../report.js';
import type { ReviewModel, ReviewRule } from './reviewModel.js';
import { percentDone, pick } from './reviewModel.js';
import { fingerprint, pathUri } from './escape.js';
import { localeTexts } from '../texts.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SRCROOT = '%SRCROOT%';

const LEVEL: Record<string, Sarif.Result.level> = { error: 'error', warning: 'warning', info: 'note' };

export interface SarifOptions {
  /** `file:` URI of the folder the report's paths are relative to (the current directory). */
  srcRoot?: string;
}

export function formatSarif(report: Report, review: ReviewModel, locale: Locale, options: SarifOptions = {}): string {
  const rules = review.rules;
  const ruleIndex = new Map(rules.map((r, i) => [r.code as string, i]));
  const artifacts: Sarif.Artifact[] = report.files.map((f) => ({
    location: { uri: pathUri(f.path), uriBaseId: SRCROOT },
    roles: ['analysisTarget'],
    mimeType: /\.(md|markdown)$/i.test(f.path) ? 'text/markdown' : 'application/yaml',
  }));
  const results: Sarif.Result[] = [];
  report.files.forEach((file, artifactIndex) => {
    const seen = new Map<string, number>();
    for (const d of file.diagnostics) {
      const { start, end } = d.range;
      const key = `${d.code}\u0000${file.path}\u0000${d.control ?? ''}`;
      const n = seen.get(key) ?? 0;
      seen.set(key, n + 1);
      const result: Sarif.Result = {
        ruleId: d.code,
        level: LEVEL[d.severity] ?? 'warning',
        message: { text: d.message },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: pathUri(file.path), uriBaseId: SRCROOT, index: artifactIndex },
            region: { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 },
          },
        }],
        partialFingerprints: { 'kijunFinding/v1': fingerprint(`${key}\u0000${n}`) },
      };
      const index = ruleIndex.get(d.code);
      if (index !== undefined) result.ruleIndex = index;
      if (d.control !== undefined) result.properties = { control: d.control };
      results.push(result);
    }
  });
  const overrides = rules
    .map((r, index) => ({ r, index }))
    .filter(({ r }) => r.severity !== r.defaultSeverity)
    .map(({ r, index }): Sarif.ConfigurationOverride => ({
      descriptor: { id: r.code, index },
      configuration: r.severity === 'off' ? { enabled: false } : { level: LEVEL[r.severity] },
    }));
  const invocation: Sarif.Invocation = { executionSuccessful: true };
  if (overrides.length > 0) invocation.ruleConfigurationOverrides = overrides;
  const run: Sarif.Run = {
    tool: {
      driver: {
        name: review.tool.name,
        fullName: `${review.tool.name} ${review.tool.version}`,
        version: review.tool.version,
        semanticVersion: review.tool.version,
        informationUri: `${review.docsBase}README.md`,
        language: locale,
        rules: rules.map((r) => ruleDescriptor(r, locale)),
      },
    },
    invocations: [invocation],
    artifacts,
    results,
    columnKind: 'utf16CodeUnits',
    language: locale,
    properties: {
      summary: { ...review.counts },
      coverage: report.coverage.map((c) => ({ ...c, percent: percentDone(c) })),
    },
  };
  if (options.srcRoot) run.originalUriBaseIds = { [SRCROOT]: { uri: options.srcRoot.endsWith('/') ? options.srcRoot : `${options.srcRoot}/` } };
  const log: Sarif.Log = { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] };
  return `${JSON.stringify(log, null, 2)}\n`;
}

const SARIF_TEXT = localeTexts('sarif', {
  page: '規則の説明', full: (title: string, fix: string) => `${title}。${fix}`,
}, {
  page: 'Rule documentation', full: (title, fix) => `${title}. ${fix}`,
});

function ruleDescriptor(rule: ReviewRule, locale: Locale): Sarif.ReportingDescriptor {
  const title = pick(rule.title, locale);
  const fix = pick(rule.fix, locale);
  const page = SARIF_TEXT[locale].page;
  return {
    id: rule.code,
    name: rule.code.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
    shortDescription: { text: title },
    fullDescription: { text: SARIF_TEXT[locale].full(title, fix) },
    help: { text: `${fix} ${rule.helpUri}`, markdown: `${fix}\n\n[${page}: ${rule.code}](${rule.helpUri})` },
    helpUri: rule.helpUri,
    defaultConfiguration: { level: LEVEL[rule.defaultSeverity], enabled: true },
    properties: { tags: ['kijun', 'compliance', 'nist-csf-2.0'], precision: 'very-high' },
  };
}
