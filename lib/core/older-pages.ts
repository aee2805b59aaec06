import { batch, signal, type ReadonlySignal } from '@preact/signals';
import type { Failure } from './failure';
import type { HeldEntries } from './held-entries';
import { createFlight, type RequestLane } from './request-lane';
import type { PageResult } from './sync-newer';

// "Load older" (part of lib/core/logs-controller.ts): the page below the oldest entry held, one
// at a time on the view's request lane. Its failure is reported apart (olderFailure) and
// never disturbs the list. It only reaches back within the running backend: older epochs
// cannot be fetched any more.

type OlderPage = Extract<PageResult, { kind: 'ok' }>;

export interface OlderPagesDeps {
  lane: RequestLane;
  held: HeldEntries;
  /** Asks the page below `oldestId` (of `limit` entries, or the view's page size). */
  fetch: (oldestId: number, signal: AbortSignal, limit?: number) => Promise<PageResult>;
  /** Puts a fetched page in (called only for the current generation). */
  apply: (page: OlderPage) => void;
}

export interface OlderPages {
  readonly hasOlder: ReadonlySignal<boolean>;
  readonly loading: ReadonlySignal<boolean>;
  readonly failure: ReadonlySignal<Failure | null>;
  /** Whether the backend holds entries older than the list's (from the first page or the last older one). */
  setHasOlder(value: boolean): void;
  /** Loads the page below the oldest entry held; `limit` for a larger one (a search reads everything). */
  load(limit?: number): Promise<void>;
  /** Forgets the failure and whether more is held (other filters, a restart). */
  reset(): void;
  /** The generation ended: nothing is loading any more. */
  abandoned(): void;
}

export function createOlderPages(deps: OlderPagesDeps): OlderPages {
  const { lane, held } = deps;
  const hasOlder = signal(false);
  const loading = signal(false);
  const failure = signal<Failure | null>(null);
  const flight = createFlight(lane);

  function load(limit?: number): Promise<void> {
    const running = flight.running();
    if (running) return running.promise;
    if (!hasOlder.value) return Promise.resolve();
    loading.value = true;
    failure.value = null;
    return flight.start(
      async (gen) => {
        const oldest = held.oldestId();
        if (!lane.isCurrent(gen) || oldest === null) return;
        const result = await deps.fetch(oldest, lane.signal, limit);
        if (!lane.isCurrent(gen)) return;
        if (result.kind === 'failed') failure.value = result.failure;
        else
          batch(() => {
            hasOlder.value = result.hasOlder;
            deps.apply(result);
          });
      },
      () => {
        loading.value = false;
      },
    );
  }

  return {
    hasOlder,
    loading,
    failure,
    setHasOlder(value) {
      hasOlder.value = value;
    },
    load,
    reset() {
      hasOlder.value = false;
      failure.value = null;
    },
    abandoned() {
      loading.value = false;
    },
  };
}
