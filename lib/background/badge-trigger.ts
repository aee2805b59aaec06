import { pollFilterFor } from '../core/badge-poller';
import { BADGE_TRIGGER_DELAY_MS } from '../core/cadence';
import type { FetchOutcome } from '../core/failure';
import type { NetBoxInstance } from '../core/instance';
import { isErrorEntry } from '../core/log-match';
import type { LogEntry, LogsPage } from '../core/log-types';
import { getInstanceState, type WorkerState } from '../core/worker-state';
import type { SharedFetchRequest } from './shared-fetch';

// The badge follows a live panel within seconds, not within an alarm interval. When the
// worker fetches a page for a view (lib/background/shared-fetch.ts) and it holds entries
// newer than the badge's cursor that may count for the badge, the worker runs its badge
// poll of that instance shortly after (the badge poll decides what counts, as always).
// A view that asked while showing the newest entries (at the top of its list) reports
// them seen itself (`errorsSeen`), so its pages trigger nothing; the short delay lets
// another view that got the same answer report first. An error the user is looking at
// then neither lights the badge nor raises a notification. Nothing is fetched when the
// pages hold nothing new that could count: an idle view costs no badge request.


/** Whether an entry may count for the instance's badge (the poll decides exactly). */
export function mayCountForBadge(entry: LogEntry, instance: Pick<NetBoxInstance, 'badgeLevels'>): boolean {
  if (pollFilterFor(instance.badgeLevels) === 'errors-only') {
    return isErrorEntry(entry);
  }
  return (instance.badgeLevels as readonly string[]).includes(entry.level);
}

export interface BadgeTriggerDeps {
  readState: () => Promise<WorkerState>;
  /** Runs the badge poll of the instance (and redraws the badge). */
  poll: (instance: NetBoxInstance) => Promise<void>;
  /** Wait before polling (ms), for a view's `errorsSeen` to arrive first. Default 300. */
  delayMs?: number;
  setTimeout?: (callback: () => void, ms: number) => unknown;
}

export type BadgeTrigger = (instance: NetBoxInstance, request: SharedFetchRequest, outcome: FetchOutcome<LogsPage>) => void;

export function createBadgeTrigger(deps: BadgeTriggerDeps): BadgeTrigger {
  const delayMs = deps.delayMs ?? BADGE_TRIGGER_DELAY_MS;
  const later = deps.setTimeout ?? ((callback: () => void, ms: number) => globalThis.setTimeout(callback, ms));
  /** Instances with a triggered poll waiting or running (its end moves the cursor past what triggered it). */
  const waiting = new Set<string>();

  return (instance, request, outcome) => {
    if (request.seesNewest || !outcome.ok || outcome.value.logs.length === 0 || waiting.has(instance.id)) return;
    void deps
      .readState()
      .then((state) => {
        const cursor = getInstanceState(state, instance.id).cursor;
        // No cursor yet: the alarm's first poll sets it (nothing counts before it anyway).
        if (!cursor) return;
        const fresh = outcome.value.logs.some((entry) => entry.id > cursor.id && mayCountForBadge(entry, instance));
        if (!fresh || waiting.has(instance.id)) return;
        waiting.add(instance.id);
        later(() => {
          void deps
            .poll(instance)
            .catch(() => undefined)
            .finally(() => waiting.delete(instance.id));
        }, delayMs);
      })
      .catch(() => undefined);
  };
}
