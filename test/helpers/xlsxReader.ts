// Reads an .xlsx back for tests, independently of Kijun's writer: the zip is opened with fflate's
// unzip, and the workbook, shared strings and sheets are parsed as XML with saxes, following the
// relationships as a spreadsheet application does (nothing is assumed about part names or order).
import { unzipSync, strFromU8 } from 'fflate';
import { SaxesParser, type SaxesTagPlain } from 'saxes';

export interface ReadCell {
  /** Shown text: shared or inline string, or the number as written. */
  text: string;
  /** `s` shared string, `inlineStr`, `n` number (the default), `str` formula result… */
  type: string;
  style?: number;
  formula: boolean;
}

export interface ReadSheet {
  name: string;
  rows: string[][];
  cells: Map<string, ReadCell>;
  frozen?: { ySplit?: string; state?: string; topLeftCell?: string };
  autoFilter?: string;
  widths: number[];
  formulas: number;
}

export interface ReadWorkbook {
  parts: string[];
  sheets: ReadSheet[];
  definedNames: { name: string; value: string }[];
  /** cellXfs entries: does the style wrap text, keep formula-looking text as text? */
  styles: { wrap: boolean; quotePrefix: boolean }[];
}

export function readXlsx(bytes: Uint8Array): ReadWorkbook {
  const files = unzipSync(bytes);
  const text = (name: string): string => {
    const f = files[name];
    if (!f) throw new Error(`missing part ${name}`);
    return strFromU8(f);
  };
  const contentTypes = elements(text('[Content_Types].xml'));
  const rootRels = relationships(text('_rels/.rels'), '');
  const workbookPath = rootRels.find((r) => r.type.endsWith('/officeDocument'))?.target;
  if (!workbookPath) throw new Error('no officeDocument relationship');
  if (!contentTypes.some((e) => e.name === 'Override' && e.attrs.PartName === `/${workbookPath}`)) throw new Error('workbook has no content type');
  const dir = workbookPath.replace(/[^/]*$/, '');
  const rels = relationships(text(`${dir}_rels/${workbookPath.slice(dir.length)}.rels`), dir);
  const sharedPath = rels.find((r) => r.type.endsWith('/sharedStrings'))?.target;
  const shared = sharedPath ? sharedStrings(text(sharedPath)) : [];
  const stylesPath = rels.find((r) => r.type.endsWith('/styles'))?.target;
  const workbook = elements(text(workbookPath));
  const sheets = workbook.filter((e) => e.name === 'sheet').map((e) => {
    const target = rels.find((r) => r.id === e.attrs['r:id'])?.target;
    if (!target) throw new Error(`sheet ${e.attrs.name} has no part`);
    return readSheet(e.attrs.name, text(target), shared);
  });
  const definedNames = workbook.filter((e) => e.name === 'definedName').map((e) => ({ name: e.attrs.name, value: e.text }));
  return { parts: Object.keys(files), sheets, definedNames, styles: stylesPath ? cellStyles(text(stylesPath)) : [] };
}

interface Element {
  name: string;
  attrs: Record<string, string>;
  text: string;
  path: string[];
}

/** Every element in document order, with its text content and ancestors. */
function elements(xml: string): Element[] {
  const parser = new SaxesParser({ xmlns: false });
  const out: Element[] = [];
  const stack: Element[] = [];
  parser.on('opentag', (tag: SaxesTagPlain) => {
    const el: Element = { name: tag.name, attrs: tag.attributes as Record<string, string>, text: '', path: stack.map((s) => s.name) };
    out.push(el);
    stack.push(el);
  });
  parser.on('text', (t) => {
    for (const el of stack) el.text += t;
  });
  parser.on('closetag', () => void stack.pop());
  parser.write(xml).close();
  return out;
}

function relationships(xml: string, dir: string): { id: string; type: string; target: string }[] {
  return elements(xml).filter((e) => e.name === 'Relationship').map((e) => ({
    id: e.attrs.Id, type: e.attrs.Type, target: e.attrs.Target.startsWith('/') ? e.attrs.Target.slice(1) : `${dir}${e.attrs.Target}`,
  }));
}

function sharedStrings(xml: string): string[] {
  return elements(xml).filter((e) => e.name === 'si').map((e) => decodeOoxml(e.text));
}

function cellStyles(xml: string): { wrap: boolean; quotePrefix: boolean }[] {
  const all = elements(xml);
  return all.filter((e) => e.name === 'xf' && e.path.at(-1) === 'cellXfs').map((xf) => {
    const index = all.indexOf(xf);
    const alignment = all.slice(index + 1).find((e) => e.name === 'alignment' || e.name === 'xf');
    return { wrap: alignment?.name === 'alignment' && alignment.attrs.wrapText === '1', quotePrefix: xf.attrs.quotePrefix === '1' };
  });
}

/** `_xHHHH_` escapes, as Excel reads them. */
function decodeOoxml(text: string): string {
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function readSheet(name: string, xml: string, shared: string[]): ReadSheet {
  const all = elements(xml);
  const cells = new Map<string, ReadCell>();
  const rows: string[][] = [];
  let formulas = 0;
  for (const c of all.filter((e) => e.name === 'c')) {
    const ref = c.attrs.r;
    const index = all.indexOf(c);
    const inner: Element[] = [];
    for (let j = index + 1; j < all.length && all[j].path.length > c.path.length; j++) inner.push(all[j]);
    const type = c.attrs.t ?? 'n';
    const value = inner.find((e) => e.name === 'v')?.text ?? '';
    const formula = inner.some((e) => e.name === 'f');
    if (formula) formulas++;
    const textValue = type === 's' ? shared[Number(value)] ?? '' : type === 'inlineStr' ? decodeOoxml(inner.find((e) => e.name === 'is')?.text ?? '') : value;
    cells.set(ref, { text: textValue, type, style: c.attrs.s === undefined ? undefined : Number(c.attrs.s), formula });
    const m = /^([A-Z]+)(\d+)$/.exec(ref);
    if (!m) throw new Error(`bad cell reference ${ref}`);
    const row = Number(m[2]) - 1;
    const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    (rows[row] ??= [])[col] = textValue;
  }
  for (let i = 0; i < rows.length; i++) rows[i] = Array.from(rows[i] ?? [], (v) => v ?? '');
  const pane = all.find((e) => e.name === 'pane');
  const filter = all.find((e) => e.name === 'autoFilter');
  const widths: number[] = [];
  for (const col of all.filter((e) => e.name === 'col')) for (let i = Number(col.attrs.min); i <= Number(col.attrs.max); i++) widths[i - 1] = Number(col.attrs.width);
  return { name, rows, cells, frozen: pane?.attrs, autoFilter: filter?.attrs.ref, widths, formulas };
}
