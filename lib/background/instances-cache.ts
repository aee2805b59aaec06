import type { NetBoxInstance } from '../core/instance';

// The instance list for the worker's hot paths: every view's request (one per view every
// few seconds, and the first page fetched at the launcher's click) needs it, and a
// storage read costs the click's first page 2-20 ms (bench section 0). It is read from
// storage once and again after each change there (the options page's edits, the worker's
// own), never kept past one. The same for the panels' layouts, which every NetBox page's
// start reads (./page-start.ts, ./navigation-warm.ts).

export interface StorageCache<T> {
  read(): Promise<T>;
  /** Stops following storage. */
  stop(): void;
}

export type InstancesCache = StorageCache<NetBoxInstance[]>;

export function createInstancesCache(load: () => Promise<NetBoxInstance[]>, watch: (onChange: () => void) => () => void): InstancesCache {
  return createStorageCache(load, watch);
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
