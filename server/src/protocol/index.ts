// Kijun's custom requests: names, parameters and results in one place, imported by the VS Code
// client (client/src) and the language server (server/src/lsp), so the two cannot drift apart.
// Types only come from the core; the request objects carry the names.
import { RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { CoverageView, FileInfo } from '../core/services/coverageView.js';

export type { ControlView, CoverageView, FileInfo, Located, SectorView } from '../core/services/coverageView.js';

export interface FileInfoParams {
  uri: string;
}

export interface ScaffoldParams {
  catalog: string;
  sector: string;
  level: number;
  locale?: string;
}

/** A sector a new standard can be written for: the built-in list plus kijun.yaml `sectors:`. */
export interface SectorChoice {
  id: string;
  /** In the requested language. */
  name: string;
}

export interface SectorsParams {
  locale?: string;
}

export interface ReportParams {
  /** Where the client will write the report: links to the files are relative to its folder. */
  output: string;
  /** The user's `kijun.locale` when set (`ja`/`en`); otherwise kijun.yaml's, then `fallbackLocale`. */
  locale?: string;
  /** The editor's display language. */
  fallbackLocale?: string;
}

/** The HTML `kijun check --format html` writes for the same workspace, or why there is none (its exit 2). */
export type ReportResult = { html: string; errors: number } | { problem: string };

export const CoverageViewRequest = new RequestType0<CoverageView, void>('kijun/coverageView');
export const FileInfoRequest = new RequestType<FileInfoParams, FileInfo, void>('kijun/fileInfo');
export const ScaffoldRequest = new RequestType<ScaffoldParams, string | null, void>('kijun/scaffold');
export const SectorsRequest = new RequestType<SectorsParams, SectorChoice[], void>('kijun/sectors');
export const ReportRequest = new RequestType<ReportParams, ReportResult, void>('kijun/report');
