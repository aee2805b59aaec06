import type { Failure, FetchOutcome } from './failure';
import type { LogEntry, LogFilters, LogsPage, LogsQuery } from './log-types';
import { MAX_LIMIT, MIN_LIMIT } from './logs-query';

// How a view pages through the backend's logs (contract §3) without duplicates and
// without silent holes. Pure: every request goes through an injected fetchPage.
//
// Always by id, never by offset: offsets shift while entries arrive, ids do not.
//
// Polling for newer entries from a cursor (the newest entry the view holds, which matched
// the view's filters) asks for `newer_than_id = cursor.id - 1`, so the answer includes the
// cursor entry itself while the backend still has it. One small request per idle poll
// then tells apart:
//   - cursor entry present, same timestamp      -> continuity proven; newer ids are new;
//   - cursor id present, different timestamp    -> the backend restarted and reused the id;
//   - cursor entry absent, nothing newer        -> restart (the buffer holds the newest
//                                                  entries; nothing at/after our id means
//                                                  ids went back);
//   - cursor entry absent, newer entries        -> the ring buffer evicted the cursor:
//                                                  entries between may be lost (a gap).
// In a filtered view the last two are ambiguous (the cursor can be evicted while nothing
// new matches, and a restarted backend's entry with our id may simply not match), so
// there — and only when the cursor entry is absent — one unfiltered probe decides:
// `newer_than_id = cursor.id - 1, limit = 1` gives the newest id N and the count T of
// entries with id >= cursor.id. Unfiltered ids are consecutive, so the cursor id is held
// exactly when T = N - cursor.id + 1; held but not in the filtered answer means another
// entry now has that id (restart); nothing at all >= cursor.id also means restart;
// otherwise it was evicted. When it was evicted and nothing new matched, the cursor is
// marked `gone`; later polls ask for ids > cursor.id and probe each time (two requests per
// idle poll, only in that state) until a new matching entry becomes the cursor again.
//
// Pages come newest first, so with has_more the L newest came back and older ones up to
// the cursor are still to fetch: follow-up requests add older_than_id = the oldest id
// fetched so far, until has_more is false. They keep `cursor.id - 1` so the last page
// still shows whether the cursor entry is there. A run is bounded (maxPages/maxEntries);
// past the bound, what was not fetched is reported as a 'skipped' gap. The caller moves
// its cursor only when a run succeeded: a failure anywhere returns 'failed' and nothing
// else, so the next poll fetches the same range again (and merging by id dedupes).

export type FetchPage = (query: LogsQuery, options?: { signal?: AbortSignal }) => Promise<FetchOutcome<LogsPage>>;

/** Where polling continues from: the newest entry the view holds (of the current backend). */
export interface SyncCursor {
  id: number;
  timestamp: string;
  /** Known to be evicted from the backend (set by syncNewer; filtered views only). */
  gone?: boolean;
}

export interface PageOptions {
  fetchPage: FetchPage;
  filters: LogFilters;
  /** Page size L (clamped to 1..5000). */
  limit: number;
  signal?: AbortSignal;
}

export interface SyncOptions extends PageOptions {
  cursor: SyncCursor;
  /** Most requests for one run (default 100: 10,000 entries = the whole buffer at L=100). */
  maxPages?: number;
  /** Most new entries for one run (default 50,000). */
  maxEntries?: number;
}

/** Where entries are missing between the new entries and the cursor. */
export interface SyncGap {
  reason: 'evicted' | 'skipped';
  /** At most this many (exact in unfiltered views); null when unknown. */
  missing: number | null;
}

export type SyncResult =
  | {
      kind: 'ok';
      /** Entries newer than the cursor, newest first, unique. */
      newEntries: LogEntry[];
      gap: SyncGap | null;
      /** The cursor for the next poll. */
      cursor: SyncCursor;
    }
  | { kind: 'restart' }
  | { kind: 'failed'; failure: Failure };

export type PageResult =
  | { kind: 'ok'; entries: LogEntry[]; total: number; hasOlder: boolean }
  | { kind: 'failed'; failure: Failure };

export const DEFAULT_MAX_PAGES = 100;
export const DEFAULT_MAX_ENTRIES = 50_000;

/** A view's filters as query fields (no cursor, no limit). */
export function filtersToQuery(filters: LogFilters): LogsQuery {
  const query: LogsQuery = {};
  // errors_only makes the backend ignore level; not sending it keeps the query honest.
  if (filters.errorsOnly) query.errorsOnly = true;
  else if (filters.level) query.level = filters.level;
  const operationId = filters.operationId.trim();
  if (operationId) query.operationId = operationId;
  // Milliseconds floored: never later than the time asked for, so a run's first entry stays in.
  if (filters.since !== null) query.since = new Date(filters.since).toISOString();
  return query;
}

/** No filter: every backend entry matches, so ids are consecutive and holes are exact. */
export function isUnfiltered(filters: LogFilters): boolean {
  return !filters.errorsOnly && !filters.level && filters.operationId.trim() === '' && filters.since === null;
}

export function clampLimit(limit: number): number {
  if (!Number.isFinite(limit)) return 200;
  return Math.min(MAX_LIMIT, Math.max(MIN_LIMIT, Math.trunc(limit)));
}

/** fetchPage, but a throw (which it should never do) becomes a failure too. */
async function get(options: PageOptions, query: LogsQuery): Promise<FetchOutcome<LogsPage>> {
  try {
    return await options.fetchPage(query, options.signal ? { signal: options.signal } : undefined);
  } catch (error) {
    return { ok: false, failure: { kind: 'unexpected', detail: String(error).slice(0, 300) } };
  }
}

function byIdDesc(entries: Iterable<LogEntry>): LogEntry[] {
  return [...entries].sort((a, b) => b.id - a.id);
}

/** The newest L entries for the filters: a view's first load. */
export async function loadFirstPage(options: PageOptions): Promise<PageResult> {
  const out = await get(options, { ...filtersToQuery(options.filters), limit: clampLimit(options.limit) });
  if (!out.ok) return { kind: 'failed', failure: out.failure };
  return { kind: 'ok', entries: byIdDesc(out.value.logs), total: out.value.total, hasOlder: out.value.hasMore };
}

/**
 * The L entries just older than `oldestId` ("load older"). Note the answer's total counts
 * only entries older than oldestId, not all entries matching the filters.
 */
export async function loadOlderPage(options: PageOptions & { oldestId: number }): Promise<PageResult> {
  const query = { ...filtersToQuery(options.filters), olderThanId: options.oldestId, limit: clampLimit(options.limit) };
  const out = await get(options, query);
  if (!out.ok) return { kind: 'failed', failure: out.failure };
  const entries = byIdDesc(out.value.logs.filter((e) => e.id < options.oldestId));
  return { kind: 'ok', entries, total: out.value.total, hasOlder: out.value.hasMore };
}

/** One poll: everything newer than the cursor, or why that cannot be had. */
export async function syncNewer(options: SyncOptions): Promise<SyncResult> {
  const { cursor, filters } = options;
  const limit = clampLimit(options.limit);
  const maxPages = Math.max(1, options.maxPages ?? DEFAULT_MAX_PAGES);
  const maxEntries = Math.max(1, options.maxEntries ?? DEFAULT_MAX_ENTRIES);
  const unfiltered = isUnfiltered(filters);
  const base = filtersToQuery(filters);
  // A gone cursor cannot be seen again (an entry with its id now would be another one).
  const newerThanId = cursor.gone ? cursor.id : cursor.id - 1;

  const found = new Map<number, LogEntry>();
  let cursorSeen: LogEntry | null = null;
  let olderThanId: number | undefined;
  let pages = 0;
  let skipped: SyncGap | null = null;

  for (;;) {
    const query: LogsQuery = { ...base, newerThanId, limit };
    if (olderThanId !== undefined) query.olderThanId = olderThanId;
    const out = await get(options, query);
    if (!out.ok) return { kind: 'failed', failure: out.failure };
    pages++;
    const page = out.value;
    let pageOldest = Infinity;
    for (const e of page.logs) {
      // Defensive: the query excludes ids <= newerThanId and >= olderThanId.
      if (e.id <= newerThanId || (olderThanId !== undefined && e.id >= olderThanId)) continue;
      pageOldest = Math.min(pageOldest, e.id);
      if (e.id === cursor.id) cursorSeen = e;
      else if (!found.has(e.id)) found.set(e.id, e);
    }
    // Done when the backend says so, when the cursor (the oldest possible id) came back,
    // or when a page makes no progress (a confused backend must not loop us forever).
    if (!page.hasMore || cursorSeen || pageOldest === Infinity) break;
    olderThanId = pageOldest;
    if (pages >= maxPages || found.size >= maxEntries) {
      const oldestFetched = olderThanId;
      const notFetched = Math.max(0, page.total - page.logs.length);
      skipped = {
        reason: 'skipped',
        missing: unfiltered ? Math.max(0, oldestFetched - cursor.id - 1) : notFetched,
      };
      break;
    }
  }

  const newEntries = byIdDesc(found.values());
  const next = (): SyncCursor =>
    newEntries[0] ? { id: newEntries[0].id, timestamp: newEntries[0].timestamp } : { id: cursor.id, timestamp: cursor.timestamp };

  // A run cut short never reached the cursor's range, so it cannot judge continuity; the
  // next run starts from the newest entry it did fetch.
  if (skipped) return { kind: 'ok', newEntries, gap: skipped, cursor: next() };

  if (cursorSeen) {
    if (cursorSeen.timestamp !== cursor.timestamp) return { kind: 'restart' };
    return { kind: 'ok', newEntries, gap: null, cursor: next() };
  }

  if (unfiltered && !cursor.gone) {
    if (newEntries.length === 0) return { kind: 'restart' };
    const oldest = newEntries[newEntries.length - 1]!.id;
    const missing = oldest - cursor.id - 1;
    return { kind: 'ok', newEntries, gap: missing > 0 ? { reason: 'evicted', missing } : null, cursor: next() };
  }

  // Filtered (or a gone cursor): ask the unfiltered backend whether our id still exists.
  const probe = await get(options, { newerThanId: cursor.id - 1, limit: 1 });
  if (!probe.ok) return { kind: 'failed', failure: probe.failure };
  const newest = probe.value.logs[0];
  if (!newest || newest.id < cursor.id) return { kind: 'restart' };
  if (probe.value.total >= newest.id - cursor.id + 1) return { kind: 'restart' };

  if (cursor.gone) return { kind: 'ok', newEntries, gap: null, cursor: newEntries.length ? next() : cursor };
  const gap: SyncGap = { reason: 'evicted', missing: null };
  if (newEntries.length === 0) return { kind: 'ok', newEntries, gap, cursor: { ...cursor, gone: true } };
  return { kind: 'ok', newEntries, gap, cursor: next() };
}
