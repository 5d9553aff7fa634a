// What extraction needs of a Markdown standard (headings, the text a reader does not take as the
// standard's own, HTML comments), found by one pass over the lines with a container stack, the
// block-parsing strategy of the CommonMark spec. Inline syntax is read only where the layout needs
// it: code spans and raw HTML in paragraphs and headings outside block quotes. Every loop is
// linear in the input; test/unit/markdownDifferential.test.ts holds it equal to remark.
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import type { RootContent, Root } from 'mdast';

export interface LayoutHeading {
  depth: number;
  start: number;
  end: number;
  /** The heading's text as remark gives it: its inline values concatenated. */
  text: string;
}

/** What extraction needs of the Markdown tree, in document order. */
export interface Layout {
  /** Headings at the top level: only these can be measures. */
  headings: LayoutHeading[];
  /** Text a reader does not take as the standard's own: code, block quotes, HTML comments and raw HTML. */
  skip: [number, number][];
  /** From a heading nested in a list item to the end of that item: not a measure's text. */
  nested: [number, number][];
  /** HTML nodes that hold comments, for the `<!-- covers: … -->` form. */
  comments: { start: number; value: string }[];
  /** The YAML front matter block (fences included), when the document opens with one. */
  frontMatter?: { start: number; end: number };
}

type Kind = 'document' | 'quote' | 'item' | 'paragraph' | 'fence' | 'indented' | 'html';

interface Block {
  kind: Kind;
  start: number;
  end: number;
  parent?: Block;
  /** Inside a block quote: read for structure only. */
  quoted: boolean;
  /** The innermost list item, when no block quote is between. */
  item?: Block;
  hasContent: boolean;
  // list item
  needed?: number;
  // fenced code
  fenceChar?: string;
  fenceLength?: number;
  fenceIndent?: number;
  // HTML block
  htmlType?: number;
  // paragraph: content of each line (leading white space removed) with its line ending
  lines?: [number, number][];
  /** Paragraph: how many first lines are link reference definitions, and whether a line that is not followed. */
  defs?: number;
  defsEnded?: boolean;
  /** Indented code that began on a line whose containers did not all continue. */
  afterClose?: boolean;
  /** HTML block lines that start with part of a tab: how many columns of it are left. */
  tabRest?: Map<number, number>;
}

const RAW_NAMES = ['script', 'pre', 'style', 'textarea'];
const BLOCK_NAMES = new Set([
  'address', 'article', 'aside', 'base', 'basefont', 'blockquote', 'body', 'caption', 'center', 'col', 'colgroup', 'dd', 'details', 'dialog', 'dir', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'frame', 'frameset', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'head', 'header', 'hr', 'html', 'iframe', 'legend', 'li',
  'link', 'main', 'menu', 'menuitem', 'nav', 'noframes', 'ol', 'optgroup', 'option', 'p', 'param', 'search', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th',
  'thead', 'title', 'tr', 'track', 'ul',
]);
const RAW_HTML = /^<(?:!--|\?|![A-Za-z]|!\[CDATA\[|(?:script|style|pre|textarea)(?=[\s>/]|$))/i;

/** Only code spans and raw HTML matter inline, and both start with one of these. */
const INLINE_START = /[`<]/;
const isSpaceOrTab = (c: string | undefined): boolean => c === ' ' || c === '\t';
const isAsciiAlpha = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isAsciiAlnum = (c: number): boolean => isAsciiAlpha(c) || (c >= 48 && c <= 57);
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

export function scanMarkdown(text: string): Layout {
  return new Scanner(text).run();
}

class Scanner {
  private readonly layout: Layout = { headings: [], skip: [], nested: [], comments: [] };
  private readonly doc: Block = { kind: 'document', start: 0, end: 0, quoted: false, hasContent: false };
  private open: Block[] = [this.doc];
  private readonly pendingNested: { start: number; item: Block }[] = [];
  /** Link reference definitions by normalised label, for headings that use them. */
  private readonly definitions = new Map<string, string>();
  private readonly headingSources: { heading: LayoutHeading; source: string }[] = [];

  // the current line
  private line = '';
  private lineStart = 0;
  private lineEnd = 0;
  private nextLineStart = 0;
  private offset = 0;
  private column = 0;
  private partialTab = false;
  private nextNonspace = 0;
  private nextNonspaceColumn = 0;
  private indent = 0;
  private indented = false;
  private blank = false;
  private allMatched = true;
  private interrupting = false;
  private startedContainer = false;
  /** Index in the line of its last character that is not a space or tab (-1 when blank). */
  private lastNonSpace = -1;
  private previousBlank = false;

  constructor(private readonly text: string) {}

  run(): Layout {
    let at = this.frontMatter();
    const text = this.text;
    while (at <= text.length) {
      let end = at;
      while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
      let next = end;
      if (next < text.length) next += text.charCodeAt(next) === 13 && text.charCodeAt(next + 1) === 10 ? 2 : 1;
      this.lineStart = at;
      this.lineEnd = end;
      this.nextLineStart = next;
      this.line = text.slice(at, end);
      let last = end - 1;
      while (last >= at && (text.charCodeAt(last) === 32 || text.charCodeAt(last) === 9)) last--;
      this.lastNonSpace = last - at;
      // A second blank line in a row changes nothing when no leaf is open (only list items stay).
      const blank = last < at;
      const tipKind = this.tip.kind;
      if (!(blank && this.previousBlank && (tipKind === 'document' || tipKind === 'item'))) this.incorporateLine();
      this.previousBlank = blank;
      if (end >= text.length) break;
      at = next;
    }
    while (this.open.length > 1) this.close(this.open.pop() as Block);
    this.finish();
    return this.layout;
  }

  /** `---` fences at the very start, as remark-frontmatter reads them. */
  private frontMatter(): number {
    const text = this.text;
    const first = fenceLineEnd(text, 0);
    if (first < 0 || first >= text.length) return 0;
    let at = nextLine(text, first);
    while (at <= text.length) {
      const close = fenceLineEnd(text, at);
      if (close >= 0) {
        this.layout.frontMatter = { start: 0, end: close };
        return close >= text.length ? text.length + 1 : nextLine(text, close);
      }
      let end = at;
      while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
      if (end >= text.length) return 0;
      at = nextLine(text, end);
    }
    return 0;
  }

  // ---- line machinery (the spec's reference parser, commonmark.js) ----

  private findNextNonspace(): void {
    let i = this.offset;
    let cols = this.column;
    const line = this.line;
    while (i < line.length) {
      const c = line[i];
      if (c === ' ') {
        i++;
        cols++;
      } else if (c === '\t') {
        i++;
        cols += 4 - (cols % 4);
      } else break;
    }
    this.blank = i >= line.length;
    this.nextNonspace = i;
    this.nextNonspaceColumn = cols;
    this.indent = cols - this.column;
    this.indented = this.indent >= 4;
  }

  private advanceNextNonspace(): void {
    this.offset = this.nextNonspace;
    this.column = this.nextNonspaceColumn;
    this.partialTab = false;
  }

  private advanceOffset(count: number, columns: boolean): void {
    const line = this.line;
    while (count > 0 && this.offset < line.length) {
      if (line[this.offset] === '\t') {
        const toTab = 4 - (this.column % 4);
        if (columns) {
          this.partialTab = toTab > count;
          const step = toTab > count ? count : toTab;
          this.column += step;
          this.offset += this.partialTab ? 0 : 1;
          count -= step;
        } else {
          this.partialTab = false;
          this.column += toTab;
          this.offset += 1;
          count -= 1;
        }
      } else {
        this.partialTab = false;
        this.offset += 1;
        this.column += 1;
        count -= 1;
      }
    }
  }

  private get tip(): Block {
    return this.open[this.open.length - 1];
  }

  private incorporateLine(): void {
    this.offset = 0;
    this.column = 0;
    this.partialTab = false;
    this.blank = false;
    this.interrupting = false;
    this.startedContainer = false;
    let matched = 0;
    for (let i = 1; i < this.open.length; i++) {
      this.findNextNonspace();
      const result = this.continues(this.open[i]);
      if (result === 0) matched = i;
      else if (result === 2) return;
      else break;
    }
    this.allMatched = matched === this.open.length - 1;
    // micromark opens containers after indented code only as it would after a paragraph.
    // (Not when the code began on a line that closed containers: micromark has then moved on.)
    if (this.tip.kind === 'indented' && !this.tip.afterClose && matched >= this.open.length - 2) this.interrupting = true;
    const lastMatched = this.open[matched];
    let container = lastMatched;
    let startedAny = false;
    const tipBefore = this.tip;
    let leafStarted = container.kind === 'fence' || container.kind === 'indented' || container.kind === 'html';
    if (!this.allMatched && tipBefore.kind === 'paragraph' && this.lazyHtml(tipBefore)) return;
    while (!leafStarted) {
      this.findNextNonspace();
      const started = this.blockStart(container);
      if (!started) {
        this.advanceNextNonspace();
        break;
      }
      startedAny = true;
      if (started === 1) this.startedContainer = true;
      container = this.tip;
      if (started === 2) {
        leafStarted = true;
        if (container.kind !== 'fence' && container.kind !== 'indented' && container.kind !== 'html') return;
      }
    }
    if (!startedAny && !this.allMatched && !this.blank && tipBefore.kind === 'paragraph') {
      // Lazy continuation: the paragraph goes on although its containers did not all continue.
      this.addParagraphLine(tipBefore);
      return;
    }
    if (!startedAny) this.closeAbove(matched);
    container = this.tip;
    if (container.kind === 'fence' || container.kind === 'indented' || container.kind === 'html') {
      this.addLeafLine(container);
      return;
    }
    if (this.blank) return;
    if (container.kind === 'paragraph') {
      this.addParagraphLine(container);
      return;
    }
    const paragraph = this.addChild('paragraph', this.lineStart + this.nextNonspace);
    paragraph.lines = [];
    this.addParagraphLine(paragraph);
  }

  /**
   * micromark lets a complete tag on a lazy line end the paragraph and puts the HTML block in the
   * paragraph's container, where the next line closes it.
   */
  private lazyHtml(paragraph: Block): boolean {
    this.findNextNonspace();
    if (this.indented || this.line[this.nextNonspace] !== '<' || htmlBlockType(this.line, this.nextNonspace, false) !== 7) return false;
    this.open.pop();
    this.close(paragraph);
    const html = this.addChild('html', this.lineStart + this.offset);
    html.htmlType = 7;
    html.lines = [];
    this.addLeafLine(html);
    return true;
  }

  /** 0: continues, 1: does not, 2: the line is used up (a closing fence). */
  private continues(block: Block): 0 | 1 | 2 {
    const line = this.line;
    switch (block.kind) {
      case 'quote':
        if (!this.indented && line[this.nextNonspace] === '>') {
          this.advanceNextNonspace();
          this.extendTo(block, this.offset + 1 > this.lastNonSpace ? this.lineEnd : this.lineStart + this.offset + 1);
          this.advanceOffset(1, false);
          if (isSpaceOrTab(line[this.offset])) this.advanceOffset(1, true);
          return 0;
        }
        return 1;
      case 'item':
        if (this.blank) {
          if (!block.hasContent) return 1;
          this.advanceNextNonspace();
          return 0;
        }
        if (this.indent >= (block.needed as number)) {
          this.advanceOffset(block.needed as number, true);
          return 0;
        }
        return 1;
      case 'fence': {
        const closing = this.indent <= 3 && line[this.nextNonspace] === block.fenceChar ? fenceRun(line, this.nextNonspace) : 0;
        if (closing >= (block.fenceLength as number) && this.nextNonspace + closing > this.lastNonSpace) {
          block.end = this.lineEnd;
          this.open.splice(this.open.lastIndexOf(block));
          this.close(block);
          return 2;
        }
        let i = block.fenceIndent as number;
        while (i > 0 && isSpaceOrTab(line[this.offset])) {
          this.advanceOffset(1, true);
          i--;
        }
        return 0;
      }
      case 'indented':
        if (this.indent >= 4) {
          // A white space line indented as far as the code is part of it (micromark's positions).
          if (this.blank) this.extendTo(block, this.lineEnd);
          this.advanceOffset(4, true);
          return 0;
        }
        if (this.blank) {
          this.advanceNextNonspace();
          return 0;
        }
        return 1;
      case 'html':
        return this.blank && (block.htmlType === 6 || block.htmlType === 7) ? 1 : 0;
      case 'paragraph':
        return this.blank ? 1 : 0;
      default:
        return 0;
    }
  }

  /** 0: nothing starts here, 1: a container started, 2: a leaf started. */
  private blockStart(container: Block): 0 | 1 | 2 {
    const line = this.line;
    const c = line[this.nextNonspace];
    const at = this.lineStart + this.nextNonspace;
    // A line that interrupts a paragraph does so for every container it opens (micromark).
    if (container.kind === 'paragraph') this.interrupting = true;
    const interrupting = this.interrupting;
    if (this.indented) {
      // Indented code cannot interrupt a paragraph, lazy or not.
      if (this.blank || this.tip.kind === 'paragraph') return 0;
      const start = this.lineStart + this.offset + (this.partialTab ? 1 : 0);
      this.advanceOffset(4, true);
      container = this.closeFor(container);
      const code = this.addChild('indented', start);
      code.end = this.lineEnd;
      code.afterClose = !this.allMatched && !this.startedContainer;
      return 2;
    }
    if (c === '>') {
      this.advanceNextNonspace();
      this.advanceOffset(1, false);
      if (isSpaceOrTab(line[this.offset])) this.advanceOffset(1, true);
      container = this.closeFor(container);
      const quote = this.addChild('quote', at);
      this.extendTo(quote, this.nextNonspace + 1 > this.lastNonSpace ? this.lineEnd : at + 1);
      return 1;
    }
    if (c === '#') {
      let n = 0;
      while (line[this.nextNonspace + n] === '#') n++;
      const after = line[this.nextNonspace + n];
      if (n <= 6 && (after === undefined || isSpaceOrTab(after))) {
        container = this.closeFor(container);
        this.atxHeading(container, n, at);
        return 2;
      }
    }
    if (c === '`' || c === '~') {
      const n = fenceRun(line, this.nextNonspace);
      if (n >= 3 && (c === '~' || line.indexOf('`', this.nextNonspace + n) < 0)) {
        container = this.closeFor(container);
        const fence = this.addChild('fence', at);
        fence.fenceChar = c;
        fence.fenceLength = n;
        fence.fenceIndent = this.indent;
        fence.end = this.lineEnd;
        this.offset = line.length;
        return 2;
      }
    }
    if (c === '<') {
      // Flow starts afresh in a container opened on this line: only a paragraph is interrupted.
      const type = htmlBlockType(line, this.nextNonspace, container.kind === 'paragraph');
      if (type) {
        container = this.closeFor(container);
        const html = this.addChild('html', this.lineStart + this.offset + (this.partialTab ? 1 : 0));
        html.htmlType = type;
        html.lines = [];
        return 2;
      }
    }
    if (container.kind === 'paragraph' && (c === '=' || c === '-') && !this.indented) {
      const level = setextLevel(line, this.nextNonspace);
      if (level && this.setextHeading(container, level)) return 2;
    }
    if ((c === '*' || c === '-' || c === '_') && isThematicBreak(line, this.nextNonspace)) {
      container = this.closeFor(container);
      container.hasContent = true;
      this.extendTo(container, this.lineEnd);
      this.offset = line.length;
      return 2;
    }
    if (c === '*' || c === '-' || c === '+' || isDigit(c)) {
      const needed = this.listMarker(interrupting);
      if (needed) {
        container = this.closeFor(container);
        const item = this.addChild('item', at);
        item.needed = needed;
        item.end = this.offset > this.lastNonSpace ? this.lineEnd : this.lineStart + this.offset;
        return 1;
      }
    }
    return 0;
  }

  private listMarker(interrupting: boolean): number {
    const line = this.line;
    let i = this.nextNonspace;
    const c = line[i];
    let width: number;
    if (c === '*' || c === '-' || c === '+') width = 1;
    else {
      let digits = 0;
      while (isDigit(line[i + digits]) && digits < 10) digits++;
      if (digits === 0 || digits > 9) return 0;
      const delimiter = line[i + digits];
      if (delimiter !== '.' && delimiter !== ')') return 0;
      if (interrupting && line.slice(i, i + digits) !== '1') return 0;
      width = digits + 1;
    }
    const after = line[i + width];
    if (!(after === undefined || isSpaceOrTab(after))) return 0;
    if (interrupting && i + width > this.lastNonSpace) return 0;
    this.advanceNextNonspace();
    this.advanceOffset(width, true);
    const spacesStartColumn = this.column;
    const spacesStartOffset = this.offset;
    do {
      this.advanceOffset(1, true);
    } while (this.column - spacesStartColumn < 5 && isSpaceOrTab(line[this.offset]));
    const blankItem = this.offset >= line.length;
    const spaces = this.column - spacesStartColumn;
    i = this.indent;
    if (spaces >= 5 || spaces < 1 || blankItem) {
      this.column = spacesStartColumn;
      this.offset = spacesStartOffset;
      this.partialTab = false;
      if (isSpaceOrTab(line[this.offset])) this.advanceOffset(1, true);
      return i + width + 1;
    }
    return i + width + spaces;
  }

  private atxHeading(container: Block, depth: number, start: number): void {
    const line = this.line;
    let from = this.nextNonspace + depth;
    while (isSpaceOrTab(line[from])) from++;
    let to = line.length;
    while (to > from && isSpaceOrTab(line[to - 1])) to--;
    let hashes = to;
    while (hashes > from && line[hashes - 1] === '#') hashes--;
    if (hashes < to && (hashes === from || isSpaceOrTab(line[hashes - 1]))) {
      to = hashes;
      while (to > from && isSpaceOrTab(line[to - 1])) to--;
    }
    const heading = { depth, start, end: this.lineEnd, text: '' };
    container.hasContent = true;
    this.extendTo(container, this.lineEnd);
    this.offset = line.length;
    const parent = this.tip;
    const contentStart = this.lineStart + from;
    const contentEnd = this.lineStart + Math.max(from, to);
    this.headingFound(parent, heading, [[contentStart, contentEnd]], this.text.slice(start, this.lineEnd));
  }

  private setextHeading(container: Block, level: number): boolean {
    const paragraph = container;
    const lines = paragraph.lines as [number, number][];
    const defs = this.definitionLines(paragraph);
    if (defs >= lines.length) return false;
    const start = lines[0][0];
    this.open.pop();
    if (defs > 0) {
      paragraph.lines = lines.slice(0, defs);
      this.close(paragraph);
    }
    const content = lines.slice(defs).map(([s, e], i, all): [number, number] => (i === all.length - 1 ? [s, trimEndOffset(this.text, s, e)] : [s, e]));
    const heading = { depth: level, start, end: this.lineEnd, text: '' };
    const parent = this.tip;
    this.extendTo(parent, this.lineEnd);
    this.offset = this.line.length;
    this.headingFound(parent, heading, content, this.text.slice(start, this.lineEnd));
    return true;
  }

  private headingFound(parent: Block, heading: LayoutHeading, content: [number, number][], source: string): void {
    if (parent.quoted || parent.kind === 'quote') return;
    this.scanInline(content);
    const item = parent.kind === 'item' ? parent : parent.item;
    if (parent.kind === 'document') {
      this.layout.headings.push(heading);
      this.headingSources.push({ heading, source });
    } else if (item) this.pendingNested.push({ start: heading.start, item });
  }

  // ---- blocks ----

  private addChild(kind: Kind, start: number): Block {
    const parent = this.tip;
    const quoted = parent.quoted || parent.kind === 'quote';
    const block: Block = { kind, start, end: start, parent, quoted, item: quoted ? undefined : parent.kind === 'item' ? parent : parent.item, hasContent: false };
    parent.hasContent = true;
    this.open.push(block);
    return block;
  }

  /** Closes what a new block after `container` ends, a paragraph included; the new block's parent. */
  private closeFor(container: Block): Block {
    // From the end: what lies above the container is closed now, so the search costs nothing extra.
    this.closeAbove(this.open.lastIndexOf(container));
    if (container.kind !== 'paragraph') return container;
    this.open.pop();
    this.close(container);
    return this.tip;
  }

  /** Closes every open block after index `keep`. */
  private closeAbove(keep: number): void {
    while (this.open.length - 1 > keep) this.close(this.open.pop() as Block);
  }

  /** A block's end; its ancestors take it when it closes (so a deep stack is not walked per line). */
  private extendTo(block: Block, end: number): void {
    if (block.end < end) block.end = end;
  }

  private addParagraphLine(paragraph: Block): void {
    const start = this.lineStart + this.nextNonspace;
    (paragraph.lines as [number, number][]).push([start, this.nextLineStart]);
    paragraph.end = this.lineEnd;
  }

  private addLeafLine(block: Block): void {
    if (block.kind === 'html') {
      if (this.blank && (block.htmlType === 6 || block.htmlType === 7)) return;
      const lines = block.lines as [number, number][];
      const first = lines.length === 0;
      lines.push([this.lineStart + this.offset, this.nextLineStart]);
      // micromark shows the rest of a tab the container took part of as spaces.
      if (this.partialTab) (block.tabRest ??= new Map()).set(lines.length - 1, 4 - (this.column % 4));
      block.end = this.lineEnd;
      if (block.htmlType && block.htmlType <= 5 && htmlBlockEnds(this.line, first ? this.nextNonspace : this.offset, block.htmlType, first)) {
        this.open.pop();
        this.close(block);
      }
      return;
    }
    if (this.blank && block.kind === 'indented') return;
    block.end = this.lineEnd;
  }

  private close(block: Block): void {
    if (block.parent && block.parent.end < block.end) block.parent.end = block.end;
    switch (block.kind) {
      case 'quote':
        if (!block.quoted) this.layout.skip.push([block.start, block.end]);
        break;
      case 'fence':
      case 'indented':
        if (!block.quoted) this.layout.skip.push([block.start, block.end]);
        break;
      case 'html':
        if (!block.quoted) this.htmlNode(block.start, block.end, this.joinLines(block.lines as [number, number][], block.end, block.tabRest));
        break;
      case 'paragraph':
        this.paragraphClosed(block);
        break;
      default:
    }
  }

  private paragraphClosed(paragraph: Block): void {
    const lines = paragraph.lines as [number, number][];
    const defs = this.definitionLines(paragraph);
    if (paragraph.quoted) return;
    if (defs < lines.length) this.scanInline(lines.slice(defs).map(([s, e], i, all) => (i === all.length - 1 ? [s, Math.min(e, paragraph.end)] : [s, e])));
  }

  /** How many first lines of a paragraph are link reference definitions (one line each); each line is read once. */
  private definitionLines(paragraph: Block): number {
    const lines = paragraph.lines as [number, number][];
    let n = paragraph.defs ?? 0;
    while (!paragraph.defsEnded && n < lines.length) {
      const [s, e] = lines[n];
      const line = this.text.slice(s, trimEndOffset(this.text, s, e));
      const label = definitionLabel(line);
      if (label === undefined) {
        paragraph.defsEnded = true;
        break;
      }
      if (!this.definitions.has(label)) this.definitions.set(label, line);
      n++;
    }
    paragraph.defs = n;
    return n;
  }

  private joinLines(lines: [number, number][], end: number, tabRest?: Map<number, number>): string {
    let out = '';
    lines.forEach(([s, e], i) => {
      const rest = tabRest?.get(i);
      if (rest !== undefined) out += ' '.repeat(rest);
      out += this.text.slice(rest !== undefined ? s + 1 : s, i === lines.length - 1 ? Math.min(e, end) : e);
    });
    return out;
  }

  private htmlNode(start: number, end: number, value: string): void {
    if (value.includes('<!--')) this.layout.comments.push({ start, value });
    if (RAW_HTML.test(value)) this.layout.skip.push([start, end]);
  }

  // ---- inline ----

  /** Code spans and raw HTML in one paragraph or heading (line segments, each with its line ending). */
  private scanInline(segments: [number, number][]): void {
    if (segments.length === 0) return;
    const s = segments.length === 1 ? this.text.slice(segments[0][0], segments[0][1]) : segments.map(([a, b]) => this.text.slice(a, b)).join('');
    if (!INLINE_START.test(s)) return;
    const base: number[] = [];
    const bounds: number[] = [];
    let length = 0;
    for (const [a, b] of segments) {
      bounds.push(length);
      base.push(a);
      length += b - a;
    }
    const toDoc = (i: number): number => {
      let low = 0;
      let high = bounds.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (bounds[mid] <= i) low = mid;
        else high = mid - 1;
      }
      return base[low] + (i - bounds[low]);
    };
    // Without its line start white space, as mdast's `value` of multi-line HTML is.
    const valueOf = (from: number, to: number): string => s.slice(from, to).replace(/(\r\n|\r|\n)[ \t]+/g, '$1');
    const runs = backtickRuns(s);
    const finders = new Map<string, (from: number) => number>();
    const find = (needle: string, from: number): number => {
      let f = finders.get(needle);
      if (!f) finders.set(needle, (f = forwardFinder(s, needle)));
      return f(from);
    };
    let i = 0;
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (c === 92 /* \ */) {
        i += isAsciiPunctuation(s.charCodeAt(i + 1)) ? 2 : 1;
        continue;
      }
      if (c === 96 /* ` */) {
        let n = 0;
        while (s.charCodeAt(i + n) === 96) n++;
        const close = runs.next(n, i + n);
        if (close >= 0) {
          this.layout.skip.push([toDoc(i), toDoc(close + n)]);
          i = close + n;
        } else i += n;
        continue;
      }
      if (c === 60 /* < */) {
        const link = autolinkEnd(s, i);
        if (link > 0) {
          i = link;
          continue;
        }
        const end = htmlInlineEnd(s, i, find);
        if (end > 0) {
          this.htmlNode(toDoc(i), toDoc(end), valueOf(i, end));
          i = end;
          continue;
        }
      }
      i++;
    }
  }

  // ---- end ----

  private finish(): void {
    this.layout.skip.sort((a, b) => a[0] - b[0]);
    let last: [number, number] | undefined;
    for (const { start, item } of this.pendingNested) {
      const region: [number, number] = [start, item.end];
      if (!last || region[0] >= last[1]) {
        this.layout.nested.push(region);
        last = region;
      }
    }
    headingTexts(this.headingSources, this.definitions);
  }
}

// ---- helpers ----

function nextLine(text: string, end: number): number {
  if (end >= text.length) return text.length + 1;
  return end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
}

/** End of a `---` fence line (optional trailing spaces) starting at `at`, or -1. */
function fenceLineEnd(text: string, at: number): number {
  if (!text.startsWith('---', at)) return -1;
  let i = at + 3;
  while (text[i] === ' ' || text[i] === '\t') i++;
  if (i < text.length && text[i] !== '\n' && text[i] !== '\r') return -1;
  return i;
}

function fenceRun(line: string, at: number): number {
  const c = line[at];
  let n = 0;
  while (line[at + n] === c) n++;
  return n;
}

function onlySpaceFrom(line: string, at: number): boolean {
  for (let i = at; i < line.length; i++) if (!isSpaceOrTab(line[i])) return false;
  return true;
}

function trimEndOffset(text: string, start: number, end: number): number {
  while (end > start && (text[end - 1] === '\n' || text[end - 1] === '\r' || text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  return end;
}

function setextLevel(line: string, at: number): number {
  const c = line[at];
  let i = at;
  while (line[i] === c) i++;
  return onlySpaceFrom(line, i) ? (c === '=' ? 1 : 2) : 0;
}

function isThematicBreak(line: string, at: number): boolean {
  const c = line[at];
  let n = 0;
  for (let i = at; i < line.length; i++) {
    if (line[i] === c) n++;
    else if (!isSpaceOrTab(line[i])) return false;
  }
  return n >= 3;
}

/** The HTML block kind (1–7) starting at `at`, or 0. Kind 7 cannot interrupt a paragraph. */
function htmlBlockType(line: string, at: number, interrupting: boolean): number {
  if (line.startsWith('<!--', at)) return 2;
  if (line.startsWith('<?', at)) return 3;
  if (line[at + 1] === '!' && isAsciiAlpha(line.charCodeAt(at + 2))) return 4;
  if (line.startsWith('<![CDATA[', at)) return 5;
  let i = at + 1;
  const closing = line[i] === '/';
  if (closing) i++;
  if (!isAsciiAlpha(line.charCodeAt(i))) return 0;
  const nameStart = i;
  while (i < line.length && (isAsciiAlnum(line.charCodeAt(i)) || line[i] === '-')) i++;
  const after = line[i];
  if (!(after === undefined || after === '/' || after === '>' || isSpaceOrTab(after))) return 0;
  const name = line.slice(nameStart, i).toLowerCase();
  if (!closing && after !== '/' && RAW_NAMES.includes(name)) return 1;
  if (BLOCK_NAMES.has(name)) {
    if (after === '/') return line[i + 1] === '>' ? 6 : 0;
    return 6;
  }
  if (interrupting) return 0;
  const end = closing ? closingTagEnd(line, i) : openTagEnd(line, i);
  return end > 0 && onlySpaceFrom(line, end) ? 7 : 0;
}

/** micromark's continuation states for kinds 1–5, on one line. */
function htmlBlockEnds(line: string, from: number, type: number, first: boolean): boolean {
  let i = from;
  if (first) {
    // The opening itself: `<!--` and `<?` may close at once (`<!-->`, `<?>`), `<!X` on `>`.
    if (type === 2) return findDeclarationEnd(line, from + 4, true, true);
    if (type === 3) return findDeclarationEnd(line, from + 2, false, true);
    if (type === 4) return line.indexOf('>', from + 3) >= 0;
    if (type === 5) i = from + 9;
    if (type === 1) i = from + 1;
  }
  if (type === 1) return /<\/(?:script|pre|style|textarea)>/i.test(line.slice(i));
  if (type === 4) return line.indexOf('>', i) >= 0;
  if (type === 2) return findDeclarationEnd(line, i, true, false);
  if (type === 3) return findDeclarationEnd(line, i, false, false);
  return findCdataEnd(line, i);
}

/**
 * Kinds 2 and 3 end on `>` right after the marker (`--`, `?`), or after more dashes for comments.
 * `inside` says whether the scan starts just after such a marker.
 */
function findDeclarationEnd(line: string, at: number, comment: boolean, inside: boolean): boolean {
  let state = inside ? 2 : 0; // 0: continuation, 1: one dash seen, 2: declaration inside
  for (let i = at; i < line.length; i++) {
    const c = line[i];
    if (state === 2) {
      if (c === '>') return true;
      if (c === '-' && comment) continue;
      state = 0;
    } else if (state === 1) {
      if (c === '-') {
        state = 2;
        continue;
      }
      state = 0;
    }
    if (state === 0) {
      if (comment && c === '-') state = 1;
      else if (!comment && c === '?') state = 2;
    }
  }
  return false;
}

function findCdataEnd(line: string, at: number): boolean {
  let state = 0; // 0: continuation, 1: `]` seen, 2: `]]` seen
  for (let i = at; i < line.length; i++) {
    const c = line[i];
    if (state === 2) {
      if (c === '>') return true;
      state = 0;
    } else if (state === 1) {
      if (c === ']') {
        state = 2;
        continue;
      }
      state = 0;
    }
    if (state === 0 && c === ']') state = 1;
  }
  return false;
}

/** micromark's "complete" open tag on one line, from after the tag name; the offset after `>`, or 0. */
function openTagEnd(line: string, i: number): number {
  for (;;) {
    // before an attribute name
    while (isSpaceOrTab(line[i])) i++;
    if (line[i] === '/') return line[i + 1] === '>' ? i + 2 : 0;
    const c = line.charCodeAt(i);
    if (c === 58 || c === 95 || isAsciiAlpha(c)) {
      i++;
      while (i < line.length && /[-.:_A-Za-z0-9]/.test(line[i])) i++;
      while (isSpaceOrTab(line[i])) i++;
      if (line[i] !== '=') continue;
      i++;
      while (isSpaceOrTab(line[i])) i++;
      const q = line[i];
      if (q === undefined || q === '<' || q === '=' || q === '>' || q === '`') return 0;
      if (q === '"' || q === "'") {
        const close = line.indexOf(q, i + 1);
        if (close < 0) return 0;
        i = close + 1;
        if (!(line[i] === '/' || line[i] === '>' || isSpaceOrTab(line[i]))) return 0;
        continue;
      }
      while (i < line.length && !/["'/<=>` \t]/.test(line[i])) i++;
      continue;
    }
    return line[i] === '>' ? i + 1 : 0;
  }
}

function closingTagEnd(line: string, i: number): number {
  while (isSpaceOrTab(line[i])) i++;
  return line[i] === '>' ? i + 1 : 0;
}

/** The label of a one-line link reference definition `[label]: destination "title"`, normalised, or undefined. */
function definitionLabel(line: string): string | undefined {
  let i = 0;
  while (i < 3 && line[i] === ' ') i++;
  if (line[i] !== '[') return undefined;
  let j = i + 1;
  let label = '';
  while (j < line.length && line[j] !== ']') {
    if (line[j] === '[') return undefined;
    if (line[j] === '\\' && j + 1 < line.length) {
      label += line.slice(j, j + 2);
      j += 2;
      continue;
    }
    label += line[j++];
  }
  if (line[j] !== ']' || line[j + 1] !== ':' || label.length > 999 || label.trim() === '') return undefined;
  j += 2;
  while (isSpaceOrTab(line[j])) j++;
  if (j >= line.length) return undefined;
  if (line[j] === '<') {
    const close = line.indexOf('>', j + 1);
    if (close < 0 || line.slice(j + 1, close).includes('<')) return undefined;
    j = close + 1;
  } else {
    let depth = 0;
    const from = j;
    while (j < line.length && !isSpaceOrTab(line[j])) {
      const c = line.charCodeAt(j);
      if (c < 32 || c === 127) return undefined;
      if (line[j] === '\\' && j + 1 < line.length) {
        j += 2;
        continue;
      }
      if (line[j] === '(') depth++;
      else if (line[j] === ')') {
        if (depth === 0) return undefined;
        depth--;
      }
      j++;
    }
    if (j === from || depth !== 0) return undefined;
  }
  const afterDestination = j;
  while (isSpaceOrTab(line[j])) j++;
  if (j < line.length) {
    if (j === afterDestination) return undefined;
    const open = line[j];
    const close = open === '(' ? ')' : open;
    if (open !== '"' && open !== "'" && open !== '(') return undefined;
    j++;
    while (j < line.length && line[j] !== close) {
      if (open === '(' && line[j] === '(') return undefined;
      j += line[j] === '\\' ? 2 : 1;
    }
    if (j >= line.length) return undefined;
    if (!onlySpaceFrom(line, j + 1)) return undefined;
  }
  return normaliseLabel(label);
}

function normaliseLabel(label: string): string {
  return label.replace(/[ \t\r\n]+/g, ' ').trim().toLowerCase().toUpperCase();
}

function isAsciiPunctuation(c: number): boolean {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
}

/** Backtick strings of a text; `next(n, from)` is the next one of exactly n at or after `from`. Queries must not go back. */
function backtickRuns(s: string): { next(n: number, from: number): number } {
  const byLength = new Map<number, number[]>();
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) !== 96) continue;
    let n = 0;
    while (s.charCodeAt(i + n) === 96) n++;
    let list = byLength.get(n);
    if (!list) byLength.set(n, (list = []));
    list.push(i);
    i += n - 1;
  }
  const cursor = new Map<number, number>();
  return {
    next(n, from) {
      const list = byLength.get(n);
      if (!list) return -1;
      let k = cursor.get(n) ?? 0;
      while (k < list.length && list[k] < from) k++;
      cursor.set(n, k);
      return k < list.length ? list[k] : -1;
    },
  };
}

/** indexOf whose answers are remembered: queries from increasing offsets cost one scan in all. */
function forwardFinder(s: string, needle: string): (from: number) => number {
  let asked = Infinity;
  let found = -1;
  return (from) => {
    if (from < asked || (found >= 0 && found < from)) {
      asked = from;
      found = s.indexOf(needle, from);
    }
    return found;
  };
}

function autolinkEnd(s: string, at: number): number {
  let i = at + 1;
  // URI: scheme of 2–32 characters, `:`, no spaces, controls or angle brackets.
  if (isAsciiAlpha(s.charCodeAt(i))) {
    let n = 1;
    while (n < 33 && /[A-Za-z0-9+.-]/.test(s[i + n] ?? '')) n++;
    if (n >= 2 && n <= 32 && s[i + n] === ':') {
      let j = i + n + 1;
      while (j < s.length) {
        const c = s.charCodeAt(j);
        if (c === 62) return j + 1;
        if (c <= 32 || c === 60 || c === 127) break;
        j++;
      }
    }
  }
  // e-mail
  let j = i;
  while (j < s.length && /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]/.test(s[j])) j++;
  if (j === i || s[j] !== '@') return 0;
  j++;
  for (;;) {
    const labelStart = j;
    while (j < s.length && /[A-Za-z0-9-]/.test(s[j]) && j - labelStart < 63) j++;
    if (j === labelStart || s[labelStart] === '-' || s[j - 1] === '-') return 0;
    if (s[j] === '>') return j + 1;
    if (s[j] !== '.') return 0;
    j++;
  }
}

/** Raw inline HTML (CommonMark 0.31 as micromark reads it) starting at `at`; the offset after it, or 0. */
function htmlInlineEnd(s: string, at: number, find: (needle: string, from: number) => number): number {
  const next = s[at + 1];
  if (next === '!') {
    if (s.startsWith('<!--', at)) {
      if (s[at + 4] === '>') return at + 5;
      if (s.startsWith('->', at + 4)) return at + 6;
      const close = find('-->', at + 4);
      return close < 0 ? 0 : close + 3;
    }
    if (s.startsWith('<![CDATA[', at)) {
      const close = find(']]>', at + 9);
      return close < 0 ? 0 : close + 3;
    }
    if (isAsciiAlpha(s.charCodeAt(at + 2))) {
      const close = find('>', at + 2);
      return close < 0 ? 0 : close + 1;
    }
    return 0;
  }
  if (next === '?') {
    const close = find('?>', at + 2);
    return close < 0 ? 0 : close + 2;
  }
  let i = at + 1;
  const closing = s[i] === '/';
  if (closing) i++;
  if (!isAsciiAlpha(s.charCodeAt(i))) return 0;
  while (i < s.length && (isAsciiAlnum(s.charCodeAt(i)) || s[i] === '-')) i++;
  if (closing) {
    while (isInlineSpace(s, i)) i = skipInlineSpace(s, i);
    return s[i] === '>' ? i + 1 : 0;
  }
  for (;;) {
    const beforeSpace = i;
    while (isInlineSpace(s, i)) i = skipInlineSpace(s, i);
    if (s[i] === '/') return s[i + 1] === '>' ? i + 2 : 0;
    if (s[i] === '>') return i + 1;
    if (i === beforeSpace) return 0;
    const c = s.charCodeAt(i);
    if (!(c === 58 || c === 95 || isAsciiAlpha(c))) return 0;
    i++;
    while (i < s.length && /[-.:_A-Za-z0-9]/.test(s[i])) i++;
    let j = i;
    while (isInlineSpace(s, j)) j = skipInlineSpace(s, j);
    if (s[j] !== '=') continue;
    j++;
    while (isInlineSpace(s, j)) j = skipInlineSpace(s, j);
    const q = s[j];
    if (q === undefined || q === '<' || q === '=' || q === '>' || q === '`') return 0;
    if (q === '"' || q === "'") {
      const close = find(q, j + 1);
      if (close < 0) return 0;
      i = close + 1;
      continue;
    }
    while (j < s.length && !/["'/<=>` \t\r\n]/.test(s[j])) j++;
    i = j;
  }
}

function isInlineSpace(s: string, i: number): boolean {
  const c = s[i];
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

function skipInlineSpace(s: string, i: number): number {
  return i + 1;
}

// ---- heading text ----

const parser = unified().use(remarkParse).freeze();
const PLAIN_ATX = /^ {0,3}#{1,6}(?:[ \t]+|$)/;
export const MAX_PARSED_HEADING = 1000;

/** An ATX heading's content without its closing sequence. */
function atxContent(rest: string): string {
  let end = rest.length;
  while (end > 0 && (rest[end - 1] === ' ' || rest[end - 1] === '\t')) end--;
  let hashes = end;
  while (hashes > 0 && rest[hashes - 1] === '#') hashes--;
  if (hashes < end && (hashes === 0 || rest[hashes - 1] === ' ' || rest[hashes - 1] === '\t')) {
    end = hashes;
    while (end > 0 && (rest[end - 1] === ' ' || rest[end - 1] === '\t')) end--;
  }
  return rest.slice(0, end);
}
const SPECIAL = /[\\`*_[\]<>&!\r\n]/;

/**
 * The heading's inline values as remark concatenates them. Plain headings are read directly;
 * the others are parsed alone (a heading is one line, or a few for setext), with the reference
 * definitions they may use.
 */
/** The text of every top-level heading: plain ones read directly, the others parsed together. */
function headingTexts(items: { heading: LayoutHeading; source: string }[], definitions: Map<string, string>): void {
  const pending: { heading: LayoutHeading; source: string; at: number }[] = [];
  const defs = new Set<string>();
  let input = '';
  for (const item of items) {
    const quick = quickText(item.source);
    if (quick !== undefined) {
      item.heading.text = quick;
      continue;
    }
    if (input) input += '\n\n';
    pending.push({ ...item, at: input.length });
    input += item.source;
    for (const def of definitionsUsed(item.source, definitions)) defs.add(def);
  }
  if (pending.length === 0) return;
  if (defs.size > 0) input += `\n\n${[...defs].join('\n')}`;
  // Headings cannot span a blank line, so each parses as it would alone; one that does not
  // (a setext heading that needs its context) is parsed alone.
  const found = new Map<number, RootContent>();
  for (const node of (parser.parse(input) as Root).children) if (node.type === 'heading') found.set(node.position?.start.offset ?? -1, node);
  for (const p of pending) {
    const lead = /^[ \t]*/.exec(p.source)?.[0].length ?? 0;
    const node = found.get(p.at + lead);
    p.heading.text = node ? plainText(node) : headingText(p.source, definitions);
  }
}

/** Text of a heading that needs no inline parsing, or of one too long to parse; otherwise undefined. */
function quickText(source: string): string | undefined {
  const atx = PLAIN_ATX.exec(source);
  // remark's inline parser is superlinear on some shapes (`[a](` repeated): a heading longer than
  // any real one is read as written, so its label is whole only if written plainly.
  if (atx) return !SPECIAL.test(source) || source.length > MAX_PARSED_HEADING ? atxContent(source.slice(atx[0].length)) : undefined;
  const content = source.replace(/(?:\r\n|\r|\n)[^\r\n]*$/, '');
  if (source.length > MAX_PARSED_HEADING) return trimSpace(content);
  return SPECIAL.test(content) ? undefined : trimSpace(content);
}

/** Spaces and tabs only: an ideographic space is text to Markdown. */
function trimSpace(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && (text[start] === ' ' || text[start] === '\t')) start++;
  while (end > start && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  return text.slice(start, end);
}

function definitionsUsed(source: string, definitions: Map<string, string>): string[] {
  const used: string[] = [];
  if (!source.includes('[') || definitions.size === 0) return used;
  for (const m of source.matchAll(/\[([^[\]]{1,999})\]/g)) {
    const def = definitions.get(normaliseLabel(m[1]));
    if (def !== undefined) used.push(def);
  }
  return used;
}

function headingText(source: string, definitions: Map<string, string>): string {
  const used = definitionsUsed(source, definitions);
  const input = used.length > 0 ? `${source}\n\n${used.join('\n')}` : source;
  const heading = firstHeading(input, 0) ?? firstHeading(`${AFTER_CODE}${input}`, AFTER_CODE.length);
  return heading ? plainText(heading) : '';
}

/**
 * After indented code micromark opens a list only as it would in a paragraph, so a setext heading
 * there may start with `10.`; parsed alone, that would be a list. This context gives it back.
 */
const AFTER_CODE = '    x\n';

function firstHeading(input: string, at: number): RootContent | undefined {
  const tree = parser.parse(input) as Root;
  return tree.children.find((n) => n.type === 'heading' && (n.position?.start.offset ?? 0) >= at && /^[ \t]*$/.test(input.slice(at, n.position?.start.offset)));
}

function plainText(heading: RootContent): string {
  let text = '';
  const stack: RootContent[] = 'children' in heading ? [...(heading.children as RootContent[])].reverse() : [];
  while (stack.length > 0) {
    const node = stack.pop() as RootContent;
    if ('value' in node && typeof node.value === 'string') text += node.value;
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as RootContent);
  }
  return text;
}
