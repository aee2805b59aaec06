// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createHeldEntries } from '../../../lib/core/held-entries';
import { LogStore } from '../../../lib/core/log-store';
import { createOlderPages } from '../../../lib/core/older-pages';
import { createRequestLane } from '../../../lib/core/request-lane';
import type { PageResult } from '../../../lib/core/sync-newer';
import { makeEntry } from './fake-backend';

const entries = (from: number, to: number) =>
  Array.from({ length: from - to + 1 }, (_, i) => makeEntry(from - i, `2026-11-25T10:00:00.${String(from - i).padStart(3, '0')}Z`));

function setup(answer: (oldestId: number) => Promise<PageResult>) {
  const store = new LogStore();
  const lane = createRequestLane();
  const held = createHeldEntries(store, () => undefined);
  const asked: number[] = [];
  const applied: number[][] = [];
  const older = createOlderPages({
    lane,
    held,
    fetch: (oldestId) => (asked.push(oldestId), answer(oldestId)),
    apply: (page) => applied.push(page.entries.map((e) => e.id)),
  });
  return { store, lane, held, older, asked, applied };
}

const page = (from: number, to: number, hasOlder: boolean): PageResult => ({ kind: 'ok', entries: entries(from, to), total: to - 1, hasOlder });

describe('older pages', () => {
  it('asks nothing while nothing older is held', async () => {
    const { older, asked } = setup(async () => page(1, 1, false));
    await older.load();
    expect(asked).toEqual([]);
  });

  it('asks below the oldest entry, once at a time, and takes the page', async () => {
    const { held, older, asked, applied } = setup(async (oldest) => page(oldest - 1, oldest - 2, true));
    held.add(entries(10, 8), null);
    older.setHasOlder(true);
    const a = older.load();
    expect(older.load()).toBe(a); // a second click shares the first
    expect(older.loading.value).toBe(true);
    await a;
    expect(asked).toEqual([8]);
    expect(applied).toEqual([[7, 6]]);
    expect([older.loading.value, older.hasOlder.value, older.failure.value]).toEqual([false, true, null]);
  });

  it('a failure is kept apart and cleared by the next try', async () => {
    let fail = true;
    const { held, older, applied } = setup(async () => (fail ? { kind: 'failed', failure: { kind: 'timeout' } } : page(7, 7, false)));
    held.add(entries(8, 8), null);
    older.setHasOlder(true);
    await older.load();
    expect(older.failure.value).toEqual({ kind: 'timeout' });
    expect(applied).toEqual([]);
    fail = false;
    const next = older.load();
    expect(older.failure.value).toBeNull();
    await next;
    expect(older.hasOlder.value).toBe(false);
  });

  it('an answer of an old generation is ignored', async () => {
    let release!: () => void;
    const { lane, held, older, asked, applied } = setup(() => new Promise((resolve) => (release = () => resolve(page(4, 3, false)))));
    held.add(entries(5, 5), null);
    older.setHasOlder(true);
    const run = older.load();
    await new Promise((resolve) => setImmediate(resolve));
    expect(asked).toEqual([5]); // on its way when the generation ends
    lane.renew();
    older.abandoned();
    release();
    await run;
    expect(applied).toEqual([]);
    expect([older.loading.value, older.hasOlder.value]).toEqual([false, true]);
    older.reset();
    expect(older.hasOlder.value).toBe(false);
  });
});
