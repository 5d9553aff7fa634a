// "Kijun Coverage" view: sectors → CSF functions → controls → covering measures / exemptions.
import * as vscode from 'vscode';
import type { ControlView, CoverageView, Located, SectorView } from './protocol.js';

const FUNCTIONS: Record<string, string> = {
  GV: vscode.l10n.t('GV Govern'), ID: vscode.l10n.t('ID Identify'), PR: vscode.l10n.t('PR Protect'),
  DE: vscode.l10n.t('DE Detect'), RS: vscode.l10n.t('RS Respond'), RC: vscode.l10n.t('RC Recover'),
};

type Node =
  | { type: 'sector'; sector: SectorView }
  | { type: 'function'; sector: SectorView; fn: string; controls: ControlView[] }
  | { type: 'control'; control: ControlView }
  | { type: 'site'; label: string; description?: string; location: Located; icon: string };

export class CoverageTree implements vscode.TreeDataProvider<Node> {
  private view: CoverageView = { sectors: [], catalogs: [] };
  private readonly emitter = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;

  update(view: CoverageView): void {
    this.view = view;
    this.emitter.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    if (!node) return [...this.view.sectors].sort((a, b) => a.sector.localeCompare(b.sector)).map((sector) => ({ type: 'sector', sector }));
    if (node.type === 'sector') {
      const byFunction = new Map<string, ControlView[]>();
      for (const c of node.sector.controls) byFunction.set(c.function, [...(byFunction.get(c.function) ?? []), c]);
      return [...byFunction.entries()].map(([fn, controls]) => ({ type: 'function', sector: node.sector, fn, controls }));
    }
    if (node.type === 'function') return node.controls.map((control) => ({ type: 'control', control }));
    if (node.type === 'control') {
      const sites: Node[] = node.control.measures.map((m) => ({ type: 'site', label: m.id, description: m.title, location: m, icon: 'symbol-class' }));
      for (const e of node.control.exemptions) {
        sites.push({ type: 'site', label: e.sound ? vscode.l10n.t('Exemption') : vscode.l10n.t('Unsound exemption'), description: e.rationale, location: e, icon: e.sound ? 'shield' : 'warning' });
      }
      return sites;
    }
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.type) {
      case 'sector': {
        const s = node.sector;
        const item = new vscode.TreeItem(`${s.name} (${s.sector})`, vscode.TreeItemCollapsibleState.Collapsed);
        item.description = vscode.l10n.t('{0}/{1} covered · {2} exempt · level {3}', s.covered, s.required, s.exempted, s.level);
        item.tooltip = s.baseline;
        item.iconPath = new vscode.ThemeIcon(s.uncovered.length ? 'error' : 'pass');
        item.contextValue = 'sector';
        return item;
      }
      case 'function': {
        const done = node.controls.filter((c) => c.state === 'covered' || c.state === 'exempted').length;
        const item = new vscode.TreeItem(FUNCTIONS[node.fn] ?? node.fn, vscode.TreeItemCollapsibleState.Collapsed);
        item.description = `${done}/${node.controls.length}`;
        return item;
      }
      case 'control':
        return controlItem(node.control);
      case 'site': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.description = node.description;
        item.iconPath = new vscode.ThemeIcon(node.icon);
        item.command = revealCommand(node.location);
        return item;
      }
    }
  }
}

const STATE_ICONS = { covered: 'pass', exempted: 'shield', uncovered: 'error', unsound: 'warning' } as const;

function controlItem(c: ControlView): vscode.TreeItem {
  const hasChildren = c.measures.length + c.exemptions.length > 0;
  const item = new vscode.TreeItem(`${c.id} ${c.title}`, hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  const states = {
    covered: vscode.l10n.t('covered'), exempted: vscode.l10n.t('exempt'), uncovered: vscode.l10n.t('uncovered'), unsound: vscode.l10n.t('unsound exemption'),
  };
  item.description = states[c.state];
  if (c.candidate) {
    item.description += ` — ${vscode.l10n.t('candidate: {0} ({1})', c.candidate.id, c.candidate.score.toFixed(2))}`;
    item.tooltip = vscode.l10n.t('Best candidate by text: {0} {1} (score {2}); not applied until you add it to its marker.', c.candidate.id, c.candidate.title, c.candidate.score.toFixed(2));
  }
  if (c.scopeNote) item.description += ` — ${c.scopeNote}`;
  item.iconPath = new vscode.ThemeIcon(STATE_ICONS[c.state]);
  item.contextValue = `control-${c.state}`;
  const target = c.fix ?? c.measures[0] ?? c.exemptions[0];
  if (target) item.command = revealCommand(target);
  return item;
}

function revealCommand(location: Located): vscode.Command {
  return { command: 'kijun.reveal', title: vscode.l10n.t('Go to'), arguments: [location] };
}
