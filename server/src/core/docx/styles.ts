// Paragraph styles: which are headings (by name in English or Japanese, or by outline level),
// which is the title, and which carry numbering. Japanese Word writes style ids such as `1`, `2`
// or `a3`, so the id alone says nothing; names and `w:outlineLvl` do.
import { child, elements, val, type XmlNode } from './xml.js';

interface Style {
  name: string;
  basedOn?: string;
  outlineLevel?: number;
  numId?: string;
  ilvl?: number;
}

export interface StyleInfo {
  /** 1–9 for a heading style; undefined otherwise. */
  heading?: number;
  title: boolean;
  list: boolean;
  numbering?: { numId: string; ilvl?: number };
}

export class Styles {
  private readonly styles = new Map<string, Style>();
  private readonly cache = new Map<string, StyleInfo>();
  private defaultParagraph?: string;

  constructor(root: XmlNode | undefined) {
    for (const s of elements(root, 'w:style')) {
      const id = s.attrs['w:styleId'];
      if (id === undefined || (s.attrs['w:type'] ?? 'paragraph') !== 'paragraph') continue;
      const pPr = child(s, 'w:pPr');
      const outline = Number(val(pPr, 'w:outlineLvl'));
      const numPr = child(pPr, 'w:numPr');
      const ilvl = Number(val(numPr, 'w:ilvl'));
      this.styles.set(id, {
        name: val(s, 'w:name') ?? id,
        basedOn: val(s, 'w:basedOn'),
        outlineLevel: Number.isInteger(outline) ? outline : undefined,
        numId: val(numPr, 'w:numId'),
        ilvl: Number.isInteger(ilvl) ? ilvl : undefined,
      });
      if (/^(1|true|on)$/i.test(s.attrs['w:default'] ?? '')) this.defaultParagraph = id;
    }
  }

  /** The numId a style's own paragraph properties name (for numbering-style links). */
  numIdOf(styleId: string): string | undefined {
    return this.styles.get(styleId)?.numId;
  }

  info(styleId: string | undefined): StyleInfo {
    const id = styleId ?? this.defaultParagraph ?? '';
    const cached = this.cache.get(id);
    if (cached) return cached;
    const info = this.resolve(id);
    this.cache.set(id, info);
    return info;
  }

  private resolve(id: string): StyleInfo {
    const chain: Style[] = [];
    const seen = new Set<string>();
    for (let cur: string | undefined = id; cur !== undefined && !seen.has(cur) && chain.length < 32; cur = this.styles.get(cur)?.basedOn) {
      seen.add(cur);
      const s = this.styles.get(cur);
      if (s) chain.push(s);
      else if (cur === id) chain.push({ name: id });
    }
    const own = chain[0];
    const byName = own ? headingByName(own.name) : undefined;
    const outline = chain.find((s) => s.outlineLevel !== undefined)?.outlineLevel;
    const inherited = chain.slice(1).map((s) => headingByName(s.name)).find((h) => h !== undefined);
    const heading = byName ?? (outline !== undefined && outline >= 0 && outline <= 8 ? outline + 1 : inherited);
    const numbered = chain.find((s) => s.numId !== undefined);
    return {
      heading,
      title: chain.some((s) => isTitleName(s.name)),
      list: chain.some((s) => isListName(s.name)),
      numbering: numbered ? { numId: numbered.numId!, ilvl: chain.find((s) => s.ilvl !== undefined)?.ilvl } : undefined,
    };
  }
}

function normal(name: string): string {
  return name.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
}

export function headingByName(name: string): number | undefined {
  const m = /^(?:heading|見出し) ?([1-9])$/.exec(normal(name));
  return m ? Number(m[1]) : undefined;
}

function isTitleName(name: string): boolean {
  return /^(title|表題|タイトル)$/.test(normal(name));
}

function isListName(name: string): boolean {
  return /^(list|リスト)/.test(normal(name)) || /^(箇条書き|段落番号)/.test(normal(name));
}
