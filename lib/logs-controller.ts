import { batch, computed, signal, type ReadonlySignal } from '@preact/signals';
import { nextDelay } from './backoff';
import type { Failure } from './failure';
import { EMPTY_FILTERS, type LogEntry, type LogFilters } from './log-types';
import { LogStore, type GapSpec } from './log-store';
import type { LoadState, LogRow, LogsViewModel } from './logs-view-model';
import { createRowSearch, normalizeSearch, prepareSearchSoon } from './search-entries';
import { filtersToQuery, loadFirstPage, loadOlderPage, syncNewer, type FetchPage, type SyncCursor } from './sync-newer';

// One view's logs: what lib/logs-view-model.ts promises the UI, built from a LogStore
// (entries + gaps), the paging rules of lib/sync-newer.ts and an injected clock.
//
// Decisions worth knowing:
// - One request at a time per view: polls, refreshes and "load older" queue on one lane,
//   and a refresh while a poll is in flight is followed by one more poll. A filter change or stop()
//   starts a new generation: in-flight requests are aborted and their answers ignored.
// - A failure never clears what is shown; the view retries by itself with backoff
//   (lib/backoff.ts; Retry-After honoured). 'logged-out' retries at the normal interval so
//   the list comes back soon after the user logs in again.
// - A backend restart keeps the entries from before under a 'restart' marker (each loss
//   shown as a gap, nothing shown twice) and loads the restarted backend's newest above
//   it. "Load older" only reaches back within the running backend; older epochs cannot be
//   fetched any more.
// - While the user is scrolled away from the top, new entries are held back (pendingNew)
//   rather than pushed in above what they read; back at the top (or showPending) they go
//   in. A restart is never held back: the old entries would no longer be continuous.
// - Search text per entry is built soon after entries arrive (lib/search-entries.ts
//   prepareSearchSoon: in later tasks, so a poll is shown first),
//   a page at a time, so the first keystroke over 100,000 entries stays fast.
// - total: the backend's total from the first page; each poll adds its new entries
//   (a poll's own total only counts ids >= the cursor, so it is not the filter's total),
//   plus skipped ones (they exist, just unfetched); after "load older", the page's total
//   (entries older than the page) + the entries held of the running backend. What the view
//   shows as the total adds the entries kept from before a restart, so N <= M holds.

export interface ControllerClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

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

const defaultClock: ControllerClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

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

interface Chunk {
  entries: LogEntry[];
  gap: GapSpec | null;
}

export function createLogsController(deps: LogsControllerDeps): LogsController {
  const clock = deps.clock ?? defaultClock;
  const intervalMs = deps.intervalMs ?? 5000;
  const pageSize = deps.pageSize ?? 200;
  const store = new LogStore();
  const rowSearch = createRowSearch();

  // --- signals (one source of truth each) ---
  const storeRows = signal<readonly LogRow[]>(store.rows());
  const loadedCount = signal(0);
  const total = signal<number | null>(null);
  // Entries kept from before a backend restart: the new backend's total does not count
  // them, but they are shown, so "Showing N of M" adds them (N never exceeds M).
  const keptFromEarlier = signal(0);
  const shownTotal = computed(() => (total.value === null ? null : total.value + keptFromEarlier.value));
  const hasOlder = signal(false);
  const loadingOlder = signal(false);
  const refreshing = signal(false);
  const state = signal<LoadState>({ phase: 'idle' });
  const filters = signal<LogFilters>(normalizeFilters({ ...EMPTY_FILTERS, ...deps.initialFilters }));
  const search = signal('');
  const autoRefresh = signal(deps.autoRefresh ?? true);
  const pendingNew = signal(0);
  const notice = signal<string | null>(null);
  const lastSuccessAt = signal<number | null>(null);
  const olderFailure = signal<Failure | null>(null);
  const rows = computed(() => rowSearch(storeRows.value, search.value));
  const shownCount = computed(() =>
    // With a search, rows hold entries only; without one, every entry is shown.
    normalizeSearch(search.value) === '' ? loadedCount.value : rows.value.length,
  );

  // --- plain state ---
  let cursor: SyncCursor | null = null;
  let pending: Chunk[] = [];
  let atTop = true;
  let started = false;
  let generation = 0;
  let abort = new AbortController();
  let lane: Promise<unknown> = Promise.resolve();
  let inflightPoll: { generation: number; promise: Promise<void> } | null = null;
  let inflightOlder: { generation: number; promise: Promise<void> } | null = null;
  let timer: unknown = null;
  let failures = 0;
  let retryDelay = intervalMs;
  let lastPollAt: number | null = null;
  let lastErrorReported = 0;

  const isCurrent = (gen: number): boolean => gen === generation;

  /** Runs request work one at a time. */
  function exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = lane.then(work, work);
    lane = run.catch(() => undefined);
    return run;
  }

  /** Forget all in-flight work: abort its requests, ignore its answers. */
  function newGeneration(): void {
    generation++;
    abort.abort();
    abort = new AbortController();
    lane = Promise.resolve();
    inflightPoll = null;
    inflightOlder = null;
    refreshing.value = false;
    loadingOlder.value = false;
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
    if (!deps.onErrorsSeen || !started || !atTop || pending.length > 0) return;
    const id = store.newestErrorId;
    if (id !== null && id > lastErrorReported) {
      lastErrorReported = id;
      deps.onErrorsSeen(id);
    }
  }

  /** New entries (and a gap below them) go on top, or wait while the user reads below. */
  function addNewer(entries: LogEntry[], gap: GapSpec | null): void {
    if (entries.length === 0 && !gap) return;
    prepareSearchSoon(entries);
    if (atTop || (store.size === 0 && pending.length === 0)) {
      store.addNewer(entries, gap);
      publish();
    } else {
      pending.push({ entries, gap });
      pendingNew.value += entries.length;
    }
  }

  function flushPending(): void {
    if (pending.length === 0) return;
    const chunks = pending;
    pending = [];
    for (const chunk of chunks) store.addNewer(chunk.entries, chunk.gap);
    pendingNew.value = 0;
    publish();
  }

  // --- timers ---
  function clearTimer(): void {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
  }

  function schedule(ms: number): void {
    clearTimer();
    if (!started || !autoRefresh.value) return;
    const wait = Math.max(0, ms);
    timer = clock.setTimeout(onTimer, wait);
    const s = state.value;
    if (s.phase === 'failed') state.value = { ...s, nextRetryAt: clock.now() + wait };
  }

  function onTimer(): void {
    timer = null;
    if (!started || !autoRefresh.value) return;
    if (deps.isVisible && !deps.isVisible()) {
      schedule(intervalMs);
      return;
    }
    void poll();
  }

  /** Time until the next poll is due, from the last one's end (and its outcome). */
  function dueIn(): number {
    if (lastPollAt === null) return 0;
    const wait = state.value.phase === 'failed' ? retryDelay : intervalMs;
    return lastPollAt + wait - clock.now();
  }

  // --- outcomes ---
  function succeeded(): void {
    failures = 0;
    retryDelay = intervalMs;
    batch(() => {
      lastSuccessAt.value = clock.now();
      // Only a change is written: an idle poll must not re-render what reads the state.
      if (state.value.phase !== 'ready') state.value = { phase: 'ready' };
    });
  }

  function failed(failure: Failure): void {
    failures++;
    retryDelay =
      failure.kind === 'logged-out'
        ? Math.max(intervalMs, failure.retryAfterMs ?? 0)
        : nextDelay(failures, intervalMs, {
            retryAfterMs: failure.retryAfterMs,
            random: deps.random,
            maxMs: deps.maxBackoffMs,
          });
    const retrying = started && autoRefresh.value;
    state.value = {
      phase: 'failed',
      failure,
      lastSuccessAt: lastSuccessAt.value,
      nextRetryAt: retrying ? clock.now() + retryDelay : null,
    };
  }

  // --- requests ---
  async function firstLoad(gen: number): Promise<void> {
    const result = await loadFirstPage({ fetchPage: deps.fetchPage, filters: filters.value, limit: pageSize, signal: abort.signal });
    if (!isCurrent(gen)) return;
    if (result.kind === 'failed') return failed(result.failure);
    batch(() => {
      const newest = result.entries[0];
      if (newest) {
        cursor = { id: newest.id, timestamp: newest.timestamp };
        addNewer(result.entries, null);
      }
      hasOlder.value = result.hasOlder;
      total.value = result.total;
      succeeded();
    });
  }

  async function pollOnce(gen: number): Promise<void> {
    if (cursor === null) return firstLoad(gen);
    const result = await syncNewer({
      fetchPage: deps.fetchPage,
      filters: filters.value,
      limit: pageSize,
      signal: abort.signal,
      cursor,
      maxPages: deps.maxPagesPerPoll,
      maxEntries: deps.maxEntriesPerPoll,
    });
    if (!isCurrent(gen)) return;
    if (result.kind === 'failed') return failed(result.failure);
    if (result.kind === 'restart') {
      batch(() => {
        flushPending(); // entries of the old backend, above its old top
        store.startEpoch();
        cursor = null;
        hasOlder.value = false;
        total.value = null;
        lastErrorReported = 0;
        notice.value = RESTART_NOTICE;
        publish();
      });
      return firstLoad(gen);
    }
    batch(() => {
      cursor = result.cursor;
      addNewer(result.newEntries, result.gap);
      if (total.value !== null) {
        const skipped = result.gap?.reason === 'skipped' ? (result.gap.missing ?? 0) : 0;
        total.value += result.newEntries.length + skipped;
      }
      succeeded();
    });
  }

  /**
   * The user's Refresh wants what NetBox holds as of the click: a poll already on its way
   * may have been answered before it, so one more poll follows it (clicks while waiting
   * share that one).
   */
  let followUp: { after: Promise<void>; promise: Promise<void> } | null = null;
  function refresh(): Promise<void> {
    const running = inflightPoll;
    if (!running || !isCurrent(running.generation)) return poll();
    if (followUp?.after === running.promise) return followUp.promise;
    const gen = running.generation;
    const promise = running.promise.then(() => (isCurrent(gen) ? poll() : undefined));
    followUp = { after: running.promise, promise };
    return promise;
  }

  function poll(): Promise<void> {
    if (inflightPoll && isCurrent(inflightPoll.generation)) return inflightPoll.promise;
    clearTimer();
    const gen = generation;
    // Said at once (not when the lane gets to it), so the view never shows "idle" or an
    // empty "ready" between the call and the request.
    refreshing.value = true;
    if (cursor === null && store.size === 0 && state.value.phase !== 'failed') state.value = { phase: 'loading' };
    const promise = exclusive(async () => {
      if (!isCurrent(gen)) return;
      try {
        await pollOnce(gen);
      } finally {
        if (isCurrent(gen)) {
          refreshing.value = false;
          lastPollAt = clock.now();
          inflightPoll = null;
          schedule(state.value.phase === 'failed' ? retryDelay : intervalMs);
        }
      }
    });
    inflightPoll = { generation: gen, promise };
    return promise;
  }

  function oldestHeld(): number | null {
    const held = store.oldestId;
    if (held !== null) return held;
    const first = pending[0]?.entries;
    return first && first.length > 0 ? first[first.length - 1]!.id : null;
  }

  function loadOlder(): Promise<void> {
    if (inflightOlder && isCurrent(inflightOlder.generation)) return inflightOlder.promise;
    if (!hasOlder.value) return Promise.resolve();
    const gen = generation;
    loadingOlder.value = true;
    olderFailure.value = null;
    const promise = exclusive(async () => {
      try {
        const oldest = oldestHeld();
        if (!isCurrent(gen) || oldest === null) return;
        const result = await loadOlderPage({
          fetchPage: deps.fetchPage,
          filters: filters.value,
          limit: pageSize,
          signal: abort.signal,
          oldestId: oldest,
        });
        if (!isCurrent(gen)) return;
        if (result.kind === 'failed') {
          olderFailure.value = result.failure;
          return;
        }
        batch(() => {
          const heldOfEpoch = store.epochSize + pending.reduce((n, c) => n + c.entries.length, 0);
          prepareSearchSoon(result.entries);
          store.addOlder(result.entries);
          hasOlder.value = result.hasOlder;
          total.value = result.total + heldOfEpoch;
          lastSuccessAt.value = clock.now();
          publish();
        });
      } finally {
        if (isCurrent(gen)) {
          loadingOlder.value = false;
          inflightOlder = null;
        }
      }
    });
    inflightOlder = { generation: gen, promise };
    return promise;
  }

  /** Other filters: start from nothing (answers for the old filters are ignored). */
  function reload(): void {
    newGeneration();
    clearTimer();
    batch(() => {
      store.clear();
      pending = [];
      pendingNew.value = 0;
      cursor = null;
      failures = 0;
      retryDelay = intervalMs;
      lastPollAt = null;
      total.value = null;
      hasOlder.value = false;
      olderFailure.value = null;
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
    hasOlder,
    loadingOlder,
    refreshing,
    state,
    filters,
    search,
    autoRefresh,
    pendingNew,
    notice,
    lastSuccessAt,
    olderFailure,

    setFilters,
    clearFilters: () => setFilters(EMPTY_FILTERS),
    setSearch(text: string) {
      search.value = text;
    },
    setAutoRefresh(on: boolean) {
      if (autoRefresh.value === on) return;
      autoRefresh.value = on;
      if (!on) {
        clearTimer();
        const s = state.value;
        if (s.phase === 'failed') state.value = { ...s, nextRetryAt: null };
      } else if (started && !inflightPoll) {
        const wait = dueIn();
        if (wait <= 0) void poll();
        else schedule(wait);
      }
    },
    refresh,
    loadOlder,
    setAtTop(value: boolean) {
      atTop = value;
      if (value) flushPending();
      reportErrorsSeen();
    },
    showPending() {
      flushPending();
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
      if (!autoRefresh.value) return;
      const wait = dueIn();
      if (wait <= 0) void poll();
      else schedule(wait);
    },
    stop() {
      if (!started) return;
      started = false;
      clearTimer();
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
