// One view's requests, one at a time, and the generations that make old answers harmless
// (part of lib/core/logs-controller.ts).
//
// - A lane: polls, refreshes and "load older" queue; each starts when the one before has
//   settled, so two requests of one view never overlap.
// - A generation: a filter change or stop() starts a new one. Requests of the old one are
//   aborted (their signal fires) and their answers ignored (work checks isCurrent).
// - A flight: one job of a kind per generation (one poll, one "load older"); asking again
//   while it runs returns the same promise.

export interface RequestLane {
  readonly generation: number;
  /** Aborts when the generation ends. */
  readonly signal: AbortSignal;
  isCurrent(generation: number): boolean;
  /** Runs work after everything queued before it, whether that succeeded or not. */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  /** Forgets all in-flight work: aborts its requests and empties the queue. */
  renew(): void;
}

export function createRequestLane(): RequestLane {
  let generation = 0;
  let abort = new AbortController();
  let tail: Promise<unknown> = Promise.resolve();
  return {
    get generation() {
      return generation;
    },
    get signal() {
      return abort.signal;
    },
    isCurrent: (gen) => gen === generation,
    exclusive<T>(work: () => Promise<T>): Promise<T> {
      const run = tail.then(work, work);
      tail = run.catch(() => undefined);
      return run;
    },
    renew() {
      generation++;
      abort.abort();
      abort = new AbortController();
      tail = Promise.resolve();
    },
  };
}

export interface Flight {
  /** The run of the current generation still on its way, if any. */
  running(): { generation: number; promise: Promise<void> } | null;
  /**
   * Queues work on the lane as this kind's run of the current generation. `settle` runs
   * after it, only while the generation is still current (the flight is over by then).
   */
  start(work: (generation: number) => Promise<void>, settle: () => void): Promise<void>;
}

export function createFlight(lane: RequestLane): Flight {
  let current: { generation: number; promise: Promise<void> } | null = null;
  return {
    running: () => (current && lane.isCurrent(current.generation) ? current : null),
    start(work, settle) {
      const gen = lane.generation;
      const promise = lane.exclusive(async () => {
        try {
          await work(gen);
        } finally {
          if (lane.isCurrent(gen)) {
            current = null;
            settle();
          }
        }
      });
      current = { generation: gen, promise };
      return promise;
    },
  };
}
