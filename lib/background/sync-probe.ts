import { SYNC_ACTIVE_PATH } from '../core/backend-api';
import { stopsBackendRequests } from '../core/backend-failure';
import { SYNC_ANSWER_MAX_BYTES, SYNC_OPEN_FRESH_MS } from '../core/cadence';
import type { NetBoxInstance } from '../core/instance';
import { joinUrl } from '../core/logs-query';
import { parseSyncActive, runningSyncOf, syncProbeDue, type RunningSync, type SyncActivity } from '../core/sync-active';
import { applySyncProbe, getInstanceState } from '../core/worker-state';
import { backendRequestOptions, explainBackendFailure } from './backend-net';
import { backendAccess, noteBackendFailure, type SourceDeps } from './log-sources';
import { readWorkerState, updateWorkerState } from './state-store';

// The sync running now (proxbox-api's `GET /sync/active`, contract §3), asked with the badge's
// polls (lib/background/poll.ts) and when a view opens, in direct mode only: through NetBox
// there is no such route, and nothing is asked. The answer goes into the worker's state
// (lib/core/worker-state.ts) and from there to the views and the badge's tooltip.
//
// The probe is a help, never a fault: a 404 (a backend older than the route), a failure of
// any kind or an unreadable answer hide the indicator and change nothing else: not the
// instance's failure state, nor the badge, its backoff or the key gate. Except a rejected
// key: the backend counts that 401 as a failed attempt (five lock the address out), so it
// is handled as a 401 anywhere is: the key is dropped and nothing more is sent.
// Nothing is asked without a key, with the gate closed or without the backend's permission
// (backendAccess), and always the one way to the backend (./backend-net.ts).

/** What the backend says now; null when nothing may be asked. */
export async function probeActiveSync(instance: NetBoxInstance, deps: SourceDeps): Promise<SyncActivity | null> {
  if (instance.logsVia !== 'backend') return null;
  const access = await backendAccess(instance, deps);
  if (!access.ok) return null;
  const url = joinUrl(access.backendUrl, SYNC_ACTIVE_PATH);
  const since = Date.now();
  const outcome = await deps.fetchJson(url, {
    isOnline: deps.isOnline,
    maxBytes: SYNC_ANSWER_MAX_BYTES,
    ...backendRequestOptions(deps.backendNet, url, access.key),
  });
  if (outcome.ok) return parseSyncActive(outcome.value);
  const failure = await explainBackendFailure(deps.backendNet, url, since, outcome.failure);
  if (stopsBackendRequests(failure)) await noteBackendFailure(instance, { ...failure, backendUrl: access.backendUrl }, deps.now());
  return failure.status === 404 ? { state: 'absent' } : { state: 'unknown' };
}

const inFlight = new Map<string, Promise<boolean>>();

/**
 * Asks the backend unless the stored answer is at least as fresh as `freshMs`, and stores
 * what it found (null when nothing may be asked). One probe per instance at a time: a view
 * opening during the badge's poll waits for that poll's answer. True when it asked.
 */
export function refreshActiveSync(instance: NetBoxInstance, deps: SourceDeps, freshMs: number): Promise<boolean> {
  const running = inFlight.get(instance.id);
  if (running) return running.then(() => false);
  const run = (async () => {
    const before = getInstanceState(await readWorkerState(), instance.id);
    if (!syncProbeDue(before.sync, deps.now(), freshMs)) return false;
    const activity = await probeActiveSync(instance, deps);
    await updateWorkerState((state) => applySyncProbe(state, instance.id, activity && { at: deps.now(), activity }));
    return activity !== null;
  })().finally(() => inFlight.delete(instance.id));
  inFlight.set(instance.id, run);
  return run;
}

/**
 * What a view shows, and whether the backend was asked for it. A view that opens asks the
 * backend unless the answer is a few seconds old; while the last badge poll failed nothing
 * is asked (the backend is failing, and the view says so), and nothing shows.
 */
export async function activeSyncForView(
  instance: NetBoxInstance,
  deps: SourceDeps,
  opening: boolean,
): Promise<{ sync: RunningSync | null; asked: boolean }> {
  if (instance.logsVia !== 'backend') return { sync: null, asked: false };
  const polled = getInstanceState(await readWorkerState(), instance.id);
  if (polled.failure) return { sync: null, asked: false };
  const asked = opening ? await refreshActiveSync(instance, deps, SYNC_OPEN_FRESH_MS) : false;
  const state = getInstanceState(await readWorkerState(), instance.id);
  return { sync: runningSyncOf(state.sync, deps.now(), instance.pollIntervalSec * 1000), asked };
}
