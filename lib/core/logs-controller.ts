import { batch, signal, type ReadonlySignal } from '@preact/signals';
import { createAutoRefresh } from './auto-refresh';
import { EntryTimeline } from './entry-timeline';
import { VIEW_INTERVAL_MS } from './cadence';
import { createErrorsSeen } from './errors-seen';
import type { Failure } from './failure';
import { createHeldEntries } from './held-entries';
import type { LogEntry, LogFilters } from './log-types';
import { LogStore } from './log-store';
import type { LogsViewModel } from './logs-view-model';
import { PAGE_SIZE, RANGE_FILL_MAX_PAGES, RANGE_PAGE_SIZE } from './logs-query';
import { createNewestEntries } from './newest-entries';
import { createOlderPages } from './older-pages';
import { createSearchEverything } from './search-everything';
import { createPollSchedule, defaultClock, type ControllerClock } from './poll-schedule';
import { createRangeFill } from './range-fill';
import { createRequestLane } from './request-lane';
import { prepareSearchSoon } from './search-entries';
import { loadOlderPage, type FetchPage } from './sync-newer';
import { createViewFilters } from './view-filters';
import { createViewPolls } from './view-polls';
import { createViewRows } from './view-rows';
import { createViewStatus } from './view-status';
import { hasTimeRange } from './time-range';

export type { ControllerClock };

// One view's logs: what lib/core/logs-view-model.ts promises the UI, built from a LogStore
// (entries + gaps), the paging rules of lib/core/sync-newer.ts and an injected clock. This file
// only composes parts with one job each:
// - request-lane: one request at a time, generations (a filter change or stop() aborts
//   in-flight requests and ignores their answers);
// - poll-schedule: the timer and the retry delay (a failing view retries by itself);
// - view-polls: a poll, the user's Refresh (one more poll after the one on its way);
// - auto-refresh: started and the auto-refresh toggle, when polls run by themselves;
// - newest-entries: the first page, polls, restarts (old entries kept under a marker), the total;
// - held-entries: new entries held while the user is scrolled away (a restart never waits);
// - older-pages: "load older";
// - view-status: idle/loading/ready/failed and the last success (a failure never clears the rows);
// - range-fill: a time range is read whole (its first page: newest-entries, range-pages);
// - view-filters, view-rows (search, counts, export), errors-seen (the badge's "seen").
// Search text per entry is built ahead only for long buffers (search-entries: 10,000+
// received, so the first keystroke over 100,000 stays fast); otherwise per search.

export interface LogsControllerDeps {
  fetchPage: FetchPage;
  clock?: ControllerClock;
  /** Polling interval, and the base of the retry backoff (default VIEW_INTERVAL_MS). */
  intervalMs?: number;
  /** Page size L (default PAGE_SIZE, at most MAX_LIMIT). */
  pageSize?: number;
  /** Page size of a time range's pages (default RANGE_PAGE_SIZE). */
  rangePageSize?: number;
  initialFilters?: Partial<LogFilters>;
  /** Called when the newest entries are on screen and include ERROR/CRITICAL entries newer
   *  than the last reported one (ids of the running backend: they restart after a restart). */
  onErrorsSeen?: (newestErrorId: number) => void;
  /** Polls are skipped while this says false (e.g. document hidden). */
  isVisible?: () => boolean;
  /** Backoff jitter source (default Math.random). */
  random?: () => number;
  /** Longest wait between retries (default RETRY_BACKOFF_CAP_MS, lib/core/cadence.ts). */
  maxBackoffMs?: number;
  /** Whether auto-refresh starts on (default true). */
  autoRefresh?: boolean;
  /** Bounds of one poll run (lib/core/sync-newer.ts defaults when absent). */
  maxPagesPerPoll?: number;
  maxEntriesPerPoll?: number;
}

export interface LogsController extends LogsViewModel {
  readonly olderFailure: ReadonlySignal<Failure | null>;
  /**
   * New entries are waiting (the live stream rang): poll now rather than at the next tick,
   * unless auto-refresh is off, the view is hidden or stopped, or a failure is waited out.
   */
  pollSoon(): void;
  /** The entries currently shown (narrowed by search), newest first. */
  shownEntries(): LogEntry[];
  /** Whether the newest entries are on screen (the list at its top): new ones show at once. */
  seesNewest(): boolean;
  /** Whether the user's Refresh is on its way: its requests want NetBox's answer as of now. */
  userRefreshing(): boolean;
  /** Back online: a failed view asks at once instead of at its next retry. */
  backOnline(): void;
}

export const RESTART_NOTICE = 'The backend restarted. Entries from before the restart are kept below the marker.';

export function createLogsController(deps: LogsControllerDeps): LogsController {
  const clock = deps.clock ?? defaultClock;
  const pageSize = deps.pageSize ?? PAGE_SIZE;
  const rangePageSize = deps.rangePageSize ?? RANGE_PAGE_SIZE;
  const timeline = new EntryTimeline();
  const store = new LogStore(timeline);
  const timelineVersion = signal(0);
  const lane = createRequestLane();
  const status = createViewStatus();
  const notice = signal<string | null>(null);
  const view = createViewRows(store, () => newest.total.value);
  const filters = createViewFilters(deps.initialFilters, reload);
  const held = createHeldEntries(store, publish);
  const seen = createErrorsSeen({
    newestErrorId: () => store.newestErrorId,
    onScreen: () => live.started && held.atTop && !held.waiting,
    onErrorsSeen: deps.onErrorsSeen,
  });
  const schedule = createPollSchedule({
    clock,
    intervalMs: deps.intervalMs ?? VIEW_INTERVAL_MS,
    mayRun: () => live.running,
    isVisible: deps.isVisible,
    poll: () => void polls.poll(),
    armed: (at) => status.retryAt(at),
    random: deps.random,
    maxBackoffMs: deps.maxBackoffMs,
  });
  const newest = createNewestEntries({
    fetchPage: deps.fetchPage,
    pageSize,
    maxPagesPerPoll: deps.maxPagesPerPoll,
    maxEntriesPerPoll: deps.maxEntriesPerPoll,
    filters: () => filters.filters.value,
    lane,
    store,
    held,
    setHasOlder: (value) => older.setHasOlder(value),
    succeeded() {
      schedule.succeeded();
      status.answered(clock.now(), true);
    },
    failed(failure: Failure) {
      const retryDelay = schedule.failed(failure);
      status.failedWith(failure, live.running ? clock.now() + retryDelay : null);
    },
    restarted() {
      seen.restarted();
      notice.value = RESTART_NOTICE;
      publish();
    },
    rangePageSize,
    firstLoaded: () => void fill.start(),
    rangeUnsure: reload,
  });
  const older = createOlderPages({
    lane,
    held,
    fetch(oldestId, signal, asked) {
      const current = filters.filters.value;
      // A search reading everything asks its own size; a time range is read in its larger pages.
      const limit = asked ?? (hasTimeRange(current) ? rangePageSize : pageSize);
      return loadOlderPage({ fetchPage: deps.fetchPage, filters: current, limit, signal, oldestId });
    },
    apply(page) {
      newest.olderPage(page.total); // before the page counts as held
      prepareSearchSoon(page.entries);
      store.addOlder(page.entries);
      status.answered(clock.now(), false);
      publish();
    },
  });
  const fill = createRangeFill({ lane, older, maxPages: RANGE_FILL_MAX_PAGES });
  const searchAll = createSearchEverything({
    search: view.search,
    hasOlder: older.hasOlder,
    olderFailure: older.failure,
    loadOlder: (limit) => older.load(limit),
  });
  const polls = createViewPolls({ lane, schedule, status, newest, isEmpty: () => store.size === 0 });
  const live = createAutoRefresh({
    initial: deps.autoRefresh ?? true,
    schedule,
    status,
    polls,
    isVisible: deps.isVisible,
    started: () => seen.report(),
    stopped: newGeneration,
  });

  /** Forget all in-flight work: abort its requests, ignore its answers. */
  function newGeneration(): void {
    lane.renew();
    polls.abandoned();
    older.abandoned();
    searchAll.reset();
  }

  function publish(): void {
    view.publish();
    timelineVersion.value = store.version;
    seen.report();
  }

  /** Other filters: start from nothing (answers for the old filters are ignored). */
  function reload(): void {
    newGeneration();
    schedule.clear();
    batch(() => {
      store.clear();
      held.clear();
      newest.reset();
      schedule.reset();
      older.reset();
      notice.value = null;
      status.reset(live.started);
      publish();
    });
    if (live.started) void polls.poll();
  }

  return {
    rows: view.rows,
    loadedCount: view.loadedCount,
    shownCount: view.shownCount,
    total: view.total,
    hasOlder: older.hasOlder,
    loadingOlder: older.loading,
    searchingAll: searchAll.reading,
    refreshing: polls.refreshing,
    state: status.state,
    filters: filters.filters,
    search: view.search,
    autoRefresh: live.autoRefresh,
    pendingNew: held.count,
    notice,
    lastSuccessAt: status.lastSuccessAt,
    olderFailure: older.failure,
    timeline: { version: timelineVersion, data: timeline },

    setFilters: filters.set,
    setTimeRange: filters.setTimeRange,
    clearFilters: filters.clear,
    setSearch: view.setSearch,
    setAutoRefresh: live.set,
    refresh: polls.refresh,
    loadOlder: older.load,
    setAtTop(value: boolean) {
      held.atTop = value;
      if (value) held.flush();
      seen.report();
    },
    showPending() {
      held.flush();
      seen.report();
    },
    pollSoon: live.pollSoon,
    backOnline: live.backOnline,
    dismissNotice() {
      notice.value = null;
    },
    start: live.start,
    stop: live.stop,
    entries: view.entries,
    shownEntries: view.shownEntries,
    seesNewest: () => held.atTop,
    userRefreshing: () => polls.userRefreshing,
  };
}
