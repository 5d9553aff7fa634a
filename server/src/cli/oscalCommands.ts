// `kijun import oscal` and `kijun export oscal-mapping|oscal-component`: the OSCAL commands of
// the command line. The conversions are in core/oscal; this file reads, writes and keeps the
// exports' last-modified stable so that re-running an export does not change its output.
import { parseOptions, usageError } from './usage.js';
import { configLocale, locateConfig } from './io.js';
import * as path from 'node:path';
import { promises as fsp } from 'node:fs';
import type { CliIo } from './io.js';
import type { Finding, Locale, CatalogModel } from '../core/model.js';
import { loadWorkspace } from '../core/workspace.js';
import { describeConfigProblem, parseConfig } from '../core/config.js';
import { displayPath, unusableWorkspace } from './workspaceCheck.js';
import { decodeBytes } from '../core/decode.js';
import { extractFile } from '../core/extract.js';
import { formatMessage } from '../core/messages.js';
import { RULES } from '../core/rules.js';
import { sniffOscal, oscalKindOf, type OscalKind } from '../core/oscal/extractOscal.js';
import { applyCatalogSettings, resolveOscalSettings } from '../core/oscal/settings.js';
import { catalogToKijunYaml } from '../core/oscal/importCatalog.js';
import { exportableGroups, exportComponentDefinition, exportMappingCollection, exportedVersion } from '../core/oscal/export.js';
import { parseYaml } from '../core/yamlSource.js';
import { LineIndex } from '../core/text.js';
import { nodeFs, findConfig, localToday, localeFromEnv, toPosix } from '../node/nodeFs.js';
import { printable, printableField } from '../core/printable.js';
import { runCsfProfileCommand } from './csfProfileCommand.js';

/** Runs `kijun import …` or `kijun export …`; returns the exit status. */
export async function runOscalCommand(argv: string[], io: CliIo, version: string): Promise<number> {
  if (argv[0] === 'export' && argv[1] === 'csf-profile') return runCsfProfileCommand(argv.slice(2), io);
  const args = parse(argv);
  const [command, what, ...rest] = args.positionals;
  if (args.values.lang !== undefined && args.values.lang !== 'ja' && args.values.lang !== 'en') throw usageError('usageUnknownLanguage', { lang: args.values.lang });
  const locale: Locale = (args.values.lang as Locale | undefined) ?? (await configLocale(args.values.config, io.cwd)) ?? localeFromEnv(io.env) ?? 'en';
  if (command === 'import') {
    if (what !== 'oscal') throw usageError('usageImportFormat', { format: what ?? '' });
    if (rest.length !== 1) throw usageError('usageOneFile', { command: 'import oscal', what: '@usageOscalCatalogFile' });
    if (args.values.sector !== undefined) throw usageError('usageOptionOf', { option: '--sector', command: 'export' });
    return await importOscal(rest[0], args.values, io, locale);
  }
  if (what !== 'oscal-mapping' && what !== 'oscal-component') throw usageError('usageExportFormat', { format: what ?? '' });
  if (rest.length > 0) throw usageError('usageUnexpectedArgument', { argument: rest[0] });
  if (args.values.id !== undefined) throw usageError('usageOptionOf', { option: '--id', command: 'import oscal' });
  return await exportOscal(what, args.values, io, locale, version);
}

type Values = ReturnType<typeof parse>['values'];

function parse(argv: string[]) {
  return parseOptions(argv, {
    output: { type: 'string' },
    sector: { type: 'string' },
    config: { type: 'string' },
    id: { type: 'string' },
    lang: { type: 'string' },
  } as const);
}

function outPath(values: Values): string | undefined {
  return values.output;
}

// ---- import --------------------------------------------------------------------------------

async function importOscal(file: string, values: Values, io: CliIo, locale: Locale): Promise<number> {
  const out = outPath(values);
  if (values.id !== undefined && !/^[a-z0-9-]+$/.test(values.id)) throw usageError('usageIdForm', { option: '--id', value: values.id });
  const absolute = toPosix(path.resolve(io.cwd, file));
  const stat = await nodeFs.stat(absolute);
  if (!stat || stat.isDirectory) throw usageError('usageNoSuchFile', { path: file });
  const decoded = decodeBytes(await nodeFs.readFile(absolute));
  if (!decoded.ok) {
    io.stderr(`kijun: ${printable(`${file}: ${formatMessage(decoded.message, { detail: decoded.detail ?? '' }, locale)}`)}\n`);
    return 2;
  }
  const kind = oscalKindOfText(absolute, decoded.text);
  if (kind !== 'catalog') {
    const why = kind === 'profile' ? formatMessage('oscalProfileNotCatalog', {}, locale) : formatMessage('importNotOscalCatalog', {}, locale);
    io.stderr(`kijun: ${printable(`${file}: ${why}`)}\n`);
    return 2;
  }
  let analysis = extractFile(absolute, decoded.text, 'catalog');
  // Levels and id from kijun.yaml when it has an `oscal:` entry for this file.
  const configPath = values.config ? toPosix(path.resolve(io.cwd, values.config)) : await findConfig(path.dirname(absolute));
  let configuredId: string | undefined;
  if (configPath && (await nodeFs.stat(configPath))) {
    const decodedConfig = decodeBytes(await nodeFs.readFile(configPath));
    const config = parseConfig(decodedConfig.ok ? decodedConfig.text : '').config;
    const resolved = await resolveOscalSettings(nodeFs, path.posix.dirname(configPath), config.oscal);
    const problem = describeConfigProblem(displayPath(configPath, io.cwd), resolved.findings, locale);
    if (problem) {
      io.stderr(`kijun: ${printable(problem)}\n`);
      return 2;
    }
    const applied = applyCatalogSettings([analysis], resolved.catalogs);
    analysis = applied.files[0];
    configuredId = resolved.catalogs.find((c) => c.path === absolute)?.id;
    for (const f of applied.findings) analysis.findings.push(f.finding);
  }
  const shown = displayPath(absolute, io.cwd);
  const errors = printFindings(shown, analysis.findings, io, locale);
  const model = analysis.model as CatalogModel | undefined;
  if (!model) return 2;
  const yaml = catalogToKijunYaml(model, { id: values.id ?? (configuredId && /^[a-z0-9-]+$/.test(configuredId) ? configuredId : undefined), source: out ? displayPath(absolute, path.dirname(path.resolve(io.cwd, out))) : shown });
  // The output must read back as a clean Kijun catalog; say so if it does not.
  const check = extractFile('imported.yaml', yaml, 'catalog');
  const own = check.findings.filter((f) => f.code === 'schema' || f.code === 'syntax');
  if (own.length > 0) printFindings(out ?? formatMessage('outputStandard', {}, locale), own, io, locale);
  await write(out, yaml, io);
  if (out) io.stderr(`${printable(formatMessage('wroteImportedCatalog', { file: out, count: model.controls.length }, locale))}\n`);
  return errors > 0 ? 1 : 0;
}

function oscalKindOfText(file: string, text: string): OscalKind | undefined {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const sniffed = sniffOscal(body.slice(0, 4096));
  if (sniffed || !/\.ya?ml$/i.test(file)) return sniffed;
  return oscalKindOf(parseYaml(body, 0, new LineIndex(body)).value);
}

function printFindings(shown: string, findings: Finding[], io: CliIo, locale: Locale): number {
  let errors = 0;
  for (const f of findings) {
    const severity = RULES[f.code];
    if (severity === 'error') errors++;
    io.stderr(`${printableField(shown)}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${severity} ${f.code}: ${printable(formatMessage(f.message, f.args, locale))}\n`);
  }
  return errors;
}

// ---- export --------------------------------------------------------------------------------

async function exportOscal(what: 'oscal-mapping' | 'oscal-component', values: Values, io: CliIo, locale: Locale, version: string): Promise<number> {
  const out = outPath(values);
  const configPath = await locateConfig(values.config, [], io.cwd);
  const root = configPath ? path.posix.dirname(configPath) : toPosix(path.resolve(io.cwd));
  const loaded = await loadWorkspace(nodeFs, { root, configPath, today: io.env.KIJUN_TODAY ?? localToday() });
  const problem = unusableWorkspace(loaded, configPath, locale, io.cwd);
  if (problem) {
    io.stderr(`kijun: ${printable(problem)}\n`);
    return 2;
  }
  const groups = exportableGroups(loaded.analysis, values.sector);
  if (groups.length === 0) {
    io.stderr(`kijun: ${printable(formatMessage('noStandardWithBaseline', { sector: values.sector ?? '' }, locale))}\n`);
    return 2;
  }
  const base = out ? path.dirname(path.resolve(io.cwd, out)) : io.cwd;
  const options = {
    sector: values.sector, locale, generator: `Kijun ${version}`, lastModified: '',
    href: (p: string) => encodeURI(displayPath(p, base)),
  };
  const doc = what === 'oscal-mapping' ? exportMappingCollection(loaded.analysis, options) : exportComponentDefinition(loaded.analysis, options);
  const metadata = (Object.values(doc)[0] as { metadata: Record<string, unknown> }).metadata;
  metadata['last-modified'] = await stableLastModified(out ? path.resolve(io.cwd, out) : undefined, exportedVersion(doc), io.env);
  await write(out, `${JSON.stringify(doc, null, 2)}\n`, io);
  return 0;
}

/**
 * `last-modified` that changes only with the content: SOURCE_DATE_EPOCH when set (reproducible
 * builds); else the existing output's, when its content version is the same; else now.
 */
async function stableLastModified(out: string | undefined, version: string | undefined, env: NodeJS.ProcessEnv): Promise<string> {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch)) return timestamp(new Date(Number(epoch) * 1000));
  if (out) {
    try {
      const previous = JSON.parse(await fsp.readFile(out, 'utf8')) as unknown;
      const last = (Object.values(previous as object)[0] as { metadata?: Record<string, unknown> } | undefined)?.metadata?.['last-modified'];
      if (version !== undefined && exportedVersion(previous) === version && typeof last === 'string') return last;
    } catch {
      // No previous output, or not ours: a new timestamp.
    }
  }
  return timestamp(new Date());
}

function timestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// ---- shared --------------------------------------------------------------------------------

async function write(out: string | undefined, text: string, io: CliIo): Promise<void> {
  if (out) await fsp.writeFile(path.resolve(io.cwd, out), text);
  else io.stdout(text);
}
