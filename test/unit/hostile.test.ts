// Hostile input (issue 7): every file below gets a located finding or a "skipped" notice, never an
// exception or a hang, in the core, the real CLI and the real language server. Times are measured
// and printed with KIJUN_TIMINGS=1 (docs/robustness.md); only mocha's timeout guards against hangs.
// KIJUN_HOSTILE_FULL=1 also runs the 100,000-measure files, which take tens of seconds.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { HoverRequest, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { check, CATALOG, markdown } from '../helpers/memoryWorkspace.js';
import { tempDir } from '../helpers/tmp.js';
import { LspClient, fileUri } from '../helpers/lspClient.js';
import { LineIndex } from '../../server/src/core/text.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FULL = process.env.KIJUN_HOSTILE_FULL === '1';
const DEEP = 10_000;
const MEASURES = FULL ? 100_000 : 10_000;
const encoder = new TextEncoder();

/** What the author must see: a finding with this code whose message matches, or none at all (a clean parse). */
interface Expect {
  code: string;
  message?: RegExp;
  /** A notice at the start of a file that was not checked. */
  skipped?: boolean;
  /** Read like any other file. Alone in a sector it shows uncovered controls; in the shared CLI workspace only the absence of syntax and schema findings shows it. */
  parsed?: boolean;
}

interface Hostile {
  name: string;
  file: string;
  content: string | Uint8Array;
  expect: Expect;
  /** Bytes no editor would hand over as text: only the CLI and the core read them. */
  notLsp?: boolean;
  /** What the server reports when the editor hands over this text (it has already decoded it). */
  lspExpect?: Expect;
}

const STANDARD = markdown('level: 1\n', '# 電力\n\n## EL-PR-01 遠隔アクセス\nCovers: BL-PR-01\n');
const LONG_ID = `BL-${'A'.repeat(DEEP)}`;

function utf16(text: string, order: 'le' | 'be'): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out.set(order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 + 2 * i + (order === 'le' ? 0 : 1)] = c & 0xff;
    out[2 + 2 * i + (order === 'le' ? 1 : 0)] = c >> 8;
  }
  return out;
}

/** Nine levels of nine aliases each: 9^9 nodes if expanded. */
function aliasBomb(): string {
  let yaml = 'kind: standard\nsector: finance\nbaseline: jp-ci-baseline@2026.1\nx-a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
  for (let i = 1; i < 10; i++) yaml += `x-a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]\n`;
  return yaml;
}

function manyMeasuresMarkdown(n: number): string {
  const parts = [markdown('', '# 電力\n\n')];
  for (let i = 0; i < n; i++) parts.push(`## EL-PR-${i}\nCovers: BL-PR-01\n`);
  return parts.join('');
}

function manyMeasuresYaml(n: number): string {
  const parts = ['kind: standard\nsector: finance\nbaseline: jp-ci-baseline@2026.1\nmeasures:\n'];
  for (let i = 0; i < n; i++) parts.push(`  - id: FN-PR-${i}\n    covers: [BL-PR-01]\n`);
  return parts.join('');
}

const uncovered: Expect = { code: 'uncovered-control', parsed: true };

const HOSTILE: Hostile[] = [
  { name: 'YAML alias bomb (billion laughs)', file: 'bomb.yaml', content: aliasBomb(), expect: { code: 'syntax', message: /alias/i } },
  // YAML allows an anchor inside itself; it reads as a self-containing list, which the schema rejects where it matters.
  { name: 'circular YAML alias', file: 'circular.yaml', content: 'kind: standard\nsector: finance\nbaseline: jp-ci-baseline@2026.1\nmeasures: &a [*a]\n', expect: { code: 'schema', message: /wrong type/ } },
  { name: 'circular YAML alias under an x- key', file: 'circular-x.yaml', content: 'kind: standard\nsector: finance\nbaseline: jp-ci-baseline@2026.1\nx-loop: &a [{ self: *a }]\n', expect: uncovered },
  { name: '10,000-deep YAML flow nesting', file: 'flow-deep.yaml', content: `kind: standard\nsector: finance\nx-deep: ${'['.repeat(DEEP)}${']'.repeat(DEEP)}\n`, expect: { code: 'syntax' } },
  { name: '10,000-deep YAML block nesting', file: 'block-deep.yaml', content: `kind: standard\nsector: finance\nx-deep:\n  ${'- '.repeat(DEEP)}leaf\n`, expect: { code: 'syntax' } },
  { name: '10,000-deep Markdown nested list', file: 'list-deep.md', content: markdown('', `# 電力\n\n## EL-PR-01 x\n${'- '.repeat(DEEP)}Covers: BL-PR-01\n`), expect: { code: 'syntax', message: /nests lists or block quotes 10000 deep/ } },
  { name: '10,000-deep Markdown block quote', file: 'quote-deep.md', content: markdown('', `# 電力\n\n## EL-PR-01 x\n${'>'.repeat(DEEP)} Covers: BL-PR-01\n`), expect: { code: 'syntax', message: /nests lists or block quotes 10000 deep/ } },
  { name: 'binary file (PNG header)', file: 'image.md', content: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), expect: { code: 'syntax', message: /binary/, skipped: true }, notLsp: true },
  { name: 'NUL byte inside a standard', file: 'nul.md', content: STANDARD.replace('遠隔', '遠\0隔'), expect: { code: 'syntax', message: /binary/, skipped: true }, lspExpect: uncovered },
  { name: 'invalid UTF-8 (Shift_JIS bytes)', file: 'sjis.md', content: new Uint8Array([...encoder.encode('---\nkind: standard\ntitle: '), 0x93, 0xfa, 0x96, 0x7b, 0x0a]), expect: { code: 'syntax', message: /not valid UTF-8 \(byte 26\)/, skipped: true }, notLsp: true },
  { name: 'UTF-16 LE with BOM', file: 'utf16le.md', content: utf16(STANDARD, 'le'), expect: uncovered, notLsp: true },
  { name: 'UTF-16 BE with BOM', file: 'utf16be.md', content: utf16(STANDARD, 'be'), expect: uncovered, notLsp: true },
  { name: 'UTF-16 with a lone surrogate', file: 'utf16-lone.md', content: utf16(STANDARD.replace('遠隔', '遠\udc00隔'), 'le'), expect: { code: 'syntax', message: /UTF-16 LE but contains an invalid character/, skipped: true }, notLsp: true },
  { name: 'UTF-8 BOM + CRLF', file: 'bom-crlf.md', content: `\ufeff${STANDARD.replace(/\n/g, '\r\n')}`, expect: uncovered },
  { name: 'lone surrogate in an open document', file: 'lone.md', content: STANDARD.replace('遠隔', '遠\ud800隔'), expect: uncovered },
  { name: 'unterminated front matter', file: 'unterminated.md', content: '---\nkind: standard\nsector: electricity\n# 電力\n## EL-PR-01 x\n', expect: { code: 'syntax', message: /front matter is not closed/ } },
  { name: 'front matter that is a list', file: 'fm-list.md', content: '---\n- kind: standard\n- sector: electricity\n---\n# 電力\n', expect: { code: 'schema', message: /wrong type/ } },
  { name: 'front matter that is a scalar', file: 'fm-scalar.md', content: '---\njust a sentence\n---\n# 電力\n', expect: { code: 'schema', message: /wrong type/ } },
  { name: 'duplicate keys', file: 'duplicate.md', content: markdown('sector: water\n', '# 電力\n'), expect: { code: 'syntax', message: /same key is written twice/ } },
  { name: 'control id of 10,000 characters', file: 'long-id.md', content: markdown('', `# 電力\n\n## EL-PR-01 x\nCovers: ${LONG_ID}\n`), expect: { code: 'unknown-control' } },
  { name: 'control id of 10,000 characters in YAML', file: 'long-id.yaml', content: `kind: standard\nsector: finance\nbaseline: jp-ci-baseline@2026.1\nmeasures:\n  - id: ${LONG_ID}\n    covers: [${LONG_ID}]\n`, expect: { code: 'unknown-control' } },
  { name: `${MEASURES.toLocaleString('en')} measures in one Markdown file`, file: 'many.md', content: manyMeasuresMarkdown(MEASURES), expect: uncovered },
  { name: `${MEASURES.toLocaleString('en')} measures in one YAML file`, file: 'many.yaml', content: manyMeasuresYaml(MEASURES), expect: uncovered },
];

const CONFIG = 'catalogs: [baseline/*.yaml]\nstandards: [standards/**]\n';
const timings: string[] = [];

function timed<T>(label: string, work: () => T): T {
  const start = performance.now();
  const result = work();
  const done = (): void => void timings.push(`${label}\t${Math.round(performance.now() - start)} ms`);
  if (result instanceof Promise) return result.finally(done) as T;
  done();
  return result;
}

after(() => {
  if (process.env.KIJUN_TIMINGS) for (const t of timings) console.log(`hostile-timing\t${t}`);
});

function textOf(content: string | Uint8Array): string {
  return typeof content === 'string' ? content : new TextDecoder('latin1').decode(content);
}

/** Every diagnostic lies inside the document; a skipped file's notice sits at its start. */
function assertOutcome(h: Hostile, diagnostics: { code?: string | number; message: string; range: Diagnostic['range'] }[], expect = h.expect): void {
  const lines = new LineIndex(textOf(h.content));
  const hit = diagnostics.find((d) => d.code === expect.code && (!expect.message || expect.message.test(d.message)));
  assert.ok(hit, `${h.name}: expected ${expect.code} ${expect.message ?? ''}, got ${JSON.stringify(diagnostics.map((d) => [d.code, d.message.slice(0, 120)]))}`);
  if (expect.skipped) assert.deepEqual(hit.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  for (const d of diagnostics) {
    for (const p of [d.range.start, d.range.end]) {
      assert.ok(p.line >= 0 && p.line < lines.lineCount, `${h.name}: line ${p.line} outside the document`);
      assert.ok(p.character >= 0, `${h.name}: negative character`);
    }
  }
}

describe('hostile input: the core', function () {
  this.timeout(FULL ? 600_000 : 60_000);
  for (const h of HOSTILE) {
    it(`${h.name}: ${h.expect.skipped ? 'skipped with a notice' : `a located ${h.expect.code} finding`}`, async () => {
      const { report } = await timed(`core\t${h.name}`, () => check({ 'kijun.yaml': CONFIG, 'baseline/catalog.yaml': CATALOG, [`standards/${h.file}`]: h.content }));
      assertOutcome(h, report.files.find((f) => f.path === `standards/${h.file}`)?.diagnostics ?? []);
    });
  }

  it('a 10,000-deep Markdown list leaves the measures after it intact', async () => {
    const text = markdown('', `# 電力\n\n## EL-PR-01 x\n${'- '.repeat(DEEP)}a\n\n## EL-PR-02 y\nCovers: BL-PR-01, BL-PR-05\n\n## EL-GV-01 z\nCovers: BL-GV-01\n`);
    const { report } = await check({ 'kijun.yaml': CONFIG, 'baseline/catalog.yaml': CATALOG, 'standards/deep.md': text });
    assert.deepEqual(report.coverage[0].uncovered, []);
  });

  it('an open document larger than maxFileSize is skipped with a notice, like a file on disk', async () => {
    const big = markdown('', `# 電力\n\n${'本文。'.repeat(400)}\n`);
    const { report } = await check({ 'kijun.yaml': `${CONFIG}maxFileSize: 1000\n`, 'baseline/catalog.yaml': CATALOG, 'standards/big.md': big });
    const d = report.files.find((f) => f.path === 'standards/big.md')?.diagnostics ?? [];
    assert.match(d[0]?.message ?? '', /too large \(\d+ bytes; the limit is 1000\)/);
  });
});

describe('hostile input: the CLI', function () {
  this.timeout(FULL ? 600_000 : 60_000);
  let dir: string;
  let report: { files: { path: string; diagnostics: { code: string; message: string; range: Diagnostic['range'] }[] }[] };
  let status: number | null;
  const FIFTY_MB = 50 * 1024 * 1024;

  before(() => {
    dir = tempDir('kijun-hostile-');
    mkdirSync(path.join(dir, 'baseline'));
    mkdirSync(path.join(dir, 'standards'));
    writeFileSync(path.join(dir, 'kijun.yaml'), CONFIG);
    writeFileSync(path.join(dir, 'baseline/catalog.yaml'), CATALOG);
    for (const h of HOSTILE) writeFileSync(path.join(dir, 'standards', h.file), h.content);
    // 50 MB of a real standard's text: over the default cap of 5,000,000 bytes.
    const big = Buffer.alloc(FIFTY_MB, '本文の一部。\n');
    Buffer.from(STANDARD).copy(big);
    writeFileSync(path.join(dir, 'standards/fifty-mb.md'), big);
    const r = timed('cli\tall hostile files and a 50 MB file, one run', () => spawnSync(process.execPath, [path.join(ROOT, 'bin/kijun.cjs'), 'check', dir, '--format', 'json', '--no-cache'], {
      cwd: dir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { PATH: process.env.PATH, KIJUN_TODAY: '2026-11-24' },
    }));
    status = r.status;
    assert.equal(r.stderr, '');
    report = JSON.parse(r.stdout);
  });

  it('exits 1 (findings), not 2 (could not run), and reports every hostile file', () => {
    assert.equal(status, 1);
    for (const h of HOSTILE) {
      const diagnostics = report.files.find((f) => f.path === `standards/${h.file}`)?.diagnostics ?? [];
      if (h.expect.parsed) assert.deepEqual(diagnostics.filter((d) => d.code === 'syntax' || d.code === 'schema'), [], h.name);
      else assertOutcome(h, diagnostics);
    }
  });

  it('skips a 50 MB file with a notice naming its size and the default cap', () => {
    const d = report.files.find((f) => f.path === 'standards/fifty-mb.md')?.diagnostics ?? [];
    assert.deepEqual(d.map((x) => x.message), [`The file was not checked because it is too large (${FIFTY_MB} bytes; the limit is 5000000).`]);
  });
});

describe('hostile input: the language server', function () {
  this.timeout(FULL ? 600_000 : 60_000);
  let dir: string;
  let client: LspClient;

  before(async () => {
    dir = tempDir('kijun-hostile-lsp-');
    mkdirSync(path.join(dir, 'baseline'));
    mkdirSync(path.join(dir, 'standards'));
    writeFileSync(path.join(dir, 'kijun.yaml'), `${CONFIG}maxFileSize: 2000000\n`);
    writeFileSync(path.join(dir, 'baseline/catalog.yaml'), CATALOG);
    client = new LspClient();
    await client.initialize(dir);
  });

  after(async () => {
    await client.stop();
  });

  for (const h of HOSTILE.filter((x) => !x.notLsp)) {
    it(`${h.name}: opened in the editor, diagnostics arrive and the server still answers`, async () => {
      const uri = fileUri(path.join(dir, 'standards', h.file));
      const diagnostics = await timed(`server\t${h.name}`, async () => {
        await client.open(uri, textOf(h.content), h.file.endsWith('.md') ? 'markdown' : 'yaml');
        return client.diagnostics(uri, (d) => d.some((x) => x.code === (h.lspExpect ?? h.expect).code));
      });
      assertOutcome(h, diagnostics.map((d) => ({ ...d, message: String(d.message) })), h.lspExpect);
      await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 0 } });
      await client.close(uri);
    });
  }

  it('a document over maxFileSize is skipped with a notice, and the server keeps answering', async () => {
    const uri = fileUri(path.join(dir, 'standards/huge.md'));
    const text = markdown('', `# 電力\n\n${'本文の一部。\n'.repeat(200_000)}`);
    const d = await timed('server\t3.8 MB document over a 2 MB cap', async () => {
      await client.open(uri, text);
      return client.diagnostics(uri, (x) => x.length > 0);
    });
    assert.match(String(d[0].message), /too large \(\d+ bytes; the limit is 2000000\)/);
    await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 0 } });
    assert.equal(client.stderr, '');
  });
});
