import { afterEach, describe, expect, it } from 'vitest';
import { createLogsController, type LogsController, type LogsControllerDeps } from '../../../lib/core/logs-controller';
import type { LogEntry } from '../../../lib/core/log-types';
import type { LogRow } from '../../../lib/core/logs-view-model';
import { FakeBackend } from './fake-backend';
import { FakeClock } from './fake-clock';

// A view with a time range (From/To), the whole controller against the backend's semantics:
// the rows and the total are exactly the range's entries, read in large pages; a closed
// range costs nothing more; an open one stays live until To passes.

const SECOND = 1000;
const entryIds = (rows: readonly LogRow[]) => rows.flatMap((r) => (r.kind === 'entry' ? [r.entry.id] : []));
const ids = (entries: LogEntry[]) => entries.map((e) => e.id);

let controllers: LogsController[] = [];
afterEach(() => {
  for (const c of controllers) c.stop();
  controllers = [];
});

function setup(options: Partial<LogsControllerDeps> = {}) {
  const backend = new FakeBackend();
  const clock = new FakeClock();
  const c = createLogsController({ fetchPage: backend.fetchPage, clock, intervalMs: 5000, random: () => 0, pageSize: 50, rangePageSize: 1000, ...options });
  controllers.push(c);
  /** The entries stamped in (from, to], newest first. */
  const between = (from: number, to: number) => backend.held().filter((e) => Date.parse(e.timestamp) > from && Date.parse(e.timestamp) <= to);
  const stampOf = (id: number) => Date.parse(backend.held().find((e) => e.id === id)!.timestamp);
  return { backend, clock, c, between, stampOf };
}

describe('a view with a time range', () => {
  it('reads the whole range in large pages: exactly its entries and its total; a closed range is never polled', async () => {
    const { backend, clock, c, between, stampOf } = setup();
    backend.append(9_000, undefined, SECOND);
    c.start();
    await clock.advance(0);
    expect(c.loadedCount.value).toBe(50);

    const range = { from: stampOf(2_000), to: stampOf(4_450) };
    backend.calls.length = 0;
    c.setTimeRange(range);
    await clock.advance(0);
    expect(entryIds(c.rows.value)).toEqual(ids(between(range.from, range.to)));
    expect([c.loadedCount.value, c.total.value, c.hasOlder.value]).toEqual([2_450, 2_450, false]);
    expect(c.filters.value).toMatchObject(range);
    // The probe, then 1,000 + 1,000 + 450.
    expect(backend.calls.map((q) => [q.since !== undefined, q.olderThanId ?? null, q.limit])).toEqual([
      [true, null, 1],
      [true, 4_451, 1000],
      [true, 3_451, 1000],
      [true, 2_451, 1000],
    ]);

    backend.append(20, undefined, SECOND);
    await clock.advance(30_000);
    expect(backend.calls).toHaveLength(4);
    expect(c.state.value).toEqual({ phase: 'ready' });
    expect(c.total.value).toBe(2_450);
  });

  it('combines with the level and errors-only filters, and "clear filters" goes back to the newest page', async () => {
    const { backend, clock, c, between, stampOf } = setup();
    backend.append(3_000, (_, id) => (id % 10 === 0 ? { level: 'ERROR' } : {}), SECOND);
    c.setFilters({ level: 'ERROR', from: stampOf(500), to: stampOf(2_500) });
    c.start();
    await clock.advance(0);
    expect(entryIds(c.rows.value)).toEqual(ids(between(stampOf(500), stampOf(2_500)).filter((e) => e.level === 'ERROR')));
    expect(c.total.value).toBe(200);
    c.setFilters({ errorsOnly: true });
    await clock.advance(0);
    expect(c.total.value).toBe(200);

    c.clearFilters();
    await clock.advance(0);
    expect(entryIds(c.rows.value)).toEqual(Array.from({ length: 50 }, (_, i) => 3_000 - i));
    expect(c.total.value).toBe(3_000);
  });

  it('From alone stays live: new entries come by the ordinary polls (no `since` on them)', async () => {
    const { backend, clock, c, stampOf } = setup();
    backend.append(100, undefined, SECOND);
    c.setTimeRange({ from: stampOf(90), to: null });
    c.start();
    await clock.advance(0);
    expect([c.loadedCount.value, c.total.value]).toEqual([10, 10]);
    backend.append(3, undefined, SECOND);
    await clock.advance(5000);
    expect(entryIds(c.rows.value).slice(0, 4)).toEqual([103, 102, 101, 100]);
    expect(c.total.value).toBe(13);
    expect(backend.calls.at(-1)).toEqual({ newerThanId: 99, limit: 50 });
  });

  it('a To still ahead stays live until an entry after it comes: that one is dropped and the polls stop', async () => {
    const { backend, clock, c, stampOf } = setup();
    backend.append(100, undefined, SECOND);
    const to = backend.clockMs + 2.5 * SECOND;
    c.setTimeRange({ from: stampOf(95), to });
    c.start();
    await clock.advance(0);
    expect(c.total.value).toBe(5);
    backend.append(2, undefined, SECOND); // 101, 102: before To
    await clock.advance(5000);
    expect(entryIds(c.rows.value)).toEqual([102, 101, 100, 99, 98, 97, 96]);
    backend.append(3, undefined, SECOND); // 103: at +3 s, after To
    await clock.advance(5000);
    expect(entryIds(c.rows.value)).toEqual([102, 101, 100, 99, 98, 97, 96]);
    expect(c.total.value).toBe(7);
    const asked = backend.calls.length;
    backend.append(5, undefined, SECOND);
    await clock.advance(20_000);
    expect(backend.calls).toHaveLength(asked);
  });

  it('a poll cut short past To reads the range again rather than guess its total', async () => {
    const { backend, clock, c, between, stampOf } = setup({ maxPagesPerPoll: 1 });
    backend.append(100, undefined, SECOND);
    const from = stampOf(80);
    const to = backend.clockMs + 120 * SECOND;
    c.setTimeRange({ from, to });
    c.start();
    await clock.advance(0);
    backend.append(300, undefined, SECOND); // 120 in the range, 180 after To: more than one poll page
    await clock.advance(5000);
    await clock.advance(0);
    expect(entryIds(c.rows.value)).toEqual(ids(between(from, to)));
    expect([c.loadedCount.value, c.total.value]).toEqual([140, 140]);
    expect(c.rows.value.some((r) => r.kind === 'gap')).toBe(false);
  });

  it('a page that fails stops the reading; "Load more" carries on from where it stopped', async () => {
    const { backend, clock, c, between, stampOf } = setup();
    backend.append(3_000, undefined, SECOND);
    const range = { from: stampOf(100), to: stampOf(2_900) };
    backend.failNext({ kind: 'backend-down', status: 502 }, 2);
    c.setTimeRange(range);
    c.start();
    await clock.advance(0);
    expect(c.loadedCount.value).toBe(1000);
    expect(c.olderFailure.value?.kind).toBe('backend-down');
    expect(c.hasOlder.value).toBe(true);
    await c.loadOlder();
    await c.loadOlder();
    expect(entryIds(c.rows.value)).toEqual(ids(between(range.from, range.to)));
    expect([c.total.value, c.hasOlder.value]).toEqual([2_800, false]);
  });

  it('a backend restart reads the range again on the new backend', async () => {
    const { backend, clock, c } = setup();
    backend.append(10, undefined, SECOND);
    c.setTimeRange({ from: backend.clockMs - 100 * SECOND, to: null });
    c.start();
    await clock.advance(0);
    backend.restart();
    backend.append(4, undefined, SECOND);
    await clock.advance(5000);
    expect(entryIds(c.rows.value)).toEqual([4, 3, 2, 1, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(c.total.value).toBe(14); // the new backend's 4, the 10 kept below the marker
  });

  it('the chart’s timeline holds exactly the entries loaded, follows each poll and starts again with other filters', async () => {
    const { backend, clock, c, stampOf } = setup();
    backend.append(300, (_, id) => (id % 50 === 0 ? { level: 'ERROR' } : {}), SECOND);
    c.start();
    await clock.advance(0);
    const timeline = c.timeline!;
    expect([timeline.data.size, timeline.data.newest]).toEqual([50, stampOf(300)]);
    const version = timeline.version.value;
    backend.append(2, undefined, SECOND);
    await clock.advance(5000);
    expect(timeline.data.size).toBe(52);
    expect(timeline.version.value).not.toBe(version);
    c.setTimeRange({ from: stampOf(100), to: stampOf(200) });
    await clock.advance(0);
    expect([timeline.data.size, timeline.data.errors, timeline.data.oldest, timeline.data.newest]).toEqual([100, 2, stampOf(101), stampOf(200)]);
  });
});
