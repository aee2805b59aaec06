import { computed, signal } from '@preact/signals';
import { vi } from 'vitest';
import { EntryTimeline } from '../../../lib/core/entry-timeline';
import type { Failure } from '../../../lib/core/failure';
import { EMPTY_FILTERS, type LogEntry, type LogFilters } from '../../../lib/core/log-types';
import type { LoadState, LogRow, LogsViewModel } from '../../../lib/core/logs-view-model';

/** A LogsViewModel made of writable signals and spy actions, for component tests. */
export function fakeViewModel(init: { entries?: LogEntry[]; rows?: LogRow[]; state?: LoadState; loaded?: LogEntry[]; timeline?: boolean } = {}) {
  const rows = signal<readonly LogRow[]>(init.rows ?? (init.entries ?? []).map(entryRow));
  const loadedCount = signal(rows.value.filter((r) => r.kind === 'entry').length);
  const total = signal<number | null>(null);
  const hasOlder = signal(false);
  const loadingOlder = signal(false);
  const searchingAll = signal(false);
  const refreshing = signal(false);
  const state = signal<LoadState>(init.state ?? { phase: 'ready' });
  const filters = signal<LogFilters>({ ...EMPTY_FILTERS });
  const search = signal('');
  const autoRefresh = signal(true);
  const pendingNew = signal(0);
  const notice = signal<string | null>(null);
  const lastSuccessAt = signal<number | null>(null);
  const olderFailure = signal<Failure | null>(null);
  const shownCount = computed(() => rows.value.filter((r) => r.kind === 'entry').length);
  // The chart's data, only when asked (like the real controller's, built from the entries).
  const timeline = init.timeline ? { version: signal(1), data: new EntryTimeline() } : undefined;
  timeline?.data.add(init.entries ?? []);

  const vm = {
    rows,
    loadedCount,
    shownCount,
    total,
    hasOlder,
    loadingOlder,
    searchingAll,
    refreshing,
    state,
    filters,
    search,
    autoRefresh,
    pendingNew,
    notice,
    lastSuccessAt,
    olderFailure,
    timeline,
    // Every entry loaded: `loaded`, or those of the rows.
    entries: () => init.loaded ?? rows.value.flatMap((r) => (r.kind === 'entry' ? [r.entry] : [])),
    setFilters: vi.fn((patch: Partial<LogFilters>) => {
      filters.value = { ...filters.value, ...patch };
    }),
    setTimeRange: vi.fn((range: { from: number | null; to: number | null }) => {
      filters.value = { ...filters.value, from: range.from, to: range.to };
    }),
    clearFilters: vi.fn(() => {
      filters.value = { ...EMPTY_FILTERS };
    }),
    setSearch: vi.fn((text: string) => {
      search.value = text;
    }),
    setAutoRefresh: vi.fn((on: boolean) => {
      autoRefresh.value = on;
    }),
    refresh: vi.fn(async () => {}),
    loadOlder: vi.fn(async () => {}),
    setAtTop: vi.fn((_atTop: boolean) => {}),
    showPending: vi.fn(() => {
      pendingNew.value = 0;
    }),
    dismissNotice: vi.fn(() => {
      notice.value = null;
    }),
    start: vi.fn(() => {}),
    stop: vi.fn(() => {}),
  } satisfies LogsViewModel;
  return vm;
}

export type FakeViewModel = ReturnType<typeof fakeViewModel>;

export function entryRow(entry: LogEntry): LogRow {
  return { kind: 'entry', key: `e${entry.id}`, entry };
}

let nextId = 1;

export function makeEntry(patch: Partial<LogEntry> = {}): LogEntry {
  const id = patch.id ?? nextId++;
  return {
    id,
    timestamp: '2026-11-25T18:02:11.482913+00:00',
    level: 'INFO',
    module: 'virtual_machines',
    message: `Synced VM ${id}`,
    operationId: '0f8e2c1a-5b7d-4c39-9e0a-2d6f1b3c4e5f',
    operation: 'vm_sync',
    phase: 'write',
    resourceType: 'virtual_machine',
    resourceId: String(100 + id),
    traceback: null,
    ...patch,
  };
}

export function manyEntries(n: number): LogEntry[] {
  const out: LogEntry[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = makeEntry({ id: n - i, message: `Message ${n - i}` });
  return out;
}
