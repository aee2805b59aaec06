import type { NetBoxInstance } from '../core/instance';
import type { RecentOperationsAnswer } from '../browser/messaging';
import { applyOperations, getInstanceState, mergeOperations } from '../core/worker-state';
import { readLogs } from './log-sources';
import type { PollDeps } from './poll';
import { readWorkerState, updateWorkerState } from './state-store';

// The popup's list of recent operation ids. The badge poll only sees errors, so on demand
// the worker reads the newest 200 entries (unfiltered) and lists their distinct operation
// ids, newest first, merged with the ones it recorded while polling.

export const RECENT_OPERATIONS_LIMIT = 200;

export async function recentOperations(instance: NetBoxInstance, deps: PollDeps): Promise<RecentOperationsAnswer> {
  const outcome = await readLogs(instance, deps).fetchPage({ limit: RECENT_OPERATIONS_LIMIT });
  if (outcome.ok) {
    const fresh = mergeOperations([], outcome.value.logs);
    const state = await updateWorkerState((s) => applyOperations(s, instance.id, fresh));
    return { operations: getInstanceState(state, instance.id).operations };
  }
  const state = await readWorkerState();
  return { operations: getInstanceState(state, instance.id).operations, failure: outcome.failure };
}
