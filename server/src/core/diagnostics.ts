// Findings → user-facing diagnostics: localised message, configured severity, rule page link.
import type { Finding, Locale } from './model.js';
import type { Range } from './text.js';
import { RULES, type RuleCode, type Severity, type SeveritySetting } from './rules.js';
import { formatMessage } from './messages.js';

export interface Diagnostic {
  code: RuleCode;
  severity: Severity;
  message: string;
  range: Range;
  control?: string;
  /** Link to the rule's documentation page. */
  href: string;
  data?: Record<string, unknown>;
}

export interface DiagnosticOptions {
  locale: Locale;
  rules: Partial<Record<RuleCode, SeveritySetting>>;
  /** Base URI of docs/rules/, ending in `/`. */
  docsBase: string;
}

export function toDiagnostics(findings: Finding[], options: DiagnosticOptions): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const finding of findings) {
    const setting = options.rules[finding.code] ?? RULES[finding.code];
    if (setting === 'off') continue;
    const diagnostic: Diagnostic = {
      code: finding.code,
      severity: setting,
      message: formatMessage(finding.message, finding.args, options.locale),
      range: finding.range,
      href: `${options.docsBase}${finding.code}.md`,
    };
    if (finding.control !== undefined) diagnostic.control = finding.control;
    if (finding.data) diagnostic.data = finding.data;
    out.push(diagnostic);
  }
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
