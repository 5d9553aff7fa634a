// `kijun check --format sarif|junit|markdown|html`, --output, --max-warnings and per-rule
// severities, through the spawned binary and the in-process API.
import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync, writeFileSync, appendFileSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { tempDir } from '../helpers/tmp.js';
import { checkMarkup, HTML_VOIDS, decode } from '../helpers/markup.js';
import { hostileWorkspace } from '../helpers/reviewWorkspaces.js';
import { ROOT, spawnKijun, inProcess } from '../helpers/cli.js';
import { foldForText } from '../../server/src/cli/textFormat.js';
import type { Locale } from '../../server/src/core/model.js';

/** A copy of a folder of the repository in a temporary directory. */
function copyOf(dir: string): string {
  const out = tempDir('kijun-report-');
  cpSync(path.join(ROOT, dir), out, { recursive: true });
  return out;
}

function writeTree(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
}

describe('kijun check report formats (CLI)', () => {
  const checks: Record<string, (out: string) => void> = {
    sarif: (out) => {
      const log = JSON.parse(out);
      assert.equal(log.version, '2.1.0');
      assert.equal(log.runs[0].results.length, 14);
      assert.equal(log.runs[0].results[1].locations[0].physicalLocation.artifactLocation.uri, 'samples/standards/electricity/00-governance.md');
      assert.equal(log.runs[0].originalUriBaseIds['%SRCROOT%'].uri, pathToFileURL(`${ROOT}/`).href);
      assert.equal(log.runs[0].tool.driver.rules[0].helpUri, 'https://example.org/kijun/docs/rules/uncovered-control.md', 'KIJUN_DOCS_URL');
    },
    junit: (out) => {
      const elements = checkMarkup(out, { xml: true });
      assert.equal(elements.filter((e) => e.name === 'testcase').length, 47 + 58 + 47 + 47 + 47 + 8);
      assert.equal(elements[0].attrs.failures, '14');
    },
    markdown: (out) => {
      assert.match(out, /^<!-- kijun-report -->\n## Kijun: ベースライン対応状況/);
      assert.match(out, /\| 医療 \(medical\) \| jp-ci-baseline@2026\.1 \| 1 \| 47 \| 44 \| 0 \| \*\*3\*\* \| 93\.6% \|/);
    },
    html: (out) => {
      const elements = checkMarkup(out, { voids: HTML_VOIDS });
      assert.ok(elements.some((e) => e.name === 'meta' && e.attrs['http-equiv'] === 'Content-Security-Policy'));
      assert.ok(!elements.some((e) => e.name === 'script'));
      assert.match(out, /<html lang="ja">/, 'samples/kijun.yaml sets locale: ja');
    },
  };

  // The bundle carries the package version; the sources run in process say 0.0.0-dev.
  const version = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version as string;
  const sameVersion = (text: string): string => text.split(version).join('V').split('0.0.0-dev').join('V');
  const docs = { KIJUN_DOCS_URL: 'https://example.org/kijun/docs/rules' };

  for (const [format, check] of Object.entries(checks)) {
    it(`--format ${format} on the samples: same output spawned and in process, exit 1 on errors`, async () => {
      const args = ['check', 'samples', '--format', format];
      const spawned = spawnKijun(args, ROOT, docs);
      const direct = await inProcess(args, ROOT, docs);
      assert.equal(spawned.status, 1, spawned.stderr);
      assert.equal(direct.status, 1);
      assert.equal(spawned.stderr, '');
      assert.equal(sameVersion(spawned.stdout), sameVersion(direct.stdout));
      check(spawned.stdout);
    });
  }

  it('--output writes the HTML report whose file links open the checked files from where it is written', () => {
    const out = path.join(tempDir('kijun-html-'), 'nested', 'report.html');
    mkdirSync(path.dirname(out));
    const r = spawnKijun(['check', 'samples', '--format', 'html', '--output', out, '--lang', 'en']);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    const html = readFileSync(out, 'utf8');
    const hrefs = checkMarkup(html, { voids: HTML_VOIDS }).map((e) => e.attrs.href).filter((h): h is string => !!h && !h.startsWith('#') && !/^[a-z]+:/.test(h));
    assert.ok(hrefs.length >= 12, 'findings and exemptions link to their files');
    for (const href of hrefs) {
      const target = path.resolve(path.dirname(out), decodeURIComponent(href.split('#')[0]));
      assert.ok(existsSync(target), `${href} → ${target}`);
    }
    assert.ok(hrefs.some((h) => h.endsWith('samples/standards/medical/medical-security.md')));
  });

  it('links to the commit on GitHub when run in GitHub Actions, with line anchors', async () => {
    const env = { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'org/standards', GITHUB_SHA: '0123abc', GITHUB_WORKSPACE: ROOT };
    const md = spawnKijun(['check', 'samples', '--format', 'markdown', '--lang', 'en'], ROOT, env).stdout;
    assert.match(md, /\[samples\/standards\/medical\/medical-security\.md:10\]\(https:\/\/github\.com\/org\/standards\/blob\/0123abc\/samples\/standards\/medical\/medical-security\.md#L10\)/);
    const html = (await inProcess(['check', 'samples', '--format', 'html'], ROOT, env)).stdout;
    assert.match(html, /href="https:\/\/github\.com\/org\/standards\/blob\/0123abc\/samples\/standards\/medical\/medical-security\.md#L131">131:25<\/a>/);
  });

  it('per-rule severities from kijun.yaml and --max-warnings decide the exit status of every format', async () => {
    const dir = copyOf('test/fixtures/basic');
    // basic has 1 uncovered control (error) and 1 withdrawn reference (warning).
    appendFileSync(path.join(dir, 'kijun.yaml'), 'rules:\n  uncovered-control: warning\n  csf-gap: off\n');
    for (const format of ['text', 'json', 'sarif', 'junit', 'markdown', 'html']) {
      assert.equal((await inProcess(['check', '--format', format], dir)).status, 0, `${format}: warnings only`);
      assert.equal((await inProcess(['check', '--format', format, '--max-warnings', '2'], dir)).status, 0, `${format}: 2 warnings allowed`);
      assert.equal((await inProcess(['check', '--format', format, '--max-warnings', '1'], dir)).status, 1, `${format}: 2 warnings, 1 allowed`);
    }
    assert.equal(spawnKijun(['check', '--format', 'sarif', '--max-warnings', '1'], dir).status, 1, 'the binary agrees');
    const sarif = JSON.parse(spawnKijun(['check', '--format', 'sarif'], dir).stdout).runs[0];
    assert.deepEqual(sarif.results.map((r: { ruleId: string; level: string }) => `${r.ruleId} ${r.level}`).sort(), ['uncovered-control warning', 'withdrawn-control warning']);
    const junit = spawnKijun(['check', '--format', 'junit'], dir).stdout;
    assert.match(junit, /<testsuites name="Kijun" tests="\d+" failures="0"/);
    const md = spawnKijun(['check', '--format', 'markdown'], dir).stdout;
    assert.match(md, /⚠️ \*\*0 errors, 2 warnings, 0 info in 2 files\*\*/);
    assert.match(md, /\| \*\*BL-PR-05\*\* Malware definition updates \|/, 'coverage does not depend on severity');

    appendFileSync(path.join(dir, 'kijun.yaml'), '  withdrawn-control: error\n');
    const strict = spawnKijun(['check', '--format', 'sarif'], dir);
    assert.equal(strict.status, 1);
    assert.ok(JSON.parse(strict.stdout).runs[0].results.some((r: { ruleId: string; level: string }) => r.ruleId === 'withdrawn-control' && r.level === 'error'));
  });

  it('an empty workspace (a catalog, no standard) gives every format, and exit 0', async () => {
    const dir = tempDir('kijun-empty-');
    cpSync(path.join(ROOT, 'test/fixtures/basic/baseline'), path.join(dir, 'baseline'), { recursive: true });
    for (const format of ['sarif', 'junit', 'markdown', 'html']) {
      const r = await inProcess(['check', '--format', format, '--lang', 'en'], dir);
      assert.equal(r.status, 0, `${format}: ${r.stderr}`);
      if (format === 'markdown' || format === 'html') assert.match(r.stdout, /No standard with a loaded baseline was found\./);
      if (format === 'junit') assert.equal(checkMarkup(r.stdout, { xml: true }).filter((e) => e.name === 'testcase').length, 1, 'the catalog file');
      if (format === 'sarif') assert.deepEqual(JSON.parse(r.stdout).runs[0].results.map((x: { ruleId: string }) => x.ruleId), ['csf-gap']);
    }
  });

  it('hostile strings on disk: file names and texts come out escaped in HTML and JUnit', () => {
    const dir = tempDir('kijun-hostile-');
    writeTree(dir, hostileWorkspace());
    const html = spawnKijun(['check', '--format', 'html'], dir);
    assert.equal(html.status, 1, html.stderr);
    const elements = checkMarkup(html.stdout, { voids: HTML_VOIDS });
    assert.ok(!elements.some((e) => ['script', 'img'].includes(e.name)));
    const fileLink = elements.find((e) => e.name === 'a' && e.attrs.href?.startsWith('standards/%22%3E%3Cimg'));
    assert.ok(fileLink, 'the hostile file name is a percent-encoded relative link');
    assert.ok(existsSync(path.join(dir, decodeURIComponent(fileLink.attrs.href.split('#')[0]))));
    const junit = spawnKijun(['check', '--format', 'junit'], dir).stdout;
    const names = checkMarkup(junit, { xml: true }).filter((e) => e.name === 'testcase').map((e) => decode(e.attrs.name));
    assert.ok(names.some((n) => n.includes('<script>alert(1)</script>')));
  });

  it('the VS Code problem matchers read every finding line of the text format, in Japanese and English, with its severity', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    interface Matcher { name: string; owner: string; fileLocation: string[]; severity: string; pattern: { regexp: string; file: number; line: number; column: number; severity: number; code: number; message: number } }
    const matchers = pkg.contributes.problemMatchers as Matcher[];
    const byName = new Map(matchers.map((m) => [m.name, m]));
    // Not `kijun`: that is the language client's diagnostics, which a task run would otherwise clear.
    for (const m of matchers) assert.deepEqual([m.owner, m.fileLocation], ['kijun-check', ['relative', '${workspaceFolder}']]);
    // What VS Code does with the captured severity word (problemMatcher.ts getSeverity).
    const vscodeSeverity = (m: Matcher, word: string): string => (['error', 'warning', 'info'].includes(word) ? word : m.severity);
    const exact = ['kijun-error', 'kijun-warning', 'kijun-info'].map((n) => byName.get(n)!);
    for (const lang of ['ja', 'en']) {
      const { stdout } = spawnKijun(['check', 'samples', '--lang', lang]);
      const report = JSON.parse(spawnKijun(['check', 'samples', '--format', 'json', '--lang', lang]).stdout);
      const expected = report.files.flatMap((f: { path: string; diagnostics: { severity: string; code: string; message: string; range: { start: { line: number; character: number } } }[] }) =>
        f.diagnostics.map((d) => [f.path, d.range.start.line + 1, d.range.start.character + 1, d.severity, d.code, foldForText(d.message, lang as Locale)].join('|')));
      const seen: string[] = [];
      for (const line of stdout.split('\n')) {
        const hits = exact.map((m) => ({ m, r: new RegExp(m.pattern.regexp).exec(line) })).filter((x) => x.r);
        const all = new RegExp(byName.get('kijun')!.pattern.regexp).exec(line);
        assert.ok(hits.length <= 1, `one severity matcher per line: ${line}`);
        assert.equal(!!all, hits.length === 1, `$kijun matches the same lines: ${line}`);
        if (!hits.length) continue;
        const { m, r } = hits[0];
        const p = m.pattern;
        seen.push([r![p.file], Number(r![p.line]), Number(r![p.column]), vscodeSeverity(m, r![p.severity]), r![p.code], r![p.message]].join('|'));
      }
      assert.deepEqual(seen, expected, `${lang}: every finding, once, with its file, position, severity, code and message`);
    }
  });
});
