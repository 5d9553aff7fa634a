// Reports from inside VS Code: the `kijun` task type (runs the bundled `kijun check` in a task
// process, and the problem matchers fill the Problems panel) and the command that writes and
// opens the HTML coverage report the language server builds.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ReportRequest } from '../../server/src/protocol/index.js';

interface KijunTaskDefinition extends vscode.TaskDefinition {
  type: 'kijun';
  paths?: string[];
  config?: string;
  lang?: 'ja' | 'en';
  maxWarnings?: number;
}

/** Exact severities in Japanese and English output (see docs/reports.md). */
export const PROBLEM_MATCHERS = ['$kijun-error', '$kijun-warning', '$kijun-info'];

export function registerReports(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): vscode.Disposable[] {
  return [
    vscode.tasks.registerTaskProvider('kijun', {
      provideTasks: () => (vscode.workspace.workspaceFolders ?? []).map((folder) => checkTask(context, { type: 'kijun' }, folder)),
      resolveTask: (task) => {
        const definition = task.definition as KijunTaskDefinition;
        const scope = typeof task.scope === 'object' ? task.scope : vscode.workspace.workspaceFolders?.[0];
        return scope ? checkTask(context, definition, scope, task.name) : undefined;
      },
    }),
    vscode.commands.registerCommand('kijun.openReport', () => openReport(context, client())),
  ];
}

function checkTask(context: vscode.ExtensionContext, definition: KijunTaskDefinition, folder: vscode.WorkspaceFolder, name = 'check'): vscode.Task {
  const args = ['check', ...(definition.paths ?? [])];
  if (definition.config) args.push('--config', definition.config);
  if (definition.lang) args.push('--lang', definition.lang);
  if (definition.maxWarnings !== undefined) args.push('--max-warnings', String(definition.maxWarnings));
  // The extension host's executable runs scripts as plain Node with ELECTRON_RUN_AS_NODE.
  const execution = new vscode.ProcessExecution(process.execPath, [context.asAbsolutePath('bin/kijun.cjs'), ...args], {
    cwd: folder.uri.fsPath,
    env: { ELECTRON_RUN_AS_NODE: '1' },
  });
  const task = new vscode.Task(definition, folder, name, 'kijun', execution, PROBLEM_MATCHERS);
  task.group = vscode.TaskGroup.Test;
  task.presentationOptions = { reveal: vscode.TaskRevealKind.Silent, clear: true };
  return task;
}

/**
 * Asks the language server for the HTML report (the same bytes `kijun check --format html`
 * writes for this folder), writes it to the extension's storage and opens it. Nothing of the
 * checker runs in the extension host.
 */
async function openReport(context: vscode.ExtensionContext, client: LanguageClient | undefined): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a folder with sector standards to write a report.'));
    return;
  }
  if (!client?.isRunning()) {
    void vscode.window.showErrorMessage(vscode.l10n.t('The Kijun language server is not running.'));
    return;
  }
  const dir = vscode.Uri.joinPath(context.globalStorageUri, 'reports');
  await vscode.workspace.fs.createDirectory(dir);
  const file = vscode.Uri.joinPath(dir, `${folder.name.replace(/[^\p{L}\p{N}._-]+/gu, '_') || 'workspace'}.html`);
  const locale = vscode.workspace.getConfiguration('kijun').get<string>('locale');
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Kijun: writing the coverage report…') },
    () => client.sendRequest(ReportRequest, { output: file.fsPath, locale: locale === 'ja' || locale === 'en' ? locale : undefined, fallbackLocale: vscode.env.language }));
  if ('problem' in result) {
    void vscode.window.showErrorMessage(result.problem || vscode.l10n.t('Kijun could not write the report.'));
    return;
  }
  await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(result.html));
  const browser = vscode.l10n.t('Open in Browser');
  const reveal = vscode.l10n.t('Reveal File');
  const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Kijun coverage report written: {0}', file.fsPath), browser, reveal);
  if (choice === browser) await vscode.env.openExternal(file);
  else if (choice === reveal) await vscode.commands.executeCommand('revealFileInOS', file);
}
