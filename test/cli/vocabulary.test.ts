// One option vocabulary and one usage printer, in the user's language: Kijun's own words for a
// command-line mistake (never Node's parseArgs text), "did you mean", --out as an alias of
// --output, kijun.yaml's locale for every command, width-aligned tables and folded long lists.
import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import * as path from 'node:path';
import { inProcess, ROOT } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { readmeSynopsis } from '../../server/src/cli/usage.js';
import { displayWidth, padEndWidth } from '../../server/src/core/displayWidth.js';
import { foldLists } from '../../server/src/cli/textFormat.js';

const SAMPLES = path.join(ROOT, 'samples');
const CATALOG = path.join(SAMPLES, 'baseline/jp-ci-baseline-2026.1.yaml');

describe('command-line vocabulary', () => {
  it('answers an unknown option in Japanese with a suggestion and the usage, not Node\'s text', async () => {
    const r = await inProcess(['check', '--outptu', 'x.txt', '--lang', 'ja'], SAMPLES);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^kijun: オプション --outptu はありません。--output のことですか。\n使い方: kijun check /);
    assert.doesNotMatch(r.stderr, /Unknown option|To specify a positional/);
    const lines = r.stderr.split('\n').filter((l) => l.includes('kijun '));
    const column = (l: string) => displayWidth(l.slice(0, l.indexOf('kijun ')));
    assert.ok(lines.length >= 7 && lines.slice(1).every((l) => column(l) === column(lines[1])), 'synopsis lines align under 使い方:');
    assert.equal(column(lines[1]), column(lines[2]));
  });

  it('answers in English by the environment and suggests a command', async () => {
    const r = await inProcess(['chek'], SAMPLES, { LANG: 'en_US.UTF-8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /There is no command "chek"\. Did you mean check\?\nUsage: kijun check/);
  });

  it('takes --out as --output in check and export, and refuses both at once', async () => {
    const dir = tempDir();
    const a = await inProcess(['check', '--out', path.join(dir, 'a.txt'), '--lang', 'en'], SAMPLES);
    const b = await inProcess(['check', '--output', path.join(dir, 'b.txt'), '--lang', 'en'], SAMPLES);
    assert.equal(a.status, b.status);
    assert.equal(readFileSync(path.join(dir, 'a.txt'), 'utf8'), readFileSync(path.join(dir, 'b.txt'), 'utf8'));
    const both = await inProcess(['export', 'oscal-mapping', '--out', 'x', '--output', 'y', '--lang', 'en'], SAMPLES);
    assert.equal(both.status, 2);
    assert.match(both.stderr, /Give option --output \(--out\) once\./);
  });

  it('says what is wrong with an import, export, suggest or Word command line in both languages, with the one usage text', async () => {
    const dir = tempDir();
    const cases: [string[], RegExp, RegExp][] = [
      [['import', 'pdf', 'x.pdf'], /取り込む形式「pdf」はありません。kijun import oscal FILE 又は kijun import docx FILE の形で指定します。/, /There is no import format "pdf"\./],
      [['import', 'oscal'], /kijun import oscal には、OSCAL カタログのファイルを1つ指定してください。/, /kijun import oscal needs one OSCAL catalog file\./],
      [['import', 'oscal', 'x.json', '--sector', 'port'], /オプション --sector は kijun export のオプションです。/, /Option --sector belongs to kijun export\./],
      [['export'], /書き出す形式を指定してください。/, /Give the format to export\./],
      [['export', 'oscal-mapping', '--id', 'x'], /オプション --id は kijun import oscal のオプションです。/, /Option --id belongs to kijun import oscal\./],
      [['export', 'csf-profile', '--format', 'pdf'], /出力形式「pdf」はありません\(使える形式: json, markdown, csv\)。/, /There is no output format "pdf" \(formats: json, markdown, csv\)\./],
      [['suggest', '--top', '0'], /--top には 1 以上の整数を指定してください\(指定された値: 0\)。/, /--top needs a whole number of 1 or more \(got 0\)\./],
      [['suggest', '--format', 'xml'], /出力形式「xml」はありません/, /There is no output format "xml"/],
      [['import', 'docx'], /kijun import docx には、Word 文書\(\.docx\)のファイルを1つ指定してください。/, /kijun import docx needs one Word \(\.docx\) file\./],
      [['import', 'docx', 'a.docx', '--level', '10'], /--level には 1 以上 9 以下の整数を指定してください\(指定された値: 10\)。/, /--level needs a whole number of 1 or more and 9 or less \(got 10\)\./],
      [['import', 'docx', 'missing.docx'], /ファイル missing\.docx がありません。/, /No such file: missing\.docx/],
    ];
    for (const [args, ja, en] of cases) {
      for (const [lang, expected, usage] of [['ja', ja, /\n使い方: kijun check /], ['en', en, /\nUsage: kijun check /]] as const) {
        const r = await inProcess([...args, '--lang', lang], dir);
        assert.equal(r.status, 2, `${args.join(' ')} --lang ${lang}`);
        assert.match(r.stderr, new RegExp(`^kijun: ${expected.source}`), `${args.join(' ')} --lang ${lang}: ${r.stderr}`);
        assert.match(r.stderr, usage, `${args.join(' ')} --lang ${lang}: the shared usage text`);
        assert.equal(r.stderr.match(/kijun suggest \[PATH/g)?.length, 1, 'one usage text, not a command\'s own');
      }
    }
  });

  it('refuses a file kijun diff cannot read in the user\'s language, without the usage text', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'notes.md'), '# notes\n');
    const r = await inProcess(['diff', 'notes.md', 'notes.md', '--lang', 'ja'], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^kijun: .*notes\.md はカタログ\(kind: catalog で id と version のあるもの\)ではありません。\n$/);
  });

  it('kijun diff follows locale in kijun.yaml when --lang is not given', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'kijun.yaml'), 'locale: ja\n');
    copyFileSync(CATALOG, path.join(dir, 'old.yaml'));
    const r = await inProcess(['diff', 'old.yaml', 'old.yaml'], dir, { LANG: 'en_US.UTF-8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /変更はありません。/);
    const en = await inProcess(['diff', 'old.yaml', 'old.yaml', '--lang', 'en'], dir);
    assert.match(en.stdout, /No changes\./);
  });

  it('counts infos in the summary line and folds a long list of ids', async () => {
    const r = await inProcess(['check', '--lang', 'ja'], SAMPLES);
    assert.match(r.stdout, /エラー \d+ 件、警告 \d+ 件、情報 \d+ 件\(\d+ ファイル\)/);
    const folded = foldLists(`ids: ${Array.from({ length: 97 }, (_, i) => `GV.OC-${String(i).padStart(2, '0')}`).join(', ')}`, (n) => `… and ${n} more; --format json for all`);
    assert.equal(folded, 'ids: GV.OC-00, GV.OC-01, GV.OC-02, GV.OC-03, GV.OC-04, GV.OC-05, GV.OC-06, GV.OC-07 … and 89 more; --format json for all');
    assert.equal(foldLists('a short list: A-1, A-2, A-3', () => 'more'), 'a short list: A-1, A-2, A-3');
  });

  it('shows the usage text as the READMEs\' synopsis', () => {
    for (const [file, heading] of [['README.md', '## The checker'], ['README.ja.md', '## 検査コマンド']]) {
      const text = readFileSync(path.join(ROOT, file), 'utf8');
      const open = text.indexOf('```text\n', text.indexOf(heading)) + '```text\n'.length;
      assert.equal(text.slice(open, text.indexOf('\n```', open)), readmeSynopsis(), `${file}: regenerate the synopsis from server/src/cli/usage.ts SYNOPSIS`);
    }
  });

  it('states the Node.js version of engines in both READMEs', () => {
    const engines = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    const version = engines.replace(/^>=/, '');
    assert.match(readFileSync(path.join(ROOT, 'README.md'), 'utf8'), new RegExp(`Node\\.js ${version.replace(/\./g, '\\.')} or later`));
    assert.match(readFileSync(path.join(ROOT, 'README.ja.md'), 'utf8'), new RegExp(`Node\\.js ${version.replace(/\./g, '\\.')} 以降`));
  });
});

describe('display width', () => {
  it('counts CJK and emoji as two columns, combining marks and ZWJ sequences as one character', () => {
    assert.equal(displayWidth('abc'), 3);
    assert.equal(displayWidth('港湾'), 4);
    assert.equal(displayWidth('ｱ'), 1, 'half-width katakana');
    assert.equal(displayWidth('Ａ'), 2, 'full-width letter');
    assert.equal(displayWidth('e\u0301'), 1, 'e + combining acute');
    assert.equal(displayWidth('か\u3099'), 2, 'か + combining dakuten');
    assert.equal(displayWidth('😀'), 2);
    assert.equal(displayWidth('👩\u200d💻'), 2, 'ZWJ sequence');
    assert.equal(displayWidth('🇯🇵'), 2, 'flag');
    assert.equal(displayWidth('❤\ufe0f'), 2, 'emoji presentation selector');
    assert.equal(displayWidth('a\u200bb'), 2, 'zero-width space');
    assert.equal(padEndWidth('レベル変更', 12), 'レベル変更  ');
    assert.equal(displayWidth(padEndWidth('👩\u200d💻', 6)), 6);
  });
});
