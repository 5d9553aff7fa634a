// Opens a .docx: tells a legacy .doc, an encrypted file, a non-zip and a zip that is not Word
// apart, and unzips only the parts the converter reads, with a cap on their declared sizes.
// fflate inflates an entry into a buffer of exactly its declared size and never grows it, so the
// declared sizes bound the memory a zip bomb can take.
import { unzipSync } from 'fflate';
import { parseXml, elements, type XmlNode } from './xml.js';

export type PackageProblem =
  | { reason: 'legacyDoc' }
  | { reason: 'encrypted' }
  | { reason: 'otherOle' }
  | { reason: 'notZip' }
  | { reason: 'corruptZip'; detail: string }
  | { reason: 'notWord'; detail?: 'excel' | 'powerpoint' }
  | { reason: 'tooLarge'; limitMb: number };

export interface WordPackage {
  document: string;
  styles?: string;
  numbering?: string;
  documentRels?: string;
}

/** Total declared size of the parts read; larger packages are refused. */
export const MAX_UNCOMPRESSED = 200 * 1024 * 1024;
const MAX_ENTRIES = 100_000;
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
// .docx, .dotx, .docm and .dotm main parts.
const MAIN_TYPES = /^application\/vnd\.(openxmlformats-officedocument\.wordprocessingml\.(document|template)|ms-word\.(document|template)\.macroEnabled(Template)?)\.main\+xml$/i;
const OFFICE_DOCUMENT = /\/officeDocument$/;

export function openPackage(bytes: Uint8Array, maxUncompressed = MAX_UNCOMPRESSED): { ok: true; parts: WordPackage } | ({ ok: false } & PackageProblem) {
  if (startsWith(bytes, OLE)) return { ok: false, ...oleKind(bytes) };
  if (!(startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06]))) return { ok: false, reason: 'notZip' };
  const shape = centralDirectoryProblem(bytes);
  if (shape) return { ok: false, reason: 'corruptZip', detail: shape };
  try {
    const names = new Map<string, number>();
    unzipSync(bytes, { filter: (f) => (names.set(f.name, f.originalSize), false) });
    const main = mainPartName(bytes, names, maxUncompressed);
    if (!main) {
      const detail = names.has('xl/workbook.xml') ? 'excel' : names.has('ppt/presentation.xml') ? 'powerpoint' : undefined;
      return { ok: false, reason: 'notWord', ...(detail ? { detail } : {}) };
    }
    const dir = main.slice(0, main.lastIndexOf('/') + 1);
    const relsName = `${dir}_rels/${main.slice(dir.length)}.rels`;
    const rels = names.has(relsName) && (names.get(relsName) ?? 0) <= maxUncompressed ? text(unzipOne(bytes, relsName)) : undefined;
    const targets = relationshipTargets(rels, dir);
    const wanted = [main, targets.styles, targets.numbering].filter((n): n is string => n !== undefined && names.has(n));
    const total = wanted.reduce((sum, n) => sum + (names.get(n) ?? 0), 0);
    if (total > maxUncompressed) return { ok: false, reason: 'tooLarge', limitMb: Math.round(maxUncompressed / 1024 / 1024) };
    const files = unzipSync(bytes, { filter: (f) => wanted.includes(f.name) });
    const part = (n: string | undefined) => (n && files[n] ? text(files[n]) : undefined);
    return { ok: true, parts: { document: part(main) ?? '', styles: part(targets.styles), numbering: part(targets.numbering), documentRels: rels } };
  } catch (err) {
    return { ok: false, reason: 'corruptZip', detail: err instanceof Error ? err.message : String(err) };
  }
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

/**
 * An encrypted .docx is an OLE compound file with an `EncryptedPackage` stream; a Word 97–2003
 * file has a `WordDocument` stream. Stream names are stored in UTF-16LE in the directory.
 */
function oleKind(bytes: Uint8Array): PackageProblem {
  if (containsUtf16(bytes, 'EncryptedPackage')) return { reason: 'encrypted' };
  if (containsUtf16(bytes, 'WordDocument')) return { reason: 'legacyDoc' };
  return { reason: 'otherOle' };
}

function containsUtf16(bytes: Uint8Array, name: string): boolean {
  const pattern = new Uint8Array(name.length * 2);
  for (let i = 0; i < name.length; i++) pattern[i * 2] = name.charCodeAt(i);
  outer: for (let i = 0; i + pattern.length <= bytes.length; i++) {
    if (bytes[i] !== pattern[0]) continue;
    for (let j = 1; j < pattern.length; j++) if (bytes[i + j] !== pattern[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * fflate trusts the end-of-central-directory record; a forged entry count would make it walk
 * billions of entries. Check that the count and offset fit the file first.
 */
function centralDirectoryProblem(bytes: Uint8Array): string | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let e = bytes.length - 22;
  const stop = Math.max(0, bytes.length - 65557);
  while (e >= stop && !(e >= 0 && view.getUint32(e, true) === 0x06054b50)) e--;
  if (e < stop || e < 0) return 'no end of central directory';
  let count = view.getUint16(e + 8, true);
  let offset = view.getUint32(e + 16, true);
  if (e >= 20 && view.getUint32(e - 20, true) === 0x07064b50) {
    const z = Number(view.getBigUint64(e - 12, true));
    if (z + 56 > bytes.length || view.getUint32(z, true) !== 0x06064b50) return 'bad zip64 record';
    count = Number(view.getBigUint64(z + 32, true));
    offset = Number(view.getBigUint64(z + 48, true));
  }
  if (count > MAX_ENTRIES) return `${count} entries`;
  if (offset + count * 46 > bytes.length) return 'central directory outside the file';
  return undefined;
}

function unzipOne(bytes: Uint8Array, name: string): Uint8Array {
  return unzipSync(bytes, { filter: (f) => f.name === name })[name] ?? new Uint8Array();
}

function text(bytes: Uint8Array): string {
  const s = new TextDecoder('utf-8').decode(bytes);
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

/** The package's main part: the officeDocument relationship, if its content type is Word's. */
function mainPartName(bytes: Uint8Array, names: Map<string, number>, cap: number): string | undefined {
  for (const n of ['_rels/.rels', '[Content_Types].xml']) if ((names.get(n) ?? 0) > cap) return undefined;
  const rels = names.has('_rels/.rels') ? parseXml(text(unzipOne(bytes, '_rels/.rels'))).root : undefined;
  const types = names.has('[Content_Types].xml') ? parseXml(text(unzipOne(bytes, '[Content_Types].xml'))).root : undefined;
  const target = elements(rels, 'rel:Relationship').find((r) => OFFICE_DOCUMENT.test(r.attrs.Type ?? ''))?.attrs.Target;
  const main = target ? resolvePart('', target) : names.has('word/document.xml') ? 'word/document.xml' : undefined;
  if (!main || !names.has(main)) return undefined;
  return contentType(types, main)?.match(MAIN_TYPES) ? main : undefined;
}

function contentType(types: XmlNode | undefined, part: string): string | undefined {
  const override = elements(types, 'ct:Override').find((o) => (o.attrs.PartName ?? '').replace(/^\//, '') === part);
  if (override) return override.attrs.ContentType;
  const ext = part.slice(part.lastIndexOf('.') + 1).toLowerCase();
  return elements(types, 'ct:Default').find((d) => (d.attrs.Extension ?? '').toLowerCase() === ext)?.attrs.ContentType;
}

function relationshipTargets(rels: string | undefined, dir: string): { styles?: string; numbering?: string } {
  const root = rels ? parseXml(rels).root : undefined;
  const find = (type: string) => {
    const r = elements(root, 'rel:Relationship').find((x) => (x.attrs.Type ?? '').endsWith(`/${type}`) && x.attrs.TargetMode !== 'External');
    return r?.attrs.Target ? resolvePart(dir, r.attrs.Target) : undefined;
  };
  return { styles: find('styles') ?? `${dir}styles.xml`, numbering: find('numbering') ?? `${dir}numbering.xml` };
}

function resolvePart(dir: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : dir + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

/** External hyperlink targets by relationship id. */
export function hyperlinkTargets(rels: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  const root = rels ? parseXml(rels).root : undefined;
  for (const r of elements(root, 'rel:Relationship')) {
    if ((r.attrs.Type ?? '').endsWith('/hyperlink') && r.attrs.Id && r.attrs.Target) out.set(r.attrs.Id, r.attrs.Target);
  }
  return out;
}
