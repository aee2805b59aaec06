import { describe, expect, it } from 'vitest';
import { EMPTY_FILTERS, type LogEntry, type LogFilters } from '../../../lib/core/log-types';
import {
  filtersToQuery,
  isUnfiltered,
  loadFirstPage,
  loadOlderPage,
  syncNewer,
  type SyncCursor,
  type SyncResult,
} from '../../../lib/core/sync-newer';
import { FakeBackend } from './fake-backend';

const ERRORS: LogFilters = { ...EMPTY_FILTERS, errorsOnly: true };
const cursorOf = (e: LogEntry): SyncCursor => ({ id: e.id, timestamp: e.timestamp });
const ids = (entries: readonly LogEntry[]) => entries.map((e) => e.id);
const range = (from: number, to: number) => Array.from({ length: from - to + 1 }, (_, i) => from - i);

function sync(backend: FakeBackend, cursor: SyncCursor, filters: LogFilters = EMPTY_FILTERS, limit = 200, extra = {}) {
  return syncNewer({ fetchPage: backend.fetchPage, filters, limit, cursor, ...extra });
}
function ok(result: SyncResult) {
  if (result.kind !== 'ok') throw new Error(`expected ok, got ${result.kind}`);
  return result;
}

describe('filtersToQuery / isUnfiltered', () => {
  it('sends only set filters; errors_only replaces level', () => {
    expect(filtersToQuery(EMPTY_FILTERS)).toEqual({});
    expect(filtersToQuery({ ...EMPTY_FILTERS, level: 'ERROR', operationId: ' op ' })).toEqual({ level: 'ERROR', operationId: 'op' });
    expect(filtersToQuery({ ...EMPTY_FILTERS, level: 'INFO', errorsOnly: true })).toEqual({ errorsOnly: true });
    expect(isUnfiltered(EMPTY_FILTERS)).toBe(true);
    expect(isUnfiltered({ ...EMPTY_FILTERS, operationId: '  ' })).toBe(true);
    expect(isUnfiltered({ ...EMPTY_FILTERS, level: 'DEBUG' })).toBe(false);
  });

});

describe('loadFirstPage / loadOlderPage', () => {
  it('loads the newest L, then older pages by id, never by offset', async () => {
    const b = new FakeBackend();
    b.append(450);
    const first = await loadFirstPage({ fetchPage: b.fetchPage, filters: EMPTY_FILTERS, limit: 200 });
    expect(first).toMatchObject({ kind: 'ok', total: 450, hasOlder: true });
    if (first.kind !== 'ok') return;
    expect(ids(first.entries)).toEqual(range(450, 251));
    b.append(30); // arriving entries do not shift id paging
    const older = await loadOlderPage({ fetchPage: b.fetchPage, filters: EMPTY_FILTERS, limit: 200, oldestId: 251 });
    expect(older).toMatchObject({ kind: 'ok', total: 250, hasOlder: true });
    if (older.kind === 'ok') expect(ids(older.entries)).toEqual(range(250, 51));
    const last = await loadOlderPage({ fetchPage: b.fetchPage, filters: EMPTY_FILTERS, limit: 200, oldestId: 51 });
    expect(last).toMatchObject({ kind: 'ok', total: 50, hasOlder: false });
    expect(b.calls.map((q) => q.offset)).toEqual([undefined, undefined, undefined]);
    expect(b.calls[1]).toEqual({ olderThanId: 251, limit: 200 });
  });

  it('passes failures through, and turns a throw into one', async () => {
    const b = new FakeBackend();
    b.failNext({ kind: 'backend-down', status: 502 });
    expect(await loadFirstPage({ fetchPage: b.fetchPage, filters: EMPTY_FILTERS, limit: 200 })).toEqual({
      kind: 'failed',
      failure: { kind: 'backend-down', status: 502 },
    });
    const throwing = async () => {
      throw new Error('boom');
    };
    expect(await loadFirstPage({ fetchPage: throwing, filters: EMPTY_FILTERS, limit: 200 })).toMatchObject({
      kind: 'failed',
      failure: { kind: 'unexpected' },
    });
  });
});

describe('syncNewer', () => {
  it('an idle poll is one request whose answer is just the cursor entry', async () => {
    const b = new FakeBackend();
    const [e] = b.append(100).slice(-1);
    const r = ok(await sync(b, cursorOf(e!)));
    expect(r.newEntries).toEqual([]);
    expect(r.gap).toBeNull();
    expect(r.cursor).toEqual(cursorOf(e!));
    expect(b.calls).toEqual([{ newerThanId: 99, limit: 200 }]);
  });

  it('returns only entries newer than the cursor, newest first', async () => {
    const b = new FakeBackend();
    const cursor = cursorOf(b.append(10)[9]!);
    b.append(5);
    const r = ok(await sync(b, cursor, EMPTY_FILTERS, 200));
    expect(ids(r.newEntries)).toEqual(range(15, 11));
    expect(r.cursor).toMatchObject({ id: 15 });
    expect(r.gap).toBeNull();
  });

  it('1,000 entries between polls with L=200: all fetched by id pages, no gap, no duplicates', async () => {
    const b = new FakeBackend();
    const cursor = cursorOf(b.append(500)[499]!);
    b.append(1000);
    const r = ok(await sync(b, cursor));
    expect(ids(r.newEntries)).toEqual(range(1500, 501));
    expect(r.gap).toBeNull();
    expect(b.calls).toHaveLength(6); // 5 full pages + the one that reaches the cursor
    expect(b.calls[1]).toEqual({ newerThanId: 499, olderThanId: 1301, limit: 200 });
    expect(b.calls.every((q) => q.offset === undefined)).toBe(true);
  });

  it('entries arriving between the pages of a run are left for the next poll, without loss', async () => {
    const b = new FakeBackend();
    const cursor = cursorOf(b.append(10)[9]!);
    b.append(450);
    b.beforeAnswer = (_q, call) => {
      if (call === 1) b.append(70);
    };
    const r1 = ok(await sync(b, cursor));
    expect(ids(r1.newEntries)).toEqual(range(460, 11));
    b.beforeAnswer = null;
    const r2 = ok(await sync(b, r1.cursor));
    expect(ids(r2.newEntries)).toEqual(range(530, 461));
  });

  it('detects a restart whose buffer is empty (or below the cursor)', async () => {
    const b = new FakeBackend();
    const cursor = cursorOf(b.append(300)[299]!);
    b.restart();
    expect((await sync(b, cursor)).kind).toBe('restart');
    b.append(50); // ids 1..50 < cursor
    expect((await sync(b, cursor)).kind).toBe('restart');
  });

  it('detects a restart that already reused the cursor id (different timestamp)', async () => {
    const b = new FakeBackend();
    const cursor = cursorOf(b.append(300)[299]!);
    b.restart();
    b.append(320);
    expect((await sync(b, cursor)).kind).toBe('restart');
    b.append(1000); // even with pages to walk first
    expect((await sync(b, cursor)).kind).toBe('restart');
  });

  it('unfiltered: an evicted cursor gives a gap with the exact number missing', async () => {
    const b = new FakeBackend({ capacity: 100 });
    const cursor = cursorOf(b.append(50)[49]!);
    b.append(180); // ids 51..230; the buffer keeps 131..230
    const r = ok(await sync(b, cursor, EMPTY_FILTERS, 50));
    expect(ids(r.newEntries)).toEqual(range(230, 131));
    expect(r.gap).toEqual({ reason: 'evicted', missing: 80 }); // 51..130
    expect(r.cursor).toMatchObject({ id: 230 });
  });

  it('filtered: an id hole is normal; an evicted cursor gives a gap of unknown size', async () => {
    const b = new FakeBackend({ capacity: 100 });
    const every10th = (_i: number, id: number) => (id % 10 === 0 ? { level: 'ERROR' } : {});
    b.append(50, every10th);
    const cursor = cursorOf(b.held().find((e) => e.level === 'ERROR')!); // id 50
    b.append(30, every10th); // 60, 70, 80 new errors; cursor still held
    const r1 = ok(await sync(b, cursor, ERRORS));
    expect(ids(r1.newEntries)).toEqual([80, 70, 60]);
    expect(r1.gap).toBeNull();
    expect(b.calls).toHaveLength(1);

    b.append(150, every10th); // buffer keeps 131..230; 80 evicted
    b.calls.length = 0;
    const r2 = ok(await sync(b, r1.cursor, ERRORS));
    expect(ids(r2.newEntries)).toEqual(range(23, 14).map((n) => n * 10));
    expect(r2.gap).toEqual({ reason: 'evicted', missing: null });
    expect(b.calls).toHaveLength(2); // the filtered page + the unfiltered probe
    expect(b.calls[1]).toEqual({ newerThanId: 79, limit: 1 });
  });

  it('filtered: cursor evicted with nothing new is not a restart; later polls stay quiet', async () => {
    const b = new FakeBackend({ capacity: 100 });
    b.append(1, () => ({ level: 'ERROR' }));
    const cursor = cursorOf(b.held()[0]!);
    b.append(150); // INFO only; the error is evicted
    const r1 = ok(await sync(b, cursor, ERRORS));
    expect(r1.newEntries).toEqual([]);
    expect(r1.gap).toEqual({ reason: 'evicted', missing: null });
    expect(r1.cursor).toEqual({ ...cursor, gone: true });

    b.append(10);
    b.calls.length = 0;
    const r2 = ok(await sync(b, r1.cursor, ERRORS));
    expect([r2.newEntries, r2.gap, r2.cursor]).toEqual([[], null, r1.cursor]); // no second gap
    expect(b.calls[0]).toMatchObject({ errorsOnly: true, newerThanId: 1 });

    b.append(1, () => ({ level: 'CRITICAL' }));
    const r3 = ok(await sync(b, r2.cursor, ERRORS));
    expect(ids(r3.newEntries)).toEqual([162]);
    expect(r3.gap).toBeNull();
    expect(r3.cursor).toEqual({ id: 162, timestamp: r3.newEntries[0]!.timestamp });
  });

  it('filtered: a restart is told apart from eviction by the probe', async () => {
    // New entries below the cursor id, none matching.
    const b = new FakeBackend();
    b.append(40);
    const cursor = cursorOf(b.append(1, () => ({ level: 'ERROR' }))[0]!); // id 41
    b.restart();
    b.append(10);
    expect((await sync(b, cursor, ERRORS)).kind).toBe('restart');
    // The restarted backend reused id 41 for an entry that does not match.
    b.append(40);
    expect((await sync(b, cursor, ERRORS)).kind).toBe('restart');
    // ...and then logged matching entries above it.
    b.append(5, () => ({ level: 'ERROR' }));
    expect((await sync(b, cursor, ERRORS)).kind).toBe('restart');
  });

  it('a gone cursor still notices a restart', async () => {
    const b = new FakeBackend({ capacity: 100 });
    b.append(1, () => ({ level: 'ERROR' }));
    const cursor = cursorOf(b.held()[0]!);
    b.append(150);
    const gone = ok(await sync(b, cursor, ERRORS)).cursor;
    b.restart();
    expect((await sync(b, gone, ERRORS)).kind).toBe('restart'); // empty
    b.append(30); // id 1 exists again: another entry
    expect((await sync(b, gone, ERRORS)).kind).toBe('restart');
  });

  it('a failure mid-run returns only the failure; the next run gets everything', async () => {
    const b = new FakeBackend();
    const cursor = cursorOf(b.append(10)[9]!);
    b.append(1000);
    b.failNext({ kind: 'backend-timeout', status: 504 }, 3);
    expect(await sync(b, cursor)).toEqual({ kind: 'failed', failure: { kind: 'backend-timeout', status: 504 } });
    const r = ok(await sync(b, cursor));
    expect(ids(r.newEntries)).toEqual(range(1010, 11));
    expect(r.gap).toBeNull();
  });

  it('a run is bounded; what it could not fetch is a skipped gap', async () => {
    const b = new FakeBackend();
    const cursor = cursorOf(b.append(10)[9]!);
    b.append(1000); // 11..1010
    const r = ok(await sync(b, cursor, EMPTY_FILTERS, 200, { maxPages: 3 }));
    expect(ids(r.newEntries)).toEqual(range(1010, 411));
    expect(r.gap).toEqual({ reason: 'skipped', missing: 400 }); // 11..410
    expect(r.cursor).toMatchObject({ id: 1010 });
    expect(b.calls).toHaveLength(3);

    const f = new FakeBackend();
    const fc = cursorOf(f.append(1, () => ({ level: 'ERROR' }))[0]!);
    f.append(1000, (i) => (i % 2 ? { level: 'ERROR' } : {})); // 500 errors
    const rf = ok(await sync(f, fc, ERRORS, 100, { maxEntries: 150 }));
    expect(rf.newEntries).toHaveLength(200);
    expect(rf.gap).toEqual({ reason: 'skipped', missing: 301 }); // 300 errors + at most the cursor
  });

  it('ignores entries outside the asked range (a confused backend)', async () => {
    const b = new FakeBackend();
    const cursor = cursorOf(b.append(10)[9]!);
    b.append(2);
    const real = b.fetchPage;
    const noisy = async (q: Parameters<typeof real>[0]) => {
      const out = await real(q);
      if (out.ok) out.value.logs.push({ ...out.value.logs[0]!, id: 3 }, { ...out.value.logs[0]! });
      return out;
    };
    const r = ok(await syncNewer({ fetchPage: noisy, filters: EMPTY_FILTERS, limit: 200, cursor }));
    expect(ids(r.newEntries)).toEqual([12, 11]);
  });

  it('stops on a page that makes no progress instead of looping', async () => {
    const b = new FakeBackend();
    const cursor = cursorOf(b.append(10)[9]!);
    const stuck = async () => ({ ok: true as const, value: { logs: [], total: 5, hasMore: true } });
    const r = await syncNewer({ fetchPage: stuck, filters: EMPTY_FILTERS, limit: 200, cursor });
    expect(r.kind).toBe('restart'); // unfiltered, nothing at/after the cursor
  });
});
