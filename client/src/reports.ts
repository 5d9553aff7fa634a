// Reports from inside VS Code: the `kijun` task type (runs the bundled `kijun check`, and the
// problem matchers fill the Problems panel) and the command that writes and opens the HTML
// coverage report. Both run the checker shipped with the extension; nothing is downloaded.
import * as vscode from 'vscode';
import { createRequire } from 'node:module';

interface KijunTaskDefinition extends vscode.TaskDefinition {
  type: 'kijun';
  paths?: string[];
  config?: string;
  lang?: 'ja' | 'en';
  maxWarnings?: number;
}

/** Exact severities in Japanese and English output (see docs/reports.md). */
export const PROBLEM_MATCHERS = ['$kijun-error', '$kijun-warning', '$kijun-info'];

type CliRun = (argv: string[], io: { cwd: string; env: NodeJS.ProcessEnv; stdout: (t: string) => void; stderr: (t: string) => void }) => Promise<number>;

export function registerReports(context: vscode.ExtensionContext): vscode.Disposable[] {
  return [
    vscode.tasks.registerTaskProvider('kijun', {
      provideTasks: () => (vscode.workspace.workspaceFolders ?? []).map((folder) => checkTask(context, { type: 'kijun' }, folder)),
      resolveTask: (task) => {
        const definition = task.definition as KijunTaskDefinition;
        const scope = typeof task.scope === 'object' ? task.scope : vscode.workspace.workspaceFolders?.[0];
        return scope ? checkTask(context, definition, scope, task.name) : undefined;
      },
    }),
    vscode.commands.registerCommand('kijun.openReport', () => openReport(context)),
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

/** Writes the HTML report of a workspace folder to the extension's storage and opens it. */
async function openReport(context: vscode.ExtensionContext): Promise<void> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const folder = folders.length <= 1 ? folders[0] : await vscode.window.showWorkspaceFolderPick();
  if (!folder) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a folder with sector standards to write a report.'));
    return;
  }
  const dir = vscode.Uri.joinPath(context.globalStorageUri, 'reports');
  await vscode.workspace.fs.createDirectory(dir);
  const file = vscode.Uri.joinPath(dir, `${folder.name.replace(/[^\p{L}\p{N}._-]+/gu, '_') || 'workspace'}.html`);
  const locale = vscode.workspace.getConfiguration('kijun').get<string>('locale');
  const args = ['check', '--format', 'html', '--output', file.fsPath];
  if (locale === 'ja' || locale === 'en') args.push('--lang', locale);
  // `auto`: kijun.yaml's locale, then VS Code's display language (the checker's fallback is the environment).
  const language = vscode.env.language.startsWith('ja') ? 'ja_JP.UTF-8' : 'en_US.UTF-8';
  const env = { ...process.env, LC_ALL: language, LC_MESSAGES: language, LANG: language };
  let stderr = '';
  const status = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Kijun: writing the coverage report…') }, () => {
    const require = createRequire(__filename);
    const { run } = require(context.asAbsolutePath('out/cli.cjs')) as { run: CliRun };
    return run(args, { cwd: folder.uri.fsPath, env, stdout: () => undefined, stderr: (t) => (stderr += t) });
  });
  if (status === 2) {
    void vscode.window.showErrorMessage(stderr.trim() || vscode.l10n.t('Kijun could not write the report.'));
    return;
  }
  const browser = vscode.l10n.t('Open in Browser');
  const reveal = vscode.l10n.t('Reveal File');
  const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Kijun coverage report written: {0}', file.fsPath), browser, reveal);
  if (choice === browser) await vscode.env.openExternal(file);
  else if (choice === reveal) await vscode.commands.executeCommand('revealFileInOS', file);
}
