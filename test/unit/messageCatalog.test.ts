// Every message of the catalog in both languages: the same arguments read in ja and en, every
// placeholder filled, no English words in the Japanese text except ids, codes, keys and
// quoted input, and the terms of docs/glossary.md used rather than their avoided variants.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
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
]);

function englishWords(ja: string): string[] {
  // Placeholders, quoted input, options (--max-warnings), commands (kijun diff) and hyphenated codes go first.
  const unquoted = ja.replace(/⟦[^⟧]*⟧/g, '').replace(/「[^」]*」/g, '').replace(/--?[\w-]+/g, '').replace(/kijun \w+/g, '').replace(/\w+(?:-\w+)+/g, '');
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
