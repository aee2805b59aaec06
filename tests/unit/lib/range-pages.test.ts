// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { EMPTY_FILTERS, type LogEntry, type LogFilters } from '../../../lib/core/log-types';
import { loadRangeFirstPage } from '../../../lib/core/range-pages';
import { isAfterTo } from '../../../lib/core/time-range';
import { FakeBackend } from './fake-backend';

// A time range's first page against the backend's semantics (tests/unit/lib/fake-backend.ts):
// exact at both ends, its total exact, in two requests whatever lies after To.

const SECOND = 1000;

/** A full buffer: 12,000 entries one second apart (the first 2,000 evicted), every 7th an ERROR. */
function fullBuffer(): FakeBackend {
  const backend = new FakeBackend({ capacity: 10_000 });
  backend.append(12_000, (_, id) => (id % 7 === 0 ? { level: 'ERROR' } : {}), SECOND);
  return backend;
}

/** The instant entry `id` was stamped at. */
const at = (backend: FakeBackend, id: number): number => Date.parse(backend.held().find((e) => e.id === id)!.timestamp);

/** What the range holds on the backend, newest first: the answer every test compares with. */
function expected(backend: FakeBackend, filters: LogFilters): LogEntry[] {
  return backend.held().filter((e) => {
    const t = Date.parse(e.timestamp);
    return (
      (filters.from === null || t > filters.from) &&
      (filters.to === null || t <= filters.to) &&
      (filters.level === null || e.level === filters.level)
    );
  });
}

describe('a time range’s first page (loadRangeFirstPage)', () => {
  it('deep in a full buffer: exactly the entries between From and To, the exact total, two requests', async () => {
    const backend = fullBuffer();
    const filters: LogFilters = { ...EMPTY_FILTERS, from: at(backend, 4_000), to: at(backend, 4_700) };
    const result = await loadRangeFirstPage({ fetchPage: backend.fetchPage, filters, limit: 5000 });

    const want = expected(backend, filters);
    expect(want.map((e) => e.id)).toEqual(Array.from({ length: 700 }, (_, i) => 4_700 - i)); // From exclusive, To inclusive
    expect(result).toMatchObject({ kind: 'ok', total: 700, hasOlder: false, closed: true });
    expect(result.kind === 'ok' && result.entries).toEqual(want);
    // The probe (what is after To: 7,300 entries, never read), then the page.
    expect(backend.calls).toEqual([
      { since: new Date(filters.to!).toISOString(), limit: 1 },
      { since: new Date(filters.from!).toISOString(), olderThanId: 4_701, limit: 5000 },
    ]);
  });

  it('combines with the level: the total counts the matching entries of the range only', async () => {
    const backend = fullBuffer();
    const filters: LogFilters = { ...EMPTY_FILTERS, level: 'ERROR', from: at(backend, 3_000), to: at(backend, 9_000) };
    const result = await loadRangeFirstPage({ fetchPage: backend.fetchPage, filters, limit: 300 });
    const want = expected(backend, filters);
    expect(want).toHaveLength(857);
    expect(result).toMatchObject({ kind: 'ok', total: 857, hasOlder: true, closed: true });
    expect(result.kind === 'ok' && result.entries).toEqual(want.slice(0, 300));
    expect(backend.calls).toHaveLength(2);
  });

  it('From alone: one request, `since` only, still open', async () => {
    const backend = fullBuffer();
    const filters: LogFilters = { ...EMPTY_FILTERS, from: at(backend, 11_950) };
    const result = await loadRangeFirstPage({ fetchPage: backend.fetchPage, filters, limit: 5000 });
    expect(result).toMatchObject({ kind: 'ok', total: 50, hasOlder: false, closed: false });
    expect(backend.calls).toEqual([{ since: new Date(filters.from!).toISOString(), limit: 5000 }]);
  });

  it('a To nothing has passed yet leaves the range open (the probe finds nothing after it)', async () => {
    const backend = fullBuffer();
    const filters: LogFilters = { ...EMPTY_FILTERS, from: at(backend, 11_990), to: backend.clockMs + 60 * SECOND };
    const result = await loadRangeFirstPage({ fetchPage: backend.fetchPage, filters, limit: 5000 });
    expect(result).toMatchObject({ kind: 'ok', total: 10, closed: false });
    expect(backend.calls[1]).toEqual({ since: new Date(filters.from!).toISOString(), limit: 5000 });
  });

  it('entries written after To between the probe and the page are dropped, uncounted, and close the range', async () => {
    const backend = fullBuffer();
    const to = backend.clockMs + 500;
    backend.beforeAnswer = (_, call) => {
      if (call === 1) backend.append(5, undefined, SECOND); // each after To
    };
    const filters: LogFilters = { ...EMPTY_FILTERS, from: at(backend, 11_980), to };
    const result = await loadRangeFirstPage({ fetchPage: backend.fetchPage, filters, limit: 5000 });
    expect(result).toMatchObject({ kind: 'ok', total: 20, closed: true });
    expect(result.kind === 'ok' && result.entries.map((e) => e.id)).toEqual(Array.from({ length: 20 }, (_, i) => 12_000 - i));
  });

  it('a failed probe or page is a failure, nothing else', async () => {
    const backend = fullBuffer();
    const filters: LogFilters = { ...EMPTY_FILTERS, to: at(backend, 5_000) };
    backend.failNext({ kind: 'server-error', status: 502 });
    expect(await loadRangeFirstPage({ fetchPage: backend.fetchPage, filters, limit: 10 })).toEqual({
      kind: 'failed',
      failure: { kind: 'server-error', status: 502 },
    });
    backend.failNext({ kind: 'timeout' }, 2);
    expect(await loadRangeFirstPage({ fetchPage: backend.fetchPage, filters, limit: 10 })).toEqual({ kind: 'failed', failure: { kind: 'timeout' } });
  });
});

describe('isAfterTo', () => {
  it('compares to the microsecond; an unreadable timestamp is kept', () => {
    const to = Date.parse('2026-11-25T18:00:00Z');
    expect(isAfterTo({ timestamp: '2026-11-25T18:00:00.000000+00:00' }, to)).toBe(false);
    expect(isAfterTo({ timestamp: '2026-11-25T18:00:00.000001+00:00' }, to)).toBe(true);
    expect(isAfterTo({ timestamp: '2026-11-25T19:00:00.000001+01:00' }, to)).toBe(true);
    expect(isAfterTo({ timestamp: 'yesterday' }, to)).toBe(false);
  });
});
