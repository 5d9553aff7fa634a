// When the language server dies: restart it, unless it keeps dying, and tell the user once.
// Pure (no `vscode` import) so that the decision is unit-tested; extension.ts maps it onto
// vscode-languageclient's ErrorHandler.

/** At most this many crashes within the window are restarted; one more and it stays down. */
export const MAX_RESTARTS = 5;
export const WINDOW_MS = 3 * 60_000;

export type CloseDecision = {
  restart: boolean;
  /** Which message to show, or undefined to stay quiet. */
  notify?: 'restarted' | 'gaveUp';
};

export class RestartPolicy {
  private readonly crashes: number[] = [];
  private toldRestarted = false;
  private toldGaveUp = false;

  constructor(private readonly maxRestarts = MAX_RESTARTS, private readonly windowMs = WINDOW_MS) {}

  /** The server's connection closed unexpectedly at `now` (milliseconds). */
  closed(now: number): CloseDecision {
    this.crashes.push(now);
    while (this.crashes.length > 0 && now - this.crashes[0] > this.windowMs) this.crashes.shift();
    if (this.crashes.length > this.maxRestarts) {
      const notify = this.toldGaveUp ? undefined : 'gaveUp';
      this.toldGaveUp = true;
      return { restart: false, notify };
    }
    const notify = this.toldRestarted ? undefined : 'restarted';
    this.toldRestarted = true;
    return { restart: true, notify };
  }
}
