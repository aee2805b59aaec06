import { effect, signal, type ReadonlySignal } from '@preact/signals';
import type { Failure } from './failure';
import { MAX_LIMIT } from './logs-query';
import { normalizeSearch } from './search-entries';

// A search looks through everything the backend holds for the view's filters, not only what
// is loaded (part of lib/core/logs-controller.ts). While the search box has text, the older
// entries are read in the largest pages the backend gives (5,000: its ring buffer holds
// 10,000, so two requests at most), through "load older", so the cursor rules that never
// lose or repeat an entry are the same. What is loaded is searched at once; each page read
// narrows the same way as it arrives. Read once per set of filters: clearing the search
// keeps what was read, and another search has nothing more to ask.

export interface SearchEverythingDeps {
  search: ReadonlySignal<string>;
  hasOlder: ReadonlySignal<boolean>;
  olderFailure: ReadonlySignal<Failure | null>;
  /** Loads the page below the oldest entry held, of `limit` entries. */
  loadOlder(limit: number): Promise<void>;
}

export interface SearchEverything {
  /** True while older entries are being read for a search. */
  readonly reading: ReadonlySignal<boolean>;
  /** Stops reading (other filters, the view stopped); a search still in the box starts it again. */
  reset(): void;
  dispose(): void;
}

export function createSearchEverything(deps: SearchEverythingDeps): SearchEverything {
  const reading = signal(false);
  let run = 0;

  async function readAll(token: number): Promise<void> {
    reading.value = true;
    try {
      while (token === run && deps.hasOlder.peek() && normalizeSearch(deps.search.peek()) !== '') {
        await deps.loadOlder(MAX_LIMIT);
        // A failure stops the read (it is shown where "load older" shows it); no retry loop.
        if (deps.olderFailure.peek()) break;
      }
    } finally {
      if (token === run) reading.value = false;
    }
  }

  const dispose = effect(() => {
    const searching = normalizeSearch(deps.search.value) !== '';
    const more = deps.hasOlder.value;
    if (searching && more && !reading.peek()) void readAll(++run);
  });

  return {
    reading,
    reset() {
      run++;
      reading.value = false;
    },
    dispose,
  };
}
