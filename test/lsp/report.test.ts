// The report command's HTML comes from the language server (kijun/report) and is byte for byte
// what `kijun check --format html` writes for the same folder, apart from the date.
import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../helpers/tmp.js';
import { LspClient } from '../helpers/lspClient.js';
import { ROOT, inProcess, spawnKijun } from '../helpers/cli.js';
import { ReportRequest, SectorsRequest } from '../../server/src/protocol/index.js';

/** The server and the checker each read today's date; a run across midnight must not fail. */
const undated = (html: string) => html.replace(/\d{4}-\d{2}-\d{2}/g, 'DATE');

describe('language server: the HTML report', function () {
  this.timeout(60_000);
  let client: LspClient | undefined;

  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  for (const locale of ['en', 'ja']) {
    it(`is what kijun check --format html --lang ${locale} writes for the same folder`, async () => {
      const dir = tempDir('kijun-report-');
      cpSync(path.join(ROOT, 'test/fixtures/basic'), dir, { recursive: true });
      const output = path.join(tempDir('kijun-report-out-'), 'ws.html');
      // The bundle, as the server is a bundle: both say the same version in the report.
      const cli = spawnKijun(['check', '--format', 'html', '--output', output, '--lang', locale], dir);
      assert.equal(cli.status, 1, cli.stderr);
      client = new LspClient();
      await client.initialize(dir);
      const result = await client.connection.sendRequest(ReportRequest, { output, locale });
      assert.ok('html' in result, JSON.stringify(result));
      assert.equal(undated(result.html), undated(readFileSync(output, 'utf8')));
      assert.ok(result.errors > 0);
    });
  }

  it('says why there is no report where the checker exits 2 (kijun.yaml invalid)', async () => {
    const dir = tempDir('kijun-report-');
    cpSync(path.join(ROOT, 'test/fixtures/basic'), dir, { recursive: true });
    writeFileSync(path.join(dir, 'kijun.yaml'), 'catalogs: [\n');
    const cli = await inProcess(['check', '--format', 'html', '--lang', 'en'], dir);
    assert.equal(cli.status, 2);
    client = new LspClient();
    await client.initialize(dir);
    const result = await client.connection.sendRequest(ReportRequest, { output: path.join(dir, 'r.html'), locale: 'en' });
    assert.deepEqual(result, { problem: cli.stderr.replace(/^kijun: /, '').trimEnd() });
  });
});

describe('language server: the sectors a new standard can be written for', function () {
  this.timeout(60_000);

  it('lists the built-in sectors and kijun.yaml additions, named in the requested language', async () => {
    const dir = tempDir('kijun-sectors-');
    cpSync(path.join(ROOT, 'test/fixtures/basic'), dir, { recursive: true });
    writeFileSync(path.join(dir, 'kijun.yaml'), `${readFileSync(path.join(dir, 'kijun.yaml'), 'utf8')}sectors:\n  - id: space\n    name: { ja: 宇宙, en: Space systems }\n`);
    const client = new LspClient();
    try {
      await client.initialize(dir);
      const ja = await client.connection.sendRequest(SectorsRequest, { locale: 'ja' });
      const en = await client.connection.sendRequest(SectorsRequest, { locale: 'en' });
      assert.equal(ja.length, 16);
      assert.deepEqual(ja.find((s) => s.id === 'space'), { id: 'space', name: '宇宙' });
      assert.deepEqual(en.find((s) => s.id === 'space'), { id: 'space', name: 'Space systems' });
      assert.deepEqual(en.find((s) => s.id === 'electricity'), { id: 'electricity', name: 'Electric power supply services' });
    } finally {
      await client.stop();
    }
  });
});
