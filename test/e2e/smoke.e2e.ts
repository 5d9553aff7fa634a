// Harness smoke test: a throwaway extension (generated here, never committed) in the real editor.
// Proves every harness helper without depending on Kijun.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Editor, buildSmokeExtension, scratch, screenshotOnFailure, START_MS } from './harness.js';

describe('e2e harness smoke (throwaway extension)', function () {
  let editor: Editor | undefined;
  let folder: string;

  before(async function () {
    this.timeout(2 * START_MS); // install + start code-server + workbench; tests themselves get 60 s
    const tmp = scratch('kijun-e2e-fixture-');
    const vsix = buildSmokeExtension(path.join(tmp, 'extension'));
    folder = path.join(tmp, 'workspace');
    mkdirSync(path.join(folder, 'notes'), { recursive: true });
    writeFileSync(path.join(folder, 'notes/todo.txt'), 'first line\nthere is a TODO here\nlast line\n');
    editor = await Editor.start({ vsix: [vsix], folder, name: 'smoke' });
  });

  afterEach(screenshotOnFailure(() => editor));
  after(async () => {
    await editor?.close();
  });

  it('opens the workbench, trusts the folder and opens a file by Quick Open', async () => {
    await editor!.answerTrust(true);
    assert.equal(await editor!.isRestricted(), false);
    await editor!.openFile('notes/todo.txt');
    assert.match(await editor!.editorText(), /there is a TODO here/);
    const shot = await editor!.screenshot('smoke-workbench');
    assert.ok(existsSync(shot));
  });

  it('shows the extension diagnostic in Problems, its hover, and the status bar item', async () => {
    await editor!.waitForProblem('Smoke marker: a TODO is left');
    assert.equal(await editor!.statusBarText(/^Smoke: ready$/), 'Smoke: ready');
    const hover = await editor!.hoverAt(2, 13);
    assert.match(hover.text, /^SMOKE-TODO from the smoke extension/);
    assert.match(hover.html, /<strong>SMOKE-TODO<\/strong>/);
  });

  it('applies the quick-fix from the Ctrl+. menu and the marker goes', async () => {
    const items = await editor!.quickFixMenu(2, 13);
    assert.ok(items.some((t) => t.includes('Replace TODO with DONE')), items.join(' | '));
    await editor!.screenshot('smoke-quickfix-menu');
    await editor!.chooseAction('Replace TODO with DONE');
    await editor!.waitForNoProblem('Smoke marker: a TODO is left');
    assert.match(await editor!.editorText(), /there is a DONE here/);
  });

  it('opens a contributed view by id', async () => {
    const pane = await editor!.openView('kijunSmoke.view', /Smoke View/i);
    await pane.getByText('smoke item').waitFor();
  });
});
