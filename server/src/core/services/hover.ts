// Hover cards for control, CSF, measure and baseline ids.
import type { Hover, MarkupContent } from 'vscode-languageserver-types';
import type { Position } from '../text.js';
import { pickText } from '../messages.js';
import { csfElement, csfFunctionOf, csfUrl, type CsfElement } from '../csf.js';
import { tokenAt, findControl, groupOf, type ServiceContext, type Token } from './context.js';
import { UI } from './ui.js';
import { describeDate, describeDimension, measureFactLines, measureUi, scopeLines } from './scopeHover.js';

export function hover(ctx: ServiceContext, path: string, position: Position, text?: string): Hover | null {
  const token = tokenAt(ctx, path, position, text);
  if (!token) return null;
  const value = describe(ctx, path, token);
  if (!value) return null;
  const contents: MarkupContent = { kind: 'markdown', value };
  return { contents, range: token.range };
}

function describe(ctx: ServiceContext, path: string, token: Token): string | undefined {
  switch (token.kind) {
    case 'control':
      return describeControl(ctx, path, token.id);
    case 'csf':
      return describeCsf(ctx, token.id);
    case 'measure':
      return describeMeasure(ctx, path, token.id);
    case 'baseline':
      return describeBaseline(ctx, path);
    case 'sector':
      return describeSector(ctx, token.id);
    case 'date':
      return describeDate(ctx, token.id);
    case 'dimension':
      return describeDimension(ctx, path, token.id);
    default:
      return undefined;
  }
}

export function describeControl(ctx: ServiceContext, path: string, id: string): string | undefined {
  const found = findControl(ctx.analysis, path, id);
  if (!found) return undefined;
  const { control, catalog } = found;
  const ui = UI[ctx.locale];
  const lines = [
    `**${control.id}** ${pickText(control.title, ctx.locale)}`,
    '',
    pickText(control.statement, ctx.locale),
    '',
    `| | |\n|---|---|\n| ${ui.catalog} | ${catalog.key} |\n| ${ui.function} | ${control.function} |\n| ${ui.level} | ${control.level} |\n| ${ui.exemptable} | ${control.exemptable ? ui.yes : ui.no} |`,
  ];
  if (control.withdrawn) lines.push('', `⚠ ${ui.withdrawn}${control.replacedBy ? ` → **${control.replacedBy.id}**` : ''}`);
  if (control.csf.length > 0) lines.push('', `${ui.csf}: ${control.csf.map((c) => csfLink(c.id)).join(', ')}`);
  const sectors = ctx.analysis.groups
    .filter((g) => g.catalog === catalog)
    .map((g) => ({ g, state: g.controls.find((c) => c.control.id === id)?.state }))
    .filter((x) => x.state === 'covered' || x.state === 'exempted');
  const covered = sectors.map((x) => (x.state === 'exempted' ? `${x.g.sector} (${ui.exempt})` : x.g.sector));
  lines.push('', `${ui.coveredBy}: ${covered.length ? covered.join(', ') : ui.none}`);
  lines.push(...scopeLines(ctx, catalog, id));
  return lines.join('\n');
}

function csfLink(id: string): string {
  return `[${id}](${csfUrl(id)})`;
}

export function describeCsf(ctx: ServiceContext, id: string): string | undefined {
  const element = csfElement(id);
  if (!element) return undefined;
  const ui = UI[ctx.locale];
  const lines = [`**${csfLink(element.id)}** — NIST CSF 2.0`, '', statementOf(element)];
  if (element.kind === 'subcategory') {
    const category = csfElement(element.category);
    const fn = csfElement(csfFunctionOf(element.id));
    lines.push('', `${ui.category}: ${element.category} ${category && 'title' in category ? category.title : ''}`);
    if (fn && 'title' in fn) lines.push(`${ui.function}: ${fn.id} ${fn.title}`);
    if (element.examples.length > 0) {
      lines.push('', `${ui.examples}:`, ...element.examples.slice(0, 5).map((e) => `- ${e}`));
    }
    if (element.sp800_53.length > 0) lines.push('', `SP 800-53 Rev. 5: ${element.sp800_53.join(', ')}`);
  } else if (element.kind === 'category') {
    lines.push('', `${ui.function}: ${element.function}`);
  }
  return lines.join('\n');
}

function statementOf(element: CsfElement): string {
  if (element.kind === 'subcategory') return element.text;
  return `${element.title}: ${element.description}`;
}

function describeMeasure(ctx: ServiceContext, path: string, id: string): string | undefined {
  const site = groupOf(ctx.analysis, path)?.measures.get(id);
  if (!site) return undefined;
  const ui = UI[ctx.locale];
  const m = site.measure;
  const covers = m.covers.map((c) => c.id);
  const how = m.strength.source === 'declared' ? ui.declared : m.strength.source === 'wording' ? `${ui.wording}: 「${m.strength.phrase}」` : ui.byDefault;
  return [
    `**${m.id}** ${m.title}`,
    '',
    `${ui.covers}: ${covers.length ? covers.join(', ') : ui.sectorSpecific}`,
    `${ui.strength}: ${ui[m.strength.strength]} (${m.strength.source === 'heading' ? measureUi(ctx.locale).byHeading(m.strength.phrase ?? '') : how})`,
    ...measureFactLines(ctx, m),
    `${ui.definedIn}: ${site.path.split('/').pop()}:${m.range.start.line + 1}`,
  ].join('\n\n');
}

function describeSector(ctx: ServiceContext, id: string): string | undefined {
  const sector = ctx.analysis.sectors.find((s) => s.id === id);
  if (!sector) return undefined;
  return `**${pickText(sector.name, ctx.locale)}** (${sector.id})\n\n${pickText(sector.ministry, ctx.locale)}`;
}

function describeBaseline(ctx: ServiceContext, path: string): string | undefined {
  const group = groupOf(ctx.analysis, path);
  if (!group?.catalog) return undefined;
  const ui = UI[ctx.locale];
  const covered = group.controls.filter((c) => c.state === 'covered').length;
  const exempted = group.controls.filter((c) => c.state === 'exempted').length;
  return [`**${group.catalog.key}** ${pickText(group.catalog.model.title, ctx.locale)}`, '', ui.coverageLine(covered, group.controls.length, exempted)].join('\n');
}
