// Runs inside desktop VS Code on a copy of samples/ (samples/kijun.yaml says `locale: ja`).
import assert from 'node:assert/strict';
import * as vscode from 'vscode';

const folder = (): vscode.Uri => vscode.workspace.workspaceFolders![0].uri;
const electricity = (): vscode.Uri => vscode.Uri.joinPath(folder(), 'standards/electricity/00-governance.md');

function codeOf(d: vscode.Diagnostic): string | undefined {
  return typeof d.code === 'object' ? String(d.code.value) : d.code === undefined ? undefined : String(d.code);
}

/** Resolves with the diagnostics of `uri` once they pass the test, waiting on VS Code's event. */
function diagnostics(uri: vscode.Uri, test: (d: readonly vscode.Diagnostic[]) => boolean): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolve) => {
    const check = (): boolean => {
      const d = vscode.languages.getDiagnostics(uri);
      if (!test(d)) return false;
      resolve(d);
      return true;
    };
    if (check()) return;
    const sub = vscode.languages.onDidChangeDiagnostics(() => {
      if (check()) sub.dispose();
    });
  });
}

const uncovered = (id: string) => (d: readonly vscode.Diagnostic[]): boolean =>
  d.some((x) => codeOf(x) === 'uncovered-control' && x.message.includes(id));

describe('Kijun in desktop VS Code', () => {
  before(async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(electricity()));
  });

  it('reports the sample\'s uncovered controls', async () => {
    await diagnostics(electricity(), uncovered('BL-GV-15'));
    await diagnostics(electricity(), uncovered('BL-ID-08'));
  });

  it('hovers a control id with its catalog entry', async () => {
    const doc = await vscode.workspace.openTextDocument(electricity());
    const at = doc.positionAt(doc.getText().indexOf('BL-GV-01', doc.getText().indexOf('\n---', 4)) + 2);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', electricity(), at);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /BL-GV-01/);
  });

  it('applies the quick-fix that adds a measure, and the diagnostic goes', async () => {
    const [target] = (await diagnostics(electricity(), uncovered('BL-GV-15'))).filter((x) => x.message.includes('BL-GV-15'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', electricity(), target.range);
    const fix = actions.find((a) => a.title === 'BL-GV-15 に対応する対策を追加');
    assert.ok(fix?.edit, `code actions: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await diagnostics(electricity(), (d) => !uncovered('BL-GV-15')(d) && uncovered('BL-ID-08')(d));
  });

  it('contributes its commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['kijun.checkWorkspace', 'kijun.showCoverage', 'kijun.newStandard', 'kijun.openReport', 'kijun.exportTable', 'kijun.exportCsfProfile']) assert.ok(commands.includes(id), id);
  });
});
