// The reports inside VS Code (packaged extension, code-server, Chromium): the `kijun` task fills
// the Problems panel through the contributed problem matchers, and the command writes the HTML
// coverage report.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../helpers/tmp.js';
import { Editor, ROOT, kijunVsix, screenshotOnFailure, shotOnError } from './harness.js';

describe('Kijun in VS Code: task and HTML report', function () {
  let editor: Editor | undefined;

  before(async function () {
    const folder = path.join(tempDir('kijun-e2e-reports-'), 'samples');
    cpSync(path.join(ROOT, 'samples'), folder, { recursive: true });
    // A configured task of the extension's type: English messages, so its markers differ from the
    // language server's Japanese ones (samples/kijun.yaml says locale: ja). No problemMatcher here:
    // the task provider's matchers apply.
    mkdirSync(path.join(folder, '.vscode'));
    writeFileSync(path.join(folder, '.vscode/tasks.json'), JSON.stringify({
      version: '2.0.0',
      tasks: [{ type: 'kijun', label: 'kijun check (en)', lang: 'en', presentation: { reveal: 'never' } }],
    }, null, 2));
    editor = await Editor.start({ vsix: [kijunVsix()], folder, name: 'reports' });
    await shotOnError(editor, 'reports-setup', () => editor!.answerTrust(true));
  });
  afterEach(screenshotOnFailure(() => editor));
  after(async () => {
    await editor?.close();
  });

  it('runs kijun check as a task and fills the Problems panel with its findings and severities', async () => {
    // "Tasks: Run Task" exactly: the palette's fuzzy match ranks "Tasks: Restart Running Task" first.
    await editor!.page.keyboard.press('F1');
    const input = editor!.quickInput().locator('input');
    await input.fill('>Tasks: Run Task');
    await editor!.quickInput().locator('.monaco-list-row').filter({ hasText: /^Tasks: Run Task(?![\w ])/ }).first().click();
    // The task picker replaces the palette.
    await editor!.quickInput().locator('.monaco-list-row').filter({ hasText: 'kijun check (en)' }).first().waitFor();
    await input.fill('kijun check (en)');
    await editor!.quickInput().locator('.monaco-list-row').filter({ hasText: 'kijun check (en)' }).first().waitFor();
    await editor!.page.keyboard.press('Enter');
    // VS Code keeps one matcher result per file, position, code and severity: of the sector's
    // uncovered controls (all at its `baseline:` line) the first shows (docs/reports.md).
    const error = await editor!.waitForProblem('Baseline control BL-GV-15', 'uncovered-control');
    assert.equal(await error.locator('.codicon-error').count(), 1, 'shown as an error');
    const warning = await editor!.waitForProblem('Control BL-PR-20 is withdrawn', 'withdrawn-control');
    assert.equal(await warning.locator('.codicon-warning').count(), 1, 'shown as a warning');
    // The language server's own markers (Japanese, owner `kijun`) are still there beside the task's.
    await editor!.waitForProblem('ベースライン管理策 BL-GV-15', 'uncovered-control');
    await editor!.screenshot('task-problems');
  });

  it('writes the HTML coverage report from the command', async () => {
    await editor!.runCommand('Kijun: Open Coverage Report (HTML)');
    const toast = editor!.page.locator('.notification-toast').filter({ hasText: /Kijun coverage report written: / }).first();
    await toast.waitFor();
    const file = /Kijun coverage report written: (\S+\.html)/.exec(await toast.innerText())?.[1];
    assert.ok(file && existsSync(file), `report file ${file}`);
    const html = readFileSync(file, 'utf8');
    assert.match(html, /<meta http-equiv="Content-Security-Policy"/);
    assert.match(html, /<html lang="ja">/, 'samples/kijun.yaml says locale: ja');
    assert.match(html, /分野横断マトリクス/);
    assert.match(html, /<span class="mono">BL-GV-15<\/span>/);
    assert.ok(await toast.getByRole('button', { name: 'Open in Browser' }).isVisible());
    await editor!.screenshot('report-command');
  });
});
