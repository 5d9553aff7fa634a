// Titles, sector ids, messages and paths from the workspace cannot forge, rewrite or reorder
// lines of the plain-text output: controls are printed as \u escapes, and every line the `kijun`
// problem matcher (package.json) reads as a finding is one finding of the report.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../helpers/tmp.js';
import { ROOT, spawnKijun } from '../helpers/cli.js';

const FORGED = 'forged.md:1:1: error uncovered-control: forged finding';
/** An escape that clears the screen, a carriage return, a forged line and a right-to-left override. */
const EVIL = `\u001b[2J\u001b[H\rX\n${FORGED}\u202eevil\u0085\u2028`;
const UNPRINTABLE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const matcher = new RegExp(pkg.contributes.problemMatchers.find((m: { name: string }) => m.name === 'kijun').pattern.regexp);

function workspace(): string {
  const dir = tempDir('kijun-forged-');
  const q = JSON.stringify;
  const files: Record<string, string> = {
    'kijun.yaml': 'catalogs: [baseline/*.yaml]\nstandards: [standards/*]\nlocale: en\n',
    'baseline/catalog.yaml': `kind: catalog\nid: jp-ci-baseline\nversion: "2026.1"\ntitle: { en: Baseline }\ncontrols:\n`
      + `  - id: BL-PR-01\n    function: PR\n    level: 1\n    title: { ja: ${q(EVIL)}, en: ${q(EVIL)} }\n    statement: { en: ${q(EVIL)} }\n    csf: [PR.AA-03]\n`,
    'standards/a.md': `---\nkind: standard\nsector: ${q(`elec${EVIL}`)}\nbaseline: jp-ci-baseline@2026.1\n---\n# A\n\n## EL-PR-01 ${EVIL.replace(/\n/g, ' ')}\nCovers: BL-XX-01\n`,
    [`standards/b\r${FORGED.replace(/[/:]/g, '_')}\n.md`]: '---\nkind: standard\nsector: water\nbaseline: jp-ci-baseline@2026.1\n---\n# B\n',
  };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function assertPrintable(text: string, what: string): void {
  const bad = UNPRINTABLE.exec(text);
  assert.equal(bad, null, `${what} holds U+${bad?.[0].charCodeAt(0).toString(16)} at ${bad?.index}: ${JSON.stringify(text.slice(Math.max(0, (bad?.index ?? 0) - 40), (bad?.index ?? 0) + 40))}`);
}

describe('plain-text output cannot be forged', () => {
  it('kijun check: controls are escaped and each finding is exactly one line', () => {
    const dir = workspace();
    const json = JSON.parse(spawnKijun(['check', '--no-cache', '--format', 'json'], dir).stdout) as { files: { diagnostics: unknown[] }[] };
    const r = spawnKijun(['check', '--no-cache'], dir);
    assert.equal(r.status, 1);
    assertPrintable(r.stdout, 'stdout');
    assert.ok(r.stdout.includes('\\u001b[2J\\u001b[H\\u000dX\\u000aforged.md:1:1'), 'the title is shown with its escapes');
    assert.ok(r.stdout.includes('\\u202eevil\\u0085\\u2028'));
    const findingLines = r.stdout.split('\n').filter((l) => matcher.test(l));
    assert.equal(findingLines.length, json.files.flatMap((f) => f.diagnostics).length, 'one matched line per finding');
    assert.ok(!findingLines.some((l) => l.startsWith('forged.md')), 'no forged finding');
    assert.ok(findingLines.some((l) => l.startsWith('standards/b\\u000dforged.md_1_1_')), 'a path with control characters is escaped');
    const table = r.stdout.slice(r.stdout.indexOf('Coverage of the baseline'));
    assert.match(table, /^ {2}elec\\u001b\[2J\\u001b\[H\\u000dX\\u000aforged\.md\\u003a1:1: error uncovered-control: forged finding\\u202eevil\\u0085\\u2028 +jp-ci-baseline@2026\.1 /m);
  });

  it('kijun diff: changed titles are escaped', () => {
    const dir = workspace();
    const catalog = readFileSync(path.join(dir, 'baseline/catalog.yaml'), 'utf8');
    writeFileSync(path.join(dir, 'new.yaml'), catalog.replace('"2026.1"', '"2027.1"') + catalog.slice(catalog.indexOf('  - id:')).replace('BL-PR-01', 'BL-PR-02'));
    const r = spawnKijun(['diff', 'baseline/catalog.yaml', 'new.yaml', '--lang', 'en'], dir);
    assert.equal(r.status, 0, r.stderr);
    assertPrintable(r.stdout, 'stdout');
    assert.ok(r.stdout.includes('BL-PR-02  \\u001b[2J\\u001b[H\\u000dX\\u000aforged.md\\u003a1:1: error'), r.stdout);
    assert.ok(!r.stdout.split('\n').some((l) => matcher.test(l)), 'no line passes for a finding');
  });

  it('kijun suggest: titles and ids are escaped and no line passes for a finding', () => {
    const r = spawnKijun(['suggest', '--lang', 'en'], workspace());
    assert.equal(r.status, 0, r.stderr);
    assertPrintable(r.stdout, 'stdout');
    assert.ok(r.stdout.includes('\\u001b[2J'), r.stdout);
    assert.ok(!r.stdout.split('\n').some((l) => matcher.test(l)), 'no line passes for a finding');
  });

  it('stderr notices escape what they quote', () => {
    const r = spawnKijun(['check', `missing\u001b[2J\n${FORGED}`], ROOT);
    assert.equal(r.status, 2);
    assertPrintable(r.stderr, 'stderr');
    assert.match(r.stderr, /^kijun: no such file or folder: .*missing\\u001b\[2J\\u000aforged\.md:1:1: error/m);
    const oscal = spawnKijun(['import', 'oscal-catalog', `missing\r${FORGED}.json`], ROOT);
    assert.equal(oscal.status, 2);
    assertPrintable(oscal.stderr, 'stderr of import');
  });
});
