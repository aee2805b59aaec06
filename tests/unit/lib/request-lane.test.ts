// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createFlight, createRequestLane } from '../../../lib/core/request-lane';

/** A promise the test settles by hand. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('request lane', () => {
  it('runs work one at a time, in order, even after a failure', async () => {
    const lane = createRequestLane();
    const log: string[] = [];
    const first = deferred();
    const a = lane.exclusive(async () => {
      log.push('a starts');
      await first.promise;
      throw new Error('a failed');
    });
    const b = lane.exclusive(async () => {
      log.push('b starts');
      return 'b';
    });
    await Promise.resolve();
    expect(log).toEqual(['a starts']);
    first.resolve();
    await expect(a).rejects.toThrow('a failed');
    await expect(b).resolves.toBe('b');
    expect(log).toEqual(['a starts', 'b starts']);
  });

  it('a new generation aborts the old signal and no longer waits for old work', async () => {
    const lane = createRequestLane();
    const gen = lane.generation;
    const signal = lane.signal;
    const stuck = deferred();
    void lane.exclusive(() => stuck.promise);
    lane.renew();
    expect(signal.aborted).toBe(true);
    expect(lane.signal.aborted).toBe(false);
    expect(lane.isCurrent(gen)).toBe(false);
    expect(lane.isCurrent(lane.generation)).toBe(true);
    await expect(lane.exclusive(async () => 'fresh')).resolves.toBe('fresh'); // not queued behind the stuck one
  });
});

describe('flight', () => {
  it('is one run per generation; settle runs after it only while current', async () => {
    const lane = createRequestLane();
    const flight = createFlight(lane);
    const answer = deferred();
    let settled = 0;
    expect(flight.running()).toBeNull();
    const run = flight.start(() => answer.promise, () => settled++);
    expect(flight.running()).toEqual({ generation: lane.generation, promise: run });
    answer.resolve();
    await run;
    expect(settled).toBe(1);
    expect(flight.running()).toBeNull();

    const stale = deferred();
    const old = flight.start(() => stale.promise, () => settled++);
    lane.renew();
    expect(flight.running()).toBeNull(); // the old generation's run no longer counts
    stale.resolve();
    await old;
    expect(settled).toBe(1);
  });

  it('hands the work its generation', async () => {
    const lane = createRequestLane();
    lane.renew();
    const seen: number[] = [];
    await createFlight(lane).start(async (gen) => void seen.push(gen), () => undefined);
    expect(seen).toEqual([lane.generation]);
  });
});
