// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { createAutoRefresh, type AutoRefreshDeps } from '../../../lib/core/auto-refresh';
import type { PollSchedule } from '../../../lib/core/poll-schedule';
import type { ViewPolls } from '../../../lib/core/view-polls';
import { createViewStatus } from '../../../lib/core/view-status';

function setup(overrides: Partial<AutoRefreshDeps> = {}, dueIn = 0) {
  const status = createViewStatus();
  const schedule = { dueIn: vi.fn(() => dueIn), schedule: vi.fn(), clear: vi.fn() } as unknown as PollSchedule;
  const polls = { running: false, poll: vi.fn(async () => undefined), pollAfter: vi.fn(async () => undefined) } as unknown as ViewPolls;
  const started = vi.fn();
  const stopped = vi.fn();
  const live = createAutoRefresh({ initial: true, schedule, status, polls, started, stopped, ...overrides });
  return { status, schedule, polls, started, stopped, live };
}

describe('auto-refresh', () => {
  it('start polls at once the first time; runs only while started and on', () => {
    const { schedule, polls, started, stopped, live } = setup();
    expect([live.started, live.running]).toEqual([false, false]);
    live.start();
    live.start(); // once
    expect(started).toHaveBeenCalledTimes(1);
    expect(polls.poll).toHaveBeenCalledTimes(1);
    expect([live.started, live.running]).toEqual([true, true]);
    live.set(false);
    expect(live.running).toBe(false);
    expect(schedule.clear).toHaveBeenCalled();
    live.stop();
    live.stop();
    expect(stopped).toHaveBeenCalledTimes(1);
    expect(live.started).toBe(false);
  });

  it('on again (or started again) waits for the rest of the interval, or polls when due', () => {
    const { status, schedule, polls, live } = setup({}, 1200);
    status.answered(1, true);
    live.start(); // ready: resumes
    expect(schedule.schedule).toHaveBeenCalledWith(1200);
    expect(polls.poll).not.toHaveBeenCalled();
    live.set(false);
    vi.mocked(schedule.dueIn).mockReturnValue(0);
    live.set(true);
    expect(polls.poll).toHaveBeenCalledTimes(1);
  });

  it('off (or stopped) while failed: the view says it will not retry by itself', () => {
    const { status, live } = setup();
    live.start();
    status.failedWith({ kind: 'backend-down' }, 5000);
    live.set(false);
    expect(status.state.value).toMatchObject({ phase: 'failed', nextRetryAt: null });
    live.set(true);
    status.retryAt(9000);
    live.stop();
    expect(status.state.value).toMatchObject({ phase: 'failed', nextRetryAt: null });
  });

  it('pollSoon polls after the one on its way only while running, visible and not failed', () => {
    let visible = true;
    const { status, polls, live } = setup({ isVisible: () => visible });
    live.pollSoon(); // not started
    live.start();
    live.pollSoon();
    expect(polls.pollAfter).toHaveBeenCalledTimes(1);
    visible = false;
    live.pollSoon();
    visible = true;
    status.failedWith({ kind: 'backend-down' }, 5000);
    live.pollSoon();
    live.set(false);
    live.pollSoon();
    expect(polls.pollAfter).toHaveBeenCalledTimes(1);
  });

  it('back online asks at once only when failed', () => {
    const { status, polls, live } = setup();
    live.backOnline();
    expect(polls.pollAfter).not.toHaveBeenCalled();
    status.failedWith({ kind: 'network' }, 5000);
    live.backOnline();
    expect(polls.pollAfter).toHaveBeenCalledTimes(1);
  });
});
