import { signal, type ReadonlySignal } from '@preact/signals';
import type { PollSchedule } from './poll-schedule';
import type { ViewPolls } from './view-polls';
import type { ViewStatus } from './view-status';

// Whether a view polls by itself (part of lib/core/logs-controller.ts): started (the view is
// shown) and auto-refresh on. Turning either on polls at once when a poll is due, else at
// the rest of the interval (or of the retry delay after a failure); turning either off
// clears the timer, and a failed view then says it will not retry by itself.

export interface AutoRefreshDeps {
  initial: boolean;
  schedule: PollSchedule;
  status: ViewStatus;
  polls: ViewPolls;
  /** Polls are skipped while this says false (e.g. document hidden). */
  isVisible?: () => boolean;
  /** The view was started: e.g. report the errors on screen. */
  started: () => void;
  /** The view was stopped: its in-flight work is forgotten. */
  stopped: () => void;
}

export interface AutoRefresh {
  readonly autoRefresh: ReadonlySignal<boolean>;
  readonly started: boolean;
  /** Whether polls run by themselves now. */
  readonly running: boolean;
  set(on: boolean): void;
  start(): void;
  stop(): void;
  /** New entries are waiting (the live stream rang): poll now, when polls run by themselves and nothing failed. */
  pollSoon(): void;
  /** Back online: a failed view asks at once instead of at its next retry. */
  backOnline(): void;
}

export function createAutoRefresh(deps: AutoRefreshDeps): AutoRefresh {
  const { schedule, status, polls } = deps;
  const autoRefresh = signal(deps.initial);
  let started = false;

  /** Polls by themselves again when due. */
  function resume(): void {
    const wait = schedule.dueIn(status.failed);
    if (wait <= 0) void polls.poll();
    else schedule.schedule(wait);
  }

  return {
    autoRefresh,
    get started() {
      return started;
    },
    get running() {
      return started && autoRefresh.value;
    },
    set(on) {
      if (autoRefresh.value === on) return;
      autoRefresh.value = on;
      if (!on) {
        schedule.clear();
        status.retryAt(null);
      } else if (started && !polls.running) resume();
    },
    start() {
      if (started) return;
      started = true;
      deps.started();
      const phase = status.state.value.phase;
      if (phase === 'idle' || phase === 'loading') void polls.poll();
      else if (autoRefresh.value) resume();
    },
    stop() {
      if (!started) return;
      started = false;
      schedule.clear();
      deps.stopped();
      status.retryAt(null);
    },
    pollSoon() {
      if (!started || !autoRefresh.value || status.failed) return;
      if (deps.isVisible && !deps.isVisible()) return;
      void polls.pollAfter();
    },
    backOnline() {
      if (status.failed) void polls.pollAfter();
    },
  };
}
