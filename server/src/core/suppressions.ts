// In-place suppression of one warning or info: `<!-- kijun-disable-next-line weak-coverage -->`
// in Markdown, `# kijun-disable-next-line weak-coverage` in YAML and front matter. Never an
// error, and never `uncovered-control`, which only a sound exemption may silence.
import type { Finding, Suppression } from './model.js';
import type { LineIndex, Range } from './text.js';
import { isRuleCode } from './rules.js';
import type { Severity } from './rules.js';

export type { Suppression };

// Four spaces of indent make a Markdown line code, so the directive there is an example.
const HTML_FORM = /^ {0,3}<!--[ \t]*kijun-disable-next-line[ \t]+([a-z0-9, \t-]*)-->[ \t]*$/;
const HASH_FORM = /^[ \t]*#[ \t]*kijun-disable-next-line[ \t]+([a-z0-9, \t-]+)$/;

/**
 * Directives in a file: the HTML form in a Markdown body, the `#` form in YAML (and in a
 * Markdown file's front matter, which ends at `bodyStartLine`). A name that is no rule, or the
 * one rule that cannot be suppressed, is a finding of its own rather than silently nothing.
 */
export function readSuppressions(text: string, lines: LineIndex, format: 'markdown' | 'yaml', bodyStartLine = 0): { suppressions: Suppression[]; findings: Finding[] } {
  const suppressions: Suppression[] = [];
  const findings: Finding[] = [];
  if (!text.includes('kijun-disable-next-line')) return { suppressions, findings };
  for (let line = 0; line < lines.lineCount; line++) {
    const start = lines.lineStart(line);
    const end = lines.lineEnd(line);
    const content = text.slice(start, end);
    if (!content.includes('kijun-disable-next-line')) continue;
    const inYaml = format === 'yaml' || line < bodyStartLine;
    const match = (inYaml ? HASH_FORM : HTML_FORM).exec(content);
    if (!match) continue;
    const range = lines.range(start, end);
    const codes = match[1].split(/[\s,]+/).filter((c) => c !== '');
    for (const code of codes) {
      if (!isRuleCode(code)) findings.push({ code: 'schema', range, message: 'suppressionUnknownRule', args: { rule: code } });
      else if (code === 'uncovered-control') findings.push({ code: 'schema', range, message: 'suppressionNotAllowed', args: { rule: code } });
    }
    suppressions.push({ line: line + 1, codes: codes.filter((c) => isRuleCode(c) && c !== 'uncovered-control'), range });
  }
  return { suppressions, findings };
}

/** Whether a diagnostic of this code and effective severity, starting on `line`, is silenced. */
export function isSuppressed(suppressions: readonly Suppression[] | undefined, code: string, severity: Severity, line: number): boolean {
  if (!suppressions || severity === 'error' || code === 'uncovered-control') return false;
  return suppressions.some((s) => s.line === line && s.codes.includes(code));
}
