import { nextDelay } from './backoff';
import type { Failure } from './failure';

// When a view polls next (part of lib/core/logs-controller.ts): one timer, the interval after a
// good poll, the retry delay after a failed one (lib/core/backoff.ts, Retry-After honoured), and
// what is still due after a pause (auto-refresh off, stop).
//
// - 'logged-out' retries at the normal interval (or its Retry-After), never backed off, so
//   the list comes back soon after the user logs in again.
// - A due poll while the view is hidden is put off by one interval.

export interface ControllerClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const defaultClock: ControllerClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

export interface PollScheduleDeps {
  clock: ControllerClock;
  intervalMs: number;
  /** Whether polls run by themselves now (started, auto-refresh on). */
  mayRun: () => boolean;
  isVisible?: () => boolean;
  /** A poll is due. */
  poll: () => void;
  /** A timer was set to fire at `at` (ms since epoch). */
  armed?: (at: number) => void;
  random?: () => number;
  maxBackoffMs?: number;
}

export interface PollSchedule {
  /** Fires a poll after ms (at once for <= 0), replacing any timer; nothing unless mayRun. */
  schedule(ms: number): void;
  clear(): void;
  /** A poll ended (now): the next one waits the interval, or the retry delay after a failure. */
  polled(failed: boolean): void;
  succeeded(): void;
  /** Counts a failure and returns the wait before the retry. */
  failed(failure: Failure): number;
  /** The wait before the next retry (the interval while nothing failed). */
  readonly retryDelay: number;
  /** Time until the next poll is due, from the last one's end: <= 0 means now. */
  dueIn(failed: boolean): number;
  /** Forgets failures and the last poll (other filters: start afresh). */
  reset(): void;
}

export function createPollSchedule(deps: PollScheduleDeps): PollSchedule {
  const { clock, intervalMs } = deps;
  let timer: unknown = null;
  let failures = 0;
  let retryDelay = intervalMs;
  let lastPollAt: number | null = null;

  function clear(): void {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
  }

  function schedule(ms: number): void {
    clear();
    if (!deps.mayRun()) return;
    const wait = Math.max(0, ms);
    timer = clock.setTimeout(onTimer, wait);
    deps.armed?.(clock.now() + wait);
  }

  function onTimer(): void {
    timer = null;
    if (!deps.mayRun()) return;
    if (deps.isVisible && !deps.isVisible()) schedule(intervalMs);
    else deps.poll();
  }

  return {
    schedule,
    clear,
    polled(failed) {
      lastPollAt = clock.now();
      schedule(failed ? retryDelay : intervalMs);
    },
    succeeded() {
      failures = 0;
      retryDelay = intervalMs;
    },
    failed(failure) {
      failures++;
      retryDelay =
        failure.kind === 'logged-out'
          ? Math.max(intervalMs, failure.retryAfterMs ?? 0)
          : nextDelay(failures, intervalMs, { retryAfterMs: failure.retryAfterMs, random: deps.random, maxMs: deps.maxBackoffMs });
      return retryDelay;
    },
    get retryDelay() {
      return retryDelay;
    },
    dueIn(failed) {
      if (lastPollAt === null) return 0;
      return lastPollAt + (failed ? retryDelay : intervalMs) - clock.now();
    },
    reset() {
      failures = 0;
      retryDelay = intervalMs;
      lastPollAt = null;
    },
  };
}
