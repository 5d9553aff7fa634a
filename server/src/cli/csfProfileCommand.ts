// `kijun export csf-profile`: each sector's standard (first and second floor together) as a
// NIST CSF 2.0 Community Profile (PRODUCT.md §5.7). The profile and its formats are in the core.
import { parseOptions, usageError } from './usage.js';
import { message } from '../core/messages.js';
import * as path from 'node:path';
import { promises as fsp } from 'node:fs';
import { locateConfig, type CliIo } from './io.js';
import type { Locale } from '../core/model.js';
import { loadWorkspace } from '../core/workspace.js';
import { buildCsfProfile } from '../core/csfProfile.js';
import { PROFILE_FORMATS, profilesCsv, profilesJson, profilesMarkdown, type ProfileFormat } from '../core/formats/csfProfile.js';
import { displayPath, unusableWorkspace } from './workspaceCheck.js';
import { nodeFs, localToday, localeFromEnv, toPosix } from '../node/nodeFs.js';
import { printable } from '../core/printable.js';

export async function runCsfProfileCommand(argv: string[], io: CliIo): Promise<number> {
  return exportProfile(argv, io);
}

async function exportProfile(argv: string[], io: CliIo): Promise<number> {
  const values = parse(argv);
  const format = (values.format ?? 'json') as ProfileFormat;
  if (!PROFILE_FORMATS.includes(format)) throw usageError('usageUnknownFormat', { format: String(values.format), allowed: PROFILE_FORMATS.join(', ') });
  if (values.lang !== undefined && values.lang !== 'ja' && values.lang !== 'en') throw usageError('usageUnknownLanguage', { lang: values.lang });
  const out = values.output;
  const configPath = await locateConfig(values.config, [], io.cwd);
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
    io.stderr(`kijun: ${printable(message(locale, 'noStandardWithBaseline', { sector: values.sector ?? '' }))}\n`);
    return 2;
  }
  const today = io.env.KIJUN_TODAY ?? localToday();
  const profiles = groups.map((g) => buildCsfProfile(g, loaded.analysis.files, today));
  const text = format === 'json' ? profilesJson(profiles) : format === 'markdown' ? profilesMarkdown(profiles, locale, loaded.analysis.sectors) : profilesCsv(profiles, locale);
  if (out) {
    await fsp.writeFile(path.resolve(io.cwd, out), text);
    io.stderr(`${printable(message(locale, 'wroteProfiles', { file: displayPath(path.resolve(io.cwd, out), io.cwd), count: profiles.length }))}\n`);
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
