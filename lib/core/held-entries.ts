import { signal, type ReadonlySignal } from '@preact/signals';
import type { LogEntry } from './log-types';
import type { GapSpec, LogStore } from './log-store';
import { prepareSearchSoon } from './search-entries';

// New entries while the user is scrolled away from the top (part of lib/core/logs-controller.ts):
// they are held back rather than pushed in above what the user reads; back at the top (or
// "show them") they go in, in the order they came, each with the gap below it.

interface Chunk {
  entries: LogEntry[];
  gap: GapSpec | null;
}

export interface HeldEntries {
  /** How many new entries wait (the "N new entries" button). */
  readonly count: ReadonlySignal<number>;
  /** Whether the user is at the top of the list (new entries go in at once). */
  atTop: boolean;
  /** Whether anything waits. */
  readonly waiting: boolean;
  /** New entries (and a gap below them): on top of the store, or held while away. */
  add(entries: LogEntry[], gap: GapSpec | null): void;
  /** Puts every held entry into the store. */
  flush(): void;
  /** Drops what is held (other filters). */
  clear(): void;
  /** The oldest entry id held by the store, else by the held entries (paging starts below it). */
  oldestId(): number | null;
  /** Entries held in total, store and waiting, of the running backend. */
  ofEpoch(): number;
}

/** `published` runs whenever the store changed. */
export function createHeldEntries(store: LogStore, published: () => void): HeldEntries {
  let chunks: Chunk[] = [];
  const count = signal(0);
  const held: HeldEntries = {
    count,
    atTop: true,
    get waiting() {
      return chunks.length > 0;
    },
    add(entries, gap) {
      if (entries.length === 0 && !gap) return;
      prepareSearchSoon(entries);
      if (held.atTop || (store.size === 0 && chunks.length === 0)) {
        store.addNewer(entries, gap);
        published();
      } else {
        chunks.push({ entries, gap });
        count.value += entries.length;
      }
    },
    flush() {
      if (chunks.length === 0) return;
      const waiting = chunks;
      chunks = [];
      for (const chunk of waiting) store.addNewer(chunk.entries, chunk.gap);
      count.value = 0;
      published();
    },
    clear() {
      chunks = [];
      count.value = 0;
    },
    oldestId() {
      const inStore = store.oldestId;
      if (inStore !== null) return inStore;
      const first = chunks[0]?.entries;
      return first && first.length > 0 ? first[first.length - 1]!.id : null;
    },
    ofEpoch: () => store.epochSize + chunks.reduce((n, c) => n + c.entries.length, 0),
  };
  return held;
}
