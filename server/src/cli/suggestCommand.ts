// `kijun suggest [PATH…] [--format text|json] [--top N] [--lang ja|en]` (PRODUCT.md §5.5): for
// every measure, the baseline controls its text most likely covers beyond those it names; for
// every uncovered control, the measures most likely to cover it. Ranking is in core/suggest; this
// file reads the standards' texts and prints. It never writes to a standard.
import { parseOptions, usageError } from './usage.js';
import * as path from 'node:path';
import { existsSync } from 'node:fs';
import { locateConfig, type CliIo } from './io.js';
import type { Locale } from '../core/model.js';
import { loadWorkspace } from '../core/workspace.js';
import { decodeBytes } from '../core/decode.js';
import { pickText } from '../core/messages.js';
import { printable, printableField } from '../core/printable.js';
import { prepareText, roundScore, sharedWords, type CatalogIndex } from '../core/suggest/engine.js';
import { suggestWorkspace, type WorkspaceSuggestions } from '../core/suggest/workspace.js';
import { sectorName } from '../core/services/coverageView.js';
import type { WorkspaceAnalysis } from '../core/analyze.js';
import { displayPath, unusableWorkspace } from './workspaceCheck.js';
import { nodeFs, localToday, localeFromEnv, toPosix } from '../node/nodeFs.js';
import { fastLoader, cacheFileFor, bundleBuildId } from '../node/fastLoader.js';
import { localeTexts } from '../core/texts.js';

export async function runSuggestCommand(argv: string[], io: CliIo, version: string): Promise<number> {
  return suggest(argv, io, version);
}

async function suggest(argv: string[], io: CliIo, version: string): Promise<number> {
  const { values, positionals } = parse(argv);
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw usageError('usageUnknownFormat', { format, allowed: 'text, json' });
  if (values.lang !== undefined && values.lang !== 'ja' && values.lang !== 'en') throw usageError('usageUnknownLanguage', { lang: values.lang });
  const top = values.top === undefined ? 5 : Number(values.top);
  if (!Number.isInteger(top) || top < 1) throw usageError('usageWholeNumber', { option: '--top', min: 1, value: String(values.top) });
  const paths = positionals.map((p) => toPosix(path.resolve(io.cwd, p)));
  for (const p of paths) if (!(await nodeFs.stat(p))) throw usageError('usageNoSuchPath', { path: p });
  const configPath = await locateConfig(values.config, paths, io.cwd);
  const root = configPath ? path.posix.dirname(configPath) : toPosix(path.resolve(io.cwd));
  const loaded = await loadWorkspace(nodeFs, {
    root, configPath, paths: paths.length ? paths : undefined, today: io.env.KIJUN_TODAY ?? localToday(), loader: cachedLoader(root, version),
  });
  const locale: Locale = (values.lang as Locale | undefined) ?? loaded.config.locale ?? localeFromEnv(io.env) ?? 'en';
  const problem = unusableWorkspace(loaded, configPath, locale, io.cwd);
  if (problem) {
    io.stderr(`kijun: ${printable(problem)}\n`);
    return 2;
  }
  const texts = await readStandards(loaded.analysis);
  const result = suggestWorkspace(loaded.analysis, (p) => texts.get(p), { top, paths: paths.length ? loaded.reported : undefined });
  const show = (p: string) => displayPath(p, io.cwd);
  io.stdout(format === 'json' ? `${JSON.stringify(suggestJson(result, show), null, 2)}\n` : suggestText(result, loaded.analysis, locale, show));
  return 0;
}

/** The same content-hash cache as `kijun check` when running from the bundle. */
function cachedLoader(root: string, version: string) {
  const buildId = bundleBuildId(version);
  if (!buildId) return undefined;
  const workerScript = typeof __dirname === 'string' ? path.join(__dirname, 'worker.cjs') : undefined;
  return fastLoader({ buildId, cacheFile: cacheFileFor(root), workerScript: workerScript && existsSync(workerScript) ? workerScript : undefined });
}

/** The text of every standard in a sector with a loaded baseline (models keep no text). */
async function readStandards(analysis: WorkspaceAnalysis): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  const paths = analysis.groups.filter((g) => g.catalog).flatMap((g) => g.paths);
  await Promise.all(paths.map(async (p) => {
    try {
      const decoded = decodeBytes(await nodeFs.readFile(p));
      if (decoded.ok) texts.set(p, decoded.text.charCodeAt(0) === 0xfeff ? decoded.text.slice(1) : decoded.text);
    } catch {
      // A file that vanished since loading has no suggestions; its findings belong to `check`.
    }
  }));
  return texts;
}

function indexOf(result: WorkspaceSuggestions, analysis: WorkspaceAnalysis, sector: string): CatalogIndex | undefined {
  const group = analysis.groups.find((g) => g.sector === sector && g.catalog);
  return group ? result.indexes.get(`${group.sector}\u0000${group.baseline}`) : undefined;
}

export function suggestJson(result: WorkspaceSuggestions, show: (p: string) => string): unknown {
  return {
    version: 1,
    measures: result.measures.map((m) => ({
      sector: m.sector, measure: m.site.measure.id, path: show(m.site.path), line: m.site.measure.range.start.line,
      covers: m.covers,
      suggestions: m.suggestions.map((s) => ({ control: s.control, score: roundScore(s.score) })),
    })),
    uncovered: result.uncovered.map((u) => ({
      sector: u.sector, control: u.control,
      suggestions: u.suggestions.map((s) => ({ measure: s.site.measure.id, path: show(s.site.path), line: s.site.measure.range.start.line, score: roundScore(s.score) })),
    })),
  };
}

const LABELS = localeTexts('suggest',
  { measures: '対策ごとの候補', covers: '対応', none: 'なし', shared: '共通語', uncovered: '未対応の管理策とその候補', noCandidate: '候補なし', nothing: '対策がありません。' },
  { measures: 'Suggested controls by measure', covers: 'covers', none: 'none', shared: 'shared', uncovered: 'Uncovered controls and candidate measures', noCandidate: 'no candidate', nothing: 'No measures.' });

export function suggestText(result: WorkspaceSuggestions, analysis: WorkspaceAnalysis, locale: Locale, show: (p: string) => string): string {
  const l = LABELS[locale];
  const out: string[] = [];
  const sectors = [...new Set([...result.measures.map((m) => m.sector), ...result.uncovered.map((u) => u.sector)])];
  if (sectors.length === 0) return `${l.nothing}\n`;
  const titleOf = (sector: string, id: string) => {
    const control = analysis.groups.find((g) => g.sector === sector && g.catalog)?.catalog?.controls.get(id);
    return control ? pickText(control.title, locale) : '';
  };
  for (const sector of sectors) {
    const index = indexOf(result, analysis, sector);
    out.push(`${sectorName(sector, locale, analysis.sectors)} (${sector})`, `  ${l.measures}`);
    for (const m of result.measures.filter((x) => x.sector === sector)) {
      const where = `${show(m.site.path)}:${m.site.measure.range.start.line + 1}`;
      out.push(`    ${m.site.measure.id} ${printable(m.site.measure.title)}  (${where})  ${l.covers}: ${m.covers.join(', ') || l.none}`);
      const prepared = prepareText(m.text);
      for (const s of m.suggestions) {
        const shared = index ? sharedWords(index, prepared, s.control, 4) : [];
        out.push(`      ${roundScore(s.score).toFixed(2)}  ${s.control} ${printable(titleOf(sector, s.control))}${shared.length ? `  [${l.shared}: ${printable(shared.join(', '))}]` : ''}`);
      }
    }
    const uncovered = result.uncovered.filter((u) => u.sector === sector);
    if (uncovered.length) out.push(`  ${l.uncovered}`);
    for (const u of uncovered) {
      out.push(`    ${u.control} ${printable(titleOf(sector, u.control))}`);
      if (u.suggestions.length === 0) out.push(`      ${l.noCandidate}`);
      for (const s of u.suggestions) {
        out.push(`      ${roundScore(s.score).toFixed(2)}  ${s.site.measure.id} ${printable(s.site.measure.title)}  (${show(s.site.path)}:${s.site.measure.range.start.line + 1})`);
      }
    }
    out.push('');
  }
  // Ids, sectors and paths come from the workspace too; no line may pass for a finding.
  return out.map(printableField).join('\n');
}

function parse(argv: string[]) {
  return parseOptions(argv, {
    format: { type: 'string' },
    top: { type: 'string' },
    lang: { type: 'string' },
    config: { type: 'string' },
  } as const);
}
