// The VS Code client: starts the language server and owns views, commands and the status bar.
// It holds no analysis logic; everything it shows comes from the server.
import * as vscode from 'vscode';
import {
  LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions, ErrorAction, CloseAction,
  type ErrorHandler,
} from 'vscode-languageclient/node';
import { CoverageTree } from './coverageTree.js';
import { registerReports } from './reports.js';
import { registerImportDocx } from './importDocx.js';
import { registerExports } from './exports.js';
import { CoverageViewRequest, FileInfoRequest, ScaffoldRequest, SectorsRequest, type Located } from './protocol.js';
import { MAX_RESTARTS, RestartPolicy } from './restartPolicy.js';

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const tree = new CoverageTree();
  const status = vscode.window.createStatusBarItem('kijun.coverage', vscode.StatusBarAlignment.Left, 100);
  status.name = vscode.l10n.t('Kijun coverage');
  status.command = 'kijun.showCoverage';
  context.subscriptions.push(status, vscode.window.registerTreeDataProvider('kijun.coverage', tree));

  client = createClient(context);
  const refresh = debounce(() => void refreshViews(tree, status), 150);
  context.subscriptions.push(
    vscode.languages.onDidChangeDiagnostics(refresh),
    vscode.window.onDidChangeActiveTextEditor(refresh),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('kijun')) void client?.sendNotification('workspace/didChangeConfiguration', { settings: { kijun: settings() } });
    }),
    ...registerCommands(context, tree),
    // Trust widens what the server may read (kijun.yaml above the folder, paths outside it).
    vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.restart()),
  );
  // Activation returns before the server has answered `initialize`: VS Code counts everything
  // activate() awaits as activation time, and the views fill in as soon as the server reports.
  client.start().then(refresh, () => undefined); // the client itself reports a failed start
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

function createClient(context: vscode.ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath('out/server.cjs');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // Unsaved documents too: the "new sector standard" scaffold is checked before it is saved.
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'markdown' },
      { scheme: 'untitled', language: 'yaml' },
    ],
    // One "Kijun" output channel for the server's log and the coverage summary.
    outputChannel: output(),
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{md,markdown,yaml,yml}') },
    // A function, so that a restart after the user grants trust sends the new state.
    initializationOptions: () => ({ locale: localeOverride() ?? vscode.env.language, settings: settings(), debounce: setting<number>('debounce'), trusted: vscode.workspace.isTrusted }),
    errorHandler: restartingErrorHandler(),
  };
  return new LanguageClient('kijun', 'Kijun', serverOptions, clientOptions);
}

/** Restarts a crashed server (up to RestartPolicy's limit) and tells the user once, not on every crash. */
function restartingErrorHandler(): ErrorHandler {
  const policy = new RestartPolicy();
  return {
    error: () => ({ action: ErrorAction.Continue }),
    closed: () => {
      const decision = policy.closed(Date.now());
      if (decision.notify === 'restarted') {
        void vscode.window.showWarningMessage(vscode.l10n.t('The Kijun language server stopped unexpectedly and was restarted.'));
      } else if (decision.notify === 'gaveUp') {
        void vscode.window.showErrorMessage(vscode.l10n.t('The Kijun language server stopped {0} times in a few minutes and will not be restarted. Reload the window to try again.', MAX_RESTARTS + 1));
      }
      return { action: decision.restart ? CloseAction.Restart : CloseAction.DoNotRestart, handled: true };
    },
  };
}

function setting<T>(key: string): T | undefined {
  return vscode.workspace.getConfiguration('kijun').get<T>(key);
}

function localeOverride(): string | undefined {
  const l = setting<string>('locale');
  return l === 'ja' || l === 'en' ? l : undefined;
}

function settings(): Record<string, unknown> {
  return {
    catalogs: setting<string[]>('catalogs') ?? [],
    standards: setting<string[]>('standards') ?? [],
    rules: setting<Record<string, string>>('rules') ?? {},
    locale: localeOverride(),
  };
}

async function refreshViews(tree: CoverageTree, status: vscode.StatusBarItem): Promise<void> {
  if (!client?.isRunning()) return;
  tree.update(await client.sendRequest(CoverageViewRequest));
  const editor = vscode.window.activeTextEditor;
  const info = editor ? await client.sendRequest(FileInfoRequest, { uri: editor.document.uri.toString() }) : undefined;
  if (!info?.kind) {
    status.hide();
    return;
  }
  if (info.kind === 'catalog' || !info.coverage) {
    status.text = `$(book) Kijun: ${info.baseline ?? '?'}`;
    status.tooltip = info.kind === 'catalog' ? vscode.l10n.t('Baseline catalog {0}', info.baseline ?? '') : vscode.l10n.t('Baseline {0} is not loaded', info.baseline ?? '');
  } else {
    const c = info.coverage;
    status.text = `$(checklist) Kijun: ${c.covered + c.exempted}/${c.required} · ${vscode.l10n.t('{0} exempt', c.exempted)}`;
    status.tooltip = vscode.l10n.t('{0} checked against {1}: {2} of {3} required controls covered, {4} exempt, {5} uncovered. Click for details.',
      info.sectorName ?? info.sector ?? '', info.baseline ?? '', c.covered, c.required, c.exempted, c.uncovered.length);
  }
  status.show();
}

function registerCommands(context: vscode.ExtensionContext, tree: CoverageTree): vscode.Disposable[] {
  void tree;
  return [
    vscode.commands.registerCommand('kijun.reveal', (l: Located) => reveal(l)),
    vscode.commands.registerCommand('kijun.showCoverage', () => showCoverage()),
    vscode.commands.registerCommand('kijun.checkWorkspace', () => checkWorkspace()),
    vscode.commands.registerCommand('kijun.openCsfReference', () => openCsfReference()),
    vscode.commands.registerCommand('kijun.newStandard', () => newStandard()),
    vscode.commands.registerCommand('kijun.openSamples', () => openSamples(context)),
    ...registerReports(context, () => client),
    ...registerImportDocx(() => client),
    ...registerExports(() => client),
  ];
}

async function reveal(location: Located): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(location.uri));
  const r = location.range;
  const range = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
  await vscode.window.showTextDocument(doc, { selection: range });
}

/** Details of the active standard, and a way to switch the catalog it is checked against. */
async function showCoverage(): Promise<void> {
  if (!client) return;
  const editor = vscode.window.activeTextEditor;
  const info = editor ? await client.sendRequest(FileInfoRequest, { uri: editor.document.uri.toString() }) : undefined;
  await vscode.commands.executeCommand('kijun.coverage.focus');
  if (!editor || info?.kind !== 'standard' || !info.baselineRange) return;
  const items: (vscode.QuickPickItem & { key?: string })[] = [];
  if (info.coverage) {
    const c = info.coverage;
    items.push({ label: vscode.l10n.t('{0}: {1}/{2} covered, {3} exempt', info.sectorName ?? '', c.covered, c.required, c.exempted), kind: vscode.QuickPickItemKind.Separator });
    if (c.uncovered.length) items.push({ label: `$(error) ${vscode.l10n.t('Uncovered')}: ${c.uncovered.join(', ')}` });
  }
  items.push({ label: vscode.l10n.t('Check against another catalog'), kind: vscode.QuickPickItemKind.Separator });
  for (const cat of info.catalogs) {
    items.push({ label: `${cat.key === info.baseline ? '$(check) ' : ''}${cat.key}`, description: cat.title, key: cat.key });
  }
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Kijun: coverage of this standard') });
  if (!picked?.key || picked.key === info.baseline) return;
  const r = info.baselineRange;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(editor.document.uri, new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character), picked.key);
  await vscode.workspace.applyEdit(edit);
}

async function checkWorkspace(): Promise<void> {
  if (!client) return;
  const view = await client.sendRequest(CoverageViewRequest);
  const lines = view.sectors.map((s) => `${s.name} (${s.sector}) ${s.baseline}: ${s.covered}/${s.required}, ${vscode.l10n.t('{0} exempt', s.exempted)}${s.uncovered.length ? ` — ${vscode.l10n.t('Uncovered')}: ${s.uncovered.join(', ')}` : ''}`);
  const channel = output();
  channel.clear();
  channel.appendLine(vscode.l10n.t('Kijun coverage of the baseline'));
  for (const l of lines) channel.appendLine(l);
  channel.show(true);
  await vscode.commands.executeCommand('workbench.actions.view.problems');
}

let channel: vscode.LogOutputChannel | undefined;
function output(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('Kijun', { log: true });
  return channel;
}

/** Opens NIST's CSF 2.0 reference for the CSF id, or the control's first CSF id, under the cursor. */
async function openCsfReference(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !client) return;
  const range = editor.document.getWordRangeAtPosition(editor.selection.active, /[A-Za-z][A-Za-z0-9_.-]*/);
  const word = range ? editor.document.getText(range) : '';
  let id = /^(GV|ID|PR|DE|RS|RC)\.[A-Z]{2}(-\d{2})?$/.test(word) ? word : undefined;
  if (!id) {
    const hover = await client.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', {
      textDocument: { uri: editor.document.uri.toString() }, position: editor.selection.active,
    });
    id = /\[((?:GV|ID|PR|DE|RS|RC)\.[A-Z]{2}(?:-\d{2})?)\]/.exec(hover?.contents.value ?? '')?.[1];
  }
  if (!id) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Place the cursor on a CSF id or a control id.'));
    return;
  }
  await vscode.env.openExternal(vscode.Uri.parse(`https://csrc.nist.gov/projects/cprt/catalog#/cprt/framework/version/CSF_2_0_0/home?element=${id}`));
}

async function newStandard(): Promise<void> {
  if (!client) return;
  const view = await client.sendRequest(CoverageViewRequest);
  if (view.catalogs.length === 0) {
    void vscode.window.showWarningMessage(vscode.l10n.t('No baseline catalog is loaded in this workspace.'));
    return;
  }
  const catalog = view.catalogs.length === 1 ? view.catalogs[0] : (await vscode.window.showQuickPick(view.catalogs.map((c) => ({ label: c.key, description: c.title, c }))))?.c;
  if (!catalog) return;
  const locale = vscode.env.language.startsWith('ja') ? 'ja' : 'en';
  // The server's list: the built-in sectors and kijun.yaml's additions, named in the user's language.
  const sectors = await client.sendRequest(SectorsRequest, { locale: localeOverride() ?? locale });
  const sector = (await vscode.window.showQuickPick(sectors.map((s) => ({ label: s.name, description: s.id, id: s.id })), { title: vscode.l10n.t('Sector') }))?.id;
  if (!sector) return;
  const level = await vscode.window.showQuickPick(['1', '2', '3'], { title: vscode.l10n.t('Level') });
  if (!level) return;
  const text = await client.sendRequest(ScaffoldRequest, { catalog: catalog.key, sector, level: Number(level), locale });
  if (!text) return;
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: text });
  await vscode.window.showTextDocument(doc);
}

/** Copies the bundled samples to the extension's storage (never edits the install) and opens them. */
async function openSamples(context: vscode.ExtensionContext): Promise<void> {
  const target = vscode.Uri.joinPath(context.globalStorageUri, 'samples');
  await vscode.workspace.fs.copy(vscode.Uri.joinPath(context.extensionUri, 'samples'), target, { overwrite: true });
  await vscode.commands.executeCommand('vscode.openFolder', target, { forceNewWindow: false });
}

function debounce(fn: () => void, ms: number): () => void {
  let timer: NodeJS.Timeout | undefined;
  return () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(fn, ms);
  };
}
