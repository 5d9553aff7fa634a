// `kijun import docx` as users meet it: the built binary (and `run` in process), files on disk,
// exit codes and messages; and the sample Word standard, which must check exactly as its Markdown.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import * as w from '../../scripts/lib/docxWriter.mjs';
import { sampleDocx } from '../../scripts/make-sample-docx.mjs';
import { ROOT, spawnKijun, inProcess } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const SAMPLE_MD = path.join(ROOT, 'samples/standards/port/port-security.md');
const SAMPLE_DOCX = path.join(ROOT, 'samples/docx/port-security.docx');
const OPTIONS = ['--sector', 'port', '--baseline', 'jp-ci-baseline@2026.1', '--level', '1'];

/** A workspace with the samples' catalog and configuration and no standard yet. */
function workspace(): string {
  const dir = tempDir('kijun-docx-');
  cpSync(path.join(ROOT, 'samples/baseline'), path.join(dir, 'baseline'), { recursive: true });
  cpSync(path.join(ROOT, 'samples/kijun.yaml'), path.join(dir, 'kijun.yaml'));
  mkdirSync(path.join(dir, 'standards/port'), { recursive: true });
  return dir;
}

interface Json {
  files: { path: string; diagnostics: { code: string; message: string; range: unknown }[] }[];
  coverage: { sector: string; required: number; covered: number; exempted: number; uncovered: string[]; controls: { control: string; status: string; measures: string[] }[] }[];
}

function checkJson(dir: string): Json {
  const r = spawnKijun(['check', '--format', 'json', '--lang', 'en'], dir);
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  assert.ok(r.stdout, `no report: ${r.status} ${r.stderr}`);
  return JSON.parse(r.stdout) as Json;
}

describe('kijun import docx (CLI)', () => {
  describe('the sample Word standard', () => {
    it('is what scripts/make-sample-docx.mjs makes from the Markdown (rebuild it after editing the sample)', () => {
      assert.ok(Buffer.from(sampleDocx(readFileSync(SAMPLE_MD, 'utf8'))).equals(readFileSync(SAMPLE_DOCX)));
    });

    it('imports to a standard that checks exactly as samples/standards/port/port-security.md: coverage, uncovered ids, measure labels, findings', () => {
      const fromMarkdown = workspace();
      cpSync(SAMPLE_MD, path.join(fromMarkdown, 'standards/port/port-security.md'));
      const fromWord = workspace();
      const r = spawnKijun(['import', 'docx', SAMPLE_DOCX, ...OPTIONS, '--out', 'standards/port/port-security.md', '--lang', 'en'], fromWord);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, '');
      const expected = checkJson(fromMarkdown);
      const actual = checkJson(fromWord);
      const port = (j: Json) => j.coverage.find((c) => c.sector === 'port');
      assert.deepEqual(port(actual), port(expected));
      assert.deepEqual(actual.files, expected.files);
      const coverage = port(actual)!;
      assert.deepEqual([coverage.required, coverage.covered, coverage.exempted, coverage.uncovered], [47, 44, 1, ['BL-GV-12', 'BL-ID-08']]);
      const labels = new Set(coverage.controls.flatMap((c) => c.measures));
      for (const label of ['第4条', '第10条', '第10条の2', '第17条', '第18条']) assert.ok(labels.has(label), `measure ${label}`);
      assert.deepEqual(coverage.controls.find((c) => c.control === 'BL-PR-15'), { control: 'BL-PR-15', status: 'exempted', measures: [] });
    });

    it('says on standard error what it did and what it could not carry over (Japanese and English)', () => {
      const ja = spawnKijun(['import', 'docx', 'samples/docx/port-security.docx', ...OPTIONS, '--lang', 'ja']);
      assert.equal(ja.status, 0);
      assert.match(ja.stdout, /^---\nkind: standard\nsector: port\ntitle: 港湾分野における情報セキュリティ確保に係る安全基準等\n/);
      assert.deepEqual(ja.stderr.trim().split('\n'), [
        'kijun: samples/docx/port-security.docx: 条項番号で始まる段落 20 件を対策の見出しにしました。',
        'kijun: samples/docx/port-security.docx: 適用除外の表から 1 件をフロントマターの exemptions に入れました。',
        'kijun: samples/docx/port-security.docx: 変更履歴の挿入 1 件を承諾しました。',
        'kijun: samples/docx/port-security.docx: 変更履歴の削除 1 件を承諾しました(削除された文字は出力しません)。',
        'kijun: samples/docx/port-security.docx: コメント 1 件は取り込めません。',
      ]);
      const en = spawnKijun(['import', 'docx', 'samples/docx/port-security.docx', ...OPTIONS, '--lang', 'en']);
      assert.equal(en.stdout, ja.stdout, 'the Markdown does not depend on the message language');
      assert.match(en.stderr, /^kijun: samples\/docx\/port-security\.docx: 1 comment was not carried over\.$/m);
    });
  });

  describe('output', () => {
    const docx = () => {
      const dir = tempDir('kijun-docx-out-');
      writeFileSync(path.join(dir, '基準.docx'), w.buildDocx({ images: 1, body: w.paragraph('第1条 目的') + w.paragraph('対応: BL-GV-01') + w.paragraph(w.image(), { raw: true }) }));
      return dir;
    };

    it('writes --out (creating its folder) and nothing to standard output; without it, the Markdown goes to standard output', async () => {
      const dir = docx();
      const r = spawnKijun(['import', 'docx', '基準.docx', '--out', 'standards/new/port.md', '--sector', 'port', '--baseline', 'jp-ci-baseline', '--lang', 'en'], dir);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, '');
      const written = readFileSync(path.join(dir, 'standards/new/port.md'), 'utf8');
      assert.equal(written, '---\nkind: standard\nsector: port\nbaseline: jp-ci-baseline\n---\n\n# 第1条 目的\n\n対応: BL-GV-01\n');
      assert.match(r.stderr, /^kijun: 基準\.docx: 1 image was not carried over\.$/m);
      assert.match(r.stderr, /^Wrote standards\/new\/port\.md \(1 measure heading\)\.$/m);
      const piped = await inProcess(['import', 'docx', '基準.docx', '--output', 'x.md', '--sector', 'port', '--baseline', 'jp-ci-baseline'], dir);
      assert.equal(piped.status, 0);
      assert.equal(readFileSync(path.join(dir, 'x.md'), 'utf8'), written, '--output is --out');
      const stdout = await inProcess(['import', 'docx', '基準.docx', '--sector', 'port', '--baseline', 'jp-ci-baseline'], dir);
      assert.equal(stdout.stdout, written);
    });

    it('points out the front-matter keys the options did not give', async () => {
      const r = await inProcess(['import', 'docx', '基準.docx', '--lang', 'en'], docx());
      assert.equal(r.status, 0);
      assert.match(r.stderr, /^\(output\):\d+:\d+: error schema: .*sector/m);
    });
  });

  describe('files and options it refuses (exit 2, one line)', () => {
    const dir = tempDir('kijun-docx-bad-');
    const ole = (stream: string) => new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0), ...[...stream].flatMap((c) => [c.charCodeAt(0), 0])]);
    writeFileSync(path.join(dir, 'old.doc'), ole('WordDocument'));
    writeFileSync(path.join(dir, 'locked.docx'), ole('EncryptedPackage'));
    writeFileSync(path.join(dir, 'notes.docx'), 'plain text, not a zip');
    writeFileSync(path.join(dir, 'book.docx'), w.zip({ '[Content_Types].xml': '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>', 'xl/workbook.xml': '<workbook/>' }));
    writeFileSync(path.join(dir, 'other.zip'), w.zip({ 'a.txt': 'a' }));
    const cases: [string, RegExp, RegExp][] = [
      ['old.doc', /this is a legacy Word 97–2003 document \(\.doc\).*save it as "Word Document \(\*\.docx\)"/, /旧形式の Word 文書\(\.doc、Word 97–2003\)/],
      ['locked.docx', /the document is password-protected \(encrypted\)/, /パスワードで保護\(暗号化\)/],
      ['notes.docx', /not a Word document \(\.docx\): a \.docx is a zip file, and this file is not one/, /zip ではありません/],
      ['book.docx', /a zip file, but not a Word document \(\.docx\): it is an Excel workbook/, /Excel ブック/],
      ['other.zip', /a zip file, but not a Word document \(\.docx\)/, /Word 文書\(\.docx\)ではありません/],
    ];
    for (const [file, en, ja] of cases) {
      it(file, async () => {
        const spawned = spawnKijun(['import', 'docx', file, '--lang', 'en'], dir);
        assert.equal(spawned.status, 2);
        assert.equal(spawned.stdout, '');
        assert.equal(spawned.stderr.split('\n').length, 2, 'one line');
        assert.match(spawned.stderr, new RegExp(`^kijun: ${file.replace('.', '\\.')}: ${en.source}`));
        const japanese = await inProcess(['import', 'docx', file, '--lang', 'ja', '--out', 'out.md'], dir);
        assert.equal(japanese.status, 2);
        assert.match(japanese.stderr, ja);
        assert.equal(existsSync(path.join(dir, 'out.md')), false, 'nothing written');
      });
    }

    it('bad options and missing files', async () => {
      for (const args of [[], ['missing.docx'], ['old.doc', 'other.zip'], ['old.doc', '--level', 'two'], ['old.doc', '--level', '0'], ['old.doc', '--baseline', 'Bad Id'], ['old.doc', '--sector', 'Port'], ['old.doc', '--lang', 'fr'], ['old.doc', '--out', 'old.doc'], ['old.doc', '--unknown']]) {
        const r = await inProcess(['import', 'docx', ...args], dir);
        assert.equal(r.status, 2, args.join(' '));
        assert.match(r.stderr, /^ +kijun import docx FILE/m, `usage shown: ${args.join(' ')}`);
      }
      const other = await inProcess(['import', 'pdf', 'x.pdf'], dir);
      assert.equal(other.status, 2);
      assert.match(other.stderr, /There is no import format "pdf"\. Write kijun import oscal FILE or kijun import docx FILE\./);
    });
  });
});
