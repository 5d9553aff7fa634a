// What every CLI command that reads a workspace shares: how paths are shown, and when the
// workspace cannot be used at all (exit 2).
import * as path from 'node:path';
import type { Locale } from '../core/model.js';
import type { LoadedWorkspace } from '../core/workspace.js';
import { describeConfigProblem } from '../core/config.js';
import { message } from '../core/messages.js';
import { toPosix } from '../node/nodeFs.js';

/** `p` relative to `base`, with `/` separators; `.` for the base itself. */
export function displayPath(p: string, base: string): string {
  const rel = toPosix(path.relative(base, p));
  return rel === '' ? '.' : rel;
}

/** Why the loaded workspace cannot be checked (invalid kijun.yaml, no catalog), or undefined. */
export function unusableWorkspace(loaded: LoadedWorkspace, configPath: string | undefined, locale: Locale, cwd: string): string | undefined {
  const problem = configPath ? describeConfigProblem(displayPath(configPath, cwd), loaded.configFindings, locale) : undefined;
  if (problem) return problem;
  if (loaded.analysis.catalogs.size === 0) return message(locale, 'noCatalogFound');
  return undefined;
}
