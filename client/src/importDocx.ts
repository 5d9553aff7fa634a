// "Import a Word standard": pick a .docx, say its sector, baseline and level, and the language
// server converts it (kijun/importDocx); the result opens as a new Markdown document or is saved
// next to the Word file. The extension host only reads the file and shows the answer.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { CoverageView } from './protocol.js';

type ImportResult = { ok: true; markdown: string; measures: number; notes: string[] } | { ok: false; message: string };

// Sector ids of the domain (server/src/core/sectors.ts); the checker names unknown ones.
const SECTORS = ['information-communication', 'finance', 'aviation', 'airport', 'railway', 'electricity', 'gas', 'government', 'medical', 'water', 'logistics', 'chemical', 'credit', 'petroleum', 'port'];

export function registerImportDocx(client: () => LanguageClient | undefined): vscode.Disposable[] {
  return [vscode.commands.registerCommand('kijun.importDocx', (file?: vscode.Uri) => importDocx(client(), file))];
}

async function importDocx(client: LanguageClient | undefined, given?: vscode.Uri): Promise<void> {
  if (!client) return;
  const file = given instanceof vscode.Uri ? given : (await vscode.window.showOpenDialog({
    canSelectMany: false,
    openLabel: vscode.l10n.t('Import'),
    title: vscode.l10n.t('Import a Word standard'),
    filters: { [vscode.l10n.t('Word documents')]: ['docx', 'docm', 'doc'] },
  }))?.[0];
  if (!file) return;
  const options = await askOptions(client);
  if (!options) return;
  const data = Buffer.from(await vscode.workspace.fs.readFile(file)).toString('base64');
  const locale = vscode.env.language.startsWith('ja') ? 'ja' : 'en';
  const result = await client.sendRequest<ImportResult>('kijun/importDocx', { data, ...options, locale });
  const name = file.path.slice(file.path.lastIndexOf('/') + 1);
  if (!result.ok) {
    void vscode.window.showErrorMessage(`${name}: ${result.message}`);
    return;
  }
  const doc = await place(file, result.markdown);
  if (!doc) return;
  await vscode.window.showTextDocument(doc);
  const channel = output();
  channel.appendLine(`${name}:`);
  for (const note of result.notes) channel.appendLine(`  ${note}`);
  const shown = result.notes.length ? vscode.l10n.t('{0} imported with {1} measure headings. Notes: {2}', name, result.measures, result.notes.join(' ')) : vscode.l10n.t('{0} imported with {1} measure headings.', name, result.measures);
  void vscode.window.showInformationMessage(shown);
}

async function askOptions(client: LanguageClient): Promise<{ sector: string; baseline?: string; level: number } | undefined> {
  const sector = await vscode.window.showQuickPick(SECTORS, { title: vscode.l10n.t('Sector'), placeHolder: vscode.l10n.t('The sector this standard belongs to') });
  if (!sector) return undefined;
  const view = await client.sendRequest<CoverageView>('kijun/coverageView');
  const none = vscode.l10n.t('(none: add it later)');
  const baselines = [...view.catalogs.map((c) => ({ label: c.key, description: c.title })), { label: none, description: '' }];
  const baseline = baselines.length === 1 ? baselines[0] : await vscode.window.showQuickPick(baselines, { title: vscode.l10n.t('Baseline') });
  if (!baseline) return undefined;
  const level = await vscode.window.showQuickPick(['1', '2', '3'], { title: vscode.l10n.t('Level') });
  if (!level) return undefined;
  return { sector, baseline: baseline.label === none ? undefined : baseline.label, level: Number(level) };
}

/** A new untitled document, or a .md file next to the Word file (never over an existing file unasked). */
async function place(file: vscode.Uri, markdown: string): Promise<vscode.TextDocument | undefined> {
  const untitled = vscode.l10n.t('Open as a new document');
  const beside = vscode.l10n.t('Save next to the Word file');
  const choice = file.scheme === 'file' ? await vscode.window.showQuickPick([untitled, beside], { title: vscode.l10n.t('Where should the Markdown standard go?') }) : untitled;
  if (!choice) return undefined;
  if (choice === untitled) return vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
  const target = file.with({ path: file.path.replace(/\.(docx|docm|doc)$/i, '') + '.md' });
  const exists = await vscode.workspace.fs.stat(target).then(() => true, () => false);
  if (exists) {
    const overwrite = vscode.l10n.t('Overwrite');
    if ((await vscode.window.showWarningMessage(vscode.l10n.t('{0} exists. Overwrite it?', target.path.slice(target.path.lastIndexOf('/') + 1)), { modal: true }, overwrite)) !== overwrite) return undefined;
  }
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(markdown));
  return vscode.workspace.openTextDocument(target);
}

let channel: vscode.OutputChannel | undefined;
function output(): vscode.OutputChannel {
  channel ??= vscode.window.createOutputChannel('Kijun: Word import');
  return channel;
}
