// The editor's exports over LSP: the server builds the workbook and the profile from its live
// index and returns bytes; they must say what `kijun check --format xlsx` and
// `kijun export csf-profile` say for the same folder.
import assert from 'node:assert/strict';
import { cpSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { LspClient } from '../helpers/lspClient.js';
import { tempDir } from '../helpers/tmp.js';
import { readXlsx } from '../helpers/xlsxReader.js';
import { ROOT, spawnKijun } from '../helpers/cli.js';

interface ExportResult {
  data: string;
  sectors: number;
}

describe('kijun/exportTable and kijun/exportCsfProfile (LSP)', () => {
  let dir: string;
  let client: LspClient;

  before(async () => {
    dir = tempDir('kijun-exports-');
    cpSync(path.join(ROOT, 'samples'), dir, { recursive: true });
    client = new LspClient();
    await client.initialize(dir);
  });

  after(async () => {
    await client.stop();
  });

  it('returns the correspondence workbook of the workspace, the same table as the CLI writes', async () => {
    const result = (await client.connection.sendRequest('kijun/exportTable', { locale: 'en' })) as ExportResult;
    const fromServer = readXlsx(Buffer.from(result.data, 'base64'));
    const out = path.join(tempDir('kijun-exports-cli-'), 'table.xlsx');
    assert.equal(spawnKijun(['check', '--format', 'xlsx', '--output', out, '--lang', 'en'], dir).status, 1);
    const fromCli = readXlsx(readFileSync(out));
    assert.equal(result.sectors, fromCli.sheets[2].rows.filter((r) => /\([a-z-]+\)$/.test(r[0] ?? '')).length);
    assert.deepEqual(fromServer.sheets.map((s) => s.name), ['Correspondence', 'Measures', 'Summary']);
    assert.deepEqual(fromServer.sheets[0].rows, fromCli.sheets[0].rows);
    assert.deepEqual(fromServer.sheets[1].rows, fromCli.sheets[1].rows);
  });

  it('returns the CSF 2.0 profile in the asked format, equal to kijun export csf-profile', async () => {
    const json = (await client.connection.sendRequest('kijun/exportCsfProfile', { format: 'json', sector: 'water' })) as ExportResult;
    const cli = spawnKijun(['export', 'csf-profile', '--sector', 'water'], dir);
    assert.equal(cli.status, 0, cli.stderr);
    assert.deepEqual(JSON.parse(Buffer.from(json.data, 'base64').toString('utf8')), JSON.parse(cli.stdout));
    const md = (await client.connection.sendRequest('kijun/exportCsfProfile', { format: 'markdown', locale: 'ja' })) as ExportResult;
    assert.match(Buffer.from(md.data, 'base64').toString('utf8'), /^# NIST CSF 2\.0 コミュニティプロファイル: /);
    assert.equal(md.sectors, JSON.parse(spawnKijun(['export', 'csf-profile'], dir).stdout).profiles.length);
  });
});
