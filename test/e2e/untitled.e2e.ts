// An unsaved document is checked: the "New Sector Standard from Catalog" scaffold opens as an
// untitled Markdown document, and a mistake typed into it shows in the Problems panel before it is
// ever saved.
import { cpSync } from 'node:fs';
import * as path from 'node:path';
import { Editor, ROOT, kijunVsix, screenshotOnFailure, scratch, shotOnError, START_MS } from './harness.js';

describe('Kijun in VS Code: unsaved documents', function () {
  let editor: Editor | undefined;

  before(async function () {
    this.timeout(2 * START_MS);
    const folder = path.join(scratch('kijun-e2e-untitled-'), 'samples');
    cpSync(path.join(ROOT, 'samples'), folder, { recursive: true });
    editor = await Editor.start({ vsix: [kijunVsix()], folder, name: 'untitled' });
    await shotOnError(editor, 'untitled-setup', () => editor!.answerTrust(true));
  });
  afterEach(screenshotOnFailure(() => editor));
  after(async () => {
    await editor?.close();
  });

  it('checks the new-standard scaffold as an untitled document', async () => {
    // The server has loaded the samples once a sample standard shows its problems.
    await editor!.openFile('standards/electricity/00-governance.md');
    await editor!.waitForProblem('BL-GV-15', 'uncovered-control');
    await editor!.runCommand('Kijun: New Sector Standard from Catalog…');
    // Each picker is answered once its own title shows (the next one replaces it in the same widget).
    const pick = async (title: string) => {
      await editor!.quickInput().locator('.quick-input-title', { hasText: title }).waitFor();
      await editor!.quickInput().locator('.monaco-list-row').first().waitFor();
      await editor!.page.keyboard.press('Enter');
      await editor!.quickInput().locator('.quick-input-title', { hasText: title }).waitFor({ state: 'hidden' });
    };
    await pick('Sector'); // the first offered
    await pick('Level'); // 1
    await editor!.page.locator('.tabs-container .tab.active').filter({ hasText: /Untitled/ }).waitFor();
    await editor!.focusEditor();
    await editor!.page.keyboard.press('Control+End');
    await editor!.page.keyboard.press('Enter');
    await editor!.page.keyboard.type('Covers: BL-ZZ-99');
    await editor!.page.keyboard.press('Escape');
    const row = await editor!.waitForProblem('BL-ZZ-99', 'unknown-control');
    await row.waitFor();
  });
});
