// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createPollSchedule, type ControllerClock, type PollScheduleDeps } from '../../../lib/core/poll-schedule';

/** Timers fire only when the test moves time. */
function fakeClock() {
  let time = 0;
  let seq = 0;
  const timers = new Map<number, { at: number; callback: () => void }>();
  const clock: ControllerClock = {
    now: () => time,
    setTimeout: (callback, ms) => {
      timers.set(++seq, { at: time + ms, callback });
      return seq;
    },
    clearTimeout: (handle) => void timers.delete(handle as number),
  };
  return {
    clock,
    waiting: () => [...timers.values()].map((t) => t.at - time),
    advance(ms: number) {
      time += ms;
      for (const [id, t] of [...timers]) if (t.at <= time) (timers.delete(id), t.callback());
    },
  };
}

function setup(overrides: Partial<PollScheduleDeps> = {}) {
  const fake = fakeClock();
  const polls: number[] = [];
  const armed: number[] = [];
  const s = createPollSchedule({
    clock: fake.clock,
    intervalMs: 5000,
    mayRun: () => true,
    poll: () => polls.push(fake.clock.now()),
    armed: (at) => armed.push(at),
    random: () => 0,
    ...overrides,
  });
  return { ...fake, s, polls, armed };
}

describe('poll schedule', () => {
  it('one timer: the interval after a good poll, and it says when it fires', () => {
    const { s, waiting, advance, polls, armed } = setup();
    s.polled(false);
    s.schedule(100); // replaces the first timer
    expect(waiting()).toEqual([100]);
    expect(armed).toEqual([5000, 100]);
    advance(100);
    expect(polls).toEqual([100]);
  });

  it('backs off exponentially after failures, and a success starts over', () => {
    const { s } = setup({ maxBackoffMs: 30_000 });
    expect([1, 2, 3, 4].map(() => s.failed({ kind: 'backend-down' }))).toEqual([5000, 10_000, 20_000, 30_000]);
    expect(s.retryDelay).toBe(30_000);
    s.succeeded();
    expect(s.retryDelay).toBe(5000);
    expect(s.failed({ kind: 'timeout', retryAfterMs: 60_000 })).toBe(60_000); // Retry-After wins
  });

  it('logged out retries at the interval (or its Retry-After), never backed off', () => {
    const { s } = setup();
    for (let i = 0; i < 5; i++) expect(s.failed({ kind: 'logged-out' })).toBe(5000);
    expect(s.failed({ kind: 'logged-out', retryAfterMs: 9000 })).toBe(9000);
  });

  it('dueIn counts from the last poll, with the retry delay after a failure', () => {
    const { s, advance } = setup();
    expect(s.dueIn(false)).toBe(0); // never polled: due now
    s.failed({ kind: 'server-error' });
    s.failed({ kind: 'server-error' });
    s.polled(true);
    advance(3000);
    expect(s.dueIn(false)).toBe(2000);
    expect(s.dueIn(true)).toBe(7000);
    s.reset();
    expect([s.dueIn(true), s.retryDelay]).toEqual([0, 5000]);
  });

  it('nothing is armed while polls may not run; a due poll while hidden waits an interval', () => {
    let may = false;
    let visible = false;
    const { s, waiting, advance, polls } = setup({ mayRun: () => may, isVisible: () => visible });
    s.schedule(0);
    expect(waiting()).toEqual([]);
    may = true;
    s.schedule(0);
    advance(0);
    expect(polls).toEqual([]);
    expect(waiting()).toEqual([5000]);
    visible = true;
    advance(5000);
    expect(polls).toEqual([5000]);
    s.schedule(10);
    s.clear();
    expect(waiting()).toEqual([]);
  });
});
