// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import type { NewestEntries } from '../../../lib/core/newest-entries';
import type { PollSchedule } from '../../../lib/core/poll-schedule';
import { createRequestLane } from '../../../lib/core/request-lane';
import { createViewPolls } from '../../../lib/core/view-polls';
import { createViewStatus } from '../../../lib/core/view-status';

/** Each poll waits until the test answers it. */
function setup() {
  const lane = createRequestLane();
  const status = createViewStatus();
  const answers: (() => void)[] = [];
  const newest = {
    empty: true,
    poll: vi.fn(() => new Promise<void>((resolve) => answers.push(resolve))),
  } as unknown as NewestEntries;
  const schedule = { clear: vi.fn(), polled: vi.fn() } as unknown as PollSchedule;
  const polls = createViewPolls({ lane, schedule, status, newest, isEmpty: () => true });
  /** Answers the poll on its way and lets its promise chain run. */
  const answer = async () => {
    await vi.waitFor(() => expect(answers.length).toBeGreaterThan(0));
    answers.shift()!();
    await new Promise((r) => setImmediate(r));
  };
  return { lane, status, newest, schedule, polls, answer };
}

describe('view polls', () => {
  it('a poll says so at once (refreshing, loading), and another call joins it', async () => {
    const { status, newest, schedule, polls, answer } = setup();
    const first = polls.poll();
    expect([polls.refreshing.value, polls.running, status.state.value]).toEqual([true, true, { phase: 'loading' }]);
    expect(polls.poll()).toBe(first);
    await answer();
    await first;
    expect(newest.poll).toHaveBeenCalledTimes(1);
    expect([polls.refreshing.value, polls.running]).toEqual([false, false]);
    expect(schedule.polled).toHaveBeenCalledWith(false);
  });

  it('pollAfter runs one more poll after the one on its way, shared by every caller meanwhile', async () => {
    const { newest, polls, answer } = setup();
    const running = polls.poll();
    const a = polls.pollAfter();
    const b = polls.pollAfter();
    expect(a).toBe(b);
    await answer();
    await running;
    await answer();
    await a;
    expect(newest.poll).toHaveBeenCalledTimes(2);
    // Nothing on its way: a poll at once.
    const again = polls.pollAfter();
    expect(polls.running).toBe(true);
    await answer();
    await again;
    expect(newest.poll).toHaveBeenCalledTimes(3);
  });

  it("the user's Refresh is marked while on its way, even while it waits for the poll before it", async () => {
    const { polls, answer } = setup();
    void polls.poll();
    expect(polls.userRefreshing).toBe(false);
    const refresh = polls.refresh();
    expect(polls.userRefreshing).toBe(true);
    await answer(); // the poll before it
    expect(polls.userRefreshing).toBe(true);
    await answer(); // its own
    await refresh;
    await new Promise((r) => setImmediate(r));
    expect(polls.userRefreshing).toBe(false);
  });

  it('a new generation forgets the poll on its way', async () => {
    const { lane, newest, schedule, polls, answer } = setup();
    void polls.poll();
    await vi.waitFor(() => expect(newest.poll).toHaveBeenCalled());
    lane.renew();
    polls.abandoned();
    expect([polls.refreshing.value, polls.running]).toEqual([false, false]);
    await answer();
    expect(schedule.polled).not.toHaveBeenCalled();
  });
});
