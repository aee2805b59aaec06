import { afterEach, describe, expect, it } from 'vitest';
import { createLogsController, type ControllerClock, type LogsController } from '../../../lib/core/logs-controller';
import { FakeBackend } from './fake-backend';

// A search looks through everything the backend holds for the filters: the older entries
// are read in pages of 5,000 (two requests for a full 10,000-entry buffer), once per set of
// filters, through "load older" (lib/core/search-everything.ts).

/** Time stands still: no poll fires by itself, so every request here is the search's or the first page's. */
const stillClock: ControllerClock = { now: () => 1_000_000, setTimeout: () => 0, clearTimeout: () => {} };

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

let controllers: LogsController[] = [];
afterEach(() => {
  controllers.forEach((c) => c.stop());
  controllers = [];
});

async function started(backend: FakeBackend): Promise<LogsController> {
  const c = createLogsController({ fetchPage: backend.fetchPage, clock: stillClock, intervalMs: 5000, random: () => 0 });
  controllers.push(c);
  c.start();
  await settle();
  return c;
}

function fullBuffer(): FakeBackend {
  const backend = new FakeBackend({ capacity: 10_000 });
  // 12,000 written, the oldest 2,000 evicted: ids 2001..12000 held. One needle near the oldest.
  backend.append(12_000, (_i, id) => (id === 2_345 ? { message: 'VM 101 needle failed' } : {}));
  return backend;
}

describe('search over everything the backend holds', () => {
  it('finds an entry 9,000 back in two requests of 5,000, and says it searched everything', async () => {
    const backend = fullBuffer();
    const c = await started(backend);
    expect(c.loadedCount.value).toBe(200);
    const before = backend.calls.length;

    c.setSearch('needle');
    expect(c.searchingAll.value).toBe(true);
    await settle();

    const reads = backend.calls.slice(before);
    expect(reads.map((q) => [q.olderThanId, q.limit])).toEqual([
      [11_801, 5_000],
      [6_801, 5_000],
    ]);
    expect(c.searchingAll.value).toBe(false);
    expect(c.hasOlder.value).toBe(false);
    expect([c.loadedCount.value, c.total.value, c.shownCount.value]).toEqual([10_000, 10_000, 1]);
    const [row] = c.rows.value;
    expect(row?.kind === 'entry' && row.entry.id).toBe(2_345);
  });

  it('reads once per set of filters: another search, or the same again, asks nothing more', async () => {
    const backend = fullBuffer();
    const c = await started(backend);
    c.setSearch('needle');
    await settle();
    const after = backend.calls.length;
    c.setSearch('');
    c.setSearch('entry 2001');
    await settle();
    expect(backend.calls.length).toBe(after);
    expect(c.shownCount.value).toBeGreaterThan(0);
  });

  it('reads nothing without a search, and stops at a failure (no retry loop)', async () => {
    const backend = fullBuffer();
    const c = await started(backend);
    await settle();
    expect(backend.calls).toHaveLength(1);
    backend.failNext({ kind: 'backend-error', status: 500 });
    c.setSearch('needle');
    await settle();
    expect(backend.calls).toHaveLength(2);
    expect(c.searchingAll.value).toBe(false);
    expect(c.olderFailure.value).toMatchObject({ kind: 'backend-error' });
    expect(c.loadedCount.value).toBe(200);
  });

  it('new filters start the read again, for them, while the search is still typed', async () => {
    const backend = fullBuffer();
    const c = await started(backend);
    c.setSearch('needle');
    await settle();
    c.setFilters({ level: 'INFO' });
    await settle();
    const last = backend.calls.slice(-3);
    expect(last.map((q) => [q.level, q.limit])).toEqual([
      ['INFO', 200],
      ['INFO', 5_000],
      ['INFO', 5_000],
    ]);
    expect(c.shownCount.value).toBe(1);
  });
});
