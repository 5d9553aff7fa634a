// A Word standard (.docx bytes) as a Kijun Markdown standard. Pure: bytes in, text and notes out.
// Word's heading styles become headings; a paragraph that starts with an article or clause
// label (typed or produced by automatic numbering) becomes a measure heading that keeps the
// label, one level below the heading that encloses it; tracked changes are accepted; what cannot
// be carried over is counted in `notes`.
import { DEFAULT_LABEL_FORMS, matchLabel, type LabelForm } from '../labels.js';
import { Document, isScalar, visit } from 'yaml';
import { openPackage, hyperlinkTargets, type PackageProblem } from './package.js';
import { parseXml, child, elements, path, val, isOn, type XmlNode } from './xml.js';
import { Styles } from './styles.js';
import { readNumbering, NumberingState, type NumberLabel } from './numbering.js';

export interface DocxOptions {
  sector?: string;
  baseline?: string;
  level?: number;
  /** Cap on the declared uncompressed size of the parts read (bytes). */
  maxUncompressed?: number;
}

export type DocxNoteKind =
  | 'measureHeadings' | 'exemptions' | 'insertions' | 'deletions'
  | 'images' | 'textBoxes' | 'comments' | 'footnotes' | 'endnotes' | 'fields' | 'equations'
  | 'embeddedObjects' | 'symbols' | 'hiddenText' | 'nestedTables' | 'controlCharacters' | 'tooDeep' | 'xmlErrors';

export interface DocxNote {
  kind: DocxNoteKind;
  count: number;
}

export type DocxResult =
  | { ok: true; markdown: string; title?: string; measures: string[]; notes: DocxNote[] }
  | { ok: false; problem: PackageProblem };

interface Inline {
  raw: string;
  md: string;
}

type Block =
  | { kind: 'heading'; level: number; text: Inline; label?: string; styled?: boolean }
  | { kind: 'paragraph'; text: Inline }
  | { kind: 'list'; depth: number; marker: string; text: Inline }
  | { kind: 'table'; rows: string[][] };

interface Exemption {
  control: string;
  rationale: string;
  compensating?: string[];
  review?: string;
}

export function docxToMarkdown(bytes: Uint8Array, options: DocxOptions = {}): DocxResult {
  const opened = openPackage(bytes, options.maxUncompressed);
  if (!opened.ok) {
    const { ok: _ok, ...problem } = opened;
    return { ok: false, problem };
  }
  const parts = opened.parts;
  const doc = parseXml(parts.document);
  const body = path(doc.root, 'w:body');
  if (!body) return { ok: false, problem: { reason: 'notWord' } };
  const stylesXml = parts.styles ? parseXml(parts.styles) : undefined;
  const numberingXml = parts.numbering ? parseXml(parts.numbering) : undefined;
  const converter = new Converter(new Styles(stylesXml?.root), numberingXml?.root, hyperlinkTargets(parts.documentRels));
  for (const x of [doc, stylesXml, numberingXml]) {
    if (!x) continue;
    converter.count('xmlErrors', x.errors);
    converter.count('controlCharacters', x.removedControls);
    converter.count('tooDeep', x.tooDeep);
  }
  return converter.run(body, options);
}

const NUM = '[0-9０-９]+|[〇一二三四五六七八九十百千万]+';
const ARTICLE = new RegExp(`^第(?:${NUM})条(?:の(?:${NUM}))*(?=$|[\\s\\u3000（(「])`);
const DOTTED = /^([0-9０-９]+(?:[.．][0-9０-９]+)*)([.．])?([(（][0-9０-９]{1,3}[)）]|[\u2460-\u2473\u3251-\u325f\u32b1-\u32bf])?(?=[\s\u3000]|$)/;
const PAREN = /^[(（](?:[0-9０-９]{1,3}|[一二三四五六七八九十]{1,3}|[a-zA-Zａ-ｚＡ-Ｚ]|[ア-ンｱ-ﾝ])[)）]/;
const CIRCLED = /^[\u2460-\u2473\u3251-\u325f\u32b1-\u32bf]/;
const CAPTION = /^[（(][^（()）\n]{1,30}[）)]$/;
const SPACE_RUN = /^[\s\u3000]+/;
const CONTROL_ID = /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/;
// Elements whose text is not the document's visible text.
const SKIPPED_BLOCKS = new Set(['w:sectPr', 'w:del', 'w:moveFrom', 'w:bookmarkStart', 'w:bookmarkEnd', 'w:proofErr', 'w:permStart', 'w:permEnd', 'w:commentRangeStart', 'w:commentRangeEnd']);
const SKIPPED_INLINE = new Set(['w:sdtPr', 'w:sdtEndPr', 'w:rt', 'w:rubyPr', 'w:lastRenderedPageBreak', 'w:softHyphen', 'w:annotationRef', 'w:separator', 'w:continuationSeparator', 'w:permStart', 'w:permEnd', 'w:tblPr', 'w:trPr', 'w:tcPr']);

const PART = new RegExp(`^(?:第(?:${NUM})(編|章|節|款|目)|(附[\\s\\u3000]*則))(?=$|[\\s\\u3000（(])`);
const PART_RANKS: Record<string, number> = { 編: 0.1, 章: 0.2, 節: 0.3, 款: 0.4, 目: 0.5 };

/** The rank of a part heading typed as body text (第1章 総則, 第2節, 附則), when it is one. */
export function partOf(text: string): { rank: number; label: string } | undefined {
  const m = PART.exec(text);
  if (!m) return undefined;
  const rest = text.slice(m[0].length).trim();
  if (rest.length > 40 || /[。]/.test(rest)) return undefined;
  return { rank: m[2] ? 0.2 : PART_RANKS[m[1]], label: m[0] };
}

/** The label a paragraph's text starts with, and its rank for nesting (deeper labels rank higher). */
export function labelOf(text: string): { label: string; rank: number } | undefined {
  const article = ARTICLE.exec(text);
  if (article) return { label: article[0], rank: 1 };
  const dotted = DOTTED.exec(text);
  if (dotted) {
    const parts = dotted[1].split(/[.．]/).length;
    const rest = text.slice(dotted[0].length).trim();
    // A lone number is a clause only when a title follows it: "3 識別", not "10 employees must …".
    const titled = rest.length > 0 && (dotted[2] !== undefined || (rest.length <= 40 && !/[。.!?]/.test(rest)));
    const plausible = parts > 1 || dotted[3] !== undefined || (dotted[1].length <= 2 && titled);
    if (plausible) return { label: dotted[0], rank: parts + (dotted[3] ? 0.5 : 0) };
  }
  const paren = PAREN.exec(text);
  if (paren) return { label: paren[0], rank: /[0-9０-９]/.test(paren[0]) ? 50 : /[一-十]/.test(paren[0]) ? 40 : 55 };
  const circled = CIRCLED.exec(text);
  if (circled) return { label: circled[0], rank: 60 };
  return undefined;
}

class Converter {
  private readonly blocks: Block[] = [];
  private readonly counts = new Map<DocxNoteKind, number>();
  private readonly numbering: NumberingState;
  private readonly exemptions: Exemption[] = [];
  private readonly labelStack: { rank: number; level: number }[] = [];
  private carry: Inline = { raw: '', md: '' };
  private base = 0;
  private shift = 0;
  private title?: string;
  private commentIds = new Set<string>();
  private readonly links: Map<string, { numId: string; ilvl: number }>;

  constructor(private readonly styles: Styles, numberingRoot: XmlNode | undefined, private readonly hyperlinks: Map<string, string>) {
    const definitions = readNumbering(numberingRoot, (id) => styles.numIdOf(id));
    this.numbering = new NumberingState(definitions);
    this.links = definitions.styleLinks;
  }

  count(kind: DocxNoteKind, n = 1): void {
    if (n > 0) this.counts.set(kind, (this.counts.get(kind) ?? 0) + n);
  }

  run(body: XmlNode, options: DocxOptions): DocxResult {
    this.shift = this.hasTitle(body) ? 1 : 0;
    this.base = this.shift;
    this.blockContainer(body);
    this.count('comments', this.commentIds.size);
    const measures = this.blocks.flatMap((b) => (b.kind === 'heading' && b.label ? [b.label] : []));
    this.count('measureHeadings', measures.length);
    this.count('exemptions', this.exemptions.length);
    const title = this.title ?? this.blocks.find((b): b is Extract<Block, { kind: 'heading' }> => b.kind === 'heading' && b.styled === true)?.text.raw;
    const markdown = `${this.frontMatter(options, title)}\n${render(this.blocks)}`;
    const order: DocxNoteKind[] = ['measureHeadings', 'exemptions', 'insertions', 'deletions', 'images', 'textBoxes', 'comments', 'footnotes', 'endnotes', 'fields', 'equations', 'embeddedObjects', 'symbols', 'hiddenText', 'nestedTables', 'controlCharacters', 'tooDeep', 'xmlErrors'];
    const notes = order.flatMap((kind) => (this.counts.get(kind) ? [{ kind, count: this.counts.get(kind)! }] : []));
    return { ok: true, markdown, title, measures, notes };
  }

  private frontMatter(options: DocxOptions, title: string | undefined): string {
    const fm: Record<string, unknown> = { kind: 'standard' };
    if (options.sector !== undefined) fm.sector = options.sector;
    if (title) fm.title = title;
    if (options.baseline !== undefined) fm.baseline = options.baseline;
    if (options.level !== undefined) fm.level = options.level;
    const forms = this.labelForms();
    if (forms) fm.measureLabels = forms;
    if (this.exemptions.length > 0) fm.exemptions = this.exemptions;
    const doc = new Document(fm);
    // Lists of ids read best on one line, as people write them: compensating: [第14条].
    visit(doc, { Seq: (_, node) => { if (node.items.every(isScalar)) node.flow = true; } });
    return `---\n${doc.toString({ lineWidth: 0, flowCollectionPadding: false })}---\n`;
  }

  /**
   * The checker reads ids and articles as measure labels by default; a standard numbered by clause
   * (2.1, 2.1.1⑤) needs `number` as well, or none of its clauses would be a measure.
   */
  private labelForms(): string[] | undefined {
    const number: LabelForm[] = [{ kind: 'number' }];
    const labels = this.blocks.flatMap((b) => (b.kind === 'heading' && b.label ? [b.label] : []));
    const needsNumber = labels.some((l) => !matchLabel(`${l} `, DEFAULT_LABEL_FORMS) && matchLabel(`${l} `, number));
    return needsNumber ? ['id', 'article', 'number'] : undefined;
  }

  private hasTitle(body: XmlNode): boolean {
    return elements(body, 'w:p').some((p) => this.styles.info(val(child(p, 'w:pPr'), 'w:pStyle')).title);
  }

  // ---- blocks ------------------------------------------------------------------------------

  private blockContainer(node: XmlNode): void {
    for (const c of elements(node)) {
      if (c.name === 'w:p') this.paragraph(c);
      else if (c.name === 'w:tbl') this.table(c);
      else if (c.name === 'w:sdt') this.blockContainer(child(c, 'w:sdtContent') ?? c);
      else if (c.name === 'w:altChunk') this.count('embeddedObjects');
      else if (c.name === 'm:oMathPara') this.count('equations');
      else if (c.name === 'mc:AlternateContent') this.blockContainer(child(c, 'mc:Choice') ?? c);
      // Wrappers (custom XML, accepted insertions, unknown extensions) may hold paragraphs: look inside.
      else if (!SKIPPED_BLOCKS.has(c.name)) this.blockContainer(c);
    }
  }

  private paragraph(p: XmlNode): void {
    const pPr = child(p, 'w:pPr');
    let text = this.inline(p);
    if (this.carry.raw || this.carry.md) {
      text = { raw: this.carry.raw + text.raw, md: this.carry.md + text.md };
      this.carry = { raw: '', md: '' };
    }
    // A deleted paragraph mark joins this paragraph to the next once the change is accepted.
    if (child(path(pPr, 'w:rPr'), 'w:del') || child(path(pPr, 'w:rPr'), 'w:moveFrom')) {
      this.carry = text;
      return;
    }
    const styleId = val(pPr, 'w:pStyle');
    const info = this.styles.info(styleId);
    const number = this.numberOf(pPr, styleId);
    const outline = Number(val(pPr, 'w:outlineLvl'));
    const heading = Number.isInteger(outline) && outline >= 0 && outline <= 8 ? outline + 1 : info.heading;
    if (number?.bullet || (number?.listLike && heading === undefined && !info.title)) {
      if (!text.raw.trim()) return;
      const marker = number.bullet ? '-' : /^\d{1,9}[.)]$/.test(number.text) ? number.text : `- ${escapeInline(number.text)}`;
      this.blocks.push({ kind: 'list', depth: this.listDepth(pPr, styleId), marker, text: trimInline(text) });
      return;
    }
    if (number && number.text) {
      const sep = number.suffix === 'nothing' ? '' : ' ';
      text = { raw: number.text + sep + text.raw.replace(SPACE_RUN, ''), md: escapeInline(number.text) + sep + text.md.replace(SPACE_RUN, '') };
    }
    text = trimInline(text);
    if (!text.raw) return;
    if (info.title && this.title === undefined) {
      this.title = oneLine(text.raw);
      this.blocks.push({ kind: 'heading', level: 1, text });
      return;
    }
    if (heading !== undefined) {
      const level = Math.min(6, heading + this.shift);
      this.base = level;
      this.labelStack.length = 0;
      const label = labelOf(text.raw);
      this.blocks.push({ kind: 'heading', level, text: { raw: oneLine(text.raw), md: text.md }, styled: true, label: label && text.md.startsWith(label.label) ? label.label : undefined });
      return;
    }
    const label = labelOf(text.raw);
    const part = label ? undefined : partOf(text.raw);
    if (label && text.md.startsWith(label.label)) this.labelHeading(text, label);
    else if (part !== undefined && text.md.startsWith(part.label)) this.partHeading(text, part);
    else this.blocks.push({ kind: 'paragraph', text });
  }

  /** 第1章 総則 typed in body text: a heading above the articles, not a measure. */
  private partHeading(text: Inline, { rank, label }: { rank: number; label: string }): void {
    while (this.labelStack.length && this.labelStack[this.labelStack.length - 1].rank >= rank) this.labelStack.pop();
    const parent = this.labelStack[this.labelStack.length - 1];
    const level = Math.min(6, (parent ? parent.level : this.base) + 1);
    this.labelStack.push({ rank, level });
    const rest = text.md.slice(label.length).replace(SPACE_RUN, '');
    this.blocks.push({ kind: 'heading', level, text: { raw: oneLine(text.raw), md: rest ? `${label} ${rest}` : label } });
  }

  private labelHeading(text: Inline, found: { label: string; rank: number }): void {
    while (this.labelStack.length && this.labelStack[this.labelStack.length - 1].rank >= found.rank) this.labelStack.pop();
    const parent = this.labelStack[this.labelStack.length - 1];
    const level = Math.min(6, (parent ? parent.level : this.base) + 1);
    this.labelStack.push({ rank: found.rank, level });
    const rawRest = text.raw.slice(found.label.length).replace(SPACE_RUN, '');
    const mdRest = text.md.slice(found.label.length).replace(SPACE_RUN, '');
    let caption = '';
    // Laws put an article's caption in its own line before it: （目的） then 第一条 ….
    const previous = this.blocks[this.blocks.length - 1];
    if (found.rank === 1 && previous?.kind === 'paragraph' && CAPTION.test(previous.text.raw)) {
      caption = ` ${previous.text.md}`;
      this.blocks.pop();
    }
    const captionLike = rawRest.length <= 40 && !/[。]/.test(rawRest);
    const heading = (md: string) => this.blocks.push({ kind: 'heading', level, label: found.label, text: { raw: plain(md), md } });
    if (captionLike) {
      heading(`${found.label}${caption}${mdRest ? ` ${mdRest}` : ''}`);
      return;
    }
    // A whole provision in one paragraph: the label (and a leading caption) heads it, the text follows.
    const lead = /^[（(][^（()）]{1,30}[）)]/.exec(rawRest);
    const leadMd = lead && mdRest.startsWith(lead[0]) ? lead[0] : '';
    heading(`${found.label}${caption}${leadMd ? ` ${leadMd}` : ''}`);
    this.blocks.push({ kind: 'paragraph', text: { raw: rawRest.slice(leadMd.length), md: mdRest.slice(leadMd.length).replace(SPACE_RUN, '') } });
  }

  private numberOf(pPr: XmlNode | undefined, styleId: string | undefined): NumberLabel | undefined {
    const numbering = this.numberingOf(pPr, styleId);
    return numbering ? this.numbering.next(numbering.numId, numbering.ilvl) : undefined;
  }

  /**
   * The list instance and level of a paragraph: its own numPr, else its style's. A style that
   * names no level gets the level that names the style (`w:pStyle` in `w:lvl`): that is how a
   * multilevel list numbers Heading 1 as 1 and Heading 2 as 1.1.
   */
  private numberingOf(pPr: XmlNode | undefined, styleId: string | undefined): { numId: string; ilvl: number } | undefined {
    const numPr = child(pPr, 'w:numPr');
    const style = this.styles.info(styleId);
    const link = styleId !== undefined ? this.links.get(styleId) : undefined;
    const numId = val(numPr, 'w:numId') ?? style.numbering?.numId ?? link?.numId;
    if (numId === undefined || numId === '0') return undefined;
    const direct = Number(val(numPr, 'w:ilvl'));
    const linked = link && link.numId === numId ? link.ilvl : undefined;
    const ilvl = Number.isInteger(direct) ? direct : style.numbering?.ilvl ?? linked ?? 0;
    return { numId, ilvl: Math.max(0, Math.min(8, ilvl)) };
  }

  private listDepth(pPr: XmlNode | undefined, styleId: string | undefined): number {
    return this.numberingOf(pPr, styleId)?.ilvl ?? 0;
  }


  // ---- tables ------------------------------------------------------------------------------

  private table(tbl: XmlNode): void {
    const rows = this.tableRows(tbl, false);
    if (rows.length === 0) return;
    this.readExemptions(rows);
    this.blocks.push({ kind: 'table', rows });
  }

  private tableRows(tbl: XmlNode, nested: boolean): string[][] {
    const rows: string[][] = [];
    for (const tr of rowsOf(tbl)) {
      if (child(path(tr, 'w:trPr'), 'w:del')) continue;
      const cells: string[] = [];
      for (const tc of cellsOf(tr)) {
        const tcPr = child(tc, 'w:tcPr');
        const merged = child(tcPr, 'w:vMerge');
        const continued = merged !== undefined && merged.attrs['w:val'] !== 'restart';
        cells.push(continued ? '' : this.cellText(tc, nested));
        const span = Number(val(tcPr, 'w:gridSpan'));
        for (let i = 1; i < Math.min(span, 64); i++) cells.push('');
      }
      rows.push(cells);
    }
    return rows;
  }

  /** A cell's text on one line: paragraphs and breaks as `<br>`, a nested table flattened. */
  private cellText(tc: XmlNode, nested: boolean): string {
    const lines: string[] = [];
    const visit = (node: XmlNode): void => {
      for (const c of elements(node)) {
        if (c.name === 'w:p') {
          const number = this.numberOf(child(c, 'w:pPr'), val(child(c, 'w:pPr'), 'w:pStyle'));
          const t = this.inline(c).md.trim();
          const prefix = number?.text && !number.bullet ? `${escapeInline(number.text)} ` : number?.bullet ? '・' : '';
          if (t) lines.push(prefix + t);
        } else if (c.name === 'w:tbl') {
          if (!nested) this.count('nestedTables');
          for (const row of this.tableRows(c, true)) lines.push(row.filter((x) => x).join(' / '));
        } else if (c.name === 'w:sdt') visit(child(c, 'w:sdtContent') ?? c);
        else if (c.name === 'w:customXml' || c.name === 'w:ins' || c.name === 'w:moveTo') visit(c);
      }
    };
    visit(tc);
    return lines.join('<br>').replace(/\n/g, '<br>');
  }

  /** A table headed 管理策 / 理由 (control / rationale) lists exemptions for the front matter. */
  private readExemptions(rows: string[][]): void {
    const header = rows[0].map((h) => plain(h).normalize('NFKC').replace(/\s+/g, '').toLowerCase());
    const col = (re: RegExp) => header.findIndex((h) => re.test(h));
    const control = col(/^(管理策(id|番号)?|control(id)?)$/);
    const rationale = col(/^(理由|適用除外の理由|根拠|rationale)$/);
    if (control < 0 || rationale < 0) return;
    const compensating = col(/^(代替策|代替措置|compensating(measures)?)$/);
    const review = col(/^(見直し期限|見直し|review(date)?)$/);
    for (const row of rows.slice(1)) {
      const id = plain(row[control] ?? '').normalize('NFKC').trim();
      const why = plain(row[rationale] ?? '').trim();
      if (!CONTROL_ID.test(id)) continue;
      const e: Exemption = { control: id, rationale: why };
      const comp = compensating >= 0 ? plain(row[compensating] ?? '').split(/[,、，・\s]+/).map((s) => s.trim()).filter(Boolean) : [];
      if (comp.length) e.compensating = comp;
      const date = review >= 0 ? plain(row[review] ?? '').normalize('NFKC').trim() : '';
      if (/^\d{4}-\d{2}-\d{2}$/.test(date)) e.review = date;
      this.exemptions.push(e);
    }
  }

  // ---- runs ----------------------------------------------------------------------------------

  private inline(p: XmlNode): Inline {
    const out: Inline = { raw: '', md: '' };
    const state = { field: [] as ('instr' | 'result')[] };
    const add = (s: string) => {
      const clean = stripControls(s, (n) => this.count('controlCharacters', n));
      out.raw += clean;
      out.md += escapeInline(clean);
    };
    const visit = (node: XmlNode): void => {
      for (const c of node.children) {
        if (typeof c === 'string') continue;
        this.runItem(c, state, add, visit, out);
      }
    };
    visit(p);
    return out;
  }

  private runItem(c: XmlNode, state: { field: ('instr' | 'result')[] }, add: (s: string) => void, visit: (n: XmlNode) => void, out: Inline): void {
    const inInstr = state.field[state.field.length - 1] === 'instr';
    switch (c.name) {
      case 'w:pPr': case 'w:rPr': case 'w:bookmarkStart': case 'w:bookmarkEnd': case 'w:proofErr':
        return;
      case 'w:r':
        if (isOn(child(c, 'w:rPr'), 'w:vanish') || isOn(child(c, 'w:rPr'), 'w:specVanish')) {
          if (elements(c, 'w:t').length) this.count('hiddenText');
          return;
        }
        visit(c);
        return;
      case 'w:t':
        if (!inInstr) add(textContent(c));
        return;
      case 'w:tab': case 'w:ptab':
        if (!inInstr) add(' ');
        return;
      case 'w:br': case 'w:cr':
        if (!inInstr && (c.attrs['w:type'] ?? 'textWrapping') === 'textWrapping') add('\n');
        return;
      case 'w:noBreakHyphen':
        add('-');
        return;
      case 'w:sym':
        this.count('symbols');
        return;
      case 'w:fldChar': {
        const type = c.attrs['w:fldCharType'];
        if (type === 'begin') {
          state.field.push('instr');
          this.count('fields');
        } else if (type === 'separate' && state.field.length) state.field[state.field.length - 1] = 'result';
        else if (type === 'end') state.field.pop();
        return;
      }
      case 'w:instrText': case 'w:delText': case 'w:delInstrText':
        return;
      case 'w:fldSimple':
        this.count('fields');
        visit(c);
        return;
      case 'w:ins': case 'w:moveTo':
        this.count('insertions');
        visit(c);
        return;
      case 'w:del': case 'w:moveFrom':
        this.count('deletions');
        return;
      case 'w:hyperlink':
        this.hyperlink(c, visit, out);
        return;
      case 'w:drawing': case 'w:pict':
        this.count(hasDescendant(c, (n) => n.name === 'w:txbxContent' || n.name.endsWith('textbox') || n.name === 'txbx') ? 'textBoxes' : 'images');
        return;
      case 'mc:AlternateContent': {
        const choice = child(c, 'mc:Choice');
        if (choice) visit(choice);
        return;
      }
      case 'w:object': case 'w:embed':
        this.count('embeddedObjects');
        return;
      case 'w:footnoteReference':
        this.count('footnotes');
        return;
      case 'w:endnoteReference':
        this.count('endnotes');
        return;
      case 'w:commentReference':
        this.commentIds.add(c.attrs['w:id'] ?? String(this.commentIds.size));
        return;
      case 'm:oMath': case 'm:oMathPara':
        this.count('equations');
        return;
      case 'w:commentRangeStart': case 'w:commentRangeEnd':
        return;
      case 'w:ruby':
        // Furigana: the base text is the text; the reading above it is not.
        visit(child(c, 'w:rubyBase') ?? c);
        return;
      case 'w:sdt':
        visit(child(c, 'w:sdtContent') ?? c);
        return;
      default:
        // Wrappers that hold runs (smart tags, custom XML, bidi overrides, extensions Word adds):
        // look inside, so no text is lost to an element this list does not know.
        if (!SKIPPED_INLINE.has(c.name)) visit(c);
    }
  }

  private hyperlink(c: XmlNode, visit: (n: XmlNode) => void, out: Inline): void {
    const start = { raw: out.raw.length, md: out.md.length };
    visit(c);
    const id = c.attrs['r:id'];
    const target = id ? this.hyperlinks.get(id) : undefined;
    const textMd = out.md.slice(start.md);
    if (!target || !/^(https?:|mailto:)/i.test(target) || !textMd.trim()) return;
    const url = target.replace(/[\s()<>]/g, (ch) => encodeURIComponent(ch));
    out.md = `${out.md.slice(0, start.md)}[${textMd}](${url})`;
  }
}

function rowsOf(tbl: XmlNode): XmlNode[] {
  return elements(tbl).flatMap((c) => (c.name === 'w:tr' ? [c] : c.name === 'w:sdt' ? rowsOf(child(c, 'w:sdtContent') ?? c) : c.name === 'w:customXml' || c.name === 'w:ins' ? rowsOf(c) : []));
}

function cellsOf(tr: XmlNode): XmlNode[] {
  return elements(tr).flatMap((c) => (c.name === 'w:tc' ? [c] : c.name === 'w:sdt' ? cellsOf(child(c, 'w:sdtContent') ?? c) : c.name === 'w:customXml' ? cellsOf(c) : []));
}

function hasDescendant(node: XmlNode, test: (n: XmlNode) => boolean): boolean {
  for (const c of elements(node)) if (test(c) || hasDescendant(c, test)) return true;
  return false;
}

function textContent(node: XmlNode): string {
  return node.children.filter((c): c is string => typeof c === 'string').join('');
}

// C0 and C1 controls other than tab and line feed, which a character reference can still produce.
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

function stripControls(s: string, removed: (n: number) => void): string {
  let n = 0;
  const out = s.replace(CONTROLS, () => {
    n++;
    return '';
  }).replace(/\t/g, ' ');
  removed(n);
  return out;
}

/** Characters that would turn text into Markdown syntax (emphasis, code, links, HTML, entities). */
export function escapeInline(s: string): string {
  return s.replace(/[\\`*_[\]<~]/g, (c) => `\\${c}`).replace(/&(?=#?[A-Za-z0-9]+;)/g, '&amp;');
}

function plain(md: string): string {
  return md.replace(/<br>/g, ' ').replace(/\\([\\`*_[\]<~|])/g, '$1').replace(/&amp;/g, '&');
}

function trimInline(t: Inline): Inline {
  return { raw: t.raw.trim(), md: t.md.replace(/^[ \t\n]+|[ \t\n]+$/g, '') };
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
}

// ---- rendering -----------------------------------------------------------------------------

function render(blocks: Block[]): string {
  const out: string[] = [];
  let previous: Block | undefined;
  for (const b of blocks) {
    const text = renderBlock(b);
    if (!text) continue;
    const tight = previous?.kind === 'list' && b.kind === 'list' && /^\d/.test(previous.marker) === /^\d/.test(b.marker);
    out.push(tight ? `\n${text}` : `${out.length ? '\n\n' : ''}${text}`);
    previous = b;
  }
  return `${out.join('')}\n`;
}

function renderBlock(b: Block): string {
  switch (b.kind) {
    case 'heading': {
      const text = oneLine(b.text.md).replace(/#/g, '\\#');
      return text ? `${'#'.repeat(b.level)} ${text}` : '';
    }
    case 'paragraph':
      return b.text.md.split('\n').map((line) => blockEscape(line.replace(/^[ \t]+/, ''))).filter((l) => l).join('\n');
    case 'list': {
      const ordered = /^\d/.test(b.marker);
      const indent = (ordered ? '   ' : '  ').repeat(b.depth);
      return `${indent}${b.marker} ${oneLine(b.text.md)}`;
    }
    case 'table':
      return renderTable(b.rows);
  }
}

/** A line that Markdown would read as a heading, quote, list, rule or code fence is escaped. */
function blockEscape(line: string): string {
  if (/^(#{1,6}(\s|$)|>|[-+*](\s|$)|=+\s*$|-+\s*$|\|)/.test(line)) return `\\${line}`;
  const ordered = /^(\d{1,9})([.)])(\s|$)/.exec(line);
  if (ordered) return `${ordered[1]}\\${line.slice(ordered[1].length)}`;
  return line;
}

function renderTable(rows: string[][]): string {
  const width = Math.max(1, ...rows.map((r) => r.length));
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, '<br>') || ' ';
  const line = (r: string[]) => `| ${Array.from({ length: width }, (_, i) => cell(r[i] ?? '')).join(' | ')} |`;
  return [line(rows[0]), `|${' --- |'.repeat(width)}`, ...rows.slice(1).map(line)].join('\n');
}
