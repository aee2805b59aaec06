import { batch, signal, type ReadonlySignal } from '@preact/signals';
import type { Failure } from './failure';
import type { HeldEntries } from './held-entries';
import type { LogFilters } from './log-types';
import type { LogStore } from './log-store';
import { RANGE_PAGE_SIZE } from './logs-query';
import { loadRangeFirstPage } from './range-pages';
import type { RequestLane } from './request-lane';
import { loadFirstPage, syncNewer, type FetchPage, type PageResult, type SyncCursor } from './sync-newer';
import { hasTimeRange, isAfterTo } from './time-range';

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
// - A time range (From/To) starts with its exact first page and total (lib/core/range-pages.ts),
//   then the rest of it is read (firstLoaded). A closed range (entries after To exist) is
//   never polled; an open one is, and what comes after To is dropped and closes it.

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
  /** Page size of a time range's pages (default RANGE_PAGE_SIZE). */
  rangePageSize?: number;
  /** A time range's first page is in: the rest of the range is read (lib/core/range-fill.ts). */
  firstLoaded?: () => void;
  /** A poll ran past both To and its page bound, so the range's total is no longer known: read it again. */
  rangeUnsure?: () => void;
}

export interface NewestEntries {
  readonly total: ReadonlySignal<number | null>;
  /** Whether nothing was loaded yet (no cursor): the next poll asks the first page. */
  readonly empty: boolean;
  /** A time range whose To has passed on the backend: nothing newer can come (no live updates). */
  readonly closed: boolean;
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
  let closed = false;
  const query = () => ({ fetchPage: deps.fetchPage, filters: deps.filters(), limit: deps.pageSize, signal: lane.signal });

  async function firstLoad(gen: number): Promise<void> {
    const ranged = hasTimeRange(deps.filters());
    const result: PageResult & { closed?: boolean } = ranged
      ? await loadRangeFirstPage({ ...query(), limit: deps.rangePageSize ?? RANGE_PAGE_SIZE })
      : await loadFirstPage(query());
    if (!lane.isCurrent(gen)) return;
    if (result.kind === 'failed') return deps.failed(result.failure);
    batch(() => {
      closed = result.closed === true;
      const newest = result.entries[0];
      if (newest) {
        cursor = { id: newest.id, timestamp: newest.timestamp };
        held.add(result.entries, null);
      }
      deps.setHasOlder(result.hasOlder);
      total.value = result.total;
      deps.succeeded();
    });
    if (ranged) deps.firstLoaded?.();
  }

  async function poll(gen: number): Promise<void> {
    if (closed) return deps.succeeded();
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
    const to = deps.filters().to;
    const inRange = to === null ? result.newEntries : result.newEntries.filter((e) => !isAfterTo(e, to));
    const pastTo = inRange.length < result.newEntries.length;
    const skipped = result.gap?.reason === 'skipped' ? (result.gap.missing ?? 0) : 0;
    // Unfetched entries below ones after To may or may not be in the range.
    if (pastTo && skipped > 0 && deps.rangeUnsure) return deps.rangeUnsure();
    batch(() => {
      cursor = result.cursor;
      closed = pastTo;
      held.add(inRange, result.gap);
      if (total.value !== null) total.value += inRange.length + skipped;
      deps.succeeded();
    });
  }

  return {
    total,
    get empty() {
      return cursor === null;
    },
    get closed() {
      return closed;
    },
    poll,
    olderPage(olderTotal) {
      total.value = olderTotal + held.ofEpoch();
    },
    reset() {
      cursor = null;
      closed = false;
      total.value = null;
    },
  };
}
