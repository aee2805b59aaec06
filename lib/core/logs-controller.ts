import { batch, computed, signal, type ReadonlySignal } from '@preact/signals';
import { VIEW_INTERVAL_MS } from './cadence';
import type { Failure } from './failure';
import { createHeldEntries } from './held-entries';
import { createNewestEntries } from './newest-entries';
import { EMPTY_FILTERS, type LogEntry, type LogFilters } from './log-types';
import { LogStore } from './log-store';
import type { LoadState, LogRow, LogsViewModel } from './logs-view-model';
import { createOlderPages } from './older-pages';
import { createPollSchedule, defaultClock, type ControllerClock } from './poll-schedule';
import { createFlight, createRequestLane } from './request-lane';
import { createRowSearch, normalizeSearch, prepareSearchSoon } from './search-entries';
import { filtersToQuery, loadOlderPage, type FetchPage } from './sync-newer';

export type { ControllerClock };

// One view's logs: what lib/logs-view-model.ts promises the UI, built from a LogStore
// (entries + gaps), the paging rules of lib/sync-newer.ts and an injected clock. It composes
// parts with one job each: lib/request-lane.ts (one request at a time, generations),
// lib/poll-schedule.ts (timer, retry delay), lib/newest-entries.ts (first page, polls,
// restarts, total), lib/held-entries.ts (pendingNew) and lib/older-pages.ts ("load older");
// what is left here is when to poll, filters, search and the signals the UI reads.
//
// Decisions worth knowing (the details live in each part):
// - One request at a time per view; a refresh while a poll is in flight is followed by one
//   more poll. A filter change or stop() starts a new generation: in-flight requests are
//   aborted and their answers ignored.
// - A failure never clears what is shown; the view retries by itself (poll-schedule).
// - A backend restart keeps the old entries under a marker (newest-entries); while the user
//   is scrolled away, new entries wait (held-entries), a restart never does.
// - Search text per entry is built soon after entries arrive (lib/search-entries.ts
//   prepareSearchSoon: in later tasks, so a poll is shown first), a page at a time, so the
//   first keystroke over 100,000 entries stays fast.
// - What the view shows as the total adds the entries kept from before a restart to the
//   backend's (newest-entries), so N <= M holds.

export interface LogsControllerDeps {
  fetchPage: FetchPage;
  clock?: ControllerClock;
  /** Polling interval, and the base of the retry backoff (default 5000). */
  intervalMs?: number;
  /** Page size L (default 200, at most 5000). */
  pageSize?: number;
  initialFilters?: Partial<LogFilters>;
  /** Called when the newest entries are on screen and include ERROR/CRITICAL entries newer
   *  than the last reported one (ids of the running backend: they restart after a restart). */
  onErrorsSeen?: (newestErrorId: number) => void;
  /** Polls are skipped while this says false (e.g. document hidden). */
  isVisible?: () => boolean;
  /** Backoff jitter source (default Math.random). */
  random?: () => number;
  /** Longest wait between retries (default 5 minutes). */
  maxBackoffMs?: number;
  /** Whether auto-refresh starts on (default true). */
  autoRefresh?: boolean;
  /** Bounds of one poll run (lib/sync-newer.ts defaults when absent). */
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
  /** Every entry held (not narrowed by search), newest first: for export. */
  entries(): LogEntry[];
  /** The entries currently shown (narrowed by search), newest first. */
  shownEntries(): LogEntry[];
}

export const RESTART_NOTICE = 'The backend restarted. Entries from before the restart are kept below the marker.';

function normalizeFilters(filters: LogFilters): LogFilters {
  return {
    level: filters.level ?? null,
    errorsOnly: filters.errorsOnly === true,
    operationId: (filters.operationId ?? '').trim(),
  };
}

/** Whether two filter sets ask the backend the same (errors_only makes level moot). */
function sameQuery(a: LogFilters, b: LogFilters): boolean {
  const qa = filtersToQuery(a);
  const qb = filtersToQuery(b);
  return qa.level === qb.level && qa.errorsOnly === qb.errorsOnly && qa.operationId === qb.operationId;
}

export function createLogsController(deps: LogsControllerDeps): LogsController {
  const clock = deps.clock ?? defaultClock;
  const intervalMs = deps.intervalMs ?? VIEW_INTERVAL_MS;
  const pageSize = deps.pageSize ?? 200;
  const store = new LogStore();
  const rowSearch = createRowSearch();

  // --- signals (one source of truth each) ---
  const storeRows = signal<readonly LogRow[]>(store.rows());
  const loadedCount = signal(0);
  // Entries kept from before a backend restart: the new backend's total does not count
  // them, but they are shown, so "Showing N of M" adds them (N never exceeds M).
  const keptFromEarlier = signal(0);
  const shownTotal = computed(() => (newest.total.value === null ? null : newest.total.value + keptFromEarlier.value));
  const refreshing = signal(false);
  const state = signal<LoadState>({ phase: 'idle' });
  const filters = signal<LogFilters>(normalizeFilters({ ...EMPTY_FILTERS, ...deps.initialFilters }));
  const search = signal('');
  const autoRefresh = signal(deps.autoRefresh ?? true);
  const notice = signal<string | null>(null);
  const lastSuccessAt = signal<number | null>(null);
  const rows = computed(() => rowSearch(storeRows.value, search.value));
  const shownCount = computed(() =>
    // With a search, rows hold entries only; without one, every entry is shown.
    normalizeSearch(search.value) === '' ? loadedCount.value : rows.value.length,
  );

  // --- plain state ---
  let started = false;
  let lastErrorReported = 0;

  // --- parts ---
  const lane = createRequestLane();
  const polls = createFlight(lane);
  const held = createHeldEntries(store, publish);
  const schedule = createPollSchedule({
    clock,
    intervalMs,
    mayRun: () => started && autoRefresh.value,
    isVisible: deps.isVisible,
    poll: () => void poll(),
    armed(at) {
      const s = state.value;
      if (s.phase === 'failed') state.value = { ...s, nextRetryAt: at };
    },
    random: deps.random,
    maxBackoffMs: deps.maxBackoffMs,
  });
  const newest = createNewestEntries({
    fetchPage: deps.fetchPage,
    pageSize,
    maxPagesPerPoll: deps.maxPagesPerPoll,
    maxEntriesPerPoll: deps.maxEntriesPerPoll,
    filters: () => filters.value,
    lane,
    store,
    held,
    setHasOlder: (value) => older.setHasOlder(value),
    succeeded,
    failed,
    restarted() {
      lastErrorReported = 0;
      notice.value = RESTART_NOTICE;
      publish();
    },
  });
  const older = createOlderPages({
    lane,
    held,
    fetch: (oldestId, signal) => loadOlderPage({ fetchPage: deps.fetchPage, filters: filters.value, limit: pageSize, signal, oldestId }),
    apply(page) {
      newest.olderPage(page.total); // before the page counts as held
      prepareSearchSoon(page.entries);
      store.addOlder(page.entries);
      lastSuccessAt.value = clock.now();
      publish();
    },
  });

  /** Forget all in-flight work: abort its requests, ignore its answers. */
  function newGeneration(): void {
    lane.renew();
    refreshing.value = false;
    older.abandoned();
  }

  function publish(): void {
    batch(() => {
      storeRows.value = store.rows();
      loadedCount.value = store.size;
      keptFromEarlier.value = store.size - store.epochSize;
    });
    reportErrorsSeen();
  }

  function reportErrorsSeen(): void {
    if (!deps.onErrorsSeen || !started || !held.atTop || held.waiting) return;
    const id = store.newestErrorId;
    if (id !== null && id > lastErrorReported) {
      lastErrorReported = id;
      deps.onErrorsSeen(id);
    }
  }

  /** Polls by themselves again when due (after auto-refresh on, or start). */
  function resume(): void {
    const wait = schedule.dueIn(state.value.phase === 'failed');
    if (wait <= 0) void poll();
    else schedule.schedule(wait);
  }

  // --- outcomes ---
  function succeeded(): void {
    schedule.succeeded();
    batch(() => {
      lastSuccessAt.value = clock.now();
      // Only a change is written: an idle poll must not re-render what reads the state.
      if (state.value.phase !== 'ready') state.value = { phase: 'ready' };
    });
  }

  function failed(failure: Failure): void {
    const retryDelay = schedule.failed(failure);
    const retrying = started && autoRefresh.value;
    state.value = {
      phase: 'failed',
      failure,
      lastSuccessAt: lastSuccessAt.value,
      nextRetryAt: retrying ? clock.now() + retryDelay : null,
    };
  }

  /**
   * The user's Refresh wants what NetBox holds as of the click: a poll already on its way
   * may have been answered before it, so one more poll follows it (clicks while waiting
   * share that one).
   */
  let followUp: { after: Promise<void>; promise: Promise<void> } | null = null;
  function refresh(): Promise<void> {
    const running = polls.running();
    if (!running) return poll();
    if (followUp?.after === running.promise) return followUp.promise;
    const gen = running.generation;
    const promise = running.promise.then(() => (lane.isCurrent(gen) ? poll() : undefined));
    followUp = { after: running.promise, promise };
    return promise;
  }

  function poll(): Promise<void> {
    const running = polls.running();
    if (running) return running.promise;
    schedule.clear();
    // Said at once (not when the lane gets to it), so the view never shows "idle" or an
    // empty "ready" between the call and the request.
    refreshing.value = true;
    if (newest.empty && store.size === 0 && state.value.phase !== 'failed') state.value = { phase: 'loading' };
    return polls.start(
      (gen) => (lane.isCurrent(gen) ? newest.poll(gen) : Promise.resolve()),
      () => {
        refreshing.value = false;
        schedule.polled(state.value.phase === 'failed');
      },
    );
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
      state.value = { phase: started ? 'loading' : 'idle' };
      publish();
    });
    if (started) void poll();
  }

  function setFilters(patch: Partial<LogFilters>): void {
    const previous = filters.value;
    const next = normalizeFilters({ ...previous, ...patch });
    if (next.level === previous.level && next.errorsOnly === previous.errorsOnly && next.operationId === previous.operationId) return;
    // The user's choices are kept as set (a level chosen under "errors only" comes back
    // when it is turned off); only a change in what is asked reloads.
    filters.value = next;
    if (!sameQuery(next, previous)) reload();
  }

  return {
    rows,
    loadedCount,
    shownCount,
    total: shownTotal,
    hasOlder: older.hasOlder,
    loadingOlder: older.loading,
    refreshing,
    state,
    filters,
    search,
    autoRefresh,
    pendingNew: held.count,
    notice,
    lastSuccessAt,
    olderFailure: older.failure,

    setFilters,
    clearFilters: () => setFilters(EMPTY_FILTERS),
    setSearch(text: string) {
      search.value = text;
    },
    setAutoRefresh(on: boolean) {
      if (autoRefresh.value === on) return;
      autoRefresh.value = on;
      if (!on) {
        schedule.clear();
        const s = state.value;
        if (s.phase === 'failed') state.value = { ...s, nextRetryAt: null };
      } else if (started && !polls.running()) resume();
    },
    refresh,
    loadOlder: older.load,
    setAtTop(value: boolean) {
      held.atTop = value;
      if (value) held.flush();
      reportErrorsSeen();
    },
    showPending() {
      held.flush();
      reportErrorsSeen();
    },
    pollSoon() {
      if (!started || !autoRefresh.value || state.value.phase === 'failed') return;
      if (deps.isVisible && !deps.isVisible()) return;
      void refresh();
    },
    dismissNotice() {
      notice.value = null;
    },
    start() {
      if (started) return;
      started = true;
      reportErrorsSeen();
      if (state.value.phase === 'idle' || state.value.phase === 'loading') {
        void poll();
        return;
      }
      if (autoRefresh.value) resume();
    },
    stop() {
      if (!started) return;
      started = false;
      schedule.clear();
      newGeneration();
      const s = state.value;
      if (s.phase === 'failed') state.value = { ...s, nextRetryAt: null };
    },
    entries: () => store.entries(),
    shownEntries() {
      const out: LogEntry[] = [];
      for (const row of rows.value) if (row.kind === 'entry') out.push(row.entry);
      return out;
    },
  };
}
