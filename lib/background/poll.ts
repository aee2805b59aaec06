import { runBadgePoll } from '../core/badge-poller';
import type { NetBoxInstance } from '../core/instance';
import type { LogEntry } from '../core/log-types';
import { notifyNewErrors } from './notifications';
import { originMatchPattern } from '../core/settings';
import { loadInstances } from '../browser/settings-storage';
import { applyPollResult, getInstanceState, mayPoll, type PollResult } from '../core/worker-state';
import { readLogs, type SourceDeps } from './log-sources';
import { readWorkerState, updateWorkerState } from './state-store';
import { badgePollFreshMs } from '../core/sync-active';
import { refreshActiveSync } from './sync-probe';

// One badge poll of one instance, as the worker runs it: skip while backing off, check the
// host permission, poll (lib/core/badge-poller.ts), apply the result to the latest stored state,
// show a notification for what was newly counted, and (direct mode, after a good poll) ask
// whether a sync is running (./sync-probe.ts).

/** What a poll needs from the outside: the network, the clock, the permissions (tests pass fakes). */
export type PollDeps = SourceDeps;

/** What a poll did: what it found, and the entries it newly counted (null: skipped, backing off or removed). */
export interface PollDone {
  result: PollResult;
  newlyCounted: LogEntry[];
}

const inFlight = new Map<string, Promise<PollDone | null>>();

/** Polls an instance unless a poll of it is already running (then waits for that one). */
export function pollInstance(instance: NetBoxInstance, deps: PollDeps, options: { manual: boolean }): Promise<PollDone | null> {
  const running = inFlight.get(instance.id);
  if (running) return running;
  const run = doPoll(instance, deps, options.manual).finally(() => inFlight.delete(instance.id));
  inFlight.set(instance.id, run);
  return run;
}

async function doPoll(instance: NetBoxInstance, deps: PollDeps, manual: boolean): Promise<PollDone | null> {
  const intervalMs = instance.pollIntervalSec * 1000;
  const before = getInstanceState(await readWorkerState(), instance.id);
  if (!mayPoll(before, deps.now(), { manual, intervalMs })) return null;

  let result: PollResult;
  if (instance.logsVia === 'netbox' && !(await deps.hasPermission(originMatchPattern(instance.origin)))) {
    result = { kind: 'failure', failure: { kind: 'no-host-permission', detail: `no permission for ${instance.origin}` } };
  } else {
    const source = readLogs(instance, deps);
    result = await runBadgePoll(instance, before, (query) => source.fetchPage(query));
  }

  // The instance may have been removed (or its settings changed) while the request ran.
  const current = (await loadInstances()).find((i) => i.id === instance.id);
  if (!current) return null;
  let newlyCounted: LogEntry[] = [];
  await updateWorkerState((state) => {
    const applied = applyPollResult(state, instance.id, result, { now: deps.now(), intervalMs });
    newlyCounted = applied.newlyCounted;
    return applied.state;
  });
  if (newlyCounted.length > 0 && current.notifications) {
    await notifyNewErrors(current, newlyCounted).catch((error) => console.warn('[proxbox] notification failed', error));
  }
  // A failed poll already forgot the sync (applyPollResult); a good one asks, once per alarm.
  if (result.kind === 'ok') {
    await refreshActiveSync(current, deps, badgePollFreshMs(intervalMs)).catch((error) => console.warn('[proxbox] sync probe failed', error));
  }
  return { result, newlyCounted };
}
