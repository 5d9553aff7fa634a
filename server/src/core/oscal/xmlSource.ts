// OSCAL XML with source positions: parsed with saxes (a strict, non-validating SAX parser that
// reports string offsets), then converted into the OSCAL JSON model (the conversion NIST
// specifies for catalogs and profiles: flags become keys, repeated elements become plural
// arrays, markup becomes Markdown), keeping the offsets of every element and attribute so that
// JSON pointers from schema validation point back into the XML.
import { SaxesParser, type SaxesTagNS } from 'saxes';
import type { Finding } from '../model.js';
import type { LineIndex } from '../text.js';
import { treeRanges, type OscalSource, type PosNode } from './source.js';
import { ownValue, setOwn } from '../own.js';

export const OSCAL_NS = 'http://csrc.nist.gov/ns/oscal/1.0';

interface XmlAttr {
  name: string;
  local: string;
  uri: string;
  value: string;
  nameStart: number;
  nameEnd: number;
  valueStart: number;
  valueEnd: number;
}

interface XmlElement {
  kind: 'element';
  name: string;
  local: string;
  uri: string;
  attrs: XmlAttr[];
  children: XmlChild[];
  start: number;
  end: number;
  nameStart: number;
  nameEnd: number;
}

interface XmlText {
  kind: 'text';
  text: string;
}

type XmlChild = XmlElement | XmlText;

class XmlSyntaxError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

const MAX_DEPTH = 256;

/** Parses XML into an element tree with offsets; throws XmlSyntaxError. */
function parseXmlTree(text: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let pending: XmlAttr[] = [];
  let tagStart = 0;
  parser.on('error', (err) => {
    throw new XmlSyntaxError(err.message.replace(/^\d+:\d+:\s*/, ''), Math.max(0, parser.position - 1));
  });
  parser.on('opentagstart', () => {
    tagStart = text.lastIndexOf('<', parser.position - 1);
    pending = [];
  });
  parser.on('attribute', (attr) => {
    const valueEnd = parser.position - 1;
    const quote = text[valueEnd];
    const valueStart = text.lastIndexOf(quote, valueEnd - 1) + 1;
    const nameStart = Math.max(tagStart, text.lastIndexOf(attr.name, valueStart));
    pending.push({ name: attr.name, local: attr.local, uri: '', value: attr.value, nameStart, nameEnd: nameStart + attr.name.length, valueStart, valueEnd });
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (stack.length >= MAX_DEPTH) throw new XmlSyntaxError('nesting too deep', tagStart);
    for (const a of pending) a.uri = tag.attributes[a.name]?.uri ?? '';
    const element: XmlElement = {
      kind: 'element', name: tag.name, local: tag.local, uri: tag.uri, attrs: pending, children: [],
      start: tagStart, end: parser.position, nameStart: tagStart + 1, nameEnd: tagStart + 1 + tag.name.length,
    };
    pending = [];
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else root = element;
    stack.push(element);
  });
  parser.on('closetag', () => {
    const element = stack.pop();
    if (element) element.end = parser.position;
  });
  const addText = (t: string): void => {
    const parent = stack[stack.length - 1];
    if (!parent) return;
    const last = parent.children[parent.children.length - 1];
    if (last?.kind === 'text') last.text += t;
    else parent.children.push({ kind: 'text', text: t });
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.write(text).close();
  if (!root) throw new XmlSyntaxError('no root element', 0);
  return root;
}

/** The root element's local name and namespace, read from the start of an XML text. */
export function xmlRoot(head: string): { local: string; uri: string } | undefined {
  const m = /<(?!\?|!)(?:([A-Za-z_][\w.-]*):)?([A-Za-z_][\w.-]*)([^>]*)>/.exec(head);
  if (!m) return undefined;
  const prefix = m[1];
  const attr = new RegExp(`\\bxmlns${prefix ? `:${prefix}` : ''}\\s*=\\s*["']([^"']*)["']`).exec(m[3]);
  return { local: m[2], uri: attr?.[1] ?? '' };
}

export function parseXmlSource(text: string, lines: LineIndex): OscalSource {
  let root: XmlElement;
  try {
    root = parseXmlTree(text);
  } catch (err) {
    if (!(err instanceof XmlSyntaxError)) throw err;
    const at = Math.min(err.offset, Math.max(0, text.length - 1));
    const finding: Finding = { code: 'syntax', range: lines.range(at, Math.min(text.length, at + 1)), message: 'xmlSyntax', args: { detail: err.message } };
    return { format: 'xml', value: undefined, findings: [finding], lines, rangeAt: treeRanges(undefined, lines) };
  }
  const converted = convertAssembly(root);
  const value = { [root.local]: converted.value };
  const node: PosNode = { start: 0, end: text.length, children: new Map([[root.local, converted.node]]) };
  return { format: 'xml', value, findings: [], lines, rangeAt: treeRanges(node, lines), rootNamespace: root.uri };
}

// ---- OSCAL XML → OSCAL JSON model ------------------------------------------------------------

/** Repeated elements and the name of their JSON array. */
const PLURAL: Record<string, string> = {
  prop: 'props', link: 'links', part: 'parts', param: 'params', control: 'controls', group: 'groups',
  role: 'roles', location: 'locations', party: 'parties', 'responsible-party': 'responsible-parties',
  'responsible-role': 'responsible-roles', 'document-id': 'document-ids', 'email-address': 'email-addresses',
  'telephone-number': 'telephone-numbers', address: 'addresses', 'addr-line': 'addr-lines', 'party-uuid': 'party-uuids',
  'location-uuid': 'location-uuids', 'member-of-org': 'member-of-orgs', 'external-id': 'external-ids',
  resource: 'resources', rlink: 'rlinks', hash: 'hashes', guideline: 'guidelines', constraint: 'constraints',
  test: 'tests', value: 'values', choice: 'choice', action: 'actions', url: 'urls', import: 'imports',
  'include-controls': 'include-controls', 'exclude-controls': 'exclude-controls', 'with-id': 'with-ids',
  matching: 'matching', 'set-parameter': 'set-parameters', alter: 'alters', add: 'adds', remove: 'removes',
  'insert-controls': 'insert-controls', 'role-id': 'role-ids',
};

/** Elements whose JSON form is a single object even though the name is in PLURAL elsewhere. */
const SINGULAR_UNDER: Record<string, Set<string>> = {
  location: new Set(['address']),
};

/** Wrapper elements of grouped lists (`<revisions><revision/></revisions>` → `revisions: [...]`). */
const GROUPED = new Set(['revisions']);

/** Markup-line fields: inline markup → a Markdown string. */
const MARKUP_LINE = new Set(['title', 'label', 'choice', 'text']);

/** Markup-multiline fields: block markup → a Markdown string. */
const MARKUP_MULTILINE = new Set(['remarks', 'description', 'usage', 'purpose']);

/** Plain string fields. */
const STRING_FIELD = new Set([
  'published', 'last-modified', 'version', 'oscal-version', 'name', 'short-name', 'email-address', 'city', 'state',
  'postal-code', 'country', 'addr-line', 'party-uuid', 'location-uuid', 'member-of-org', 'value', 'with-id',
  'expression', 'url', 'role-id',
]);

/** Fields with flags and a text value: the key the text goes under. */
const VALUE_KEY: Record<string, string> = {
  'document-id': 'identifier', 'telephone-number': 'number', hash: 'value', base64: 'value', 'external-id': 'id',
};

/** Block elements of markup-multiline: inside an assembly they form its `prose`. */
const BLOCK = new Set(['p', 'ul', 'ol', 'table', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'hr']);

interface Converted {
  value: unknown;
  node: PosNode;
}

function elementNode(el: XmlElement, children?: PosNode['children']): PosNode {
  return { start: el.start, end: el.end, keyStart: el.nameStart, keyEnd: el.nameEnd, children };
}

function convertAssembly(el: XmlElement): Converted {
  const value: Record<string, unknown> = {};
  const children = new Map<string, PosNode>();
  for (const attr of el.attrs) {
    if (attr.name === 'xmlns' || attr.name.startsWith('xmlns:') || attr.uri === 'http://www.w3.org/2001/XMLSchema-instance' || attr.name.startsWith('xml:')) continue;
    setOwn(value, attr.local, attr.value);
    children.set(attr.local, { start: attr.valueStart, end: attr.valueEnd, keyStart: attr.nameStart, keyEnd: attr.nameEnd });
  }
  const blocks: XmlElement[] = [];
  for (const child of el.children) {
    if (child.kind !== 'element') continue;
    if (BLOCK.has(child.local)) {
      blocks.push(child);
      continue;
    }
    const converted = convertChild(child);
    const plural = ownValue(SINGULAR_UNDER, el.local)?.has(child.local) ? undefined : ownValue(PLURAL, child.local);
    if (plural) {
      const list = (ownValue(value, plural) as unknown[] | undefined) ?? [];
      setOwn(value, plural, list);
      let arrayNode = children.get(plural);
      if (!arrayNode) {
        arrayNode = { start: child.start, end: child.end, keyStart: child.nameStart, keyEnd: child.nameEnd, children: [] };
        children.set(plural, arrayNode);
      }
      list.push(converted.value);
      (arrayNode.children as PosNode[]).push(converted.node);
      arrayNode.end = child.end;
    } else {
      setOwn(value, child.local, converted.value);
      children.set(child.local, converted.node);
    }
  }
  if (blocks.length > 0) {
    value.prose = blocksToMarkdown(blocks);
    children.set('prose', { start: blocks[0].start, end: blocks[blocks.length - 1].end, keyStart: blocks[0].nameStart, keyEnd: blocks[0].nameEnd });
  }
  return { value, node: elementNode(el, children) };
}

function convertChild(el: XmlElement): Converted {
  if (GROUPED.has(el.local)) {
    const items = el.children.filter((c): c is XmlElement => c.kind === 'element').map(convertChild);
    return { value: items.map((i) => i.value), node: elementNode(el, items.map((i) => i.node)) };
  }
  if (MARKUP_LINE.has(el.local)) return { value: inlineMarkdown(el.children).trim(), node: elementNode(el) };
  if (MARKUP_MULTILINE.has(el.local)) return { value: multilineMarkdown(el), node: elementNode(el) };
  if (STRING_FIELD.has(el.local) && el.attrs.length === 0) return { value: textOf(el).trim(), node: elementNode(el) };
  const key = ownValue(VALUE_KEY, el.local);
  if (key) {
    const converted = convertAssembly({ ...el, children: [] });
    (converted.value as Record<string, unknown>)[key] = textOf(el).trim();
    (converted.node.children as Map<string, PosNode>).set(key, elementNode(el));
    return converted;
  }
  return convertAssembly(el);
}

function textOf(el: XmlElement): string {
  return el.children.map((c) => (c.kind === 'text' ? c.text : textOf(c))).join('');
}

/** A markup-multiline element: its blocks, or its text when it has none. */
function multilineMarkdown(el: XmlElement): string {
  const blocks = el.children.filter((c): c is XmlElement => c.kind === 'element' && BLOCK.has(c.local));
  if (blocks.length === 0) return collapse(inlineMarkdown(el.children));
  return blocksToMarkdown(blocks);
}

function blocksToMarkdown(blocks: XmlElement[], indent = ''): string {
  return blocks.map((b) => blockMarkdown(b, indent)).filter((s) => s.length > 0).join('\n\n');
}

function blockMarkdown(el: XmlElement, indent: string): string {
  switch (el.local) {
    case 'p':
      return indent + collapse(inlineMarkdown(el.children));
    case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6':
      return `${indent}${'#'.repeat(Number(el.local[1]))} ${collapse(inlineMarkdown(el.children))}`;
    case 'pre':
      return `${indent}\`\`\`\n${textOf(el)}\n${indent}\`\`\``;
    case 'hr':
      return `${indent}---`;
    case 'blockquote':
      return blocksToMarkdown(elementsOf(el), indent).split('\n').map((l) => `> ${l}`).join('\n');
    case 'ul':
    case 'ol': {
      const ordered = el.local === 'ol';
      return elementsOf(el).filter((li) => li.local === 'li').map((li, i) => {
        const marker = ordered ? `${i + 1}. ` : '- ';
        const nested = elementsOf(li).filter((c) => c.local === 'ul' || c.local === 'ol');
        const own = collapse(inlineMarkdown(li.children.filter((c) => c.kind === 'text' || !(c.local === 'ul' || c.local === 'ol'))));
        const inner = nested.map((n) => blockMarkdown(n, `${indent}${' '.repeat(marker.length)}`));
        return [`${indent}${marker}${own}`, ...inner].join('\n');
      }).join('\n');
    }
    case 'table': {
      const rows = elementsOf(el).flatMap((c) => (c.local === 'tr' ? [c] : elementsOf(c).filter((r) => r.local === 'tr')));
      const cells = rows.map((r) => elementsOf(r).map((c) => collapse(inlineMarkdown(c.children)).replace(/\|/g, '\\|')));
      if (cells.length === 0) return '';
      const width = Math.max(...cells.map((c) => c.length));
      const line = (c: string[]): string => `${indent}| ${[...c, ...Array(width - c.length).fill('')].join(' | ')} |`;
      return [line(cells[0]), `${indent}|${' --- |'.repeat(width)}`, ...cells.slice(1).map(line)].join('\n');
    }
    default:
      return indent + collapse(inlineMarkdown(el.children));
  }
}

function elementsOf(el: XmlElement): XmlElement[] {
  return el.children.filter((c): c is XmlElement => c.kind === 'element');
}

function inlineMarkdown(children: XmlChild[]): string {
  return children.map((c) => {
    if (c.kind === 'text') return c.text.replace(/\s+/g, ' ');
    const inner = (): string => inlineMarkdown(c.children);
    const attr = (name: string): string => c.attrs.find((a) => a.local === name)?.value ?? '';
    switch (c.local) {
      case 'em': case 'i': return `*${inner()}*`;
      case 'strong': case 'b': return `**${inner()}**`;
      case 'code': return `\`${textOf(c)}\``;
      case 'q': return `"${inner()}"`;
      case 'sub': return `~${inner()}~`;
      case 'sup': return `^${inner()}^`;
      case 'a': return `[${inner()}](${attr('href')})`;
      case 'img': return `![${attr('alt')}](${attr('src')})`;
      case 'insert': return `{{ insert: ${attr('type')}, ${attr('id-ref')} }}`;
      case 'br': return '\n';
      default: return inner();
    }
  }).join('');
}

function collapse(text: string): string {
  return text.replace(/[ \t\r\n]+/g, ' ').trim();
}
