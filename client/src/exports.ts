// Commands that save what reviewers exchange: the correspondence table (.xlsx) and the CSF 2.0
// profile. The language server builds the file (kijun/exportTable, kijun/exportCsfProfile); this
// side only asks where to save it and writes the bytes.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

interface ExportResult {
  data: string;
  sectors: number;
}

export function registerExports(client: () => LanguageClient | undefined): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('kijun.exportTable', () => exportTable(client())),
    vscode.commands.registerCommand('kijun.exportCsfProfile', () => exportProfile(client())),
  ];
}

async function exportTable(client: LanguageClient | undefined): Promise<void> {
  const target = await vscode.window.showSaveDialog({
    title: vscode.l10n.t('Export correspondence table (Excel)'),
    defaultUri: defaultUri(vscode.l10n.t('correspondence-table'), 'xlsx'),
    filters: { [vscode.l10n.t('Excel workbook')]: ['xlsx'] },
  });
  if (!target) return;
  await save(client, target, 'kijun/exportTable', {});
}

const PROFILE_FORMATS = [
  { format: 'markdown', extension: 'md', label: 'Markdown' },
  { format: 'csv', extension: 'csv', label: 'CSV' },
  { format: 'json', extension: 'json', label: 'JSON' },
] as const;

async function exportProfile(client: LanguageClient | undefined): Promise<void> {
  const picked = await vscode.window.showQuickPick(PROFILE_FORMATS.map((f) => ({ ...f, description: `.${f.extension}` })), {
    title: vscode.l10n.t('Export CSF 2.0 profile'),
    placeHolder: vscode.l10n.t('Format of the profile'),
  });
  if (!picked) return;
  const target = await vscode.window.showSaveDialog({
    title: vscode.l10n.t('Export CSF 2.0 profile'),
    defaultUri: defaultUri(vscode.l10n.t('csf-profile'), picked.extension),
    filters: { [picked.label]: [picked.extension] },
  });
  if (!target) return;
  await save(client, target, 'kijun/exportCsfProfile', { format: picked.format });
}

async function save(client: LanguageClient | undefined, target: vscode.Uri, method: string, params: Record<string, string>): Promise<void> {
  if (!client?.isRunning()) {
    void vscode.window.showErrorMessage(vscode.l10n.t('The Kijun language server is not running.'));
    return;
  }
  const locale = vscode.workspace.getConfiguration('kijun').get<string>('locale');
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Kijun: exporting…') },
    () => client.sendRequest<ExportResult | null>(method, locale === 'ja' || locale === 'en' ? { ...params, locale } : params));
  if (!result || result.sectors === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No sector standard with a loaded baseline was found; nothing was written.'));
    return;
  }
  await vscode.workspace.fs.writeFile(target, Buffer.from(result.data, 'base64'));
  const reveal = vscode.l10n.t('Reveal File');
  const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Written: {0}', target.fsPath), reveal);
  if (choice === reveal) await vscode.commands.executeCommand('revealFileInOS', target);
}

function defaultUri(name: string, extension: string): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? vscode.Uri.joinPath(folder.uri, `${name}.${extension}`) : undefined;
}
