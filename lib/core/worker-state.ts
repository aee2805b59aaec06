import { ALARM_SLACK_MS, BADGE_BACKOFF_CAP_MS, MAX_RETRY_AFTER_MS } from './cadence';
import type { Failure, FailureKind } from './failure';
import { backsOff } from './failure-backoff';
import { parseTimestamp } from './format-time';
import type { LogEntry } from './log-types';
import { repairSyncProbe, type SyncProbe } from './sync-active';

// What the background worker knows between two wake-ups, and the pure functions that
// change it. Everything lives in storage.local (`local:worker-state`, see
// lib/background/state-store.ts): an MV3 worker is stopped when idle, so nothing of this
// may live only in memory.
//
// Counting new errors, robust to restarts of the worker and of the backend
// ------------------------------------------------------------------------
// - Each instance has a cursor: the newest entry id the worker has looked at (and that
//   entry's timestamp). A poll asks for entries newer than `cursor.id - 1`, so the cursor
//   entry itself comes back while it still exists (lib/core/badge-poller.ts).
// - proxbox-api keeps its log in memory: a restart empties it and ids start again at 1.
//   So an id alone does not name an entry; (epoch, id) does. The epoch is a counter the
//   worker bumps whenever it detects a backend restart.
// - Counted entries are kept as (epoch, id) keys in `unseen` (newest first, at most
//   MAX_UNSEEN). The badge count is its length. Adding a key that is already there is a
//   no-op, so no entry is counted twice, whatever happens between two polls.
// - "Seen" (a view showed the newest errors): the keys of the current epoch up to that id,
//   and every key of older epochs (those entries are gone from the backend) are dropped,
//   and `seenUpTo` remembers the id, so a later poll does not count what the user already
//   saw in a view that polls faster than the worker.

export const WORKER_STATE_VERSION = 1;
/** Counted-but-unseen keys kept per instance; the badge shows "99+" long before this. */
export const MAX_UNSEEN = 1000;
/** Recent operations kept per instance (the popup's list). */
export const MAX_RECENT_OPERATIONS = 20;

export interface EntryKey {
  epoch: number;
  id: number;
}

export interface Cursor {
  /** Newest entry id looked at; 0 when the backend had no matching entry. */
  id: number;
  /** That entry's timestamp, to tell it from an entry of a restarted backend with the same id. */
  timestamp: string | null;
}

/** Which entries a poll asks for: errors_only=true, or everything (levels counted here). */
export type PollFilter = 'errors-only' | 'all';

export interface RecentOperation {
  operationId: string;
  /** The operation's name ("vm_sync"), when the backend gave one. Untrusted text. */
  operation: string | null;
  /** Timestamp of the newest entry seen for it (ISO-8601 as the backend sent it). */
  newestTimestamp: string;
}

export interface InstanceState {
  /** Bumped on every detected backend restart; see the comment at the top. */
  epoch: number;
  /** null until the first successful poll established it. */
  cursor: Cursor | null;
  /** The filter the cursor was established with; another filter re-establishes it. */
  cursorFilter: PollFilter | null;
  /** Counted entries the user has not seen, newest first. */
  unseen: EntryKey[];
  /** The newest id a view reported as seen, in `epoch`. */
  seenUpTo: EntryKey | null;
  /** The last poll's failure; null when the last poll succeeded. */
  failure: Failure | null;
  consecutiveFailures: number;
  /** Alarm ticks before this time are skipped (exponential backoff). */
  backoffUntil: number | null;
  /** From Retry-After: no request at all before this time, not even a manual one. */
  retryAfterUntil: number | null;
  lastSuccessAt: number | null;
  lastPollAt: number | null;
  /** Newest first, at most MAX_RECENT_OPERATIONS. */
  operations: RecentOperation[];
  /** The last answer of the backend's `/sync/active` (direct mode), null when not asked. */
  sync: SyncProbe | null;
}

export interface WorkerState {
  instances: Record<string, InstanceState>;
}

export const EMPTY_WORKER_STATE: WorkerState = { instances: {} };

export function emptyInstanceState(): InstanceState {
  return {
    epoch: 0,
    cursor: null,
    cursorFilter: null,
    unseen: [],
    seenUpTo: null,
    failure: null,
    consecutiveFailures: 0,
    backoffUntil: null,
    retryAfterUntil: null,
    lastSuccessAt: null,
    lastPollAt: null,
    operations: [],
    sync: null,
  };
}

export function getInstanceState(state: WorkerState, instanceId: string): InstanceState {
  return state.instances[instanceId] ?? emptyInstanceState();
}

function withInstance(state: WorkerState, instanceId: string, next: InstanceState): WorkerState {
  return { ...state, instances: { ...state.instances, [instanceId]: next } };
}

/** The badge count of an instance. */
export function unseenCount(instance: InstanceState): number {
  return instance.unseen.length;
}

/** The badge state of an instance: 'ok' or the kind of its last failure. */
export function badgeStateOf(instance: InstanceState): 'ok' | FailureKind {
  return instance.failure?.kind ?? 'ok';
}

/** Keeps only the instances still configured (a removed instance's state goes with it). */
export function pruneInstances(state: WorkerState, keepIds: readonly string[]): WorkerState {
  const keep = new Set(keepIds);
  const entries = Object.entries(state.instances).filter(([id]) => keep.has(id));
  if (entries.length === Object.keys(state.instances).length) return state;
  return { ...state, instances: Object.fromEntries(entries) };
}

/** Reads whatever storage held as a WorkerState (a broken value costs the counts, never a crash). */
export function repairWorkerState(raw: unknown): WorkerState {
  if (typeof raw !== 'object' || raw === null) return { instances: {} };
  const instances = (raw as { instances?: unknown }).instances;
  if (typeof instances !== 'object' || instances === null) return { instances: {} };
  const out: Record<string, InstanceState> = {};
  for (const [id, value] of Object.entries(instances as Record<string, unknown>)) {
    if (typeof value !== 'object' || value === null) continue;
    out[id] = { ...emptyInstanceState(), ...(value as Partial<InstanceState>) };
    if (!Array.isArray(out[id].unseen)) out[id].unseen = [];
    if (!Array.isArray(out[id].operations)) out[id].operations = [];
    out[id].sync = repairSyncProbe(out[id].sync);
  }
  return { instances: out };
}

// ---- Backoff --------------------------------------------------------------------------

/**
 * How long to wait after the n-th failure in a row: nothing after the first (the next
 * alarm tick is the retry), then the interval doubled each time, capped at 10 minutes.
 */
export function backoffDelayMs(consecutiveFailures: number, intervalMs: number): number {
  if (consecutiveFailures <= 1) return 0;
  return Math.min(BADGE_BACKOFF_CAP_MS, intervalMs * 2 ** (consecutiveFailures - 1));
}

/**
 * Whether a poll may run now. An alarm tick waits for the backoff (with a little slack, as
 * alarms fire a bit early or late); a manual poll (pollNow, "Refresh") skips the backoff.
 * Neither may run before Retry-After has passed.
 */
export function mayPoll(instance: InstanceState, now: number, options: { manual: boolean; intervalMs: number }): boolean {
  if (instance.retryAfterUntil !== null && now < instance.retryAfterUntil) return false;
  if (options.manual || instance.backoffUntil === null) return true;
  const slack = Math.min(ALARM_SLACK_MS, options.intervalMs / 2);
  return now >= instance.backoffUntil - slack;
}

// ---- Applying a poll --------------------------------------------------------------------

export type PollResult =
  | { kind: 'failure'; failure: Failure }
  | {
      kind: 'ok';
      filter: PollFilter;
      /** The cursor after this poll. */
      cursor: Cursor;
      /** The first poll (or the first with another filter): the cursor was set; only entries since the instance was added count. */
      established: boolean;
      /** The backend restarted since the last poll: `counted` belongs to a new epoch. */
      restarted: boolean;
      /** Entries that count for the badge, newest first. */
      counted: LogEntry[];
      /** Every entry the poll fetched, for the recent operations. */
      fetched: LogEntry[];
    };

/** Merges the operation ids of some entries into the recent-operations list. */
export function mergeOperations(
  current: readonly RecentOperation[],
  entries: readonly Pick<LogEntry, 'operationId' | 'operation' | 'timestamp'>[],
  max: number = MAX_RECENT_OPERATIONS,
): RecentOperation[] {
  const byId = new Map<string, RecentOperation>();
  const time = (t: string) => parseTimestamp(t) ?? -Infinity;
  const add = (op: RecentOperation) => {
    const known = byId.get(op.operationId);
    if (!known) {
      byId.set(op.operationId, op);
      return;
    }
    const newer = time(op.newestTimestamp) > time(known.newestTimestamp);
    byId.set(op.operationId, {
      operationId: op.operationId,
      operation: (newer ? op.operation ?? known.operation : known.operation ?? op.operation) ?? null,
      newestTimestamp: newer ? op.newestTimestamp : known.newestTimestamp,
    });
  };
  for (const op of current) add(op);
  for (const entry of entries) {
    if (!entry.operationId) continue;
    add({ operationId: entry.operationId, operation: entry.operation, newestTimestamp: entry.timestamp });
  }
  return [...byId.values()].sort((a, b) => time(b.newestTimestamp) - time(a.newestTimestamp)).slice(0, max);
}

/**
 * Applies what a poll found to the (latest) state. Returns the entries newly counted, for
 * the notification; an entry already counted or already seen is not counted again.
 */
export function applyPollResult(
  state: WorkerState,
  instanceId: string,
  result: PollResult,
  ctx: { now: number; intervalMs: number },
): { state: WorkerState; newlyCounted: LogEntry[] } {
  const before = getInstanceState(state, instanceId);
  if (result.kind === 'failure') {
    // Failures of one backoff class in a row (lib/core/failure-backoff.ts): an hour logged out
    // must not make the first 502 afterwards wait ten minutes.
    const backingOff = backsOff(result.failure.kind);
    const sameClass = before.failure !== null && backsOff(before.failure.kind) === backingOff;
    const failures = (sameClass ? before.consecutiveFailures : 0) + 1;
    const retryAfter = result.failure.retryAfterMs;
    const retryAfterUntil =
      typeof retryAfter === 'number' && retryAfter > 0 ? ctx.now + Math.min(retryAfter, MAX_RETRY_AFTER_MS) : null;
    const delay = backingOff ? backoffDelayMs(failures, ctx.intervalMs) : 0;
    const backoffUntil = Math.max(delay > 0 ? ctx.now + delay : 0, retryAfterUntil ?? 0) || null;
    const next: InstanceState = {
      ...before,
      failure: result.failure,
      consecutiveFailures: failures,
      backoffUntil,
      retryAfterUntil,
      lastPollAt: ctx.now,
      // Whether a sync runs is not known while the backend fails: the indicator goes.
      sync: null,
    };
    return { state: withInstance(state, instanceId, next), newlyCounted: [] };
  }

  const epoch = result.restarted ? before.epoch + 1 : before.epoch;
  const seenUpTo = before.seenUpTo && before.seenUpTo.epoch === epoch ? before.seenUpTo.id : null;
  const known = new Set(before.unseen.map((k) => `${k.epoch}:${k.id}`));
  const newlyCounted: LogEntry[] = [];
  for (const entry of result.counted) {
    const key = `${epoch}:${entry.id}`;
    if (known.has(key) || (seenUpTo !== null && entry.id <= seenUpTo)) continue;
    known.add(key);
    newlyCounted.push(entry);
  }

  const added: EntryKey[] = newlyCounted.map((e) => ({ epoch, id: e.id }));
  const unseen = [...added, ...before.unseen]
    .sort((a, b) => b.epoch - a.epoch || b.id - a.id)
    .slice(0, MAX_UNSEEN);
  const next: InstanceState = {
    ...before,
    epoch,
    cursor: result.cursor,
    cursorFilter: result.filter,
    unseen,
    seenUpTo: result.restarted ? null : before.seenUpTo,
    failure: null,
    consecutiveFailures: 0,
    backoffUntil: null,
    retryAfterUntil: null,
    lastSuccessAt: ctx.now,
    lastPollAt: ctx.now,
    operations: mergeOperations(before.operations, result.fetched),
  };
  return { state: withInstance(state, instanceId, next), newlyCounted };
}

/** A view showed an instance's errors up to `newestId`: they no longer count. */
export function applyErrorsSeen(state: WorkerState, instanceId: string, newestId: number): WorkerState {
  const before = state.instances[instanceId];
  if (!before || !Number.isFinite(newestId)) return state;
  const { epoch } = before;
  const unseen = before.unseen.filter((k) => k.epoch === epoch && k.id > newestId);
  const seenId = before.seenUpTo && before.seenUpTo.epoch === epoch ? Math.max(before.seenUpTo.id, newestId) : newestId;
  return withInstance(state, instanceId, { ...before, unseen, seenUpTo: { epoch, id: seenId } });
}

/**
 * The backend's answer to `/sync/active` (null: not asked, e.g. no key): changes nothing
 * but `sync`. The probe's failure is no failure of the instance: the badge, the backoff and
 * the failure state stay as the badge poll left them.
 */
export function applySyncProbe(state: WorkerState, instanceId: string, probe: SyncProbe | null): WorkerState {
  const before = state.instances[instanceId];
  if (!before || (before.sync === null && probe === null)) return state;
  return withInstance(state, instanceId, { ...before, sync: probe });
}

/** Records operations fetched on demand (getRecentOperations) into the instance's list. */
export function applyOperations(state: WorkerState, instanceId: string, operations: readonly RecentOperation[]): WorkerState {
  const before = getInstanceState(state, instanceId);
  const merged = mergeOperations(
    before.operations,
    operations.map((op) => ({ operationId: op.operationId, operation: op.operation, timestamp: op.newestTimestamp })),
  );
  return withInstance(state, instanceId, { ...before, operations: merged });
}
