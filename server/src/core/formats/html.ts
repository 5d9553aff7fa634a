// One self-contained HTML page for reviewers: coverage per sector and per CSF function as bars,
// the cross-sector matrix (sectors × baseline controls, grouped by CSF function, per level), the
// exemptions with rationale and review dates, and every finding linked to its file and line.
// No script, no external file, no network; a Content-Security-Policy forbids them anyway. Every
// string from a catalog, a standard, a file name or a message is escaped.
import type { Locale } from '../model.js';
import type { Report } from '../report.js';
import type { CellState, ReviewCatalog, ReviewExemption, ReviewModel, ReviewSector } from './reviewModel.js';
import { percentDone, pick } from './reviewModel.js';
import { escapeHtml as h } from './escape.js';
import { ui } from './ui.js';

export const HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const CSF_DOI = 'https://doi.org/10.6028/NIST.CSWP.29';

const SYMBOL: Record<CellState | 'notRequired', string> = { covered: '○', exempted: '△', uncovered: '×', unsound: '×', notRequired: '−' };

export function formatHtml(report: Report, review: ReviewModel, locale: Locale): string {
  const t = ui(locale);
  const body: string[] = [];
  body.push(header(review, locale));
  body.push(`<nav aria-label="${h(t.contents)}"><ol>${[
    ['sectors', t.sectorCoverage], ['functions', t.functionCoverage], ['matrix', t.matrix], ['exemptions', t.exemptions], ['findings', t.findings],
  ].map(([id, label]) => `<li><a href="#${id}">${h(label)}</a></li>`).join('')}</ol></nav>`);
  body.push(sectorSection(review, locale));
  body.push(functionSection(review, locale));
  body.push(matrixSection(review, locale));
  body.push(exemptionSection(review, locale));
  body.push(findingSection(report, review, locale));
  body.push(`<footer><p>${h(t.generated(review.today, review.tool.version))} · <a href="${url(CSF_DOI)}">${h(t.framework)}</a></p><p class="muted">${h(t.printNote)}</p></footer>`);
  return `<!DOCTYPE html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${h(HTML_CSP)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${h(`${review.tool.name} ${review.tool.version}`)}">
<title>${h(t.reportTitle)}</title>
<style>${STYLE}</style>
</head>
<body>
${body.join('\n')}
</body>
</html>
`;
}

function header(review: ReviewModel, locale: Locale): string {
  const t = ui(locale);
  const c = review.counts;
  const chips = ([['error', c.errors], ['warning', c.warnings], ['info', c.infos], ['files', c.files]] as const)
    .map(([kind, n]) => `<span class="chip ${kind}"><b>${n}</b> ${h(t.chip[kind](n))}</span>`).join('');
  const catalogs = review.catalogs.map((cat) => `<li>${h(pick(cat.title, locale) || cat.key)} <span class="muted">${h(cat.key)}</span></li>`).join('');
  return `<header>
<h1>${h(t.reportTitle)}</h1>
<p class="muted">${h(t.generated(review.today, review.tool.version))}</p>
<div class="chips">${chips}</div>
${catalogs ? `<p class="catalogs">${h(t.catalog)}:</p><ul class="catalogs">${catalogs}</ul>` : ''}
</header>`;
}

function sectorSection(review: ReviewModel, locale: Locale): string {
  const t = ui(locale);
  const out = [`<section id="sectors"><h2>${h(t.sectorCoverage)}</h2>`];
  for (const u of review.unresolved) out.push(`<p class="note">${h(t.unresolved(u.sector, u.baseline))}</p>`);
  if (review.sectors.length === 0) {
    out.push(`<p class="empty">${h(t.noStandards)}</p></section>`);
    return out.join('\n');
  }
  out.push(`<table class="coverage"><thead><tr><th>${h(t.sector)}</th><th>${h(t.standard)}</th><th>${h(t.baseline)}</th><th class="num">${h(t.level)}</th><th class="num">${h(t.required)}</th><th class="num">${h(t.covered)}</th><th class="num">${h(t.exempted)}</th><th class="num">${h(t.uncovered)}</th><th class="barcol">${h(t.percent)}</th></tr></thead><tbody>`);
  for (const s of review.sectors) {
    out.push(`<tr><th scope="row">${sectorName(s, locale)}</th><td>${s.titles.map((x) => h(x)).join('<br>') || '<span class="muted">—</span>'}${s.sectorSpecific ? `<div class="muted small">${h(t.secondFloor(s.sectorSpecific))}</div>` : ''}</td><td class="mono nowrap">${h(s.baseline)}</td><td class="num">${s.level}</td><td class="num">${s.required}</td><td class="num">${s.covered}</td><td class="num">${s.exempted}</td><td class="num${s.uncovered ? ' bad' : ''}">${s.uncovered}</td><td class="barcol">${bar(s.covered, s.exempted, s.uncovered, locale)}</td></tr>`);
  }
  out.push('</tbody></table></section>');
  return out.join('\n');
}

function functionSection(review: ReviewModel, locale: Locale): string {
  const t = ui(locale);
  const out = [`<section id="functions"><h2>${h(t.functionCoverage)}</h2>`];
  if (review.sectors.length === 0) {
    out.push(`<p class="empty">${h(t.noStandards)}</p></section>`);
    return out.join('\n');
  }
  out.push(`<table class="functions"><thead><tr><th>${h(t.func)}</th>${review.sectors.map((s) => `<th>${sectorName(s, locale)}</th>`).join('')}<th>${h(t.total)}</th></tr></thead><tbody>`);
  for (const fn of review.functions) {
    const cells: string[] = [];
    const total = { covered: 0, exempted: 0, uncovered: 0 };
    for (const s of review.sectors) {
      const catalog = review.catalogs.find((c) => c.key === s.baseline);
      const counts = { covered: 0, exempted: 0, uncovered: 0 };
      for (const control of catalog?.controls ?? []) {
        if (control.function !== fn.id) continue;
        const state = s.cells[control.id]?.state;
        if (state === 'covered') counts.covered++;
        else if (state === 'exempted') counts.exempted++;
        else if (state) counts.uncovered++;
      }
      total.covered += counts.covered;
      total.exempted += counts.exempted;
      total.uncovered += counts.uncovered;
      cells.push(`<td>${counts.covered + counts.exempted + counts.uncovered ? bar(counts.covered, counts.exempted, counts.uncovered, locale) : '<span class="muted">—</span>'}</td>`);
    }
    cells.push(`<td>${total.covered + total.exempted + total.uncovered ? bar(total.covered, total.exempted, total.uncovered, locale) : '<span class="muted">—</span>'}</td>`);
    out.push(`<tr><th scope="row"><a href="${url(fn.url)}">${h(fn.id)}</a> ${h(pick(fn.name, locale))}</th>${cells.join('')}</tr>`);
  }
  out.push('</tbody></table>');
  out.push(legend(locale));
  out.push('</section>');
  return out.join('\n');
}

function matrixSection(review: ReviewModel, locale: Locale): string {
  const t = ui(locale);
  const out = [`<section id="matrix"><h2>${h(t.matrix)}</h2>`, `<p class="muted">${h(t.matrixNote)}</p>`, legend(locale)];
  if (review.catalogs.length === 0) out.push(`<p class="empty">${h(t.noStandards)}</p>`);
  for (const catalog of review.catalogs) out.push(matrixTable(catalog, review.sectors.filter((s) => s.baseline === catalog.key), review, locale));
  out.push('</section>');
  return out.join('\n');
}

function matrixTable(catalog: ReviewCatalog, sectors: ReviewSector[], review: ReviewModel, locale: Locale): string {
  const t = ui(locale);
  const out: string[] = [];
  if (review.catalogs.length > 1) out.push(`<h3>${h(pick(catalog.title, locale) || catalog.key)} <span class="muted mono">${h(catalog.key)}</span></h3>`);
  out.push(`<table class="matrix"><thead><tr><th class="ctl">${h(t.control)}</th><th class="lvl">${h(t.level)}</th>${sectors.map((s) => `<th class="sec">${sectorName(s, locale)}<div class="small muted">${h(t.levelN(s.level))}</div></th>`).join('')}</tr></thead>`);
  const columns = sectors.length + 2;
  for (const fn of review.functions) {
    const controls = catalog.controls.filter((c) => c.function === fn.id);
    if (controls.length === 0) continue;
    out.push(`<tbody><tr class="fn"><th colspan="${columns}"><a href="${url(fn.url)}">${h(fn.id)}</a> ${h(pick(fn.name, locale))} <span class="muted small">(${controls.length})</span></th></tr>`);
    for (const control of controls) {
      const cells = sectors.map((s) => {
        const cell = s.cells[control.id];
        if (!cell) return `<td class="cell notRequired" title="${h(t.state.notRequired)}">${SYMBOL.notRequired}</td>`;
        const tip = [t.state[cell.state], cell.weak ? t.weak : '', pick(cell.note, locale), cell.measures.map((m) => `${m.id} ${m.title}`).join(' / ')].filter(Boolean).join(' — ');
        return `<td class="cell ${cell.state}${cell.weak ? ' weak' : ''}${cell.partial ? ' partial' : ''}${cell.planned ? ' planned' : ''}" title="${h(tip)}">${SYMBOL[cell.state]}${cell.state === 'unsound' ? '<sup>!</sup>' : ''}</td>`;
      }).join('');
      const statement = pick(control.statement, locale);
      out.push(`<tr><th scope="row" class="ctl"${statement ? ` title="${h(statement)}"` : ''}><span class="mono">${h(control.id)}</span> ${h(pick(control.title, locale))}${control.exemptable ? '' : ` <span class="tag">${h(t.notExemptable)}</span>`}</th><td class="lvl">${control.level}</td>${cells}</tr>`);
    }
    out.push('</tbody>');
  }
  out.push('</table>');
  return out.join('\n');
}

function legend(locale: Locale): string {
  const t = ui(locale);
  const items: (CellState | 'notRequired')[] = ['covered', 'exempted', 'uncovered', 'unsound', 'notRequired'];
  return `<p class="legend"><span class="muted">${h(t.legend)}:</span> ${items.map((s) => `<span class="key"><span class="cell ${s}">${SYMBOL[s]}${s === 'unsound' ? '<sup>!</sup>' : ''}</span> ${h(t.state[s])}</span>`).join(' ')} <span class="key"><span class="cell covered weak">${SYMBOL.covered}</span> ${h(t.weak)}</span> <span class="key"><span class="cell uncovered partial">${SYMBOL.uncovered}</span> ${h(t.partialScope)}</span> <span class="key"><span class="cell uncovered planned">${SYMBOL.uncovered}</span> ${h(t.plannedOnly)}</span></p>`;
}

function exemptionSection(review: ReviewModel, locale: Locale): string {
  const t = ui(locale);
  const out = [`<section id="exemptions"><h2>${h(t.exemptions)}</h2>`];
  if (review.exemptions.length === 0) {
    out.push(`<p class="empty">${h(t.noExemptions)}</p></section>`);
    return out.join('\n');
  }
  out.push(`<table class="exemptions"><colgroup><col class="c-sector"><col class="c-control"><col class="c-rationale"><col class="c-comp"><col class="c-review"><col class="c-status"><col class="c-loc"></colgroup><thead><tr><th>${h(t.sector)}</th><th>${h(t.control)}</th><th>${h(t.rationale)}</th><th>${h(t.compensating)}</th><th>${h(t.review)}</th><th>${h(t.status)}</th><th>${h(t.location)}</th></tr></thead><tbody>`);
  for (const e of review.exemptions) {
    out.push(`<tr class="${e.sound ? 'sound' : 'unsound'}"><td class="nowrap">${h(sectorOf(review, e, locale))}</td><td><span class="mono">${h(e.control)}</span> ${h(pick(e.controlTitle, locale))}</td><td class="rationale">${e.rationale ? h(e.rationale) : '<span class="muted">—</span>'}</td><td class="mono">${e.compensating.map((c) => `<span class="nowrap">${h(c)}</span>`).join(', ') || '<span class="muted">—</span>'}</td><td>${reviewDate(e, locale)}</td><td>${exemptionStatus(e, locale)}</td><td class="loc">${fileLink(review, e.path, e.line, e.column)}</td></tr>`);
  }
  out.push('</tbody></table></section>');
  return out.join('\n');
}

function reviewDate(e: ReviewExemption, locale: Locale): string {
  const t = ui(locale);
  if (!e.review) return `<span class="muted">${h(t.reviewStatus.none)}</span>`;
  const days = e.daysToReview === undefined ? '' : ` <span class="small">(${h(t.days(e.daysToReview))})</span>`;
  return `<span class="review ${e.reviewStatus}">${h(e.review)}</span><div class="small ${e.reviewStatus}">${h(t.reviewStatus[e.reviewStatus])}${days}</div>`;
}

function exemptionStatus(e: ReviewExemption, locale: Locale): string {
  const t = ui(locale);
  const parts = [e.sound ? `<span class="badge ok">${h(t.sound)}</span>` : `<span class="badge bad">${h(t.unsound)}</span>`];
  if (e.sound && e.state === 'covered') parts.push(`<div class="small muted">${h(t.redundant)}</div>`);
  for (const p of e.problems) parts.push(`<div class="small">${h(p.message)}</div>`);
  return parts.join('');
}

function findingSection(report: Report, review: ReviewModel, locale: Locale): string {
  const t = ui(locale);
  const out = [`<section id="findings"><h2>${h(t.findings)}</h2>`];
  const files = report.files.filter((f) => f.diagnostics.length > 0);
  if (files.length === 0) out.push(`<p class="empty">${h(t.noFindings)}</p>`);
  const help = new Map(review.rules.map((r) => [r.code as string, r]));
  for (const f of files) {
    out.push(`<h3 class="file">${fileLink(review, f.path)}</h3>`);
    out.push(`<table class="findings"><colgroup><col class="c-loc"><col class="c-sev"><col class="c-code"><col></colgroup><thead><tr><th>${h(t.location)}</th><th>${h(t.severityHeader)}</th><th>${h(t.code)}</th><th>${h(t.message)}</th></tr></thead><tbody>`);
    for (const d of f.diagnostics) {
      const line = d.range.start.line + 1;
      const column = d.range.start.character + 1;
      const rule = help.get(d.code);
      const code = rule ? `<a class="mono" href="${url(rule.helpUri)}" title="${h(pick(rule.title, locale))}">${h(d.code)}</a>` : `<span class="mono">${h(d.code)}</span>`;
      out.push(`<tr class="${h(d.severity)}"><td class="loc">${fileLink(review, f.path, line, column, `${line}:${column}`)}</td><td><span class="sev ${h(d.severity)}">${h(t.severity[d.severity] ?? d.severity)}</span></td><td>${code}</td><td>${h(d.message)}</td></tr>`);
    }
    out.push('</tbody></table>');
  }
  out.push('</section>');
  return out.join('\n');
}

/** A stacked bar with its figures; widths are the only inline styles. */
function bar(covered: number, exempted: number, uncovered: number, locale: Locale): string {
  const t = ui(locale);
  const required = covered + exempted + uncovered;
  const pct = (n: number): string => (required === 0 ? '0' : ((n / required) * 100).toFixed(2));
  const done = percentDone({ required, covered, exempted });
  const label = `${t.covered} ${covered} / ${t.exempted} ${exempted} / ${t.uncovered} ${uncovered}`;
  return `<div class="bar" role="img" aria-label="${h(label)}" title="${h(label)}"><span class="seg covered" style="width:${pct(covered)}%"></span><span class="seg exempted" style="width:${pct(exempted)}%"></span><span class="seg uncovered" style="width:${pct(uncovered)}%"></span></div><div class="barfig"><b>${done}%</b> <span class="muted">${covered + exempted}/${required}</span></div>`;
}

function sectorName(s: ReviewSector, locale: Locale): string {
  const name = pick(s.name, locale);
  return name && name !== s.sector ? `${h(name)}<div class="small muted mono">${h(s.sector)}</div>` : `<span class="mono">${h(s.sector)}</span>`;
}

function sectorOf(review: ReviewModel, e: ReviewExemption, locale: Locale): string {
  const s = review.sectors.find((x) => x.sector === e.sector && x.baseline === e.baseline);
  return s ? pick(s.name, locale) || e.sector : e.sector;
}

function fileLink(review: ReviewModel, path: string, line?: number, column?: number, text?: string): string {
  const label = h(text ?? (line === undefined ? path : `${path}:${line}:${column ?? 1}`));
  const target = review.links[path];
  if (target === undefined) return `<span class="mono">${label}</span>`;
  const anchor = line !== undefined && review.lineAnchors ? `#L${line}` : '';
  return `<a class="mono" href="${url(target + anchor)}">${label}</a>`;
}

/** An href (already a URI): web, file and relative only; anything else (javascript:, data:) becomes inert. */
function url(target: string): string {
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(target)?.[1]?.toLowerCase();
  if (scheme && scheme !== 'http' && scheme !== 'https' && scheme !== 'file' && scheme !== 'vscode') return '#';
  return h(target);
}

const STYLE = `
:root { --covered: #2e7d32; --exempted: #1f6fb2; --uncovered: #c62828; --none: #e6e6e6; --ink: #1d1d1f; --muted: #666; --line: #d9d9d9; --warn: #a15c00; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; padding: 24px 32px 48px; max-width: 1360px; color: var(--ink); background: #fff; font: 14px/1.55 "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Noto Sans CJK JP", "Noto Sans JP", "Yu Gothic UI", "Yu Gothic", Meiryo, system-ui, sans-serif; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--ink); }
h3 { font-size: 15px; margin: 20px 0 6px; }
a { color: #0b57a4; text-decoration: none; }
a:hover { text-decoration: underline; }
.muted { color: var(--muted); }
.small { font-size: 12px; }
.mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Noto Sans Mono CJK JP", monospace; font-size: 0.92em; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.nowrap { white-space: nowrap; }
.bad { color: var(--uncovered); font-weight: 700; }
.empty { padding: 12px 16px; background: #f6f6f6; border-radius: 6px; }
.note { padding: 8px 12px; border-left: 4px solid var(--warn); background: #fff8ec; }
header { border-bottom: 1px solid var(--line); padding-bottom: 12px; }
.chips { display: flex; gap: 8px; flex-wrap: wrap; margin: 8px 0; }
.chip { border-radius: 999px; padding: 2px 12px; background: #f0f0f0; }
.chip.error { background: #fdecea; color: #8e1b1b; }
.chip.warning { background: #fff4e0; color: #7a4500; }
.chip.info { background: #e8f1fb; color: #174a7c; }
p.catalogs { margin: 8px 0 0; font-weight: 600; }
ul.catalogs { margin: 2px 0 0; padding-left: 20px; }
nav ol { display: flex; flex-wrap: wrap; gap: 4px 20px; list-style: none; padding: 0; margin: 12px 0 0; }
nav li::before { content: "▸ "; color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
th, td { border-bottom: 1px solid var(--line); padding: 6px 8px; vertical-align: top; text-align: left; }
thead th { background: #f5f5f7; font-weight: 600; border-bottom: 2px solid #bbb; }
tbody th { font-weight: 600; }
td.barcol, th.barcol { width: 26%; }
.bar { display: flex; height: 12px; min-width: 80px; border-radius: 3px; overflow: hidden; background: var(--none); margin-top: 3px; }
.seg { display: block; height: 100%; }
.seg.covered { background: var(--covered); }
.seg.exempted { background: var(--exempted); }
.seg.uncovered { background: var(--uncovered); }
.barfig { font-size: 12px; white-space: nowrap; }
table.functions td { min-width: 110px; }
table.matrix { width: auto; min-width: 60%; font-size: 13px; }
table.matrix th.ctl { font-weight: 400; min-width: 320px; max-width: 520px; }
table.matrix td.lvl, table.matrix th.lvl { text-align: center; width: 56px; white-space: nowrap; }
table.matrix th.sec { text-align: center; min-width: 78px; }
table.matrix tr.fn th { background: #eef1f5; font-weight: 700; padding-top: 8px; }
table.matrix td, table.matrix th { padding: 3px 8px; }
.cell { text-align: center; font-weight: 700; width: 78px; }
span.cell { display: inline-block; width: 26px; border-radius: 3px; }
.cell.covered { color: #fff; background: var(--covered); }
.cell.covered.weak { color: var(--covered); background: #e3f1e4; outline: 2px dashed var(--covered); outline-offset: -2px; }
.cell.exempted { color: #fff; background: var(--exempted); }
.cell.uncovered { color: #fff; background: var(--uncovered); }
.cell.unsound { color: var(--uncovered); background: #fde3e3; outline: 2px solid var(--uncovered); outline-offset: -2px; }
.cell.notRequired { color: #999; background: #f4f4f4; font-weight: 400; }
.cell.partial { background: linear-gradient(135deg, var(--covered) 50%, var(--uncovered) 50%); }
.cell.planned { color: var(--uncovered); background: repeating-linear-gradient(45deg, #fde3e3, #fde3e3 4px, #fff 4px, #fff 8px); }
td.cell { border-left: 2px solid #fff; border-right: 2px solid #fff; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 16px; align-items: center; font-size: 13px; }
.key { white-space: nowrap; }
.tag { font-size: 11px; padding: 0 4px; border: 1px solid #bbb; border-radius: 3px; color: var(--muted); white-space: nowrap; }
td.rationale { max-width: 520px; white-space: pre-wrap; }
.badge { display: inline-block; padding: 0 8px; border-radius: 3px; font-size: 12px; font-weight: 700; }
.badge.ok { background: #e3f1e4; color: var(--covered); }
.badge.bad { background: #fdecea; color: var(--uncovered); }
.review.expired, .expired { color: var(--uncovered); font-weight: 700; }
.review.due, .due { color: var(--warn); font-weight: 700; }
tr.unsound td { background: #fff7f7; }
h3.file { font-weight: 600; }
table.exemptions, table.findings { table-layout: fixed; }
table.exemptions col.c-sector { width: 7em; }
table.exemptions col.c-control { width: 17%; }
table.exemptions col.c-comp { width: 8em; }
table.exemptions col.c-review { width: 9.5em; }
table.exemptions col.c-status { width: 17%; }
table.exemptions col.c-loc { width: 16%; }
table.exemptions td.loc { word-break: break-all; }
table.findings col.c-loc { width: 6em; }
table.findings col.c-sev { width: 5.5em; }
table.findings col.c-code { width: 15em; }
table.findings td.loc { white-space: nowrap; }
.nowrap { white-space: nowrap; }
.sev { display: inline-block; white-space: nowrap; min-width: 44px; text-align: center; padding: 0 6px; border-radius: 3px; font-size: 12px; }
.sev.error { background: var(--uncovered); color: #fff; }
.sev.warning { background: #f3a712; color: #1d1d1f; }
.sev.info { background: #d7e6f6; color: #174a7c; }
footer { margin-top: 40px; padding-top: 8px; border-top: 1px solid var(--line); font-size: 12px; }
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  body { padding: 0; max-width: none; font-size: 11px; }
  nav { display: none; }
  a { color: inherit; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  #functions, tr.fn { break-inside: avoid; page-break-inside: avoid; }
  table.matrix td, table.matrix th { padding: 1px 6px; }
  tr, .bar { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  section { break-before: auto; }
  #matrix, #findings { break-before: page; page-break-before: always; }
}
`;
