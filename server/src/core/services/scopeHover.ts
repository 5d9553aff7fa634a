// Hover text for applicability, dates and strength details (PRODUCT.md §5.2, §5.3): where a control
// is met and where not, a date in both calendars, and the words that decided a measure's strength.
import type { Locale, Measure } from '../model.js';
import type { LoadedCatalog } from '../analyze.js';
import { readDate, japaneseDate } from '../dates.js';
import { formatScope, scopeValues } from '../scope.js';
import type { CellStatus } from '../scopeCoverage.js';
import { catalogOf, type ServiceContext } from './context.js';
import { pickText } from '../messages.js';
import { localeTexts } from '../texts.js';

const TEXT = localeTexts('scopeHover', {
  effective: '施行日', inEffect: (d: string) => `検査日 ${d} には施行済み`, notYet: (d: string) => `検査日 ${d} には未施行`,
  notADate: '日付として読めません', scope: '適用範囲', exception: '例外', byHeading: (h: string) => `見出し「${h}」による`,
  permission: (p: string) => `「${p}」の may は許可を表し、強さを決めません`,
  perScope: '適用範囲ごとの対応', planned: (d: string) => `${d} から施行`,
  status: { covered: '対応済', exempted: '適用除外', planned: '施行前', uncovered: '未対応' } as Record<CellStatus, string>,
  partialCount: (n: number) => `一部の適用範囲のみ ${n} 件`, plannedCount: (n: number) => `施行前 ${n} 件`, separator: '、',
}, {
  effective: 'Effective', inEffect: (d: string) => `in effect on the check date ${d}`, notYet: (d: string) => `not yet in effect on the check date ${d}`,
  notADate: 'not a date', scope: 'Scope', exception: 'Exception', byHeading: (h: string) => `from the heading "${h}"`,
  permission: (p: string) => `"may" in "${p}" grants a permission; it does not decide the strength`,
  perScope: 'Coverage per scope', planned: (d: string) => `in effect from ${d}`,
  status: { covered: 'covered', exempted: 'exempted', planned: 'planned', uncovered: 'uncovered' } as Record<CellStatus, string>,
  partialCount: (n) => `${n} met in part of the scope only`, plannedCount: (n) => `${n} planned`, separator: ', ',
});

export function measureUi(locale: Locale) {
  return TEXT[locale];
}

/** A date as written, in both calendars, and whether it is in effect on the check date. */
export function describeDate(ctx: ServiceContext, written: string): string {
  const t = TEXT[ctx.locale];
  const read = readDate(written);
  if (!read.ok) return `**${written}** — ${t.notADate}`;
  const state = read.date <= ctx.today ? t.inEffect(ctx.today) : t.notYet(ctx.today);
  return `**${t.effective}**: ${read.date} / ${japaneseDate(read.date)}\n\n${state}`;
}

/** Exception, permission, scope and date of a measure, for its hover. */
export function measureFactLines(ctx: ServiceContext, m: Measure): string[] {
  const t = TEXT[ctx.locale];
  const out: string[] = [];
  if (m.strength.exception) out.push(`${t.exception}: 「${m.strength.exception}」`);
  if (m.strength.permission) out.push(t.permission(m.strength.permission));
  const scope = scopeValues(m.scope);
  if (scope && Object.keys(scope).length > 0) out.push(`${t.scope}: ${formatScope(scope)}`);
  if (m.effective?.date) {
    out.push(`${t.effective}: ${m.effective.date} / ${japaneseDate(m.effective.date)} (${m.effective.date <= ctx.today ? t.inEffect(ctx.today) : t.notYet(ctx.today)})`);
  }
  return out;
}

/** For each sector where the control is split by scope or planned: where it is met and where not. */
export function scopeLines(ctx: ServiceContext, catalog: LoadedCatalog, id: string): string[] {
  const t = TEXT[ctx.locale];
  const out: string[] = [];
  for (const group of ctx.analysis.groups) {
    if (group.catalog !== catalog) continue;
    const c = group.controls.find((x) => x.control.id === id);
    if (!c) continue;
    if (c.cells) {
      const parts = c.cells.map((cell) => {
        const where = Object.entries(cell.cell).map(([d, v]) => `${d}=${v}`).join(', ');
        return `${where}: ${t.status[cell.status]}${cell.measures.length ? ` (${cell.measures.join(', ')})` : ''}`;
      });
      out.push(`- ${group.sector}: ${parts.join('; ')}`);
    } else if (c.planned && c.plannedFrom) {
      out.push(`- ${group.sector}: ${t.status.planned} — ${t.planned(`${c.plannedFrom} / ${japaneseDate(c.plannedFrom)}`)}`);
    }
  }
  return out.length ? ['', `${t.perScope}:`, ...out] : [];
}

/**
 * One line for the coverage view and reports: where a control split by scope is met and where not
 * (`network=open: covered · network=closed: exempted`), or from when a planned control is met.
 */
export function scopeNote(c: { cells?: { cell: Record<string, string>; status: CellStatus }[]; planned?: boolean; plannedFrom?: string }, locale: Locale): string | undefined {
  const t = TEXT[locale];
  if (c.cells) return c.cells.map((x) => `${Object.entries(x.cell).map(([d, v]) => `${d}=${v}`).join(', ')}: ${t.status[x.status]}`).join(' · ');
  if (c.planned && c.plannedFrom) return `${t.status.planned}: ${t.planned(`${c.plannedFrom} / ${japaneseDate(c.plannedFrom)}`)}`;
  return undefined;
}

/** What the standard's coverage lens adds: controls met in part of the scope only, and planned ones. */
export function scopeLensSuffix(controls: { uncoveredScope?: unknown; planned?: boolean }[], locale: Locale): string {
  const partial = controls.filter((c) => c.uncoveredScope && !c.planned).length;
  const planned = controls.filter((c) => c.planned).length;
  const t = TEXT[locale];
  const text = [partial ? t.partialCount(partial) : '', planned ? t.plannedCount(planned) : ''].filter(Boolean).join(t.separator);
  return text ? `${t.separator}${text}` : '';
}

/** A dimension named in a scope: its title and values from the file's catalog. */
export function describeDimension(ctx: ServiceContext, path: string, id: string): string | undefined {
  const d = catalogOf(ctx.analysis, path)?.model.dimensions?.find((x) => x.id === id);
  if (!d) return undefined;
  const title = pickText(d.title, ctx.locale);
  return `**${d.id}**${title ? ` ${title}` : ''}\n\n${d.values.map((v) => `\`${v.id}\``).join(', ')}`;
}
