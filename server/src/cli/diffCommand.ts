// `kijun diff OLD NEW [--standards PATH...]`: what a baseline upgrade changes, and what each
// sector standard must add or revisit.
import * as path from 'node:path';
import { promises as fsp } from 'node:fs';
import { extractFile } from '../core/extract.js';
import { decodeBytes } from '../core/decode.js';
import { analyzeWorkspace, type LoadedCatalog } from '../core/analyze.js';
import { loadWorkspace } from '../core/workspace.js';
import { diffCatalogs, sectorImpact, type CatalogDiff, type SectorImpact, type ControlChange } from '../core/diff.js';
import { pickText } from '../core/messages.js';
import type { Locale } from '../core/model.js';
import { nodeFs, localToday, toPosix } from '../node/nodeFs.js';
import { sectorLabel, SECTORS, type Sector } from '../core/sectors.js';
import { printableField } from '../core/printable.js';
import { displayWidth, padEndWidth } from '../core/displayWidth.js';
import { localeTexts } from '../core/texts.js';
import { inputError } from './usage.js';

export interface DiffResult {
  diff: CatalogDiff;
  sectors: SectorImpact[];
  /** Known sectors (kijun.yaml may add some), to print names rather than ids. */
  known?: readonly Sector[];
}

export async function runDiff(oldPath: string, newPath: string, standards: string[], cwd: string): Promise<DiffResult> {
  const from = await loadCatalog(path.resolve(cwd, oldPath));
  const to = await loadCatalog(path.resolve(cwd, newPath));
  const diff = diffCatalogs(from, to);
  if (standards.length === 0) return { diff, sectors: [] };
  const paths = [...standards.map((s) => toPosix(path.resolve(cwd, s))), from.path];
  const loaded = await loadWorkspace(nodeFs, { root: toPosix(cwd), paths, today: localToday() });
  const sectors = loaded.analysis.groups.filter((g) => g.catalog?.key === from.key).map((g) => sectorImpact(g, diff, to));
  return { diff, sectors, known: loaded.analysis.sectors };
}

async function loadCatalog(file: string): Promise<LoadedCatalog> {
  const decoded = decodeBytes(await fsp.readFile(file));
  if (!decoded.ok) throw inputError('diffNotText', { path: file });
  const analysis = extractFile(toPosix(file), decoded.text, 'catalog');
  const catalog = [...analyzeWorkspace([analysis], { exemptionRationaleMinLength: 0, today: localToday() }).catalogs.values()][0];
  if (!catalog) throw inputError('diffNotCatalog', { path: file });
  return catalog;
}

const LABELS = localeTexts('diff', {
  added: '追加', removed: '削除', withdrawn: '廃止', relevelled: 'レベル変更', remapped: 'CSF 対応変更', reworded: '文言変更',
  mustAdd: '新たに対応が必要', revisit: '見直しが必要', none: 'なし', sector: '分野', level: 'レベル', control: '管理策', change: '変更', detail: '内容',
  noChange: '変更はありません。',
}, {
  added: 'added', removed: 'removed', withdrawn: 'withdrawn', relevelled: 're-levelled', remapped: 're-mapped to CSF', reworded: 'reworded',
  mustAdd: 'must add', revisit: 'must revisit', none: 'none', sector: 'Sector', level: 'Level', control: 'Control', change: 'Change', detail: 'Detail',
  noChange: 'No changes.',
});

function detail(c: ControlChange, locale: Locale): string {
  const title = pickText((c.after ?? c.before)?.title, locale);
  switch (c.kind) {
    case 'relevelled':
      return `${c.before?.level} → ${c.after?.level}`;
    case 'remapped':
      return `${(c.before?.csf ?? []).map((r) => r.id).join(', ')} → ${(c.after?.csf ?? []).map((r) => r.id).join(', ')}`;
    case 'withdrawn':
      return c.after?.replacedBy ? `→ ${c.after.replacedBy.id}` : title;
    default:
      return title;
  }
}

export function formatDiffText(result: DiffResult, locale: Locale): string {
  const l = LABELS[locale];
  const out = [`${result.diff.from} → ${result.diff.to}`];
  if (result.diff.changes.length === 0) out.push(`  ${l.noChange}`);
  const width = Math.max(...result.diff.changes.map((c) => displayWidth(l[c.kind])), 0);
  const idWidth = Math.max(...result.diff.changes.map((c) => displayWidth(c.id)), 0);
  for (const c of result.diff.changes) out.push(`  ${padEndWidth(l[c.kind], width)}  ${padEndWidth(c.id, idWidth)}  ${detail(c, locale)}`);
  for (const s of result.sectors) {
    out.push('', `${l.sector} ${pickText(sectorLabel(s.sector, result.known ?? SECTORS), locale)} (${l.level} ${s.level})`);
    out.push(`  ${l.mustAdd}: ${s.mustAdd.join(', ') || l.none}`);
    out.push(`  ${l.revisit}: ${s.revisit.map((r) => `${r.id} (${l[r.kind]}${r.replacedBy ? ` → ${r.replacedBy}` : ''})`).join(', ') || l.none}`);
  }
  return out.map(printableField).join('\n') + '\n';
}

export function formatDiffMarkdown(result: DiffResult, locale: Locale): string {
  const l = LABELS[locale];
  const out = [`## ${result.diff.from} → ${result.diff.to}`, '', `| ${l.control} | ${l.change} | ${l.detail} |`, '|---|---|---|'];
  for (const c of result.diff.changes) out.push(`| ${c.id} | ${l[c.kind]} | ${escapeCell(detail(c, locale))} |`);
  if (result.sectors.length) {
    out.push('', `| ${l.sector} | ${l.level} | ${l.mustAdd} | ${l.revisit} |`, '|---|---|---|---|');
    for (const s of result.sectors) {
      out.push(`| ${escapeCell(pickText(sectorLabel(s.sector, result.known ?? SECTORS), locale))} | ${s.level} | ${s.mustAdd.join(', ') || '-'} | ${s.revisit.map((r) => `${r.id} (${l[r.kind]})`).join(', ') || '-'} |`);
    }
  }
  return out.join('\n') + '\n';
}

export function diffJson(result: DiffResult, locale: Locale): unknown {
  return {
    version: 1,
    from: result.diff.from,
    to: result.diff.to,
    changes: result.diff.changes.map((c) => ({
      control: c.id, kind: c.kind, title: pickText((c.after ?? c.before)?.title, locale),
      before: c.before ? { level: c.before.level, csf: c.before.csf.map((r) => r.id) } : undefined,
      after: c.after ? { level: c.after.level, csf: c.after.csf.map((r) => r.id), replacedBy: c.after.replacedBy?.id } : undefined,
    })),
    sectors: result.sectors,
  };
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
