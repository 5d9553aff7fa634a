// A short Markdown summary for a pull-request comment: coverage per sector, the sectors' own
// measures, the uncovered controls by CSF function, and the exemptions that need a look (unsound, due or expired).
import type { Locale } from '../model.js';
import type { Report } from '../report.js';
import type { ReviewExemption, ReviewModel } from './reviewModel.js';
import { percentDone, pick } from './reviewModel.js';
import { escapeMarkdown as md } from './escape.js';
import { ui } from './ui.js';

/** First line of every summary, so a CI step can find and update its earlier comment. */
export const MARKDOWN_MARKER = '<!-- kijun-report -->';

/** Rows per table before the rest is summed up in one line (GitHub caps comments at 65,536 characters). */
const MAX_ROWS = 60;

/** Measures named per sector in the second-floor table; the count says how many there are. */
const MAX_MEASURES = 12;

export function formatMarkdown(report: Report, review: ReviewModel, locale: Locale): string {
  const t = ui(locale);
  const { errors, warnings, infos, files } = review.counts;
  const out: string[] = [MARKDOWN_MARKER, `## ${t.summaryTitle}`, ''];
  out.push(`${errors > 0 ? '❌' : warnings > 0 ? '⚠️' : '✅'} **${md(t.counts(errors, warnings, infos, files))}**`, '');

  if (review.sectors.length === 0) out.push(md(t.noStandards), '');
  else {
    out.push(`| ${t.sector} | ${t.baseline} | ${t.level} | ${t.required} | ${t.covered} | ${t.exempted} | ${t.uncovered} | ${t.percent} |`);
    out.push('|---|---|--:|--:|--:|--:|--:|--:|');
    for (const s of review.sectors) {
      out.push(`| ${md(sectorLabel(pick(s.name, locale), s.sector))} | ${md(s.baseline)} | ${s.level} | ${s.required} | ${s.covered} | ${s.exempted} | ${s.uncovered > 0 ? `**${s.uncovered}**` : '0'} | ${percentDone(s)}% |`);
    }
    out.push('');
  }
  for (const u of review.unresolved) out.push(`> ${md(t.unresolved(u.sector, u.baseline))}`, '');
  if (review.sectors.length > 0) out.push(...secondFloor(review, locale));

  if (review.sectors.length > 0) {
    out.push(`### ${t.uncoveredByFunction}`, '');
    const rows = uncoveredRows(review, locale);
    if (rows.length === 0) out.push(md(t.noUncovered), '');
    else {
      out.push(`| ${t.func} | ${t.control} | ${t.sectors} |`, '|---|---|---|');
      for (const r of rows.slice(0, MAX_ROWS)) out.push(`| ${r.func} | ${r.control} | ${r.sectors} |`);
      if (rows.length > MAX_ROWS) out.push(`| … | ${md(t.more(rows.length - MAX_ROWS))} | |`);
      out.push('');
    }
  }

  const attention = review.exemptions.filter((e) => !e.sound || e.reviewStatus === 'due' || e.reviewStatus === 'expired');
  if (review.exemptions.length > 0) {
    out.push(`### ${t.exemptionsToReview}`, '');
    if (attention.length === 0) out.push(md(t.noExemptionIssues), '');
    else {
      out.push(`| ${t.sector} | ${t.control} | ${t.status} | ${t.review} | ${t.location} |`, '|---|---|---|---|---|');
      for (const e of attention.slice(0, MAX_ROWS)) {
        const sector = review.sectors.find((s) => s.sector === e.sector);
        out.push(`| ${md(sector ? pick(sector.name, locale) : e.sector)} | ${md(controlLabel(e, locale))} | ${exemptionStatus(e, locale)} | ${e.review ? md(`${e.review} (${t.reviewStatus[e.reviewStatus]})`) : '—'} | ${location(review, e.path, e.line)} |`);
      }
      if (attention.length > MAX_ROWS) out.push(`| … | ${md(t.more(attention.length - MAX_ROWS))} | | | |`);
      out.push('');
    }
  }
  out.push(`<sub>${md(t.generated(review.today, review.tool.version))}</sub>`);
  return `${out.join('\n')}\n`;
}

/** The sectors' own measures (covering no baseline control), which the coverage table does not count. */
function secondFloor(review: ReviewModel, locale: Locale): string[] {
  const t = ui(locale);
  const out = [`### ${t.secondFloorTitle}`, ''];
  const sectors = review.sectors.filter((s) => s.sectorSpecificMeasures.length > 0);
  if (sectors.length === 0) return [...out, md(t.noSecondFloor), ''];
  out.push(`| ${t.sector} | ${t.count} | ${t.measures} |`, '|---|--:|---|');
  for (const s of sectors.slice(0, MAX_ROWS)) {
    const shown = s.sectorSpecificMeasures.slice(0, MAX_MEASURES).map((m) => `**${md(m.id)}** ${md(m.title)}`.trim());
    const rest = s.sectorSpecificMeasures.length - shown.length;
    if (rest > 0) shown.push(md(t.more(rest)));
    out.push(`| ${md(sectorLabel(pick(s.name, locale), s.sector))} | ${s.sectorSpecificMeasures.length} | ${shown.join(', ')} |`);
  }
  if (sectors.length > MAX_ROWS) out.push(`| … | | ${md(t.more(sectors.length - MAX_ROWS))} |`);
  return [...out, ''];
}

function uncoveredRows(review: ReviewModel, locale: Locale): { func: string; control: string; sectors: string }[] {
  const t = ui(locale);
  const rows: { order: number; func: string; control: string; sectors: string }[] = [];
  for (const catalog of review.catalogs) {
    const sectors = review.sectors.filter((s) => s.baseline === catalog.key);
    for (const control of catalog.controls) {
      const missing = sectors.filter((s) => {
        const state = s.cells[control.id]?.state;
        return state === 'uncovered' || state === 'unsound';
      });
      if (missing.length === 0) continue;
      const fn = review.functions.find((f) => f.id === control.function);
      const order = fn ? review.functions.indexOf(fn) : review.functions.length;
      const names = missing.map((s) => `${md(pick(s.name, locale))}${s.cells[control.id]?.state === 'unsound' ? ` (${md(t.unsound)})` : ''}${s.cells[control.id]?.note ? ` (${md(pick(s.cells[control.id]?.note, locale))})` : ''}`);
      const prefix = review.catalogs.length > 1 ? `${md(catalog.key)}: ` : '';
      rows.push({
        order,
        func: md(fn ? `${fn.id} ${pick(fn.name, locale)}` : control.function),
        control: `${prefix}**${md(control.id)}** ${md(pick(control.title, locale))}`,
        sectors: names.join(', '),
      });
    }
  }
  return rows.sort((a, b) => a.order - b.order);
}

function exemptionStatus(e: ReviewExemption, locale: Locale): string {
  const t = ui(locale);
  if (!e.sound) {
    const why = e.problems.map((p) => p.message).join(' ');
    return `**${md(t.unsound)}**${why ? `: ${md(why)}` : ''}`;
  }
  return md(t.sound);
}

function controlLabel(e: ReviewExemption, locale: Locale): string {
  const title = pick(e.controlTitle, locale);
  return title ? `${e.control} ${title}` : e.control;
}

function sectorLabel(name: string, id: string): string {
  return name === id ? id : `${name} (${id})`;
}

function location(review: ReviewModel, path: string, line: number): string {
  const href = review.links[path];
  const text = md(`${path}:${line}`);
  // Only web links that understand line anchors are useful in a comment.
  return href && review.lineAnchors ? `[${text}](${linkTarget(`${href}#L${line}`)})` : text;
}

/** A URI that cannot end a Markdown link destination early. */
function linkTarget(uri: string): string {
  return uri.replace(/[\s()<>"'\\`]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
