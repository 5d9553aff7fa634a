// `kijun check --format …`: turns the Report into the requested text. The node side of the
// review formats: where links point (GitHub when run in GitHub Actions, else paths relative to
// the report file) and the folder SARIF locations are relative to.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Report } from '../core/report.js';
import type { Locale } from '../core/model.js';
import type { LoadedWorkspace } from '../core/workspace.js';
import { buildReviewModel, formatReview, type ReviewFormat } from '../core/formats/index.js';
import { pathUri } from '../core/formats/escape.js';
import { localToday, toPosix } from '../node/nodeFs.js';

export interface RenderContext {
  locale: Locale;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** --output, as given (relative to cwd). */
  output?: string;
  docsBase: string;
  version: string;
  /** Absolute path → the path shown, as the Report was built with. */
  displayPath: (path: string) => string;
}

export function renderReview(format: ReviewFormat, report: Report, loaded: LoadedWorkspace, ctx: RenderContext): string {
  const absolute = (display: string): string => path.resolve(ctx.cwd, display);
  const github = githubBlobBase(ctx.env);
  const reportDir = ctx.output ? path.dirname(path.resolve(ctx.cwd, ctx.output)) : path.resolve(ctx.cwd);
  const link = (display: string): string | undefined => {
    if (github) {
      const rel = toPosix(path.relative(github.workspace, absolute(display)));
      if (!rel.startsWith('../') && rel !== '..' && !path.isAbsolute(rel)) return `${github.base}/${pathUri(rel)}`;
    }
    // Local files: a path relative to where the report is written (HTML opens it from there).
    return format === 'html' ? pathUri(toPosix(path.relative(reportDir, absolute(display))) || '.') : undefined;
  };
  const review = buildReviewModel(loaded, report, {
    displayPath: ctx.displayPath,
    docsBase: docsUrl(ctx.env) ?? ctx.docsBase,
    today: ctx.env.KIJUN_TODAY ?? localToday(),
    version: ctx.version,
    link,
    lineAnchors: github !== undefined,
  });
  return formatReview(format, report, review, ctx.locale, { srcRoot: pathToFileURL(path.resolve(ctx.cwd) + path.sep).href });
}

/** `https://github.com/OWNER/REPO/blob/SHA` and the checkout folder, inside GitHub Actions. */
function githubBlobBase(env: NodeJS.ProcessEnv): { base: string; workspace: string } | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_SHA: sha, GITHUB_WORKSPACE: workspace } = env;
  if (!server || !repo || !sha || !workspace || !/^https?:\/\//.test(server)) return undefined;
  return { base: `${server.replace(/\/$/, '')}/${repo}/blob/${sha}`, workspace };
}

/** KIJUN_DOCS_URL: where the rule pages are published (e.g. the repository's docs/rules/ on the web). */
function docsUrl(env: NodeJS.ProcessEnv): string | undefined {
  const value = env.KIJUN_DOCS_URL?.trim();
  if (!value || !/^(https?|file):\/\//.test(value)) return undefined;
  return value.endsWith('/') ? value : `${value}/`;
}
