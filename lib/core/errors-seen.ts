// Telling the worker the user has seen the newest errors (part of lib/core/logs-controller.ts),
// so the toolbar badge stops counting them. Only while the newest entries are on screen
// (started, at the top, nothing held back), and only for an error newer than the last one
// reported. Ids are the running backend's: a restart starts them again, and the count over.

export interface ErrorsSeenDeps {
  /** The newest ERROR/CRITICAL id held, if any. */
  newestErrorId: () => number | null;
  /** Whether the newest entries are on screen now. */
  onScreen: () => boolean;
  onErrorsSeen?: (newestErrorId: number) => void;
}

export interface ErrorsSeen {
  /** Reports the newest error when it is on screen and new. */
  report(): void;
  /** The backend restarted: its ids start again. */
  restarted(): void;
}

export function createErrorsSeen(deps: ErrorsSeenDeps): ErrorsSeen {
  let lastReported = 0;
  return {
    report() {
      if (!deps.onErrorsSeen || !deps.onScreen()) return;
      const id = deps.newestErrorId();
      if (id !== null && id > lastReported) {
        lastReported = id;
        deps.onErrorsSeen(id);
      }
    },
    restarted() {
      lastReported = 0;
    },
  };
}
