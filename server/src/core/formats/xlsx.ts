// A small Office Open XML (.xlsx) writer for Kijun's tables: the few parts a workbook needs
// (content types, relationships, workbook, one worksheet per table, styles, shared strings),
// zipped with fflate. Pure and synchronous, so it runs in the server and in a browser alike.
//
// Every text is a shared string, never a formula (`<f>` is never written): a title that starts
// with `=` stays text in Excel and LibreOffice. The output is byte-for-byte reproducible (fixed
// zip timestamps, no creation date), so re-running an export does not change the file.
import { zipSync, strToU8 } from 'fflate';
import type { Locale } from '../model.js';
import type { Cell, ColumnKind, Table, Tone } from './correspondence.js';
import { cellText } from './correspondence.js';
import { displayWidth } from '../displayWidth.js';

export interface XlsxOptions {
  locale: Locale;
}

/** Excel refuses longer cell texts. */
const MAX_CELL = 32767;
const ZIP_TIME = new Date(1980, 0, 1, 0, 0, 0);

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Style indexes into cellXfs of styles.xml (see stylesXml). */
const STYLE = { header: 1, text: 2, wrap: 3, number: 4, percent: 5, good: 6, warn: 7, bad: 8, muted: 9, note: 10, quotedText: 11, quotedWrap: 12 } as const;

/** Text Excel would turn into a formula if a reviewer edits the cell: kept text by `quotePrefix`. */
const FORMULA_LOOKING = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

export function xlsxWorkbook(tables: Table[], options: XlsxOptions): Uint8Array {
  const strings = new SharedStrings();
  const sheets = tables.map((table, i) => sheetXml(table, i === 0, strings, options.locale));
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(contentTypesXml(tables.length)),
    '_rels/.rels': strToU8(rootRelsXml()),
    'xl/workbook.xml': strToU8(workbookXml(tables)),
    'xl/_rels/workbook.xml.rels': strToU8(workbookRelsXml(tables.length)),
    'xl/styles.xml': strToU8(stylesXml(options.locale)),
  };
  sheets.forEach((xml, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(xml)));
  files['xl/sharedStrings.xml'] = strToU8(strings.xml());
  return zipSync(files, { level: 6, mtime: ZIP_TIME });
}

// ---- worksheets ------------------------------------------------------------------------------

function sheetXml(table: Table, selected: boolean, strings: SharedStrings, locale: Locale): string {
  const columns = table.header.length;
  const widths = columnWidths(table);
  const lineHeight = locale === 'ja' ? 18 : 15;
  const height = (cells: StyledCell[]): number => lineHeight * Math.max(1, ...cells.map((cell, c) => wrappedLines(cell, widths[c])));
  const lastRow = 1 + table.rows.length;
  const range = `A1:${columnName(columns - 1)}${lastRow}`;
  const rows: string[] = [];
  const header = table.header.map((h) => ({ value: h, style: STYLE.header }));
  rows.push(rowXml(1, header, strings, height(header)));
  table.rows.forEach((row, i) => {
    const cells = row.map((cell, c) => styled(cell, table.kinds[c] ?? 'text'));
    rows.push(rowXml(i + 2, cells, strings, height(cells)));
  });
  (table.notes ?? []).forEach((note, i) => rows.push(rowXml(lastRow + 2 + i, [{ value: note, style: STYLE.note }], strings)));
  const out = [
    XML_HEAD,
    `<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">`,
    '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>',
    `<dimension ref="${range}"/>`,
    `<sheetViews><sheetView workbookViewId="0"${selected ? ' tabSelected="1"' : ''}>`,
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>',
    '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>',
    '</sheetView></sheetViews>',
    '<sheetFormatPr defaultRowHeight="15"/>',
    `<cols>${widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>`,
    `<sheetData>${rows.join('')}</sheetData>`,
    table.rows.length > 0 && table.autoFilter ? `<autoFilter ref="${range}"/>` : '',
    '<pageMargins left="0.4" right="0.4" top="0.5" bottom="0.5" header="0.3" footer="0.3"/>',
    '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>',
    '</worksheet>',
  ];
  return out.join('');
}

interface StyledCell {
  value: string | number;
  style: number;
}

function styled(cell: Cell, kind: ColumnKind): StyledCell {
  if (typeof cell === 'number') return { value: cell, style: STYLE.number };
  if (typeof cell === 'string') {
    const quoted = FORMULA_LOOKING.test(cell);
    return { value: cell, style: kind === 'wrap' ? (quoted ? STYLE.quotedWrap : STYLE.wrap) : quoted ? STYLE.quotedText : STYLE.text };
  }
  if ('text' in cell) return { value: cell.text, style: TONE_STYLE[cell.tone] };
  return { value: cell.percent, style: STYLE.percent };
}

const TONE_STYLE: Record<Tone, number> = { good: STYLE.good, warn: STYLE.warn, bad: STYLE.bad, muted: STYLE.muted };

function rowXml(r: number, cells: StyledCell[], strings: SharedStrings, height?: number): string {
  const xml = cells.map((cell, c) => {
    const ref = `${columnName(c)}${r}`;
    if (typeof cell.value === 'number') return Number.isFinite(cell.value) ? `<c r="${ref}" s="${cell.style}"><v>${cell.value}</v></c>` : `<c r="${ref}" s="${cell.style}"/>`;
    if (cell.value === '') return `<c r="${ref}" s="${cell.style}"/>`;
    return `<c r="${ref}" s="${cell.style}" t="s"><v>${strings.index(cell.value)}</v></c>`;
  });
  // An explicit height: neither Excel nor LibreOffice grows rows for wrapped text when opening a file.
  const ht = height === undefined ? '' : ` ht="${height}" customHeight="1"`;
  return `<row r="${r}"${ht}>${xml.join('')}</row>`;
}

const WRAPPING: ReadonlySet<number> = new Set([STYLE.header, STYLE.wrap, STYLE.quotedWrap]);

/** Lines a wrapped cell takes in a column of the given width (characters), estimated from display widths. */
function wrappedLines(cell: StyledCell, width: number): number {
  if (typeof cell.value !== 'string' || cell.value === '') return 1;
  const lines = cell.value.split(/\r\n|\r|\n/);
  if (!WRAPPING.has(cell.style)) return lines.length;
  const room = Math.max(1, width - 1);
  return lines.reduce((n, line) => n + Math.max(1, Math.ceil(displayWidth(line) / room)), 0);
}

/** Column widths in characters: the widest line of the column, East Asian characters counting two. */
function columnWidths(table: Table): number[] {
  return table.header.map((header, c) => {
    const kind = table.kinds[c] ?? 'text';
    let widest = displayWidth(header) + 3; // room for the filter button
    for (const row of table.rows) {
      const cell = row[c];
      if (cell === undefined) continue;
      for (const line of cellText(cell).split(/\r\n|\r|\n/)) widest = Math.max(widest, displayWidth(line));
    }
    // Room for the widest line and a margin, so that a line that fits is never estimated to wrap.
    const cap = kind === 'wrap' ? 56 : 32;
    return Math.min(cap, Math.max(6, widest + 2));
  });
}

/** 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

// ---- shared strings and text escaping --------------------------------------------------------

class SharedStrings {
  private readonly ids = new Map<string, number>();
  private count = 0;

  index(text: string): number {
    this.count++;
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(text, id);
    }
    return id;
  }

  xml(): string {
    const items = [...this.ids.keys()].map((t) => `<si><t xml:space="preserve">${xmlText(t)}</t></si>`);
    return `${XML_HEAD}<sst xmlns="${NS_MAIN}" count="${this.count}" uniqueCount="${this.ids.size}">${items.join('')}</sst>`;
  }
}

/**
 * Text for an OOXML string: XML-escaped; characters XML 1.0 cannot hold (control characters,
 * lone surrogates) written as `_xHHHH_`, the form Excel reads back; and a literal `_xHHHH_` in the
 * text escaped (`_x005F_`) so that Excel does not decode it. Cut to Excel's cell limit.
 */
export function xmlText(text: string): string {
  let value = text.length > MAX_CELL ? `${text.slice(0, MAX_CELL - 1)}…` : text;
  value = value.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1');
  value = value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  // eslint-disable-next-line no-control-regex
  value = value.replace(/[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/g, (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(text: string): string {
  return xmlText(text).replace(/"/g, '&quot;');
}

// ---- package parts ---------------------------------------------------------------------------

function contentTypesXml(sheets: number): string {
  const sheetTypes = Array.from({ length: sheets }, (_, i) =>
    `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('');
  return `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`
    + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    + '<Default Extension="xml" ContentType="application/xml"/>'
    + '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    + sheetTypes
    + '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    + '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    + '</Types>';
}

function rootRelsXml(): string {
  return `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">`
    + '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    + '</Relationships>';
}

function workbookXml(tables: Table[]): string {
  const sheets = tables.map((t, i) => `<sheet name="${attr(sheetName(t.name))}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  const names: string[] = [];
  tables.forEach((t, i) => {
    const quoted = `'${sheetName(t.name).replace(/'/g, "''")}'`;
    const last = columnName(t.header.length - 1);
    if (t.autoFilter && t.rows.length > 0) {
      names.push(`<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${xmlText(`${quoted}!$A$1:$${last}$${t.rows.length + 1}`)}</definedName>`);
    }
    names.push(`<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${xmlText(`${quoted}!$1:$1`)}</definedName>`);
  });
  return `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">`
    + '<bookViews><workbookView activeTab="0"/></bookViews>'
    + `<sheets>${sheets}</sheets>`
    + `<definedNames>${names.join('')}</definedNames>`
    + '</workbook>';
}

/** Sheet names: at most 31 characters, none of []:*?/\, not starting or ending with `'`. */
export function sheetName(name: string): string {
  const clean = name.replace(/[[\]:*?/\\]/g, '_').replace(/^'+|'+$/g, '').slice(0, 31);
  return clean === '' ? 'Sheet' : clean;
}

function workbookRelsXml(sheets: number): string {
  const rels = Array.from({ length: sheets }, (_, i) =>
    `<Relationship Id="rId${i + 1}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`);
  rels.push(`<Relationship Id="rId${sheets + 1}" Type="${NS_REL}/styles" Target="styles.xml"/>`);
  rels.push(`<Relationship Id="rId${sheets + 2}" Type="${NS_REL}/sharedStrings" Target="sharedStrings.xml"/>`);
  return `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">${rels.join('')}</Relationships>`;
}

/** Fonts, fills and the cell formats STYLE names, in that order. */
function stylesXml(locale: Locale): string {
  const face = locale === 'ja' ? '<name val="游ゴシック"/><family val="2"/><charset val="128"/>' : '<name val="Calibri"/><family val="2"/>';
  const font = (extra = ''): string => `<font>${extra}<sz val="11"/>${face}</font>`;
  const fonts = [
    font(), font('<b/>'),
    font('<color rgb="FF006100"/>'), font('<color rgb="FF9C5700"/>'), font('<color rgb="FF9C0006"/>'), font('<color rgb="FF595959"/>'),
  ];
  const fill = (rgb: string): string => `<fill><patternFill patternType="solid"><fgColor rgb="${rgb}"/><bgColor indexed="64"/></patternFill></fill>`;
  const fills = [
    '<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>',
    fill('FFDDEBF7'), fill('FFC6EFCE'), fill('FFFFEB9C'), fill('FFFFC7CE'), fill('FFEDEDED'),
  ];
  const borders = [
    '<border><left/><right/><top/><bottom/><diagonal/></border>',
    '<border><left/><right/><top/><bottom style="thin"><color rgb="FF8EA9DB"/></bottom><diagonal/></border>',
  ];
  const top = '<alignment vertical="top"/>';
  const wrapTop = '<alignment vertical="top" wrapText="1"/>';
  const xf = (fontId: number, fillId: number, borderId: number, alignment: string, numFmtId = 0): string =>
    `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"`
    + `${fontId ? ' applyFont="1"' : ''}${fillId ? ' applyFill="1"' : ''}${borderId ? ' applyBorder="1"' : ''}${numFmtId ? ' applyNumberFormat="1"' : ''} applyAlignment="1">${alignment}</xf>`;
  const xfs = [
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
    xf(1, 2, 1, '<alignment vertical="center" wrapText="1"/>'), // header
    xf(0, 0, 0, top), // text
    xf(0, 0, 0, wrapTop), // wrap
    xf(0, 0, 0, '<alignment horizontal="center" vertical="top"/>'), // number
    xf(0, 0, 0, top, 164), // percent
    xf(2, 3, 0, top), xf(3, 4, 0, top), xf(4, 5, 0, top), xf(5, 6, 0, top), // good, warn, bad, muted
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>', // note
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1" applyAlignment="1"><alignment vertical="top"/></xf>', // quotedText
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>', // quotedWrap
  ];
  return `${XML_HEAD}<styleSheet xmlns="${NS_MAIN}">`
    + '<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts>'
    + `<fonts count="${fonts.length}">${fonts.join('')}</fonts>`
    + `<fills count="${fills.length}">${fills.join('')}</fills>`
    + `<borders count="${borders.length}">${borders.join('')}</borders>`
    + '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    + `<cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs>`
    + '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    + '</styleSheet>';
}
