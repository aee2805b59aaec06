// @vitest-environment node
import { signal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import { LogStore } from '../../../lib/core/log-store';
import { createViewRows } from '../../../lib/core/view-rows';
import { makeEntry } from './fake-backend';

const entry = (id: number, message = `entry ${id}`) => makeEntry(id, `2026-11-25T10:00:${String(id).padStart(2, '0')}Z`, { message });

function setup() {
  const store = new LogStore();
  const backendTotal = signal<number | null>(null);
  const view = createViewRows(store, () => backendTotal.value);
  return { store, backendTotal, view };
}

describe('view rows', () => {
  it('show the store only once published', () => {
    const { store, view } = setup();
    store.addNewer([entry(2), entry(1)]);
    expect(view.rows.value).toEqual([]);
    view.publish();
    expect(view.rows.value.map((r) => r.kind === 'entry' && r.entry.id)).toEqual([2, 1]);
    expect([view.loadedCount.value, view.shownCount.value]).toEqual([2, 2]);
    expect(view.entries().map((e) => e.id)).toEqual([2, 1]);
  });

  it('narrow rows, the count shown and the entries shown by the search, never what is loaded', () => {
    const { store, view } = setup();
    store.addNewer([entry(3, 'vm sync failed'), entry(2, 'all good'), entry(1, 'VM created')]);
    view.publish();
    view.setSearch('vm');
    expect(view.search.value).toBe('vm');
    expect(view.shownEntries().map((e) => e.id)).toEqual([3, 1]);
    expect([view.loadedCount.value, view.shownCount.value]).toEqual([3, 2]);
    expect(view.entries()).toHaveLength(3);
  });

  it('count entries kept from before a restart into the total, so N never exceeds M', () => {
    const { store, backendTotal, view } = setup();
    store.addNewer([entry(5), entry(4)]);
    view.publish();
    expect(view.total.value).toBeNull();
    backendTotal.value = 2;
    expect(view.total.value).toBe(2);
    store.startEpoch();
    store.addNewer([entry(1)]);
    view.publish();
    backendTotal.value = 1;
    expect([view.loadedCount.value, view.total.value]).toEqual([3, 3]);
  });
});
