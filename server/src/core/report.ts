// The checker's report: the JSON contract of PRODUCT.md §3, from which every format is written.
import type { Locale } from './model.js';
import type { LoadedWorkspace } from './workspace.js';
import { toDiagnostics, type Diagnostic } from './diagnostics.js';
import { sectorCoverage, type SectorCoverage } from './analyze.js';
import { controlStatuses, type ControlStatusEntry } from './controlStatus.js';

export interface ReportDiagnostic {
  code: string;
  severity: string;
  message: string;
  range: Diagnostic['range'];
  control?: string;
}

export interface Report {
  version: 1;
  files: { path: string; diagnostics: ReportDiagnostic[] }[];
  coverage: ReportCoverage[];
  /** `suppressed`: warnings and infos silenced by kijun-disable-next-line (absent when none). */
  summary: { errors: number; warnings: number; files: number; suppressed?: number };
}

/** §3 coverage, plus the status of every baseline control (§5.4), additive to version 1. */
export type ReportCoverage = SectorCoverage & { controls: ControlStatusEntry[] };

export interface ReportOptions {
  locale: Locale;
  docsBase: string;
  /** Turns an absolute path into the one shown (relative to the current directory). */
  displayPath: (path: string) => string;
}

export function buildReport(loaded: LoadedWorkspace, options: ReportOptions): Report {
  const diagOptions = { locale: options.locale, rules: loaded.config.rules, docsBase: options.docsBase, displayPath: options.displayPath };
  const files: Report['files'] = [];
  let errors = 0;
  let warnings = 0;
  let suppressed = 0;
  for (const path of [...loaded.reported].sort()) {
    const suppressions = loaded.analysis.files.get(path)?.suppressions;
    const options = { ...diagOptions, suppressions, onSuppressed: () => suppressed++ };
    const diagnostics = toDiagnostics(loaded.analysis.findings.get(path) ?? [], options).map(toReportDiagnostic);
    errors += diagnostics.filter((d) => d.severity === 'error').length;
    warnings += diagnostics.filter((d) => d.severity === 'warning').length;
    files.push({ path: options.displayPath(path), diagnostics });
  }
  const coverage = loaded.analysis.groups
    .filter((g) => g.catalog && g.paths.some((p) => loaded.reported.has(p)))
    .map((g) => ({ ...sectorCoverage(g), controls: controlStatuses(g, loaded.analysis.files) }))
    .sort((a, b) => a.sector.localeCompare(b.sector) || a.baseline.localeCompare(b.baseline));
  return { version: 1, files, coverage, summary: { errors, warnings, files: files.length, ...(suppressed > 0 ? { suppressed } : {}) } };
}

function toReportDiagnostic(d: Diagnostic): ReportDiagnostic {
  const out: ReportDiagnostic = { code: d.code, severity: d.severity, message: d.message, range: d.range };
  if (d.control !== undefined) out.control = d.control;
  return out;
}
