import { storage, type WxtStorageItem } from 'wxt/utils/storage';
import { EMPTY_WORKER_STATE, repairWorkerState, WORKER_STATE_VERSION, type WorkerState } from '../core/worker-state';

// The worker's state in storage.local (`local:worker-state`): cursors, counts, failures,
// backoff, recent operations. Nothing is kept only in memory, so a worker stopped while
// idle (MV3) loses nothing. Changes go through `updateWorkerState`, one at a time, always
// applied to the latest stored value (a poll that took seconds must not overwrite an
// errorsSeen that arrived meanwhile).

let item: WxtStorageItem<WorkerState, Record<string, unknown>> | undefined;

function stateItem(): WxtStorageItem<WorkerState, Record<string, unknown>> {
  item ??= storage.defineItem<WorkerState>('local:worker-state', {
    version: WORKER_STATE_VERSION,
    fallback: EMPTY_WORKER_STATE,
    migrations: {},
  });
  return item;
}

export async function readWorkerState(): Promise<WorkerState> {
  return repairWorkerState(await stateItem().getValue());
}

let queue: Promise<unknown> = Promise.resolve();

/** Applies `change` to the latest state and stores the result; serialised within this worker. */
export function updateWorkerState(change: (state: WorkerState) => WorkerState): Promise<WorkerState> {
  const run = queue.then(async () => {
    const before = await readWorkerState();
    const after = change(before);
    if (after !== before) await stateItem().setValue(after);
    return after;
  });
  queue = run.catch(() => undefined);
  return run;
}
