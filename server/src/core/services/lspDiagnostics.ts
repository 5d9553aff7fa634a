// Core diagnostics in LSP form.
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Diagnostic } from '../diagnostics.js';

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

export function toLspDiagnostic(d: Diagnostic): LspDiagnostic {
  const data: Record<string, unknown> = { ...(d.data ?? {}) };
  if (d.control !== undefined) data.control = d.control;
  return {
    range: d.range,
    severity: SEVERITY[d.severity],
    code: d.code,
    codeDescription: { href: d.href },
    source: 'kijun',
    message: d.message,
    data,
  };
}
