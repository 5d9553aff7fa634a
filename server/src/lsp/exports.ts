// Exports the editor asks for: the correspondence table (.xlsx) and the CSF 2.0 profile, built
// here from the live workspace index exactly as `kijun check --format xlsx` and
// `kijun export csf-profile` build them, and returned as base64 so the client only saves bytes.
import * as path from 'node:path';
import type { CancellationToken, Connection } from 'vscode-languageserver/node';
import { buildReport, buildCsfProfile, type Locale, type WorkspaceIndex, type LoadedWorkspace } from '../core/service.js';
import { buildCorrespondence, reportedGroups } from '../core/formats/correspondence.js';
import { xlsxWorkbook } from '../core/formats/xlsx.js';
import { PROFILE_FORMATS, profilesCsv, profilesJson, profilesMarkdown, type ProfileFormat } from '../core/formats/csfProfile.js';
import { docsBase } from '../node/docs.js';
import { localToday } from '../node/nodeFs.js';

/** What an export needs from the server: its index, the message language, the workspace folder. */
export interface ExportHost {
  index: WorkspaceIndex;
  locale: Locale;
  root: string;
}

/** Runs work once the workspace is loaded (and not for a cancelled request); the server's `answer`. */
export type ExportRunner = (token: CancellationToken, work: (host: ExportHost) => ExportResult) => Promise<unknown>;

export interface ExportResult {
  /** The file's bytes, base64. */
  data: string;
  /** How many sectors it covers (0: no standard with a loaded baseline; nothing worth saving). */
  sectors: number;
}

interface ExportParams {
  locale?: string;
}

interface ProfileParams extends ExportParams {
  format?: string;
  sector?: string;
}

export function registerExports(connection: Connection, run: ExportRunner): void {
  connection.onRequest('kijun/exportTable', (p: ExportParams | undefined, token: CancellationToken) =>
    run(token, (host) => exportTable(host, localeOf(p, host))));
  connection.onRequest('kijun/exportCsfProfile', (p: ProfileParams | undefined, token: CancellationToken) =>
    run(token, (host) => exportProfile(host, localeOf(p, host), p?.format, p?.sector)));
}

function localeOf(p: ExportParams | undefined, host: ExportHost): Locale {
  return p?.locale === 'ja' || p?.locale === 'en' ? p.locale : host.locale;
}

/** The index as the CLI's loader would have given it: every file reported. */
function loadedOf(index: WorkspaceIndex): LoadedWorkspace {
  const analysis = index.analysis();
  return { config: index.config, configPath: index.configPath, configFindings: index.configFindings, analysis, reported: new Set(analysis.files.keys()) };
}

function exportTable(host: ExportHost, locale: Locale): ExportResult {
  const loaded = loadedOf(host.index);
  const displayPath = (p: string): string => path.posix.relative(host.root, p) || p;
  const report = buildReport(loaded, { locale, docsBase: docsBase(), displayPath });
  const t = buildCorrespondence(loaded, report, { locale, displayPath });
  return { data: base64(xlsxWorkbook([t.table, t.measures, t.summary], { locale })), sectors: report.coverage.length };
}

function exportProfile(host: ExportHost, locale: Locale, format: string | undefined, sector: string | undefined): ExportResult {
  const loaded = loadedOf(host.index);
  const report = buildReport(loaded, { locale, docsBase: docsBase(), displayPath: (p) => p });
  const groups = reportedGroups(loaded, report).filter((g) => sector === undefined || g.sector === sector);
  const profiles = groups.map((g) => buildCsfProfile(g, loaded.analysis.files, localToday()));
  const chosen: ProfileFormat = (PROFILE_FORMATS as readonly string[]).includes(format ?? '') ? (format as ProfileFormat) : 'markdown';
  const text = chosen === 'json' ? profilesJson(profiles) : chosen === 'csv' ? profilesCsv(profiles, locale) : profilesMarkdown(profiles, locale, loaded.analysis.sectors);
  return { data: base64(new TextEncoder().encode(text)), sectors: profiles.length };
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}
