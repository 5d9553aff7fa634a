// The part of a cancellation token the core reads. LSP's CancellationToken has this shape, so a
// host hands its own token through; the core never waits on it, it only stops a long loop early.
export interface Cancellation {
  readonly isCancellationRequested: boolean;
}

export const NOT_CANCELLED: Cancellation = Object.freeze({ isCancellationRequested: false });
