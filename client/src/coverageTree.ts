// "Kijun Coverage" view: sectors → CSF functions → controls → covering measures / exemptions.
import * as vscode from 'vscode';
import type { ControlView, CoverageView, Located, SectorView } from './protocol.js';

// The view's words (states, function names, counts) come from the server in kijun.yaml's locale,
// like the sector and control names beside them; this file shows them as given.

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
        sites.push({ type: 'site', label: e.label, description: e.rationale, location: e, icon: e.sound ? 'shield' : 'warning' });
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
        item.description = s.description;
        item.tooltip = s.baseline;
        item.iconPath = new vscode.ThemeIcon(s.uncovered.length ? 'error' : 'pass');
        item.contextValue = 'sector';
        return item;
      }
      case 'function': {
        const done = node.controls.filter((c) => c.state === 'covered' || c.state === 'exempted').length;
        const item = new vscode.TreeItem(this.view.functions?.[node.fn] ?? node.fn, vscode.TreeItemCollapsibleState.Collapsed);
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
  item.description = c.stateLabel;
  if (c.candidate) {
    item.description += ` — ${c.candidate.label}`;
    item.tooltip = c.candidate.tooltip;
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
