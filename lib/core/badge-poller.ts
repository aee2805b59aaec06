import type { FetchOutcome } from './failure';
import type { NetBoxInstance } from './instance';
import { parseTimestamp } from './format-time';
import type { Level, LogEntry, LogsPage, LogsQuery } from './log-types';
import type { Cursor, InstanceState, PollFilter, PollResult } from './worker-state';

// One badge poll of one instance: which requests to make and what they mean for the
// count. Pure apart from the injected fetch (a test passes a fake backend).
//
// - First poll (no cursor yet, or the badge levels changed the filter): one request for
//   the newest entries; the newest id becomes the cursor; only entries written after the
//   instance was added count (the existing history is not "new"; an error between adding
//   the instance and this poll is).
// - Every later poll asks for entries newer than `cursor.id - 1`: one request of at most
//   POLL_LIMIT entries, more pages (by older_than_id, which does not shift) only when
//   has_more says entries were missed, at most MAX_PAGES.
// - Backend restart detection (proxbox-api keeps its log in memory; a restart empties it
//   and ids start again at 1). The cursor entry itself comes back while it still exists.
//     * it came back with another timestamp: a new process has reached that id;
//     * it is missing and nothing newer came: either a new process has not reached it yet,
//       or the ring buffer dropped it; a second request for the newest entries tells them
//       apart: entries at or below the cursor id can only be a new process's.
//   On a restart the epoch is bumped (lib/core/worker-state.ts), the cursor moves to the new
//   process's newest entry, and the new process's entries that count are counted: they
//   are errors nobody has seen. When the second request finds nothing, the cursor goes
//   to 0 in a new epoch, which is right whether it was a restart or an eviction.
//   (A restart is missed only when the new process has logged past the cursor id between
//   two polls and the entry at that id does not match the filter.)

/** Entries per request. */
export const POLL_LIMIT = 100;
/** Requests per poll at most when has_more says more entries arrived than one page holds. */
export const MAX_PAGES = 5;

export type FetchPage = (query: LogsQuery) => Promise<FetchOutcome<LogsPage>>;

/** errors_only=true when the badge counts exactly ERROR and CRITICAL; otherwise everything, counted here. */
export function pollFilterFor(levels: readonly Level[]): PollFilter {
  const set = new Set(levels);
  return set.size === 2 && set.has('ERROR') && set.has('CRITICAL') ? 'errors-only' : 'all';
}

/** Newest first, following has_more by older_than_id; `complete` when the last page said no more. */
async function fetchNewest(
  fetchPage: FetchPage,
  base: LogsQuery,
  newerThanId: number | undefined,
): Promise<FetchOutcome<{ logs: LogEntry[]; complete: boolean }>> {
  const logs: LogEntry[] = [];
  let olderThanId: number | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query: LogsQuery = { ...base, limit: POLL_LIMIT };
    if (newerThanId !== undefined) query.newerThanId = newerThanId;
    if (olderThanId !== undefined) query.olderThanId = olderThanId;
    const outcome = await fetchPage(query);
    if (!outcome.ok) return outcome;
    const fresh = outcome.value.logs.filter((e) => olderThanId === undefined || e.id < olderThanId);
    logs.push(...fresh);
    if (!outcome.value.hasMore || fresh.length === 0) return { ok: true, value: { logs, complete: true } };
    olderThanId = Math.min(...fresh.map((e) => e.id));
  }
  return { ok: true, value: { logs, complete: false } };
}

function newestOf(logs: readonly LogEntry[]): LogEntry | undefined {
  let newest: LogEntry | undefined;
  for (const e of logs) if (!newest || e.id > newest.id) newest = e;
  return newest;
}

/** The cursor at an entry; without one, `otherwise` (the start of the log by default). */
function cursorAt(entry: LogEntry | undefined, otherwise: Cursor = { id: 0, timestamp: null }): Cursor {
  return entry ? { id: entry.id, timestamp: entry.timestamp } : otherwise;
}

function byIdDesc(a: LogEntry, b: LogEntry): number {
  return b.id - a.id;
}

/** Decides what one poll found; the caller applies it to the latest state (applyPollResult). */
export async function runBadgePoll(
  instance: Pick<NetBoxInstance, 'badgeLevels' | 'addedAt'>,
  state: InstanceState,
  fetchPage: FetchPage,
): Promise<PollResult> {
  const filter = pollFilterFor(instance.badgeLevels);
  const base: LogsQuery = filter === 'errors-only' ? { errorsOnly: true } : {};
  // errors_only also returns WARNING/INFO entries that mention a failure or carry a
  // traceback: only the chosen levels count, whichever query fetched them.
  const counts = (e: LogEntry) => (instance.badgeLevels as readonly string[]).includes(e.level);
  const found = (outcome: Omit<Extract<PollResult, { kind: 'ok' }>, 'kind' | 'filter'>): PollResult => ({ kind: 'ok', filter, ...outcome });

  if (!state.cursor || state.cursorFilter !== filter) {
    const first = await fetchPage({ ...base, limit: POLL_LIMIT });
    if (!first.ok) return { kind: 'failure', failure: first.failure };
    // The very first poll counts what happened since the instance was added (an error
    // between "Add" and this poll is new to the user); older history is not new. After a
    // change of the badge's levels nothing is counted: those entries were there before.
    const since = !state.cursor && instance.addedAt > 0 ? instance.addedAt : null;
    const counted = since === null ? [] : first.value.logs.filter((e) => counts(e) && (parseTimestamp(e.timestamp) ?? 0) > since).sort(byIdDesc);
    return found({ cursor: cursorAt(newestOf(first.value.logs)), established: true, restarted: false, counted, fetched: first.value.logs });
  }

  const cursor = state.cursor;
  const verifiable = cursor.id > 0 && cursor.timestamp !== null;
  const got = await fetchNewest(fetchPage, base, verifiable ? cursor.id - 1 : cursor.id);
  if (!got.ok) return { kind: 'failure', failure: got.failure };
  const { logs, complete } = got.value;
  const newer = logs.filter((e) => e.id > cursor.id).sort(byIdDesc);
  const cursorEntry = logs.find((e) => e.id === cursor.id);

  const restartedAt = verifiable && complete && cursorEntry !== undefined && cursorEntry.timestamp !== cursor.timestamp;
  const missing = verifiable && complete && cursorEntry === undefined && newer.length === 0;

  if (restartedAt || missing) {
    const latest = await fetchNewest(fetchPage, base, undefined);
    if (!latest.ok) return { kind: 'failure', failure: latest.failure };
    const all = latest.value.logs.slice().sort(byIdDesc);
    const newest = all[0];
    const fetched = [...logs, ...all];
    if (!restartedAt && newest && newest.id > cursor.id) {
      // Arrived between the two requests: the same process, the cursor entry was evicted.
      const arrived = all.filter((e) => e.id > cursor.id);
      return found({ cursor: cursorAt(newest), established: false, restarted: false, counted: arrived.filter(counts), fetched });
    }
    return found({ cursor: cursorAt(newest), established: false, restarted: true, counted: all.filter(counts), fetched });
  }

  return found({ cursor: cursorAt(newer[0], cursor), established: false, restarted: false, counted: newer.filter(counts), fetched: logs });
}
