// The HTML coverage report for the editor's report command, built by the server from its current
// snapshot exactly as `kijun check --format html` builds it for the same folder: the extension
// host runs none of the checker, and Restricted Mode limits the report like everything else.
import { buildReport, loadedFrom, type Locale, type Snapshot } from '../core/service.js';
import { renderReview } from '../cli/reportFormats.js';
import { displayPath, unusableWorkspace } from '../cli/workspaceCheck.js';
import { docsBase } from '../node/docs.js';
import type { ReportParams, ReportResult } from '../protocol/index.js';

declare const __KIJUN_VERSION__: string | undefined;
const VERSION = typeof __KIJUN_VERSION__ === 'string' ? __KIJUN_VERSION__ : '0.0.0-dev';

/** `folder`: the workspace folder, where the CLI would run (paths are shown relative to it). */
export function htmlReport(snapshot: Snapshot, folder: string, params: ReportParams, env: NodeJS.ProcessEnv): ReportResult {
  const loaded = loadedFrom(snapshot);
  const locale: Locale = pickLocale(params.locale) ?? loaded.config.locale ?? (/^ja/i.test(params.fallbackLocale ?? '') ? 'ja' : 'en');
  const problem = unusableWorkspace(loaded, loaded.configPath, locale, folder);
  if (problem) return { problem };
  const shown = (p: string): string => displayPath(p, folder);
  const report = buildReport(loaded, { locale, docsBase: docsBase(), displayPath: shown });
  const html = renderReview('html', report, loaded, { locale, cwd: folder, env, output: params.output, docsBase: docsBase(), version: VERSION, displayPath: shown });
  return { html, errors: report.summary.errors };
}

function pickLocale(value: string | undefined): Locale | undefined {
  return value === 'ja' || value === 'en' ? value : undefined;
}
