import { describe, expect, it } from 'vitest';
import { BADGE_BACKOFF_CAP_MS } from '@/lib/core/cadence';
import type { LogEntry } from '@/lib/core/log-types';
import {
  applyErrorsSeen,
  applyPollResult,
  applySyncProbe,
  backoffDelayMs,
  EMPTY_WORKER_STATE,
  getInstanceState,
  mayPoll,
  mergeOperations,
  pruneInstances,
  repairWorkerState,
  unseenCount,
  type PollResult,
  type WorkerState,
} from '@/lib/core/worker-state';

const ID = 'https://nb.example.com';
const ctx = { now: 1_000_000, intervalMs: 30_000 };

function entry(id: number, extra: Partial<LogEntry> = {}): LogEntry {
  return {
    id,
    timestamp: `2026-11-25T18:00:${String(id % 60).padStart(2, '0')}+00:00`,
    level: 'ERROR',
    module: 'm',
    message: `error ${id}`,
    operationId: null,
    operation: null,
    phase: null,
    resourceType: null,
    resourceId: null,
    traceback: null,
    ...extra,
  };
}

function ok(counted: number[], patch: Partial<Extract<PollResult, { kind: 'ok' }>> = {}): PollResult {
  const entries = counted.map((id) => entry(id));
  const newest = Math.max(0, ...counted);
  return { kind: 'ok', filter: 'errors-only', cursor: { id: newest, timestamp: 't' }, established: false, restarted: false, counted: entries, fetched: entries, ...patch };
}

function apply(state: WorkerState, result: PollResult, now = ctx.now) {
  return applyPollResult(state, ID, result, { ...ctx, now });
}

describe('applyPollResult', () => {
  it('establishing the cursor counts only what the poll counted (the history before the instance was added: nothing)', () => {
    const history = entry(5);
    const { state, newlyCounted } = apply(EMPTY_WORKER_STATE, ok([], { established: true, cursor: { id: 5, timestamp: 't' }, fetched: [history] }));
    expect(newlyCounted).toEqual([]);
    expect(unseenCount(getInstanceState(state, ID))).toBe(0);
    expect(getInstanceState(state, ID).cursor).toEqual({ id: 5, timestamp: 't' });
    // An error written after "Add" and before the first poll counts, unless a view already showed it.
    expect(apply(EMPTY_WORKER_STATE, ok([7, 6], { established: true })).newlyCounted.map((e) => e.id)).toEqual([7, 6]);
    const seen = applyErrorsSeen(apply(EMPTY_WORKER_STATE, ok([], { established: true })).state, ID, 6);
    expect(apply(seen, ok([7, 6], { established: true })).newlyCounted.map((e) => e.id)).toEqual([7]);
  });

  it('counts new entries once, even when a result is applied twice', () => {
    let { state } = apply(EMPTY_WORKER_STATE, ok([3, 2]));
    const again = apply(state, ok([4, 3]));
    state = again.state;
    expect(again.newlyCounted.map((e) => e.id)).toEqual([4]);
    expect(getInstanceState(state, ID).unseen).toEqual([
      { epoch: 0, id: 4 },
      { epoch: 0, id: 3 },
      { epoch: 0, id: 2 },
    ]);
  });

  it('a restart starts a new epoch: the same ids count again, as other entries', () => {
    let { state } = apply(EMPTY_WORKER_STATE, ok([2, 1]));
    ({ state } = apply(state, ok([2, 1], { restarted: true })));
    const s = getInstanceState(state, ID);
    expect(s.epoch).toBe(1);
    expect(unseenCount(s)).toBe(4);
  });

  it('does not count what a view already reported seen', () => {
    let { state } = apply(EMPTY_WORKER_STATE, ok([1]));
    state = applyErrorsSeen(state, ID, 7);
    const r = apply(state, ok([8, 7, 6]));
    expect(r.newlyCounted.map((e) => e.id)).toEqual([8]);
  });

  it('records failures with exponential backoff and Retry-After, and clears them on success', () => {
    let { state } = apply(EMPTY_WORKER_STATE, { kind: 'failure', failure: { kind: 'backend-down', status: 502 } });
    let s = getInstanceState(state, ID);
    expect(s).toMatchObject({ consecutiveFailures: 1, backoffUntil: null, failure: { kind: 'backend-down' } });
    ({ state } = apply(state, { kind: 'failure', failure: { kind: 'backend-down' } }));
    expect(getInstanceState(state, ID).backoffUntil).toBe(ctx.now + 60_000);
    ({ state } = apply(state, { kind: 'failure', failure: { kind: 'rate-limited', status: 429, retryAfterMs: 300_000 } }));
    s = getInstanceState(state, ID);
    expect(s.retryAfterUntil).toBe(ctx.now + 300_000);
    expect(s.backoffUntil).toBe(ctx.now + 300_000);
    ({ state } = apply(state, ok([])));
    s = getInstanceState(state, ID);
    expect(s).toMatchObject({ failure: null, consecutiveFailures: 0, backoffUntil: null, retryAfterUntil: null, lastSuccessAt: ctx.now });
  });
});

describe('backoff', () => {
  it('doubles from the interval and stops at 10 minutes', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 30].map((n) => backoffDelayMs(n, 30_000))).toEqual([
      0, 60_000, 120_000, 240_000, 480_000, BADGE_BACKOFF_CAP_MS, BADGE_BACKOFF_CAP_MS, BADGE_BACKOFF_CAP_MS,
    ]);
  });

  it('alarm ticks wait; manual polls skip the backoff but never Retry-After', () => {
    const s = { ...getInstanceState(EMPTY_WORKER_STATE, ID), backoffUntil: 100_000, retryAfterUntil: null };
    expect(mayPoll(s, 50_000, { manual: false, intervalMs: 30_000 })).toBe(false);
    expect(mayPoll(s, 96_000, { manual: false, intervalMs: 30_000 })).toBe(true); // alarms fire a little early
    expect(mayPoll(s, 50_000, { manual: true, intervalMs: 30_000 })).toBe(true);
    const r = { ...s, retryAfterUntil: 100_000 };
    expect(mayPoll(r, 99_999, { manual: true, intervalMs: 30_000 })).toBe(false);
    expect(mayPoll(r, 100_000, { manual: false, intervalMs: 30_000 })).toBe(true);
  });
});

describe('applyErrorsSeen', () => {
  it('clears the current epoch up to the id and every older epoch', () => {
    let { state } = apply(EMPTY_WORKER_STATE, ok([3, 2]));
    ({ state } = apply(state, ok([5, 4, 3], { restarted: true })));
    state = applyErrorsSeen(state, ID, 4);
    expect(getInstanceState(state, ID).unseen).toEqual([{ epoch: 1, id: 5 }]);
    state = applyErrorsSeen(state, ID, 2); // an older view must not bring anything back
    expect(getInstanceState(state, ID).unseen).toEqual([{ epoch: 1, id: 5 }]);
    expect(getInstanceState(state, ID).seenUpTo).toEqual({ epoch: 1, id: 4 });
  });

  it('ignores unknown instances', () => {
    expect(applyErrorsSeen(EMPTY_WORKER_STATE, 'nope', 3)).toBe(EMPTY_WORKER_STATE);
  });
});

describe('recent operations', () => {
  it('are distinct, newest first, at most 20', () => {
    const entries = Array.from({ length: 30 }, (_, i) =>
      entry(i + 1, { operationId: `op-${(i % 25) + 1}`, operation: 'vm_sync', timestamp: new Date(Date.UTC(2026, 10, 25, 18, 0, i)).toISOString() }),
    );
    const ops = mergeOperations([], entries);
    expect(ops).toHaveLength(20);
    expect(ops[0]).toEqual({ operationId: 'op-5', operation: 'vm_sync', newestTimestamp: entries[29]!.timestamp });
    expect(new Set(ops.map((o) => o.operationId)).size).toBe(20);
  });
});

describe('the sync running now (applySyncProbe)', () => {
  const running = { at: ctx.now, activity: { state: 'running' as const, runs: [{ id: 'op', kind: 'full-update', startedAt: ctx.now - 60_000 }] } };

  it('stores the answer and nothing else: a failed probe leaves the failure state, backoff and counts as they were', () => {
    let { state } = apply(EMPTY_WORKER_STATE, ok([3, 2]));
    ({ state } = apply(state, { kind: 'failure', failure: { kind: 'backend-down', status: 502 } }));
    ({ state } = apply(state, { kind: 'failure', failure: { kind: 'backend-down', status: 502 } }));
    const before = getInstanceState(state, ID);
    for (const activity of [running.activity, { state: 'absent' as const }, { state: 'unknown' as const }]) {
      const after = getInstanceState(applySyncProbe(state, ID, { at: ctx.now, activity }), ID);
      expect(after).toEqual({ ...before, sync: { at: ctx.now, activity } });
    }
  });

  it('a failed badge poll forgets the sync (not known while the backend fails); a good one keeps it', () => {
    let { state } = apply(EMPTY_WORKER_STATE, ok([1]));
    state = applySyncProbe(state, ID, running);
    ({ state } = apply(state, ok([2])));
    expect(getInstanceState(state, ID).sync).toEqual(running);
    ({ state } = apply(state, { kind: 'failure', failure: { kind: 'key-rejected', status: 401 } }));
    expect(getInstanceState(state, ID).sync).toBeNull();
  });

  it('nothing to store (not asked) changes nothing; an unknown instance is ignored', () => {
    const { state } = apply(EMPTY_WORKER_STATE, ok([1]));
    expect(applySyncProbe(state, ID, null)).toBe(state);
    expect(applySyncProbe(state, 'nope', running)).toBe(state);
    const stored = applySyncProbe(state, ID, running);
    expect(getInstanceState(applySyncProbe(stored, ID, null), ID).sync).toBeNull();
  });

  it('survives storage: kept as stored, broken values read as none', () => {
    const stored = JSON.parse(JSON.stringify(applySyncProbe(apply(EMPTY_WORKER_STATE, ok([1])).state, ID, running)));
    expect(repairWorkerState(stored).instances[ID]!.sync).toEqual(running);
    expect(repairWorkerState({ instances: { a: { epoch: 1, sync: { at: 'x' } } } }).instances.a!.sync).toBeNull();
    expect(repairWorkerState({ instances: { a: { epoch: 1 } } }).instances.a!.sync).toBeNull();
  });
});

describe('housekeeping', () => {
  it('prunes removed instances and repairs broken stored values', () => {
    const { state } = apply(EMPTY_WORKER_STATE, ok([1]));
    expect(pruneInstances(state, [])).toEqual({ instances: {} });
    expect(pruneInstances(state, [ID])).toBe(state);
    expect(repairWorkerState('junk')).toEqual({ instances: {} });
    expect(repairWorkerState({ instances: { a: { epoch: 2, unseen: 'x' } } }).instances.a).toMatchObject({ epoch: 2, unseen: [], cursor: null });
  });
});
