// `kijun export csf-profile` as JSON (the contract of PRODUCT.md §5.7), Markdown and CSV.
import type { LocalText, Locale } from '../model.js';
import type { Sector } from '../sectors.js';
import type { CsfProfile, ProfileStatus } from '../csfProfile.js';
import { csfElement, CSF_FRAMEWORK_URL } from '../csf.js';
import { sectorLabel } from '../sectors.js';
import { pickText } from '../messages.js';
import { escapeMarkdown } from './escape.js';
import { csvDocument } from './csv.js';
import { statusWord, type Cell } from './correspondence.js';
import { localeTexts } from '../texts.js';
import { FUNCTION_NAMES } from './reviewModel.js';

export const PROFILE_FORMATS = ['json', 'markdown', 'csv'] as const;
export type ProfileFormat = (typeof PROFILE_FORMATS)[number];

const UI = localeTexts('csfProfile', {
  status: { reached: '到達', exempted: '適用除外', unreached: '未到達' } as Record<ProfileStatus, string>,
  title: (sector: string) => `NIST CSF 2.0 コミュニティプロファイル: ${sector}`,
  line: (baseline: string, level: number, c: Record<ProfileStatus, number>, total: number) =>
    `ベースライン ${baseline} · レベル ${level} · 到達 ${c.reached}、適用除外 ${c.exempted}、未到達 ${c.unreached}(全 ${total} サブカテゴリ)`,
  note: '到達: 対応済の管理策又は分野の対策(1階・2階部分)がそのサブカテゴリを参照している。適用除外: 対応する管理策がすべて適用除外。',
  table: ['サブカテゴリ', '状態', '管理策(分野での状態)', '対策'],
  csv: ['分野ID', 'ベースライン', 'CSF機能', 'カテゴリ', 'サブカテゴリ', '状態', '管理策(分野での状態)', '対策', 'サブカテゴリの内容(NIST、英語)'],
  none: '該当する分野がありません。',
}, {
  status: { reached: 'reached', exempted: 'exempted', unreached: 'unreached' } as Record<ProfileStatus, string>,
  title: (sector: string) => `NIST CSF 2.0 Community Profile: ${sector}`,
  line: (baseline: string, level: number, c: Record<ProfileStatus, number>, total: number) =>
    `Baseline ${baseline} · level ${level} · reached ${c.reached}, exempted ${c.exempted}, unreached ${c.unreached} (of ${total} subcategories)`,
  note: 'Reached: a covered control or a measure of the sector (first or second floor) references the subcategory. Exempted: every control that maps to it is exempted.',
  table: ['Subcategory', 'Status', 'Controls (status in the sector)', 'Measures'],
  csv: ['Sector id', 'Baseline', 'CSF function', 'Category', 'Subcategory', 'Status', 'Controls (status in the sector)', 'Measures', 'Subcategory text (NIST)'],
  none: 'No matching sector.',
});

export function profileStatusWord(status: ProfileStatus, locale: Locale): string {
  return UI[locale].status[status];
}

export function profilesJson(profiles: CsfProfile[]): string {
  return `${JSON.stringify({ version: 1, framework: CSF_FRAMEWORK_URL, profiles }, null, 2)}\n`;
}

export function profilesMarkdown(profiles: CsfProfile[], locale: Locale, sectors: readonly Sector[]): string {
  const ui = UI[locale];
  const out: string[] = [];
  if (profiles.length === 0) out.push(ui.none, '');
  for (const p of profiles) {
    out.push(`# ${escapeMarkdown(ui.title(pickText(sectorLabel(p.sector, sectors), locale)))}`, '');
    out.push(escapeMarkdown(ui.line(p.baseline, p.level, p.counts, p.subcategories.length)), '', escapeMarkdown(ui.note), '');
    let fn = '';
    for (const s of p.subcategories) {
      const f = s.id.slice(0, 2);
      if (f !== fn) {
        if (fn) out.push('');
        fn = f;
        out.push(`## ${f} ${pickText(FUNCTION_NAMES[f], locale)}`, '', `| ${ui.table.join(' | ')} |`, `|${ui.table.map(() => '---').join('|')}|`);
      }
      const url = csfElement(s.id)?.url;
      const id = url ? `[${s.id}](${url})` : s.id;
      const controls = s.controls.map((c) => `${c.control} (${statusWord(c.status, locale)})`).join(', ');
      out.push(`| ${id} | ${ui.status[s.status]} | ${escapeMarkdown(controls) || '-'} | ${escapeMarkdown(s.measures.join(', ')) || '-'} |`);
    }
    out.push('', '');
  }
  return out.join('\n').replace(/\n+$/, '\n');
}

export function profilesCsv(profiles: CsfProfile[], locale: Locale): string {
  const ui = UI[locale];
  const rows: Cell[][] = [];
  for (const p of profiles) {
    for (const s of p.subcategories) {
      const element = csfElement(s.id);
      rows.push([
        p.sector, p.baseline, s.id.slice(0, 2), element?.kind === 'subcategory' ? element.category : '', s.id, ui.status[s.status],
        s.controls.map((c) => `${c.control} (${statusWord(c.status, locale)})`).join(', '), s.measures.join(', '),
        element?.kind === 'subcategory' ? element.text : '',
      ]);
    }
  }
  return csvDocument(ui.csv, rows);
}
