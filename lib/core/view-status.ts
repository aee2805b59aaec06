import { batch, signal, type ReadonlySignal } from '@preact/signals';
import type { Failure } from './failure';
import type { LoadState } from './logs-view-model';

// What a view says of its loading (part of lib/core/logs-controller.ts): idle, loading, ready or
// failed (with when it last worked and when it retries), and when it last got an answer.
// A failure never clears what is shown: it is a state beside the rows.

export interface ViewStatus {
  readonly state: ReadonlySignal<LoadState>;
  readonly lastSuccessAt: ReadonlySignal<number | null>;
  readonly failed: boolean;
  /** The first page is on its way. */
  loading(): void;
  /** An answer came at `at` (a poll: the view is ready). */
  answered(at: number, poll: boolean): void;
  /** A poll failed; it is retried at `nextRetryAt` (null: not by itself). */
  failedWith(failure: Failure, nextRetryAt: number | null): void;
  /** When a failed view retries (null: not by itself); nothing while not failed. */
  retryAt(at: number | null): void;
  /** Other filters: nothing fetched yet (loading when `loading`). */
  reset(loading: boolean): void;
}

export function createViewStatus(): ViewStatus {
  const state = signal<LoadState>({ phase: 'idle' });
  const lastSuccessAt = signal<number | null>(null);
  return {
    state,
    lastSuccessAt,
    get failed() {
      return state.value.phase === 'failed';
    },
    loading() {
      state.value = { phase: 'loading' };
    },
    answered(at, poll) {
      batch(() => {
        lastSuccessAt.value = at;
        // Only a change is written: an idle poll must not re-render what reads the state.
        if (poll && state.value.phase !== 'ready') state.value = { phase: 'ready' };
      });
    },
    failedWith(failure, nextRetryAt) {
      state.value = { phase: 'failed', failure, lastSuccessAt: lastSuccessAt.value, nextRetryAt };
    },
    retryAt(at) {
      const s = state.value;
      if (s.phase === 'failed') state.value = { ...s, nextRetryAt: at };
    },
    reset(loading) {
      state.value = { phase: loading ? 'loading' : 'idle' };
    },
  };
}
