// The correspondence table (対照表) that ministries and sector bodies exchange (PRODUCT.md §5.4):
// one row per sector and baseline control, then every measure and a summary. Plain tables of
// text and numbers in the report's language; csv.ts and xlsx.ts only lay them out.
import type { Locale } from '../model.js';
import type { LoadedWorkspace } from '../workspace.js';
import type { Report } from '../report.js';
import type { Range } from '../text.js';
import type { SectorGroup } from '../analyze.js';
import { sectorControls, sectorMeasures, type ControlStatus } from '../controlStatus.js';
import { sectorById, sectorLabel } from '../sectors.js';
import { pickText } from '../messages.js';
import { percentDone } from './reviewModel.js';
import { localeTexts } from '../texts.js';

/** How a cell is shown: plain text, a number, or a status word with its colour. */
export type Tone = 'good' | 'warn' | 'bad' | 'muted';
export type Cell = string | number | { text: string; tone: Tone } | { percent: number };

export type ColumnKind = 'text' | 'wrap' | 'number';

export interface Table {
  /** Sheet name (at most 31 characters, none of []:*?/\). */
  name: string;
  header: string[];
  kinds: ColumnKind[];
  rows: Cell[][];
  /** Lines after the table, separated from it by an empty row (the summary's totals). */
  notes?: string[];
  /** Offer filter buttons on the header row. */
  autoFilter?: boolean;
}

export interface CorrespondenceTables {
  locale: Locale;
  table: Table;
  measures: Table;
  summary: Table;
}

export interface CorrespondenceOptions {
  locale: Locale;
  /** Absolute path → the path shown (as the Report was built with). */
  displayPath: (path: string) => string;
}

const STATUS_WORDS = localeTexts('controlStatus',
  { covered: '対応済', exempted: '適用除外', uncovered: '未対応', 'not-required': '対象外', weak: '推奨のみ', planned: '施行前' } as Record<ControlStatus, string>,
  { covered: 'covered', exempted: 'exempted', uncovered: 'uncovered', 'not-required': 'not-required', weak: 'weak', planned: 'planned' });

const STATUS_TONES: Record<ControlStatus, Tone> = { covered: 'good', weak: 'warn', planned: 'warn', exempted: 'muted', uncovered: 'bad', 'not-required': 'muted' };

const UI = localeTexts('correspondence', {
  sheets: { table: '対照表', measures: '対策一覧', summary: '集計' },
  table: ['分野ID', '分野名', 'ベースライン', '管理策ID', '管理策名', 'CSF機能', 'レベル', 'CSF参照', '状態', '対策', '場所', '適用除外の理由', '代替策'],
  measures: ['分野', '対策', '表題', '場所', '対応する管理策', 'CSF参照', '階層'],
  summary: ['分野', 'ベースライン', 'レベル', '必須', '対応済', '適用除外', '未対応', '対応率'],
  uncovered: (sector: string, ids: string) => `${sector}: 未対応 ${ids}`,
  counts: (e: number, w: number, f: number) => `エラー ${e} 件、警告 ${w} 件(${f} ファイル)`,
  floors: '階層 1 = ベースライン管理策に対応する対策(1階部分)、2 = 分野独自の対策(2階部分、ベースライン管理策には対応しない)',
  none: '対応状況を計算できる安全基準等がありません。',
}, {
  sheets: { table: 'Correspondence', measures: 'Measures', summary: 'Summary' },
  table: ['Sector id', 'Sector', 'Baseline', 'Control', 'Control title', 'CSF function', 'Level', 'CSF references', 'Status', 'Measures', 'Locations', 'Exemption rationale', 'Compensating measures'],
  measures: ['Sector', 'Measure', 'Title', 'Location', 'Controls covered', 'CSF references', 'Floor'],
  summary: ['Sector', 'Baseline', 'Level', 'Required', 'Covered', 'Exempted', 'Uncovered', 'Done'],
  uncovered: (sector: string, ids: string) => `${sector}: uncovered ${ids}`,
  counts: (e: number, w: number, f: number) => `${e} error${e === 1 ? '' : 's'}, ${w} warning${w === 1 ? '' : 's'} in ${f} file${f === 1 ? '' : 's'}`,
  floors: 'Floor 1 = measures that cover baseline controls (first floor); 2 = sector-specific measures (second floor, covering no baseline control)',
  none: 'No standard with a loaded baseline was found.',
});

export function statusWord(status: ControlStatus, locale: Locale): string {
  return STATUS_WORDS[locale][status];
}

export function statusTone(status: ControlStatus): Tone {
  return STATUS_TONES[status];
}

/** The sector groups the Report covers, in the Report's order. */
export function reportedGroups(loaded: LoadedWorkspace, report: Report): SectorGroup[] {
  const key = (sector: string, baseline: string): string => `${sector}\u0000${baseline}`;
  const groups = new Map(loaded.analysis.groups.filter((g) => g.catalog).map((g) => [key(g.sector, g.baseline), g]));
  return report.coverage.map((c) => groups.get(key(c.sector, c.baseline))).filter((g): g is SectorGroup => g !== undefined);
}

export function buildCorrespondence(loaded: LoadedWorkspace, report: Report, options: CorrespondenceOptions): CorrespondenceTables {
  const { locale, displayPath } = options;
  const ui = UI[locale];
  const files = loaded.analysis.files;
  const sectors = loaded.analysis.sectors;
  const place = (path: string, range: Range): string => `${displayPath(path)}:${range.start.line + 1}`;
  const groups = reportedGroups(loaded, report);

  const tableRows: Cell[][] = [];
  const measureRows: Cell[][] = [];
  for (const group of groups) {
    const name = pickText(sectors.find((s) => s.id === group.sector)?.name ?? sectorById(group.sector)?.name ?? { en: group.sector }, locale);
    for (const c of sectorControls(group, files)) {
      const exemptions = c.exemptions.map((e) => e.exemption);
      tableRows.push([
        group.sector, name, group.baseline, c.control.id, pickText(c.control.title, locale), c.control.function, c.control.level,
        c.control.csf.map((r) => r.id).join(', '),
        { text: statusWord(c.status, locale), tone: statusTone(c.status) },
        c.measures.map((m) => m.measure.id).join(', '),
        [...c.measures.map((m) => place(m.path, m.measure.range)), ...c.exemptions.map((e) => place(e.path, e.exemption.control?.range ?? e.exemption.range))].join(', '),
        exemptions.map((e) => e.rationale?.trim() ?? '').filter((r) => r !== '').join('\n'),
        [...new Set(exemptions.flatMap((e) => e.compensating.map((r) => r.id)))].join(', '),
      ]);
    }
    for (const m of sectorMeasures(group, files)) {
      measureRows.push([
        group.sector, m.measure.id, m.measure.title, place(m.path, m.measure.range),
        [...new Set(m.measure.covers.map((r) => r.id))].join(', '), [...new Set(m.measure.csf.map((r) => r.id))].join(', '), m.floor,
      ]);
    }
  }

  const summaryRows: Cell[][] = report.coverage.map((c) => [
    pickText(sectorLabel(c.sector, sectors), locale), c.baseline, c.level, c.required, c.covered, c.exempted, c.uncovered.length, { percent: percentDone(c) / 100 },
  ]);
  const notes: string[] = [];
  if (report.coverage.length === 0) notes.push(ui.none);
  for (const c of report.coverage) if (c.uncovered.length > 0) notes.push(ui.uncovered(pickText(sectorLabel(c.sector, sectors), locale), c.uncovered.join(', ')));
  notes.push(ui.counts(report.summary.errors, report.summary.warnings, report.summary.files));

  return {
    locale,
    table: {
      name: ui.sheets.table, header: ui.table, rows: tableRows, autoFilter: true,
      kinds: ['text', 'text', 'text', 'text', 'wrap', 'text', 'number', 'wrap', 'text', 'wrap', 'wrap', 'wrap', 'wrap'],
    },
    measures: {
      name: ui.sheets.measures, header: ui.measures, rows: measureRows, notes: [ui.floors], autoFilter: true,
      kinds: ['text', 'text', 'wrap', 'wrap', 'wrap', 'wrap', 'number'],
    },
    summary: {
      name: ui.sheets.summary, header: ui.summary, rows: summaryRows, notes,
      kinds: ['text', 'text', 'number', 'number', 'number', 'number', 'number', 'number'],
    },
  };
}

/** The text of a cell, as CSV and width estimates see it. */
export function cellText(cell: Cell): string {
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number') return String(cell);
  if ('text' in cell) return cell.text;
  return `${Math.round(cell.percent * 1000) / 10}%`;
}
