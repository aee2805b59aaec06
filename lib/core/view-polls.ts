import { signal, type ReadonlySignal } from '@preact/signals';
import type { NewestEntries } from './newest-entries';
import type { PollSchedule } from './poll-schedule';
import { createFlight, type RequestLane } from './request-lane';
import type { ViewStatus } from './view-status';

// A view's polls (part of lib/core/logs-controller.ts): one at a time on the request lane, the
// spinner's `refreshing`, and the user's Refresh.
//
// The user's Refresh wants what NetBox holds as of the click: a poll already on its way may
// have been answered before it, so one more poll follows it (clicks while waiting share
// that one). While it runs, `userRefreshing` says so: its requests want a fresh answer,
// never another view's recent one.

export interface ViewPollsDeps {
  lane: RequestLane;
  schedule: PollSchedule;
  status: ViewStatus;
  newest: NewestEntries;
  /** Whether the list holds nothing yet (a first poll shows "loading"). */
  isEmpty: () => boolean;
}

export interface ViewPolls {
  readonly refreshing: ReadonlySignal<boolean>;
  /** Whether a poll of the current generation is on its way. */
  readonly running: boolean;
  /** Whether the user's Refresh is on its way. */
  readonly userRefreshing: boolean;
  /** Polls now, or joins the poll on its way. */
  poll(): Promise<void>;
  /** A poll that starts after the one on its way, if any (see above). */
  pollAfter(): Promise<void>;
  /** The user's Refresh: pollAfter, marked as the user's. */
  refresh(): Promise<void>;
  /** The generation ended: nothing is on its way any more. */
  abandoned(): void;
}

export function createViewPolls(deps: ViewPollsDeps): ViewPolls {
  const { lane, schedule, status, newest } = deps;
  const polls = createFlight(lane);
  const refreshing = signal(false);
  let followUp: { after: Promise<void>; promise: Promise<void> } | null = null;
  let userRefreshes = 0;

  function poll(): Promise<void> {
    const running = polls.running();
    if (running) return running.promise;
    schedule.clear();
    // Said at once (not when the lane gets to it), so the view never shows "idle" or an
    // empty "ready" between the call and the request.
    refreshing.value = true;
    if (newest.empty && deps.isEmpty() && !status.failed) status.loading();
    return polls.start(
      (gen) => (lane.isCurrent(gen) ? newest.poll(gen) : Promise.resolve()),
      () => {
        refreshing.value = false;
        schedule.polled(status.failed);
      },
    );
  }

  function pollAfter(): Promise<void> {
    const running = polls.running();
    if (!running) return poll();
    if (followUp?.after === running.promise) return followUp.promise;
    const gen = running.generation;
    const promise = running.promise.then(() => (lane.isCurrent(gen) ? poll() : undefined));
    followUp = { after: running.promise, promise };
    return promise;
  }

  return {
    refreshing,
    get running() {
      return polls.running() !== null;
    },
    get userRefreshing() {
      return userRefreshes > 0;
    },
    poll,
    pollAfter,
    refresh() {
      userRefreshes++;
      const run = pollAfter();
      void run.finally(() => userRefreshes--).catch(() => undefined);
      return run;
    },
    abandoned() {
      refreshing.value = false;
    },
  };
}
