// `kijun export csf-profile`: each sector's standard (first and second floor together) as a
// NIST CSF 2.0 Community Profile (PRODUCT.md §5.7). The profile and its formats are in the core.
import { parseOptions, UsageError as SharedUsageError } from './usage.js';
import * as path from 'node:path';
import { promises as fsp } from 'node:fs';
import type { CliIo } from './io.js';
import type { Locale } from '../core/model.js';
import { loadWorkspace } from '../core/workspace.js';
import { buildCsfProfile } from '../core/csfProfile.js';
import { PROFILE_FORMATS, profilesCsv, profilesJson, profilesMarkdown, type ProfileFormat } from '../core/formats/csfProfile.js';
import { displayPath, unusableWorkspace } from './workspaceCheck.js';
import { nodeFs, findConfig, localToday, localeFromEnv, toPosix } from '../node/nodeFs.js';
import { printable } from '../core/printable.js';

export const CSF_PROFILE_USAGE = '       kijun export csf-profile [--sector S] [--format json|markdown|csv] [--out FILE] [--config FILE] [--lang ja|en]';

class UsageError extends Error {}

export async function runCsfProfileCommand(argv: string[], io: CliIo): Promise<number> {
  try {
    return await exportProfile(argv, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`kijun: ${printable(err.message)}\nUsage:\n${CSF_PROFILE_USAGE}\n`);
      return 2;
    }
    throw err;
  }
}

async function exportProfile(argv: string[], io: CliIo): Promise<number> {
  const values = parse(argv);
  const format = (values.format ?? 'json') as ProfileFormat;
  if (!PROFILE_FORMATS.includes(format)) throw new UsageError(`unknown format for csf-profile: ${values.format} (expected json, markdown or csv)`);
  if (values.lang !== undefined && values.lang !== 'ja' && values.lang !== 'en') throw new UsageError(`unknown language: ${values.lang}`);
  const out = values.output;
  let configPath: string | undefined;
  if (values.config) {
    configPath = toPosix(path.resolve(io.cwd, values.config));
    if (!(await nodeFs.stat(configPath))) throw new UsageError(`configuration not found: ${values.config}`);
  } else configPath = await findConfig(io.cwd);
  const root = configPath ? path.posix.dirname(configPath) : toPosix(path.resolve(io.cwd));
  const loaded = await loadWorkspace(nodeFs, { root, configPath, today: io.env.KIJUN_TODAY ?? localToday() });
  const locale: Locale = (values.lang as Locale | undefined) ?? loaded.config.locale ?? localeFromEnv(io.env) ?? 'en';
  const problem = unusableWorkspace(loaded, configPath, locale, io.cwd);
  if (problem) {
    io.stderr(`kijun: ${printable(problem)}\n`);
    return 2;
  }
  const groups = loaded.analysis.groups
    .filter((g) => g.catalog && (values.sector === undefined || g.sector === values.sector))
    .sort((a, b) => a.sector.localeCompare(b.sector) || a.baseline.localeCompare(b.baseline));
  if (groups.length === 0) {
    const which = values.sector ? (locale === 'ja' ? `分野 ${values.sector} の` : ` of sector ${values.sector}`) : '';
    io.stderr(`kijun: ${printable(locale === 'ja' ? `ベースラインが読み込まれた${which}標準がありません。` : `no standard${which} with a loaded baseline was found.`)}\n`);
    return 2;
  }
  const today = io.env.KIJUN_TODAY ?? localToday();
  const profiles = groups.map((g) => buildCsfProfile(g, loaded.analysis.files, today));
  const text = format === 'json' ? profilesJson(profiles) : format === 'markdown' ? profilesMarkdown(profiles, locale, loaded.analysis.sectors) : profilesCsv(profiles, locale);
  if (out) {
    await fsp.writeFile(path.resolve(io.cwd, out), text);
    io.stderr(`${printable(locale === 'ja' ? `${profiles.length} 分野のプロファイルを ${displayPath(path.resolve(io.cwd, out), io.cwd)} に書き出しました。` : `wrote the profiles of ${profiles.length} sector${profiles.length === 1 ? '' : 's'} to ${displayPath(path.resolve(io.cwd, out), io.cwd)}`)}\n`);
  } else io.stdout(text);
  return 0;
}

function parse(argv: string[]) {
  return parseOptions(argv, {
    output: { type: 'string' },
    sector: { type: 'string' },
    format: { type: 'string' },
    config: { type: 'string' },
    lang: { type: 'string' },
  } as const, false).values;
}
