// Every message of the catalog in both languages: the same arguments read in ja and en, every
// placeholder filled, no English words in the Japanese text except ids, codes, keys and
// quoted input, and the terms of docs/glossary.md used rather than their avoided variants.
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { messageIds, renderRaw, type MessageId } from '../../server/src/core/messages.js';
import type { Locale } from '../../server/src/core/model.js';

/** Renders a message with a Proxy for its arguments: every argument read gets a marked sample value. */
function render(id: MessageId, locale: Locale): { text: string; read: Set<string> } {
  const read = new Set<string>();
  const args = new Proxy({}, {
    get: (_t, key) => {
      if (typeof key !== 'string') return undefined;
      read.add(key);
      return `⟦${key}⟧`;
    },
  }) as Record<string, string>;
  return { text: renderRaw(id, locale, args), read };
}

// Words that are names, not prose: file and key names of the formats, rule and schema keys,
// option names, identifiers and format names a user types as they are.
const CODE_WORDS = new Set([
  'YAML', 'JSON', 'XML', 'NIST', 'CSF', 'OSCAL', 'UTF', 'LE', 'BE', 'ID', 'IDs', 'kijun', 'yaml', 'rationale', 'exemptable', 'false', 'true', 'null',
  'csf', 'x', 'measureLabels', 'Strength', 'required', 'dimensions', 'functions', 'back', 'matter', 'insert', 'kind', 'standard', 'sectors',
  'oscal', 'path', 'levels', 'profiles', 'output', 'FILE', 'xlsx', 'format', 'csv', 'http', 'csrc', 'nist', 'gov', 'ns', 'catalog',
  'YYYY', 'MM', 'DD', 'as', 'of', 'id', 'network', 'closed', 'system', 'it', 'ot', 'general', 'EL', 'PR', 'key', 'value', 'Markdown', 'Word', 'Excel', 'ja', 'en', 'locale', 'exemptions',
  // Product, file and unit names, and keys of the OSCAL and front-matter formats the sub-catalogs name.
  'Kijun', 'PowerPoint', 'Office', 'zip', 'doc', 'docx', 'MB', 'PDF', 'json', 'may', 'covers', 'coverage', 'remarks', 'VERSION', 'version',
  'replacedBy', 'baseline', 'review', 'compensating', 'sector', 'Schema',
]);

function englishWords(ja: string): string[] {
  // Placeholders, quoted input, options (--max-warnings), commands (kijun diff) and hyphenated codes go first.
  const unquoted = ja.replace(/⟦[^⟧]*⟧/g, '').replace(/「[^」]*」/g, '').replace(/\w+(?:-\w+)+/g, '').replace(/--?[\w-]+/g, '').replace(/kijun \w+/g, '');
  return (unquoted.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !CODE_WORDS.has(w));
}

interface GlossaryRow { ja: string; en: string; avoid: string[] }

/** The table rows of docs/glossary.md: | 日本語 | English | 使わない語 |. */
function glossary(): GlossaryRow[] {
  const rows: GlossaryRow[] = [];
  for (const line of readFileSync('docs/glossary.md', 'utf8').split('\n')) {
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    if (cells.length < 3 || cells[0] === '日本語' || /^-+$/.test(cells[0])) continue;
    rows.push({ ja: cells[0], en: cells[1], avoid: cells[2] ? cells[2].split(/[、,]\s*/).map((w) => w.replace(/^「|」$/g, '')).filter(Boolean) : [] });
  }
  return rows;
}

describe('message catalog', () => {
  const ids = messageIds();

  it('has messages', () => {
    assert.ok(ids.length > 100, `${ids.length} messages`);
  });

  it('reads the same arguments in ja and en', () => {
    const differ = ids.filter((id) => [...render(id, 'ja').read].sort().join() !== [...render(id, 'en').read].sort().join());
    assert.deepEqual(differ, []);
  });

  it('fills every placeholder in both languages', () => {
    const bad: string[] = [];
    for (const id of ids) {
      for (const locale of ['ja', 'en'] as const) {
        const { text, read } = render(id, locale);
        if (/undefined|\[object |NaN|\$\{/.test(text) || text.trim() === '') bad.push(`${id}.${locale}: ${text}`);
        for (const key of read) if (!text.includes(`⟦${key}⟧`) && !isConditionOnly(id, key)) bad.push(`${id}.${locale}: ${key} not shown`);
      }
    }
    assert.deepEqual(bad, []);
  });

  it('has no English words in the Japanese text except ids, codes and quoted input', () => {
    const bad = ids.map((id) => [id, englishWords(render(id, 'ja').text)] as const).filter(([, words]) => words.length > 0).map(([id, words]) => `${id}: ${words.join(' ')}`);
    assert.deepEqual(bad, []);
  });

  it('uses the glossary terms, never their avoided variants', () => {
    const rows = glossary();
    assert.ok(rows.length >= 20, 'the glossary has its terms');
    const terms = rows.map((r) => r.ja).sort((a, b) => b.length - a.length);
    const bad: string[] = [];
    for (const id of ids) {
      // Glossary terms are removed first, so that 標準出力 (a term) does not count as 標準 (avoided).
      let text = render(id, 'ja').text.replace(/⟦[^⟧]*⟧/g, '');
      for (const term of terms) text = text.split(term).join('□');
      for (const row of rows) for (const word of row.avoid) if (text.includes(word)) bad.push(`${id}: 「${word}」 (use 「${row.ja}」)`);
    }
    assert.deepEqual(bad, []);
  });
});

/** Arguments that only decide a wording (a.measures: singular or plural) need not be shown. */
function isConditionOnly(id: MessageId, key: string): boolean {
  return id === 'plannedCoverage' && key === 'scope';
}

// The sub-catalogs (core/texts.ts): every table of words in server/src, rendered in both
// languages with sample arguments and held to the same checks as the message catalog.
describe('sub-catalogs', () => {
  const sources = sourceFiles('server/src').filter((f) => !f.endsWith('core/texts.ts'));
  const defining = sources.filter((f) => /\b(?:localeTexts|registerTexts)\('/.test(readFileSync(f, 'utf8')));
  const names = defining.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\b(?:localeTexts|registerTexts)\('([^']+)'/g)].map((m) => m[1]));
  let entries: Entry[] = [];
  let registered: string[] = [];

  before(async () => {
    // Imported the way the defining modules import it, so that they share one registry.
    const texts = (await import(pathToFileURL(join(process.cwd(), 'server/src/core/texts.ts')).href)) as typeof import('../../server/src/core/texts.js');
    for (const f of defining) await import(pathToFileURL(join(process.cwd(), f)).href);
    registered = [...texts.registeredTexts().keys()];
    entries = [...texts.registeredTexts()].flatMap(([name, table]) => pairsOf(table, name));
  });

  it('registers every sub-catalog defined in the sources, each name once', () => {
    assert.ok(names.length >= 10, `${names.length} sub-catalogs`);
    assert.deepEqual(registered.sort(), [...new Set(names)].sort());
    assert.equal(new Set(names).size, names.length, 'a sub-catalog name is used twice');
  });

  it('has an English form for every Japanese one, and the other way round', () => {
    const missing = entries.filter((e) => e.ja === undefined || e.en === undefined).map((e) => e.path);
    assert.deepEqual(missing, []);
  });

  it('renders every entry in both languages with the same arguments shown', () => {
    const bad: string[] = [];
    for (const e of entries) {
      const ja = renderEntry(e.ja);
      const en = renderEntry(e.en);
      for (const [locale, text] of [['ja', ja], ['en', en]] as const) {
        if (/undefined|\[object |NaN|\$\{/.test(text) || text.trim() === '') bad.push(`${e.path}.${locale}: ${text}`);
      }
      if (shown(ja).join() !== shown(en).join()) bad.push(`${e.path}: ja shows ${shown(ja).join() || 'nothing'}, en shows ${shown(en).join() || 'nothing'}`);
    }
    assert.deepEqual(bad, []);
  });

  it('has no English words in the Japanese text except ids, codes and quoted input', () => {
    const bad = entries.map((e) => [e.path, englishWords(renderEntry(e.ja))] as const).filter(([, words]) => words.length > 0).map(([path, words]) => `${path}: ${words.join(' ')}`);
    assert.deepEqual(bad, []);
  });

  it('uses the glossary terms, never their avoided variants', () => {
    const rows = glossary();
    const terms = rows.map((r) => r.ja).sort((a, b) => b.length - a.length);
    const bad: string[] = [];
    for (const e of entries) {
      let text = renderEntry(e.ja).replace(/⟦[^⟧]*⟧/g, '');
      for (const term of terms) text = text.split(term).join('□');
      for (const row of rows) for (const word of row.avoid) if (text.includes(word)) bad.push(`${e.path}: 「${word}」 (use 「${row.ja}」)`);
    }
    assert.deepEqual(bad, []);
  });
});

interface Entry { path: string; ja: unknown; en: unknown }

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? sourceFiles(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : []));
}

const isLeaf = (v: unknown): boolean => typeof v === 'string' || typeof v === 'function';

/** The ja/en pairs of a table: per language (`{ ja: {...}, en: {...} }`) or per entry, at any depth. */
function pairsOf(node: unknown, path: string): Entry[] {
  if (typeof node !== 'object' || node === null) return [];
  const o = node as Record<string, unknown>;
  if ('ja' in o || 'en' in o) {
    if (isLeaf(o.ja) || isLeaf(o.en)) return [{ path, ja: o.ja, en: o.en }];
    return zip(o.ja, o.en, path);
  }
  return Object.entries(o).flatMap(([k, v]) => pairsOf(v, `${path}.${k}`));
}

function zip(ja: unknown, en: unknown, path: string): Entry[] {
  if (isLeaf(ja) || isLeaf(en)) return [{ path, ja, en }];
  const a = (ja ?? {}) as Record<string, unknown>;
  const b = (en ?? {}) as Record<string, unknown>;
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].flatMap((k) => zip(a[k], b[k], `${path}.${k}`));
}

/**
 * A sample argument: shown as ⟦name⟧ in a template, and usable as the list, record or number a
 * template may take (files.join, counts.reached, n === 1).
 */
function sample(label: string): unknown {
  return new Proxy({}, {
    get: (_t, key) => {
      if (key === Symbol.toPrimitive || key === 'toString' || key === 'join') return () => `⟦${label}⟧`;
      if (key === 'length') return 2;
      if (key === 'map') return (f: (x: unknown) => unknown) => [f(sample(`${label}[0]`))];
      return typeof key === 'string' ? `⟦${label}.${key}⟧` : undefined;
    },
  });
}

function renderEntry(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v !== 'function') return String(v);
  const f = v as (...args: unknown[]) => unknown;
  return String(f(...Array.from({ length: Math.max(f.length, 1) }, (_x, i) => sample(String(i)))));
}

function shown(text: string): string[] {
  return [...new Set(text.match(/⟦[^⟧]*⟧/g) ?? [])].sort();
}
