// What the worker's hot paths read from storage, kept in memory: the instance list (every
// view's request, one per view every few seconds, and the first page fetched at the
// launcher's click: a storage read cost that first page 2-20 ms, bench section 0), and the
// panels' layouts (every NetBox page's start, ./page-start.ts, ./navigation-warm.ts). Each
// is read from storage once and again after each change there (the options page's edits,
// the worker's own), never kept past one.

export interface StorageCache<T> {
  read(): Promise<T>;
  /** Stops following storage. */
  stop(): void;
}

/** A value read from storage once and again after each change there. */
export function createStorageCache<T>(load: () => Promise<T>, watch: (onChange: () => void) => () => void): StorageCache<T> {
  let current: Promise<T> | null = null;
  // Forgotten on every change: the next read goes to storage (not the watched value, so
  // that a read can never return a list older than one it returned before).
  const unwatch = watch(() => {
    current = null;
  });
  return {
    read() {
      const reading = (current ??= load());
      // A failed read is not kept: the next one tries storage again.
      reading.catch(() => {
        if (current === reading) current = null;
      });
      return reading;
    },
    stop: unwatch,
  };
}
