// The editor's Word import over LSP: the language server converts the bytes the editor sends and
// answers the Markdown that `kijun import docx` writes, with the notes in the editor's language.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { LspClient } from '../helpers/lspClient.js';
import { tempDir } from '../helpers/tmp.js';
import { ROOT, spawnKijun } from '../helpers/cli.js';

type Result = { ok: true; markdown: string; measures: number; notes: string[] } | { ok: false; message: string };

describe('kijun/importDocx (LSP)', () => {
  let client: LspClient;

  before(async () => {
    client = new LspClient();
    await client.initialize(tempDir('kijun-import-docx-'));
  });

  after(async () => {
    await client.stop();
  });

  it('converts the sample Word standard exactly as the CLI does, notes in the requested language', async () => {
    const docx = path.join(ROOT, 'samples/docx/port-security.docx');
    const data = readFileSync(docx).toString('base64');
    const ja = (await client.connection.sendRequest('kijun/importDocx', { data, sector: 'port', baseline: 'jp-ci-baseline@2026.1', level: 1, locale: 'ja' })) as Result;
    assert.ok(ja.ok);
    const cli = spawnKijun(['import', 'docx', docx, '--sector', 'port', '--baseline', 'jp-ci-baseline@2026.1', '--level', '1']);
    assert.equal(ja.markdown, cli.stdout);
    assert.equal(ja.measures, 20);
    assert.ok(ja.notes.includes('コメント 1 件は取り込めません。'), ja.notes.join('\n'));
    const en = (await client.connection.sendRequest('kijun/importDocx', { data, locale: 'en' })) as Result;
    assert.ok(en.ok);
    assert.ok(en.notes.includes('1 comment was not carried over.'));
    assert.match(en.markdown, /^---\nkind: standard\ntitle: /, 'no sector or baseline when none is given');
  });

  it('answers a one-line reason for a file that is not a .docx, and ignores options that are not ids', async () => {
    const doc = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...[...'WordDocument'].flatMap((c) => [c.charCodeAt(0), 0])]).toString('base64');
    const r = (await client.connection.sendRequest('kijun/importDocx', { data: doc, locale: 'en' })) as Result;
    assert.deepEqual(r, { ok: false, message: 'this is a legacy Word 97–2003 document (.doc); open it in Word and save it as "Word Document (*.docx)", then import that.' });
    const junk = (await client.connection.sendRequest('kijun/importDocx', { data: 42, sector: 'x\ny: 1' })) as Result;
    assert.equal(junk.ok, false);
  });
});
