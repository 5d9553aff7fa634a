// A small element tree of one OOXML part, built with saxes. Names are rewritten to canonical
// prefixes by namespace (`w:p` whatever prefix the file uses, and the Strict OOXML namespaces
// map to the same prefixes), so the converter can match on plain names.
import { SaxesParser, type SaxesTagNS } from 'saxes';

export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: (XmlNode | string)[];
}

const PREFIXES: Record<string, string> = {
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main': 'w',
  'http://purl.oclc.org/ooxml/wordprocessingml/main': 'w',
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships': 'r',
  'http://purl.oclc.org/ooxml/officeDocument/relationships': 'r',
  'http://schemas.openxmlformats.org/package/2006/relationships': 'rel',
  'http://schemas.openxmlformats.org/package/2006/content-types': 'ct',
  'http://schemas.openxmlformats.org/markup-compatibility/2006': 'mc',
  'http://schemas.openxmlformats.org/officeDocument/2006/math': 'm',
  'http://purl.oclc.org/ooxml/officeDocument/math': 'm',
  'http://www.w3.org/XML/1998/namespace': 'xml',
};

// Deeper elements are left out (and counted): the converter walks the tree recursively.
const MAX_DEPTH = 1024;

export interface ParsedXml {
  root: XmlNode | undefined;
  /** Well-formedness errors saxes reported and recovered from. */
  errors: number;
  /** Control characters XML does not allow, removed before parsing. */
  removedControls: number;
  /** Elements nested deeper than the limit, left out. */
  tooDeep: number;
}

// Characters XML 1.0 forbids; a hostile or damaged part may still contain them.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Parses XML text into a tree; never throws: errors are counted and parsing goes on. */
export function parseXml(text: string): ParsedXml {
  let removedControls = 0;
  const clean = text.replace(FORBIDDEN, () => {
    removedControls++;
    return '';
  }).replace(CHAR_REF, (ref, hex: string | undefined, dec: string | undefined) => {
    const code = hex !== undefined ? parseInt(hex, 16) : Number(dec);
    if (allowedInXml(code)) return ref;
    removedControls++;
    return '';
  });
  const parser = new SaxesParser({ xmlns: true });
  const stack: XmlNode[] = [];
  let root: XmlNode | undefined;
  let errors = 0;
  let skipped = 0;
  let tooDeep = 0;
  parser.on('error', () => {
    errors++;
  });
  parser.on('opentag', (tag) => {
    if (skipped > 0 || stack.length >= MAX_DEPTH) {
      if (skipped === 0) tooDeep++;
      if (!(tag as SaxesTagNS).isSelfClosing) skipped++;
      return;
    }
    const node: XmlNode = { name: canonical(tag as SaxesTagNS), attrs: attributes(tag as SaxesTagNS), children: [] };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(node);
    else root ??= node;
    if (!(tag as SaxesTagNS).isSelfClosing) stack.push(node);
  });
  parser.on('closetag', (tag) => {
    if ((tag as SaxesTagNS).isSelfClosing) return;
    if (skipped > 0) skipped--;
    else stack.pop();
  });
  parser.on('text', (t) => {
    const parent = stack[stack.length - 1];
    if (parent && skipped === 0) parent.children.push(t);
  });
  try {
    parser.write(clean).close();
  } catch {
    errors++;
  }
  return { root, errors, removedControls, tooDeep };
}

// A character reference to a character XML forbids (saxes would keep it as literal text).
const CHAR_REF = /&#(?:x([0-9a-fA-F]{1,8})|([0-9]{1,10}));/g;

function allowedInXml(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

function canonical(tag: SaxesTagNS): string {
  const prefix = PREFIXES[tag.uri];
  return prefix ? `${prefix}:${tag.local}` : tag.local;
}

function attributes(tag: SaxesTagNS): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const key in tag.attributes) {
    const a = tag.attributes[key];
    if (a.prefix === 'xmlns' || a.name === 'xmlns') continue;
    const prefix = a.uri ? PREFIXES[a.uri] : undefined;
    out[prefix ? `${prefix}:${a.local}` : a.local] = a.value;
  }
  return out;
}

/** Child elements, optionally only those with the given name. */
export function elements(node: XmlNode | undefined, name?: string): XmlNode[] {
  if (!node) return [];
  const out: XmlNode[] = [];
  for (const c of node.children) if (typeof c !== 'string' && (name === undefined || c.name === name)) out.push(c);
  return out;
}

export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  if (!node) return undefined;
  for (const c of node.children) if (typeof c !== 'string' && c.name === name) return c;
  return undefined;
}

/** Follows a path of child names. */
export function path(node: XmlNode | undefined, ...names: string[]): XmlNode | undefined {
  let n = node;
  for (const name of names) n = child(n, name);
  return n;
}

/** `w:val` of a child element (the usual shape of OOXML properties). */
export function val(node: XmlNode | undefined, name: string): string | undefined {
  return child(node, name)?.attrs['w:val'];
}

/** An OOXML on/off property: present and not "false"/"0"/"off". */
export function isOn(node: XmlNode | undefined, name: string): boolean {
  const c = child(node, name);
  if (!c) return false;
  const v = c.attrs['w:val'];
  return v === undefined || !/^(false|0|off)$/i.test(v);
}

export function textOf(node: XmlNode): string {
  let s = '';
  for (const c of node.children) s += typeof c === 'string' ? c : textOf(c);
  return s;
}
