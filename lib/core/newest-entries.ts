import { batch, signal, type ReadonlySignal } from '@preact/signals';
import type { Failure } from './failure';
import type { HeldEntries } from './held-entries';
import type { LogFilters } from './log-types';
import type { LogStore } from './log-store';
import type { RequestLane } from './request-lane';
import { loadFirstPage, syncNewer, type FetchPage, type SyncCursor } from './sync-newer';

// The newest entries of one view (part of lib/core/logs-controller.ts): the first page, then at
// each poll what is newer than the cursor (lib/core/sync-newer.ts), a backend restart, and the
// backend's total.
//
// - A restart keeps the entries from before under a 'restart' marker (held ones go in
//   first, above the old top: they would no longer be continuous) and loads the restarted
//   backend's newest above it.
// - total: the backend's total from the first page; each poll adds its new entries (a
//   poll's own total only counts ids >= the cursor, so it is not the filter's total), plus
//   skipped ones (they exist, just unfetched); after "load older", the page's total
//   (entries older than the page) + the entries held of the running backend.

export interface NewestEntriesDeps {
  fetchPage: FetchPage;
  pageSize: number;
  maxPagesPerPoll?: number;
  maxEntriesPerPoll?: number;
  filters: () => LogFilters;
  lane: RequestLane;
  store: LogStore;
  held: HeldEntries;
  setHasOlder: (value: boolean) => void;
  succeeded: () => void;
  failed: (failure: Failure) => void;
  /** The backend restarted: its old entries are under the marker now (called in a batch). */
  restarted: () => void;
}

export interface NewestEntries {
  readonly total: ReadonlySignal<number | null>;
  /** Whether nothing was loaded yet (no cursor): the next poll asks the first page. */
  readonly empty: boolean;
  /** One poll: the first page, or what is newer than the cursor. */
  poll(generation: number): Promise<void>;
  /** "Load older" brought a page: the backend holds `olderTotal` entries below it. */
  olderPage(olderTotal: number): void;
  /** Other filters: start from nothing. */
  reset(): void;
}

export function createNewestEntries(deps: NewestEntriesDeps): NewestEntries {
  const { lane, store, held } = deps;
  const total = signal<number | null>(null);
  let cursor: SyncCursor | null = null;
  const query = () => ({ fetchPage: deps.fetchPage, filters: deps.filters(), limit: deps.pageSize, signal: lane.signal });

  async function firstLoad(gen: number): Promise<void> {
    const result = await loadFirstPage(query());
    if (!lane.isCurrent(gen)) return;
    if (result.kind === 'failed') return deps.failed(result.failure);
    batch(() => {
      const newest = result.entries[0];
      if (newest) {
        cursor = { id: newest.id, timestamp: newest.timestamp };
        held.add(result.entries, null);
      }
      deps.setHasOlder(result.hasOlder);
      total.value = result.total;
      deps.succeeded();
    });
  }

  async function poll(gen: number): Promise<void> {
    if (cursor === null) return firstLoad(gen);
    const result = await syncNewer({ ...query(), cursor, maxPages: deps.maxPagesPerPoll, maxEntries: deps.maxEntriesPerPoll });
    if (!lane.isCurrent(gen)) return;
    if (result.kind === 'failed') return deps.failed(result.failure);
    if (result.kind === 'restart') {
      batch(() => {
        held.flush(); // entries of the old backend, above its old top
        store.startEpoch();
        cursor = null;
        deps.setHasOlder(false);
        total.value = null;
        deps.restarted();
      });
      return firstLoad(gen);
    }
    batch(() => {
      cursor = result.cursor;
      held.add(result.newEntries, result.gap);
      if (total.value !== null) {
        const skipped = result.gap?.reason === 'skipped' ? (result.gap.missing ?? 0) : 0;
        total.value += result.newEntries.length + skipped;
      }
      deps.succeeded();
    });
  }

  return {
    total,
    get empty() {
      return cursor === null;
    },
    poll,
    olderPage(olderTotal) {
      total.value = olderTotal + held.ofEpoch();
    },
    reset() {
      cursor = null;
      total.value = null;
    },
  };
}
