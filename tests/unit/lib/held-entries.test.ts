// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createHeldEntries } from '../../../lib/core/held-entries';
import { LogStore } from '../../../lib/core/log-store';
import { makeEntry } from './fake-backend';

const entries = (from: number, to: number) =>
  Array.from({ length: from - to + 1 }, (_, i) => makeEntry(from - i, `2026-11-25T10:00:${String(from - i).padStart(2, '0')}Z`));
const ids = (store: LogStore) => store.entries().map((e) => e.id);

function setup() {
  const store = new LogStore();
  let published = 0;
  const held = createHeldEntries(store, () => published++);
  return { store, held, published: () => published };
}

describe('held entries', () => {
  it('at the top, new entries go in at once', () => {
    const { store, held, published } = setup();
    held.add(entries(3, 1), null);
    expect(ids(store)).toEqual([3, 2, 1]);
    expect([held.count.value, held.waiting, published()]).toEqual([0, false, 1]);
  });

  it('away from the top, they wait in order until flushed, with their gaps', () => {
    const { store, held, published } = setup();
    held.add(entries(3, 1), null);
    held.atTop = false;
    held.add(entries(5, 4), null);
    held.add(entries(9, 8), { reason: 'evicted', missing: 2 });
    expect(ids(store)).toEqual([3, 2, 1]);
    expect([held.count.value, held.waiting, held.ofEpoch()]).toEqual([4, true, 7]);
    held.flush();
    expect(ids(store)).toEqual([9, 8, 5, 4, 3, 2, 1]);
    expect(store.rows().some((r) => r.kind === 'gap')).toBe(true);
    expect([held.count.value, held.waiting, published()]).toEqual([0, false, 2]);
    held.flush(); // nothing waits: nothing published
    expect(published()).toBe(2);
  });

  it('an empty list takes the first entries even while away; empty adds are ignored', () => {
    const { store, held, published } = setup();
    held.atTop = false;
    held.add([], null);
    expect(published()).toBe(0);
    held.add(entries(2, 1), null);
    expect(ids(store)).toEqual([2, 1]);
  });

  it('oldestId falls back to the held entries; clear drops them', () => {
    const { held } = setup();
    expect(held.oldestId()).toBeNull();
    held.atTop = false;
    held.add(entries(9, 7), null); // empty store: goes in
    expect(held.oldestId()).toBe(7);
    held.clear();
    expect([held.count.value, held.waiting]).toEqual([0, false]);
  });

  it('oldestId reads the held chunks when the store is empty', () => {
    const store = new LogStore();
    const held = createHeldEntries(store, () => undefined);
    held.add(entries(5, 4), null);
    held.atTop = false;
    held.add(entries(8, 6), null);
    store.clear(); // the store emptied under the held chunk
    expect(held.oldestId()).toBe(6);
  });
});
