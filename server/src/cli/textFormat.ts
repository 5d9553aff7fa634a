// The human-readable report: one line per finding (file:line:col, as compilers print them, so
// editors and problem matchers can jump there), then a coverage table per sector.
import type { Report } from '../core/report.js';
import type { Locale } from '../core/model.js';
import { pickText } from '../core/messages.js';
import { sectorLabel, SECTORS, type Sector } from '../core/sectors.js';
import { printable, printableField } from '../core/printable.js';
import { displayWidth, padEndWidth, padStartWidth } from '../core/displayWidth.js';
import { localeTexts } from '../core/texts.js';

const UI = localeTexts('textFormat', {
  coverage: '対応状況(ベースライン管理策)',
  sector: '分野', baseline: 'ベースライン', level: 'レベル', required: '必須', covered: '対応済', exempted: '適用除外', uncovered: '未対応', percent: '対応率',
  summary: (e: number, w: number, i: number, f: number) => `エラー ${e} 件、警告 ${w} 件、情報 ${i} 件(${f} ファイル)`,
  noCoverage: '対応状況を計算できる安全基準等がありません。',
  more: (n: number) => `… ほか ${n} 件(すべては --format json で)`,
  severity: { error: 'エラー', warning: '警告', info: '情報' } as Record<string, string>,
}, {
  coverage: 'Coverage of the baseline',
  sector: 'Sector', baseline: 'Baseline', level: 'Level', required: 'Required', covered: 'Covered', exempted: 'Exempted', uncovered: 'Uncovered', percent: 'Done',
  summary: (e, w, i, f) => `${e} error${e === 1 ? '' : 's'}, ${w} warning${w === 1 ? '' : 's'}, ${i} info${i === 1 ? '' : 's'} in ${f} file${f === 1 ? '' : 's'}`,
  more: (n) => `… and ${n} more; --format json for all`,
  noCoverage: 'No standard with a loaded baseline was found.',
  severity: { error: 'error', warning: 'warning', info: 'info' },
});

export function formatText(report: Report, locale: Locale, sectors: readonly Sector[] = SECTORS): string {
  const ui = UI[locale];
  const out: string[] = [];
  for (const file of report.files) {
    for (const d of file.diagnostics) {
      const { line, character } = d.range.start;
      // One finding, one line: nothing in a path or message can start another (or rewrite this one).
      out.push(`${printableField(file.path)}:${line + 1}:${character + 1}: ${ui.severity[d.severity] ?? d.severity} ${d.code}: ${printable(foldLists(d.message, ui.more))}`);
    }
  }
  if (out.length > 0) out.push('');
  out.push(ui.coverage);
  if (report.coverage.length === 0) out.push(`  ${ui.noCoverage}`);
  else out.push(...coverageTable(report, locale, sectors));
  out.push('');
  const infos = report.files.reduce((n, f) => n + f.diagnostics.filter((d) => d.severity === 'info').length, 0);
  out.push(ui.summary(report.summary.errors, report.summary.warnings, infos, report.summary.files));
  return out.join('\n') + '\n';
}

function coverageTable(report: Report, locale: Locale, sectors: readonly Sector[]): string[] {
  const ui = UI[locale];
  const name = (id: string): string => printableField(pickText(sectorLabel(id, sectors), locale));
  const header = [ui.sector, ui.baseline, ui.level, ui.required, ui.covered, ui.exempted, ui.uncovered, ui.percent];
  const rows = report.coverage.map((c) => {
    const done = c.required === 0 ? 100 : Math.floor(((c.covered + c.exempted) / c.required) * 1000) / 10;
    return [name(c.sector), printableField(c.baseline), String(c.level), String(c.required), String(c.covered), String(c.exempted), String(c.uncovered.length), `${done}%`];
  });
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]))));
  const line = (cells: string[]): string => '  ' + cells.map((c, i) => (i >= 2 ? padStart(c, widths[i]) : padEnd(c, widths[i]))).join('  ');
  const lines = [line(header), '  ' + widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  for (const c of report.coverage) {
    if (c.uncovered.length > 0) lines.push(`  ${name(c.sector)}: ${ui.uncovered} ${printableField(foldLists(c.uncovered.join(', '), ui.more))}`);
  }
  return lines;
}

const FOLD_AFTER = 8;
// A run of more than FOLD_AFTER + 2 comma-separated ids (CSF subcategories, control ids).
const LONG_LIST = /(?<![\w.@-])[A-Za-z][\w.@-]*(?:, [A-Za-z][\w.@-]*){9,}/g;

/** A message as the text format prints it: long lists of ids folded. */
export function foldForText(text: string, locale: Locale): string {
  return foldLists(text, UI[locale].more);
}

/** Folds every long list of ids in a line of text output; JSON output keeps them all. */
export function foldLists(text: string, more: (n: number) => string): string {
  return text.replace(LONG_LIST, (list) => {
    const ids = list.split(', ');
    return `${ids.slice(0, FOLD_AFTER).join(', ')} ${more(ids.length - FOLD_AFTER)}`;
  });
}

/** Display width (see core/displayWidth.ts, the one width function of every text table). */
export const width = displayWidth;
const padEnd = padEndWidth;
const padStart = padStartWidth;
