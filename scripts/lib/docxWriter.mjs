// A small .docx writer for tests and for the sample script: it writes the parts Word itself
// writes for what Kijun reads (document, styles, numbering, relationships, comments, media),
// so that importer tests run on real package structure, not on mocked parsers. Output is
// byte-for-byte reproducible (fixed timestamps), so a committed sample can be rebuilt.
import { zipSync, strToU8 } from 'fflate';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
// Local-time constructor: the DOS timestamps in the zip then do not depend on the time zone.
const MTIME = new Date(2026, 0, 1, 0, 0, 0);

export function xmlEscape(s) {
  return String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
}

/** A run of text; `\n` becomes a line break. */
export function run(text, { rPr = '' } = {}) {
  const pieces = String(text).split('\n').map((t) => `<w:t xml:space="preserve">${xmlEscape(t)}</w:t>`);
  return `<w:r>${rPr ? `<w:rPr>${rPr}</w:rPr>` : ''}${pieces.join('<w:br/>')}</w:r>`;
}

/**
 * A paragraph. `content` is text (one run) or raw run XML when `raw` is set.
 * Options: style (style id), numId/ilvl (direct numbering), pPr (extra raw properties).
 */
export function paragraph(content = '', { style, numId, ilvl, raw = false, pPr = '' } = {}) {
  const props = [
    style ? `<w:pStyle w:val="${xmlEscape(style)}"/>` : '',
    numId !== undefined || ilvl !== undefined ? `<w:numPr>${ilvl !== undefined ? `<w:ilvl w:val="${ilvl}"/>` : ''}${numId !== undefined ? `<w:numId w:val="${numId}"/>` : ''}</w:numPr>` : '',
    pPr,
  ].join('');
  return `<w:p>${props ? `<w:pPr>${props}</w:pPr>` : ''}${raw ? content : content ? run(content) : ''}</w:p>`;
}

/** A table; each cell is text (one paragraph per line) or raw XML (`{ xml }`). */
export function table(rows) {
  const cell = (c) => `<w:tc><w:tcPr><w:tcW w:w="0" w:type="auto"/></w:tcPr>${typeof c === 'object' ? c.xml : String(c).split('\n').map((l) => paragraph(l)).join('')}</w:tc>`;
  return `<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr>${rows.map((r) => `<w:tr>${r.map(cell).join('')}</w:tr>`).join('')}</w:tbl>`;
}

/** A hyperlink run to a relationship id that `buildDocx({ hyperlinks })` defines. */
export function hyperlink(id, text) {
  return `<w:hyperlink r:id="${xmlEscape(id)}">${run(text, { rPr: '<w:rStyle w:val="Hyperlink"/>' })}</w:hyperlink>`;
}

export function inserted(runsXml, id = 1) {
  return `<w:ins w:id="${id}" w:author="Reviewer" w:date="2026-11-01T00:00:00Z">${runsXml}</w:ins>`;
}

export function deleted(text, id = 2) {
  return `<w:del w:id="${id}" w:author="Reviewer" w:date="2026-11-01T00:00:00Z"><w:r><w:delText xml:space="preserve">${xmlEscape(text)}</w:delText></w:r></w:del>`;
}

/** An inline picture that refers to `rId` (an image relationship). */
export function image(rId = 'rIdImage1') {
  return `<w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><wp:extent cx="952500" cy="952500"/><wp:docPr id="1" name="Picture 1"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:blipFill><a:blip r:embed="${rId}"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`;
}

/** A comment anchor around `runsXml`; the comment text goes to `buildDocx({ comments })`. */
export function commented(runsXml, id = 0) {
  return `<w:commentRangeStart w:id="${id}"/>${runsXml}<w:commentRangeEnd w:id="${id}"/><w:r><w:commentReference w:id="${id}"/></w:r>`;
}

/** A paragraph style. `numId`/`ilvl` link it to numbering; `outlineLvl` is 0-based. */
export function style({ id, name, basedOn, next, outlineLvl, numId, ilvl, isDefault = false }) {
  const pPr = [
    numId !== undefined ? `<w:numPr>${ilvl !== undefined ? `<w:ilvl w:val="${ilvl}"/>` : ''}<w:numId w:val="${numId}"/></w:numPr>` : '',
    outlineLvl !== undefined ? `<w:outlineLvl w:val="${outlineLvl}"/>` : '',
  ].join('');
  return `<w:style w:type="paragraph"${isDefault ? ' w:default="1"' : ''} w:styleId="${xmlEscape(id)}"><w:name w:val="${xmlEscape(name)}"/>${basedOn ? `<w:basedOn w:val="${xmlEscape(basedOn)}"/>` : ''}${next ? `<w:next w:val="${xmlEscape(next)}"/>` : ''}<w:qFormat/>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}</w:style>`;
}

/** One numbering level: `{ ilvl, start, numFmt, lvlText, pStyle, lvlRestart, suff, isLgl }`. */
export function level({ ilvl, start = 1, numFmt = 'decimal', lvlText, pStyle, lvlRestart, suff, isLgl = false }) {
  return `<w:lvl w:ilvl="${ilvl}"><w:start w:val="${start}"/><w:numFmt w:val="${numFmt}"/>${lvlRestart !== undefined ? `<w:lvlRestart w:val="${lvlRestart}"/>` : ''}${pStyle ? `<w:pStyle w:val="${xmlEscape(pStyle)}"/>` : ''}${isLgl ? '<w:isLgl/>' : ''}${suff ? `<w:suff w:val="${suff}"/>` : ''}<w:lvlText w:val="${xmlEscape(lvlText ?? `%${ilvl + 1}.`)}"/><w:lvlJc w:val="left"/></w:lvl>`;
}

export function abstractNum(id, levels) {
  return `<w:abstractNum w:abstractNumId="${id}"><w:multiLevelType w:val="multilevel"/>${levels.map(level).join('')}</w:abstractNum>`;
}

/** A list instance; `overrides` is `[{ ilvl, start }]` (w:startOverride). */
export function num(numId, abstractId, overrides = []) {
  return `<w:num w:numId="${numId}"><w:abstractNumId w:val="${abstractId}"/>${overrides.map((o) => `<w:lvlOverride w:ilvl="${o.ilvl}"><w:startOverride w:val="${o.start}"/></w:lvlOverride>`).join('')}</w:num>`;
}

/**
 * The .docx bytes. `body`: paragraph and table XML; `styles`: style XML (a Normal style is
 * added); `numbering`: abstractNum and num XML, abstracts first; `hyperlinks`: [{ id, url }];
 * `comments`: [{ id, text }]; `images`: number of image parts (referred to as rIdImage1…).
 */
export function buildDocx({ body, styles = [], numbering = [], hyperlinks = [], comments = [], images = 0 }) {
  const files = {};
  const overrides = [
    ['/word/document.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml'],
    ['/word/styles.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml'],
  ];
  const rels = [[`rIdStyles`, `${TYPE}/styles`, 'styles.xml']];
  if (numbering.length) {
    overrides.push(['/word/numbering.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml']);
    rels.push(['rIdNumbering', `${TYPE}/numbering`, 'numbering.xml']);
    files['word/numbering.xml'] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering xmlns:w="${W}">${numbering.join('')}</w:numbering>`;
  }
  if (comments.length) {
    overrides.push(['/word/comments.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml']);
    rels.push(['rIdComments', `${TYPE}/comments`, 'comments.xml']);
    files['word/comments.xml'] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments xmlns:w="${W}">${comments.map((c) => `<w:comment w:id="${c.id}" w:author="Reviewer">${paragraph(c.text)}</w:comment>`).join('')}</w:comments>`;
  }
  for (let i = 1; i <= images; i++) {
    rels.push([`rIdImage${i}`, `${TYPE}/image`, `media/image${i}.png`]);
    files[`word/media/image${i}.png`] = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  }
  const relXml = (list, external = []) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${REL}">${list.map(([id, type, target]) => `<Relationship Id="${id}" Type="${type}" Target="${xmlEscape(target)}"/>`).join('')}${external.map((h) => `<Relationship Id="${xmlEscape(h.id)}" Type="${TYPE}/hyperlink" Target="${xmlEscape(h.url)}" TargetMode="External"/>`).join('')}</Relationships>`;
  files['[Content_Types].xml'] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>${overrides.map(([p, t]) => `<Override PartName="${p}" ContentType="${t}"/>`).join('')}</Types>`;
  files['_rels/.rels'] = relXml([['rId1', `${TYPE}/officeDocument`, 'word/document.xml']]);
  files['word/_rels/document.xml.rels'] = relXml(rels, hyperlinks);
  files['word/styles.xml'] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="${W}">${style({ id: 'a', name: 'Normal', isDefault: true })}${styles.join('')}</w:styles>`;
  files['word/document.xml'] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>${body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`;
  return zip(files);
}

/** A zip of the given files (strings are UTF-8), with fixed timestamps. */
export function zip(files) {
  const entries = {};
  for (const [name, data] of Object.entries(files)) entries[name] = [typeof data === 'string' ? strToU8(data) : data, { mtime: MTIME }];
  return zipSync(entries, { level: 6, mtime: MTIME });
}
