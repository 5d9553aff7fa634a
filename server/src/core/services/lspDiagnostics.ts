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

/** Like toLspDiagnostic, with the finding's related place (a duplicate's first definition) as related information. */
export function lspDiagnosticIn(toUri: (path: string) => string): (d: Diagnostic) => LspDiagnostic {
  return (d) => {
    const lsp = toLspDiagnostic(d);
    if (d.related) lsp.relatedInformation = [{ location: { uri: toUri(d.related.path), range: d.related.range }, message: d.message }];
    return lsp;
  };
}
