import { batch, computed, signal } from '@preact/signals';
import type { LogEntry } from './log-types';
import type { LogStore } from './log-store';
import type { LogRow, LogsViewModel } from './logs-view-model';
import { createRowSearch, normalizeSearch } from './search-entries';

// What a view's list shows of its store (part of lib/core/logs-controller.ts): the rows narrowed
// by the search text, "Showing N of M", and the entries for export. The store is plain
// data; publish() copies what changed into the signals the UI reads.
//
// Entries kept from before a backend restart are shown but the new backend's total does
// not count them, so the total shown adds them (N never exceeds M).

/** The view model's rows, counts and search (lib/core/logs-view-model.ts says what each means). */
export interface ViewRows extends Pick<LogsViewModel, 'rows' | 'loadedCount' | 'shownCount' | 'total' | 'search' | 'setSearch'> {
  /** The store changed: show it. */
  publish(): void;
  /** Every entry held (not narrowed by search), newest first: for export. */
  entries(): LogEntry[];
  /** The entries shown (narrowed by search), newest first. */
  shownEntries(): LogEntry[];
}

/** `backendTotal` is read inside a computed: a signal it reads is followed. */
export function createViewRows(store: LogStore, backendTotal: () => number | null): ViewRows {
  const rowSearch = createRowSearch();
  const storeRows = signal<readonly LogRow[]>(store.rows());
  const loadedCount = signal(0);
  const keptFromEarlier = signal(0);
  const search = signal('');
  const rows = computed(() => rowSearch(storeRows.value, search.value));
  // With a search, rows hold entries only; without one, every entry is shown.
  const shownCount = computed(() => (normalizeSearch(search.value) === '' ? loadedCount.value : rows.value.length));
  const total = computed(() => {
    const backend = backendTotal();
    return backend === null ? null : backend + keptFromEarlier.value;
  });
  return {
    rows,
    loadedCount,
    shownCount,
    total,
    search,
    setSearch(text) {
      search.value = text;
    },
    publish() {
      batch(() => {
        storeRows.value = store.rows();
        loadedCount.value = store.size;
        keptFromEarlier.value = store.size - store.epochSize;
      });
    },
    entries: () => store.entries(),
    shownEntries() {
      const out: LogEntry[] = [];
      for (const row of rows.value) if (row.kind === 'entry') out.push(row.entry);
      return out;
    },
  };
}
