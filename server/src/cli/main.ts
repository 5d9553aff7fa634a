// `kijun` command line. `run()` takes its arguments and I/O so tests can drive it in process.
import * as path from 'node:path';
import { promises as fsp } from 'node:fs';
import { loadWorkspace } from '../core/workspace.js';
import { buildReport, type Report } from '../core/report.js';
import { displayPath, unusableWorkspace } from './workspaceCheck.js';
import type { Locale } from '../core/model.js';
import { docsBase } from '../node/docs.js';
import { nodeFs, localToday, localeFromEnv, toPosix } from '../node/nodeFs.js';
import { formatText } from './textFormat.js';
import { renderReview } from './reportFormats.js';
import { runDiff, formatDiffText, formatDiffMarkdown, diffJson } from './diffCommand.js';
import { fastLoader, cacheFileFor, bundleBuildId } from '../node/fastLoader.js';
import { existsSync } from 'node:fs';
import { runOscalCommand } from './oscalCommands.js';
import { configLocale, locateConfig, type CliIo } from './io.js';
import { isIsoDate } from '../core/dates.js';
import { decodeBytes } from '../core/decode.js';
import { parseConfig } from '../core/config.js';
import { writeSafeFixes } from './fixCommand.js';
import { runSuggestCommand } from './suggestCommand.js';
import { runDocxCommand } from './docxCommand.js';
import { printable } from '../core/printable.js';
import { isTableFormat, renderTable } from './tableFormats.js';
import { message } from '../core/messages.js';
import { nearest } from '../core/ids.js';
import { parseOptions, usageError, usageLocale, usageText, UsageError } from './usage.js';

export type { CliIo };
export { configLocale };

const FORMATS = ['text', 'json', 'sarif', 'junit', 'markdown', 'html', 'csv', 'xlsx'] as const;
type Format = (typeof FORMATS)[number];

const COMMANDS = ['check', 'diff', 'import', 'export', 'suggest'];

export async function run(argv: string[], io: CliIo): Promise<number> {
  try {
    return await runUnsafe(argv, io);
  } catch (err) {
    if (err instanceof UsageError) {
      const locale = usageLocale(argv, localeFromEnv(io.env));
      io.stderr(`kijun: ${printable(err.render(locale))}\n${err.withUsage ? `${usageText(locale)}\n` : ''}`);
      return 2;
    }
    io.stderr(`kijun: ${printable(err instanceof Error ? err.message : String(err))}\n`);
    return 2;
  }
}

async function runUnsafe(argv: string[], io: CliIo): Promise<number> {
  if (argv[0] === 'import' && argv[1] === 'docx') return runDocxCommand(argv.slice(2), io);
  if (argv[0] === 'import' || argv[0] === 'export') return runOscalCommand(argv, io, VERSION);
  if (argv[0] === 'suggest') return runSuggestCommand(argv.slice(1), io, VERSION);
  const args = parse(argv);
  if (args.values.help) {
    io.stdout(`${usageText(usageLocale(argv, localeFromEnv(io.env)))}\n`);
    return 0;
  }
  if (args.values.version) {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const [command, ...paths] = args.positionals;
  if (command === 'diff') return runDiffCommand(paths, args.values, io);
  if (command !== 'check') throw command ? usageError('usageUnknownCommand', { command, suggestion: nearest(command, COMMANDS) ?? '' }) : usageError('usageNoCommand');
  const format = (args.values.format ?? 'text') as Format;
  if (!FORMATS.includes(format)) throw usageError('usageUnknownFormat', { format, allowed: FORMATS.join(', ') });
  const lang = args.values.lang;
  if (lang !== undefined && lang !== 'ja' && lang !== 'en') throw usageError('usageUnknownLanguage', { lang });
  const maxWarnings = args.values['max-warnings'] === undefined ? undefined : Number(args.values['max-warnings']);
  if (maxWarnings !== undefined && !(Number.isInteger(maxWarnings) && maxWarnings >= 0)) {
    throw usageError('usageMaxWarnings', { value: String(args.values['max-warnings']) });
  }

  const asOf = args.values['as-of'];
  if (asOf !== undefined && !isIsoDate(asOf)) {
    io.stderr(`kijun: ${printable(message((lang as Locale | undefined) ?? localeFromEnv(io.env) ?? 'en', 'badAsOf', { value: asOf }))}\n`);
    return 2;
  }
  const absolute = paths.map((p) => toPosix(path.resolve(io.cwd, p)));
  for (const p of absolute) if (!(await nodeFs.stat(p))) throw usageError('usageNoSuchPath', { path: p });
  const configPath = await locateConfig(args.values.config, absolute, io.cwd);
  const root = configPath ? path.posix.dirname(configPath) : toPosix(path.resolve(io.cwd));
  const loader = cliLoader(root, args.values['no-cache'] === true);
  const load = () => loadWorkspace(nodeFs, { root, configPath, paths: absolute.length ? absolute : undefined, today: asOf ?? io.env.KIJUN_TODAY ?? localToday(), loader });
  let loaded = await load();
  const locale: Locale = (lang as Locale | undefined) ?? loaded.config.locale ?? localeFromEnv(io.env) ?? 'en';
  const problem = unusableWorkspace(loaded, configPath, locale, io.cwd);
  if (problem) {
    io.stderr(`kijun: ${printable(problem)}\n`);
    return 2;
  }
  if (args.values.fix) {
    const fixed = await writeSafeFixes(loaded, locale);
    for (const f of fixed) io.stderr(`kijun: ${printable(message(locale, 'fixedFile', { path: displayPath(f.path, io.cwd), count: f.count }))}\n`);
    if (fixed.length > 0) loaded = await load();
  }
  if (format === 'xlsx' && !args.values.output) {
    io.stderr(`kijun: ${message(locale, 'xlsxNeedsOutput')}\n`);
    return 2;
  }
  const report = buildReport(loaded, { locale, docsBase: docsBase(), displayPath: (p) => displayPath(p, io.cwd) });
  const text = format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : format === 'text' ? formatText(report, locale, loaded.analysis.sectors)
    : isTableFormat(format) ? renderTable(format, report, loaded, locale, (p) => displayPath(p, io.cwd))
    : renderReview(format, report, loaded, { locale, cwd: io.cwd, env: io.env, output: args.values.output, docsBase: docsBase(), version: VERSION, displayPath: (p) => displayPath(p, io.cwd) });
  if (args.values.output) await fsp.writeFile(path.resolve(io.cwd, args.values.output), text);
  else if (typeof text === 'string') io.stdout(text);
  return exitStatus(report, maxWarnings);
}

async function runDiffCommand(paths: string[], values: ReturnType<typeof parse>['values'], io: CliIo): Promise<number> {
  if (paths.length !== 2) throw usageError('usageDiffArgs');
  const format = values.format ?? 'text';
  if (!['text', 'json', 'markdown'].includes(format)) throw usageError('usageUnknownFormat', { format, allowed: 'text, json, markdown' });
  if (values.lang !== undefined && values.lang !== 'ja' && values.lang !== 'en') throw usageError('usageUnknownLanguage', { lang: values.lang });
  for (const p of [...paths, ...(values.standards ?? [])]) if (!(await nodeFs.stat(path.resolve(io.cwd, p)))) throw usageError('usageNoSuchPath', { path: p });
  const locale: Locale = (values.lang as Locale | undefined) ?? (await configLocale(values.config, io.cwd)) ?? localeFromEnv(io.env) ?? 'en';
  const result = await runDiff(paths[0], paths[1], values.standards ?? [], io.cwd);
  const text = format === 'json' ? `${JSON.stringify(diffJson(result, locale), null, 2)}\n` : format === 'markdown' ? formatDiffMarkdown(result, locale) : formatDiffText(result, locale);
  if (values.output) await fsp.writeFile(path.resolve(io.cwd, values.output), text);
  else io.stdout(text);
  return 0;
}

function parse(argv: string[]) {
  return parseOptions(argv, {
    config: { type: 'string' },
    format: { type: 'string' },
    output: { type: 'string', short: 'o' },
    lang: { type: 'string' },
    'max-warnings': { type: 'string' },
    'as-of': { type: 'string' },
    'no-cache': { type: 'boolean' },
    fix: { type: 'boolean' },
    standards: { type: 'string', multiple: true },
    help: { type: 'boolean', short: 'h' },
    version: { type: 'boolean', short: 'v' },
  } as const);
}

export function exitStatus(report: Report, maxWarnings: number | undefined): number {
  if (report.summary.errors > 0) return 1;
  if (maxWarnings !== undefined && report.summary.warnings > maxWarnings) return 1;
  return 0;
}

/** Parallel, cached extraction when running from the bundle; plain loading otherwise (tests). */
function cliLoader(root: string, noCache: boolean) {
  const buildId = bundleBuildId(VERSION);
  const workerScript = typeof __dirname === 'string' ? path.join(__dirname, 'worker.cjs') : undefined;
  if (!buildId) return undefined;
  return fastLoader({ buildId, cacheFile: noCache ? undefined : cacheFileFor(root), workerScript: workerScript && existsSync(workerScript) ? workerScript : undefined });
}

declare const __KIJUN_VERSION__: string | undefined;
const VERSION = typeof __KIJUN_VERSION__ === 'string' ? __KIJUN_VERSION__ : '0.0.0-dev';
