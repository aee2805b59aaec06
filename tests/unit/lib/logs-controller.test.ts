import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Failure } from '../../../lib/core/failure';
import type { LogsQuery } from '../../../lib/core/log-types';
import { createLogsController, RESTART_NOTICE, type ControllerClock, type LogsController, type LogsControllerDeps } from '../../../lib/core/logs-controller';
import type { LogRow } from '../../../lib/core/logs-view-model';
import { FakeBackend } from './fake-backend';

/** A clock whose time moves only when a test says so; timers fire in order as it moves. */
class FakeClock implements ControllerClock {
  private time = 1_000_000;
  private seq = 0;
  private timers = new Map<number, { at: number; callback: () => void }>();
  now = (): number => this.time;
  setTimeout = (callback: () => void, ms: number): unknown => {
    const id = ++this.seq;
    this.timers.set(id, { at: this.time + Math.max(0, ms), callback });
    return id;
  };
  clearTimeout = (handle: unknown): void => {
    this.timers.delete(handle as number);
  };
  /** Waiting timers, as delays from now. */
  pending(): number[] {
    return [...this.timers.values()].map((t) => t.at - this.time).sort((a, b) => a - b);
  }
  /** Moves time forward, firing due timers in order and letting their promises settle. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      await settle();
      let next: [number, { at: number; callback: () => void }] | undefined;
      for (const t of this.timers) if (t[1].at <= end && (!next || t[1].at < next[1].at)) next = t;
      if (!next) break;
      this.timers.delete(next[0]);
      this.time = next[1].at;
      next[1].callback();
    }
    this.time = end;
    await settle();
  }
}

/** Lets every pending promise chain run (a macrotask turn drains all microtasks). */
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

const shape = (rows: readonly LogRow[]) =>
  rows.map((r) => (r.kind === 'entry' ? r.entry.id : `${r.reason}:${r.missing ?? '?'}`));
const entryIds = (rows: readonly LogRow[]) => rows.flatMap((r) => (r.kind === 'entry' ? [r.entry.id] : []));
const range = (from: number, to: number) => Array.from({ length: from - to + 1 }, (_, i) => from - i);

let controllers: LogsController[] = [];
afterEach(() => {
  for (const c of controllers) c.stop();
  controllers = [];
});

function setup(options: Partial<LogsControllerDeps> & { backend?: FakeBackend } = {}) {
  const backend = options.backend ?? new FakeBackend();
  const clock = new FakeClock();
  const controller = createLogsController({ fetchPage: backend.fetchPage, clock, intervalMs: 5000, random: () => 0, ...options });
  controllers.push(controller);
  return { backend, clock, c: controller };
}

describe('first load and polling', () => {
  it('loads the newest page on start, then polls every interval', async () => {
    const { backend, clock, c } = setup({ pageSize: 100 });
    backend.append(250);
    expect(c.state.value).toEqual({ phase: 'idle' });
    c.start();
    expect(c.state.value).toEqual({ phase: 'loading' });
    expect(c.refreshing.value).toBe(true);
    await clock.advance(0);
    expect(c.state.value).toEqual({ phase: 'ready' });
    expect(entryIds(c.rows.value)).toEqual(range(250, 151));
    expect([c.total.value, c.hasOlder.value, c.loadedCount.value, c.shownCount.value]).toEqual([250, true, 100, 100]);
    expect(c.lastSuccessAt.value).toBe(clock.now());
    expect(clock.pending()).toEqual([5000]);

    backend.append(3);
    await clock.advance(4999);
    expect(c.loadedCount.value).toBe(100);
    await clock.advance(1);
    expect(entryIds(c.rows.value).slice(0, 4)).toEqual([253, 252, 251, 250]);
    expect(c.total.value).toBe(253);
    expect(backend.calls.at(-1)).toEqual({ newerThanId: 249, limit: 100 });
    expect(clock.pending()).toEqual([5000]); // never more than one timer
  });

  it('no duplicates and no holes across polls, load older and refresh', async () => {
    const { backend, clock, c } = setup({ pageSize: 200 });
    backend.append(700);
    c.start();
    await clock.advance(0);
    backend.append(1000); // more than one page between polls
    await clock.advance(5000);
    await c.loadOlder();
    backend.append(5);
    await c.refresh();
    await c.refresh();
    await c.loadOlder();
    await c.loadOlder();
    await c.loadOlder();
    const ids = entryIds(c.rows.value);
    expect(ids).toEqual(range(1705, 1));
    expect(c.rows.value.some((r) => r.kind === 'gap')).toBe(false);
    expect(c.hasOlder.value).toBe(false);
    expect(c.total.value).toBe(1705);
    expect(backend.calls.every((q) => q.offset === undefined)).toBe(true);
  });

  it('a refresh while a poll is in flight asks once more after it; one request at a time', async () => {
    const { backend, clock, c } = setup();
    backend.append(10);
    c.start();
    await clock.advance(0);
    backend.pause();
    const a = c.refresh();
    backend.append(3); // written after the first request left: only a new poll can see them
    const b = c.refresh();
    const b2 = c.refresh();
    expect(b).not.toBe(a);
    expect(b2).toBe(b); // clicks while waiting share one follow-up
    const older = c.loadOlder(); // hasOlder is false: nothing to do
    await settle();
    expect(backend.calls).toHaveLength(2);
    backend.resume();
    await Promise.all([a, b, older]);
    expect(backend.calls).toHaveLength(3);
    expect(c.loadedCount.value).toBe(13);
    expect(clock.pending()).toEqual([5000]); // the refresh reset the timer
  });

  it('load older waits for an in-flight poll instead of overlapping it', async () => {
    const { backend, clock, c } = setup({ pageSize: 10 });
    backend.append(30);
    c.start();
    await clock.advance(0);
    backend.pause();
    const poll = c.refresh();
    const older = c.loadOlder();
    expect(c.loadingOlder.value).toBe(true);
    await settle();
    expect(backend.calls).toHaveLength(2); // the older page is not asked yet
    backend.resume();
    await Promise.all([poll, older]);
    expect(backend.calls).toHaveLength(3);
    expect(entryIds(c.rows.value)).toEqual(range(30, 11));
    expect(c.loadingOlder.value).toBe(false);
  });

  it('auto-refresh off: no timer; refresh still polls; on again polls when due', async () => {
    const { backend, clock, c } = setup();
    backend.append(5);
    c.start();
    await clock.advance(0);
    c.setAutoRefresh(false);
    expect(clock.pending()).toEqual([]);
    backend.append(1);
    await clock.advance(60_000);
    expect(c.loadedCount.value).toBe(5);
    await c.refresh();
    expect(c.loadedCount.value).toBe(6);
    expect(clock.pending()).toEqual([]);
    await clock.advance(6000);
    c.setAutoRefresh(true);
    await settle();
    expect(backend.calls).toHaveLength(3); // due: polled at once
    expect(clock.pending()).toEqual([5000]);
  });

  it('skips polls while not visible', async () => {
    let visible = true;
    const { backend, clock, c } = setup({ isVisible: () => visible });
    backend.append(5);
    c.start();
    await clock.advance(0);
    visible = false;
    await clock.advance(20_000);
    expect(backend.calls).toHaveLength(1);
    visible = true;
    await clock.advance(5000);
    expect(backend.calls).toHaveLength(2);
  });

  it('stop() clears timers and ignores in-flight answers; start() polls at once when due', async () => {
    const { backend, clock, c } = setup();
    backend.append(5);
    c.start();
    await clock.advance(0);
    backend.append(2);
    backend.pause();
    await clock.advance(5000); // poll in flight
    c.stop();
    expect(clock.pending()).toEqual([]);
    expect(c.refreshing.value).toBe(false);
    backend.resume();
    await settle();
    expect(c.loadedCount.value).toBe(5); // the answer was ignored
    await clock.advance(1000);
    c.start();
    await settle();
    expect(c.loadedCount.value).toBe(7);
    expect(clock.pending()).toEqual([5000]);
  });

  it('start() soon after a poll waits for the rest of the interval', async () => {
    const { backend, clock, c } = setup();
    backend.append(5);
    c.start();
    await clock.advance(0);
    c.stop();
    await clock.advance(2000);
    c.start();
    await settle();
    expect(backend.calls).toHaveLength(1);
    expect(clock.pending()).toEqual([3000]);
  });
});

describe('filters', () => {
  it('setFilters reloads from scratch; answers for the old filters are ignored', async () => {
    const { backend, clock, c } = setup();
    backend.append(20, (_i, id) => (id % 4 === 0 ? { level: 'ERROR' } : {}));
    c.start();
    await clock.advance(0);
    backend.pause();
    const stale = c.refresh();
    await settle(); // the poll for the old filters is out, waiting for its answer
    expect(backend.calls).toHaveLength(2);
    c.setFilters({ level: 'ERROR' });
    expect(c.rows.value).toEqual([]);
    expect(c.state.value).toEqual({ phase: 'loading' });
    backend.resume();
    await stale;
    await settle();
    expect(c.filters.value).toEqual({ level: 'ERROR', errorsOnly: false, operationId: '', since: null });
    expect(entryIds(c.rows.value)).toEqual([20, 16, 12, 8, 4]);
    expect(c.total.value).toBe(5);
    expect(backend.calls.at(-1)).toEqual({ level: 'ERROR', limit: 200 });
    expect(clock.pending()).toEqual([5000]);

    c.setFilters({ level: 'ERROR' }); // same: no reload
    c.setFilters({ operationId: '  ' }); // blank is no filter
    await settle();
    expect(backend.calls).toHaveLength(3);
    c.setFilters({ errorsOnly: true });
    await settle();
    expect(backend.calls.at(-1)).toEqual({ errorsOnly: true, limit: 200 });
    c.setFilters({ level: 'INFO' }); // moot under errors only: kept, not reloaded
    await settle();
    expect(c.filters.value).toEqual({ level: 'INFO', errorsOnly: true, operationId: '', since: null });
    expect(backend.calls).toHaveLength(4);
    c.setFilters({ errorsOnly: false });
    await settle();
    expect(backend.calls.at(-1)).toEqual({ level: 'INFO', limit: 200 });
    c.clearFilters();
    await settle();
    expect(entryIds(c.rows.value)).toHaveLength(20);
    // "Show this run": the run's time is asked as `since`, and its polls keep asking it.
    const start = Date.parse('2026-11-25T18:00:00.010Z');
    c.setFilters({ since: start });
    await settle();
    expect(backend.calls.at(-1)).toEqual({ since: '2026-11-25T18:00:00.010Z', limit: 200 });
    await clock.advance(5000);
    expect(backend.calls.at(-1)).toMatchObject({ since: '2026-11-25T18:00:00.010Z' });
    expect(backend.calls.at(-1)?.newerThanId).toBeDefined();
  });

  it('a stale first load cannot overwrite the new one even when it answers last', async () => {
    const { backend, clock, c } = setup();
    backend.append(10, (_i, id) => ({ operationId: id % 2 ? 'odd' : 'even' }));
    const order: string[] = [];
    const slow = async (q: LogsQuery) => {
      const first = order.length === 0;
      order.push(q.operationId ?? 'all');
      if (first) await new Promise((r) => setTimeout(r, 20));
      return backend.fetchPage(q);
    };
    const { c: c2 } = setup({ backend, fetchPage: slow });
    void c;
    c2.start();
    await settle(); // the unfiltered first load is out (and slow)
    c2.setFilters({ operationId: 'odd' });
    await new Promise((r) => setTimeout(r, 40));
    await settle();
    expect(order).toEqual(['all', 'odd']);
    expect(entryIds(c2.rows.value)).toEqual([9, 7, 5, 3, 1]);
    void clock;
  });
});

describe('failures and retries', () => {
  const down: Failure = { kind: 'backend-down', status: 502 };

  it('keeps the rows, backs off exponentially, and continues without loss on success', async () => {
    const { backend, clock, c } = setup();
    backend.append(10);
    c.start();
    await clock.advance(0);
    const t0 = c.lastSuccessAt.value;
    for (let i = 0; i < 4; i++) backend.failNext(down);
    backend.append(5);
    await clock.advance(5000);
    expect(c.state.value).toEqual({ phase: 'failed', failure: down, lastSuccessAt: t0, nextRetryAt: clock.now() + 5000 });
    expect(c.loadedCount.value).toBe(10);
    await clock.advance(5000);
    expect(c.state.value).toMatchObject({ phase: 'failed', nextRetryAt: clock.now() + 10_000 });
    await clock.advance(10_000);
    expect(c.state.value).toMatchObject({ nextRetryAt: clock.now() + 20_000 });
    await clock.advance(20_000);
    expect(c.state.value).toMatchObject({ nextRetryAt: clock.now() + 40_000 });
    backend.append(5);
    await clock.advance(40_000);
    expect(c.state.value).toEqual({ phase: 'ready' });
    expect(entryIds(c.rows.value)).toEqual(range(20, 1));
    expect(clock.pending()).toEqual([5000]);
  });

  it('caps the backoff at 5 minutes and honours Retry-After', async () => {
    const { backend, clock, c } = setup();
    backend.append(1);
    c.start();
    await clock.advance(0);
    for (let i = 0; i < 12; i++) backend.failNext(down);
    let waited = 5000;
    const delays: number[] = [];
    for (let i = 0; i < 10; i++) {
      await clock.advance(waited);
      waited = clock.pending()[0]!;
      delays.push(waited);
    }
    expect(delays).toEqual([5000, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000, 300_000]);

    const r = setup();
    r.backend.append(1);
    r.backend.failNext({ kind: 'rate-limited', status: 429, retryAfterMs: 120_000 });
    r.c.start();
    await r.clock.advance(0);
    expect(r.clock.pending()).toEqual([120_000]);
    expect(r.c.state.value).toMatchObject({ phase: 'failed', nextRetryAt: r.clock.now() + 120_000 });
  });

  it('logged out: retries at the normal interval, and resumes after login', async () => {
    const { backend, clock, c } = setup();
    backend.append(3);
    for (let i = 0; i < 4; i++) backend.failNext({ kind: 'logged-out', status: 403 });
    c.start();
    await clock.advance(0);
    expect(c.state.value).toMatchObject({ phase: 'failed', failure: { kind: 'logged-out' }, lastSuccessAt: null });
    for (let i = 0; i < 3; i++) {
      await clock.advance(4999);
      expect(c.state.value.phase).toBe('failed');
      expect(clock.pending()).toEqual([1]);
      await clock.advance(1);
    }
    expect(clock.pending()).toEqual([5000]);
    await clock.advance(5000);
    expect(c.state.value).toEqual({ phase: 'ready' });
    expect(c.loadedCount.value).toBe(3);
  });

  it('a failure in the middle of a multi-page poll loses nothing', async () => {
    const { backend, clock, c } = setup({ pageSize: 100 });
    backend.append(50);
    c.start();
    await clock.advance(0);
    backend.append(450);
    backend.failNext(down, 3); // the third page of the run
    await clock.advance(5000);
    expect(c.state.value.phase).toBe('failed');
    expect(c.loadedCount.value).toBe(50); // nothing half-applied
    await clock.advance(5000);
    expect(entryIds(c.rows.value)).toEqual(range(500, 1));
    expect(c.rows.value.some((r) => r.kind === 'gap')).toBe(false);
  });

  it('a failed "load older" is reported apart and does not disturb the list', async () => {
    const { backend, clock, c } = setup({ pageSize: 10 });
    backend.append(30);
    c.start();
    await clock.advance(0);
    backend.failNext(down);
    await c.loadOlder();
    expect(c.olderFailure.value).toEqual(down);
    expect(c.state.value).toEqual({ phase: 'ready' });
    expect([c.hasOlder.value, c.loadingOlder.value, c.loadedCount.value]).toEqual([true, false, 10]);
    await c.loadOlder();
    expect(c.olderFailure.value).toBeNull();
    expect(c.loadedCount.value).toBe(20);
  });

  it('auto-refresh off while failed: no retry scheduled', async () => {
    const { backend, clock, c } = setup();
    backend.failNext(down);
    c.start();
    await clock.advance(0);
    c.setAutoRefresh(false);
    expect(c.state.value).toMatchObject({ phase: 'failed', nextRetryAt: null });
    expect(clock.pending()).toEqual([]);
  });
});

describe('backend restart', () => {
  it('keeps the old entries below a restart marker and loads the new backend above it', async () => {
    const { backend, clock, c } = setup({ pageSize: 100 });
    backend.append(300);
    c.start();
    await clock.advance(0);
    backend.restart();
    backend.append(120); // ids 1..120 again
    await clock.advance(5000);
    expect(c.notice.value).toBe(RESTART_NOTICE);
    expect(shape(c.rows.value).slice(99, 103)).toEqual([21, 'restart:?', 300, 299]);
    expect(entryIds(c.rows.value).slice(0, 100)).toEqual(range(120, 21));
    expect(c.total.value).toBe(220); // the new backend's 120 + the 100 kept from before the restart
    expect(c.hasOlder.value).toBe(true);
    const keys = c.rows.value.map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);

    await c.loadOlder(); // within the new backend only
    expect(shape(c.rows.value).slice(118, 123)).toEqual([2, 1, 'restart:?', 300, 299]);
    expect(c.hasOlder.value).toBe(false);
    expect(c.loadedCount.value).toBe(220);

    backend.append(2);
    await clock.advance(5000);
    expect(entryIds(c.rows.value).slice(0, 3)).toEqual([122, 121, 120]);
    c.dismissNotice();
    expect(c.notice.value).toBeNull();
  });

  it('notices a restart whose new ids already passed the old newest', async () => {
    const { backend, clock, c } = setup({ pageSize: 200 });
    backend.append(50);
    c.start();
    await clock.advance(0);
    backend.restart();
    backend.append(60);
    await clock.advance(5000);
    expect(shape(c.rows.value).slice(0, 2)).toEqual([60, 59]);
    expect(shape(c.rows.value).slice(59, 62)).toEqual([1, 'restart:?', 50]);
    expect(c.loadedCount.value).toBe(110);
  });

  it('an empty restarted backend shows the marker, then its first entries', async () => {
    const { backend, clock, c } = setup();
    backend.append(5);
    c.start();
    await clock.advance(0);
    backend.restart();
    await clock.advance(5000);
    expect(shape(c.rows.value)).toEqual(['restart:?', 5, 4, 3, 2, 1]);
    backend.append(2);
    await clock.advance(5000);
    expect(shape(c.rows.value)).toEqual([2, 1, 'restart:?', 5, 4, 3, 2, 1]);
    expect(c.state.value).toEqual({ phase: 'ready' });
  });
});

describe('eviction gaps', () => {
  it('marks what the ring buffer dropped between polls, exactly when unfiltered', async () => {
    const backend = new FakeBackend({ capacity: 100 });
    const { clock, c } = setup({ backend, pageSize: 50 });
    backend.append(20);
    c.start();
    await clock.advance(0);
    backend.append(150); // 21..170; the buffer keeps 71..170
    await clock.advance(5000);
    expect(shape(c.rows.value).slice(98, 103)).toEqual([72, 71, 'evicted:50', 20, 19]);
    expect(c.loadedCount.value).toBe(120);
  });
});

describe('scroll anchoring', () => {
  it('holds new entries back while away from the top, then shows them', async () => {
    const { backend, clock, c } = setup();
    backend.append(10);
    c.start();
    await clock.advance(0);
    c.setAtTop(false);
    const before = c.rows.value;
    backend.append(3);
    await clock.advance(5000);
    backend.append(2);
    await clock.advance(5000);
    expect(c.pendingNew.value).toBe(5);
    expect(c.rows.value).toBe(before);
    expect(c.loadedCount.value).toBe(10);
    c.showPending();
    expect(c.pendingNew.value).toBe(0);
    expect(entryIds(c.rows.value)).toEqual(range(15, 1));

    backend.append(1);
    await clock.advance(5000);
    expect(c.pendingNew.value).toBe(1);
    c.setAtTop(true);
    expect(entryIds(c.rows.value)[0]).toBe(16);
    backend.append(1);
    await clock.advance(5000);
    expect([c.pendingNew.value, entryIds(c.rows.value)[0]]).toEqual([0, 17]);
  });

  it('a restart while away puts the held entries in before the marker', async () => {
    const { backend, clock, c } = setup();
    backend.append(3);
    c.start();
    await clock.advance(0);
    c.setAtTop(false);
    backend.append(2);
    await clock.advance(5000);
    backend.restart();
    backend.append(2);
    await clock.advance(5000);
    expect(shape(c.rows.value)).toEqual(['restart:?', 5, 4, 3, 2, 1]);
    expect(c.pendingNew.value).toBe(2); // the new backend's entries wait
    c.showPending();
    expect(shape(c.rows.value)).toEqual([2, 1, 'restart:?', 5, 4, 3, 2, 1]);
  });
});

describe('search', () => {
  it('narrows rows and counts; gaps only without a search', async () => {
    const backend = new FakeBackend({ capacity: 100 });
    const { clock, c } = setup({ backend, pageSize: 100 });
    const msg = (_i: number, id: number) => ({ message: id % 10 === 0 ? `Failed VM ${id}` : `ok ${id}` });
    backend.append(20, msg);
    c.start();
    await clock.advance(0);
    backend.append(150, msg);
    await clock.advance(5000);
    expect(c.rows.value.some((r) => r.kind === 'gap')).toBe(true);
    c.setSearch('failed vm');
    expect(c.rows.value.every((r) => r.kind === 'entry')).toBe(true);
    expect(entryIds(c.rows.value)).toEqual([170, 160, 150, 140, 130, 120, 110, 100, 90, 80, 20, 10]);
    expect([c.shownCount.value, c.loadedCount.value]).toEqual([12, 120]);
    c.setSearch('failed vm 1');
    expect(entryIds(c.rows.value)).toEqual([170, 160, 150, 140, 130, 120, 110, 100, 10]);
    c.setSearch('');
    expect(c.shownCount.value).toBe(120);
    expect(c.rows.value.some((r) => r.kind === 'gap')).toBe(true);
    expect(c.search.value).toBe('');
  });

  it('keeps narrowing as new entries arrive', async () => {
    const { backend, clock, c } = setup();
    backend.append(5);
    c.start();
    await clock.advance(0);
    c.setSearch('needle');
    expect(c.rows.value).toEqual([]);
    backend.append(1, () => ({ message: 'a NEEDLE here' }));
    await clock.advance(5000);
    expect(entryIds(c.rows.value)).toEqual([6]);
    expect(c.shownEntries().map((e) => e.id)).toEqual([6]);
    expect(c.entries()).toHaveLength(6);
  });
});

describe('errors seen', () => {
  it('reports the newest error id when the newest entries are on screen', async () => {
    const seen = vi.fn();
    const { backend, clock, c } = setup({ onErrorsSeen: seen });
    backend.append(10, (_i, id) => (id === 4 ? { level: 'ERROR' } : {}));
    c.start();
    await clock.advance(0);
    expect(seen.mock.calls).toEqual([[4]]);
    backend.append(3);
    await clock.advance(5000);
    expect(seen).toHaveBeenCalledTimes(1); // no new error: not again

    c.setAtTop(false);
    backend.append(2, (i) => (i === 0 ? { level: 'CRITICAL' } : {}));
    await clock.advance(5000);
    expect(seen).toHaveBeenCalledTimes(1); // held back, not seen yet
    c.setAtTop(true);
    expect(seen.mock.calls.at(-1)).toEqual([14]);
  });

  it('is not called while stopped, and starts over after a restart', async () => {
    const seen = vi.fn();
    const { backend, clock, c } = setup({ onErrorsSeen: seen });
    backend.append(20, (_i, id) => (id === 20 ? { level: 'ERROR' } : {}));
    c.start();
    await clock.advance(0);
    expect(seen.mock.calls).toEqual([[20]]);
    backend.restart();
    backend.append(3, (_i, id) => (id === 2 ? { level: 'ERROR' } : {}));
    await clock.advance(5000);
    expect(seen.mock.calls).toEqual([[20], [2]]);
    c.stop();
    backend.append(1, () => ({ level: 'ERROR' }));
    await c.refresh();
    expect(seen).toHaveBeenCalledTimes(2);
    c.start();
    expect(seen.mock.calls.at(-1)).toEqual([4]);
  });
});

describe('what the instance wrapper reads (lib/browser/instance-logs-controller.ts keeps no copies)', () => {
  /** A controller past its first page of three entries. */
  async function loaded() {
    const view = setup();
    view.backend.append(3);
    view.c.start();
    await view.clock.advance(0);
    return view;
  }

  it("seesNewest follows setAtTop; userRefreshing is true only while the user's Refresh is on its way", async () => {
    const { backend, c } = await loaded();
    expect(c.seesNewest()).toBe(true);
    c.setAtTop(false);
    expect(c.seesNewest()).toBe(false);
    c.setAtTop(true);
    expect(c.seesNewest()).toBe(true);

    backend.pause();
    const asked: boolean[] = [];
    expect(c.userRefreshing()).toBe(false);
    c.pollSoon(); // the live stream's ring is not the user's
    expect(c.userRefreshing()).toBe(false);
    const run = c.refresh();
    asked.push(c.userRefreshing());
    backend.resume();
    await run;
    await settle();
    asked.push(c.userRefreshing());
    expect(asked).toEqual([true, false]);
  });

  it('backOnline asks at once only when failed', async () => {
    const { backend, clock, c } = await loaded();
    c.backOnline();
    await settle();
    expect(backend.calls).toHaveLength(1);
    backend.failNext({ kind: 'network' });
    await clock.advance(5000);
    expect(c.state.value.phase).toBe('failed');
    c.backOnline();
    await settle();
    expect(backend.calls).toHaveLength(3);
    expect(c.state.value.phase).toBe('ready');
  });
});

describe('continuity under random traffic', () => {
  function mulberry32(seed: number) {
    return () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  /**
   * Every entry the backend still holds in the range the view covers is shown exactly once
   * (same entry, not a namesake from before a restart), ids fall within each epoch, and
   * in an unfiltered view every hole between neighbours is a gap marker of that size.
   */
  function checkContinuity(c: LogsController, backend: FakeBackend, matches: (level: string) => boolean, unfiltered: boolean) {
    // Problems are collected and asserted once: thousands of expect() calls are slow.
    const problems: string[] = [];
    const rows = c.rows.value;
    const keys = rows.map((r) => r.key);
    if (new Set(keys).size !== keys.length) problems.push('duplicate keys');
    const epochs: LogRow[][] = [[]];
    for (const r of rows) {
      if (r.kind === 'gap' && r.reason === 'restart') epochs.push([]);
      else epochs.at(-1)!.push(r);
    }
    for (const epoch of epochs) {
      const ids = entryIds(epoch);
      for (let i = 1; i < ids.length; i++) if (!(ids[i]! < ids[i - 1]!)) problems.push(`order ${ids[i - 1]} ${ids[i]}`);
    }
    const current = epochs[0]!;
    const shown = new Map(current.flatMap((r) => (r.kind === 'entry' ? [[r.entry.id, r.entry.timestamp] as const] : [])));
    if (shown.size > 0) {
      let lo = Infinity;
      let hi = -Infinity;
      for (const id of shown.keys()) (lo = Math.min(lo, id)), (hi = Math.max(hi, id));
      for (const e of backend.held()) {
        if (e.id < lo || e.id > hi || !matches(e.level)) continue;
        if (shown.get(e.id) !== e.timestamp) problems.push(`entry ${e.id}: ${shown.get(e.id)} != ${e.timestamp}`);
      }
    }
    if (unfiltered) {
      let prev: number | null = null;
      let missing = 0;
      for (const r of current) {
        if (r.kind === 'gap') missing += r.missing ?? Number.NaN;
        else {
          if (prev !== null && prev - r.entry.id - 1 !== missing) problems.push(`hole below ${prev}: gap says ${missing}`);
          prev = r.entry.id;
          missing = 0;
        }
      }
    }
    expect(problems).toEqual([]);
  }

  for (const [name, filters, matches] of [
    ['unfiltered', {}, () => true],
    ['errors only', { errorsOnly: true }, (level: string) => level === 'ERROR'],
  ] as const) {
    it(`keeps every held entry exactly once, each loss marked (${name})`, async () => {
      for (const seed of [1, 2, 3]) {
        const random = mulberry32(seed);
        const backend = new FakeBackend({ capacity: 500 });
        const { clock, c } = setup({ backend, pageSize: 50, initialFilters: filters });
        const level = () => (random() < 0.15 ? { level: 'ERROR' } : {});
        backend.append(150, level);
        c.start();
        await clock.advance(0);
        let restarts = 0;
        let gaps = 0;
        for (let step = 0; step < 100; step++) {
          const roll = random();
          if (step === 50) {
            // A restart the view only sees after the new ids passed its newest id.
            const before = backend.newestId ?? 0;
            backend.restart();
            backend.append(before + Math.floor(random() * 100), level);
            restarts++;
          } else if (roll < 0.03) {
            backend.restart();
            restarts++;
          } else if (roll < 0.1) backend.failNext({ kind: 'network' });
          else if (roll < 0.2) void c.loadOlder();
          else if (roll < 0.3) c.setAtTop(random() < 0.5);
          else backend.append(Math.floor(random() ** 3 * 750), level); // sometimes more than the buffer
          await clock.advance(clock.pending()[0] ?? 5000);
          if (c.state.value.phase === 'ready') {
            c.setAtTop(true);
            await c.refresh();
            if (c.state.value.phase === 'ready') checkContinuity(c, backend, matches, name === 'unfiltered');
          }
          gaps = Math.max(gaps, c.rows.value.filter((r) => r.kind === 'gap' && r.reason === 'evicted').length);
        }
        const markers = c.rows.value.filter((r) => r.kind === 'gap' && r.reason === 'restart').length;
        expect(markers).toBeGreaterThan(0);
        expect(markers).toBeLessThanOrEqual(restarts);
        expect(gaps, 'the traffic evicted entries before they were fetched').toBeGreaterThan(0);
      }
    }, 30_000); // seconds of work on a loaded CI machine
  }
});
