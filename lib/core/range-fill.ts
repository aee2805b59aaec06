import type { OlderPages } from './older-pages';
import type { RequestLane } from './request-lane';

// A time range is read whole (part of lib/core/logs-controller.ts): after its first page,
// the pages below it come one after another, as "load older" with the range's large pages,
// until the range is all there (the rows then are exactly the range's entries), a page
// fails (the "Load more" button retries) or the bound is reached. Polls may run between
// two pages (one request at a time, on the view's lane); a filter change ends it.

export interface RangeFill {
  /** Reads the rest of the range (the first page is in). */
  start(): Promise<void>;
}

export function createRangeFill(deps: { lane: RequestLane; older: OlderPages; maxPages: number }): RangeFill {
  const { lane, older } = deps;
  return {
    async start() {
      const gen = lane.generation;
      for (let pages = 0; pages < deps.maxPages; pages++) {
        if (!lane.isCurrent(gen) || !older.hasOlder.value) return;
        await older.load();
        if (older.failure.value) return;
      }
    },
  };
}
