// Findings → user-facing diagnostics: localised message, configured severity, rule page link.
import type { Finding, Locale } from './model.js';
import type { Range } from './text.js';
import { isSuppressed, type Suppression } from './suppressions.js';
import { RULES, type RuleCode, type Severity, type SeveritySetting } from './rules.js';
import { formatMessage, type AnyArgs } from './messages.js';

export interface Diagnostic {
  code: RuleCode;
  severity: Severity;
  message: string;
  range: Range;
  control?: string;
  /** Link to the rule's documentation page. */
  href: string;
  data?: Record<string, unknown>;
  related?: Finding['related'];
}

export interface DiagnosticOptions {
  locale: Locale;
  rules: Partial<Record<RuleCode, SeveritySetting>>;
  /** Base URI of docs/rules/, ending in `/`. */
  docsBase: string;
  /** How a path is shown inside a message (relative to the workspace or the current directory). */
  displayPath?: (path: string) => string;
  /** The file's `kijun-disable-next-line` comments; each silenced diagnostic is counted through onSuppressed. */
  suppressions?: readonly Suppression[];
  onSuppressed?: (diagnostic: Diagnostic) => void;
}

export function toDiagnostics(findings: Finding[], options: DiagnosticOptions): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const finding of findings) {
    const setting = options.rules[finding.code] ?? RULES[finding.code];
    if (setting === 'off') continue;
    const diagnostic: Diagnostic = {
      code: finding.code,
      severity: setting,
      message: formatMessage(finding.message, withRelated(finding, options), options.locale),
      range: finding.range,
      href: `${options.docsBase}${finding.code}.md`,
    };
    if (finding.control !== undefined) diagnostic.control = finding.control;
    if (finding.data) diagnostic.data = finding.data;
    if (finding.related) diagnostic.related = finding.related;
    if (isSuppressed(options.suppressions, finding.code, setting, finding.range.start.line)) {
      options.onSuppressed?.(diagnostic);
      continue;
    }
    out.push(diagnostic);
  }
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

function withRelated(finding: Finding, options: DiagnosticOptions): AnyArgs | undefined {
  if (!finding.related) return finding.args;
  const { path, range } = finding.related;
  return { ...finding.args, first: `${(options.displayPath ?? ((p) => p))(path)}:${range.start.line + 1}` };
}
