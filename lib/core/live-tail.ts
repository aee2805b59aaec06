import type { LogEntry, LogsPage, LogsQuery } from './log-types';
import { matchesFilters } from './log-match';

// The newest entries of one backend as its live stream (GET /admin/logs/stream) brought
// them: an unbroken run of ids [oldest..newest] of the running backend process, so that a
// view's poll ("newer than my cursor - 1") can be answered without a request while the
// run covers it, exactly as /admin/logs would answer it (lib/core/log-match.ts). The stream is
// unfiltered, so ids are consecutive and a hole or a restart shows:
// - a batch that does not start right after the newest held entry: the stream skipped
//   entries (more than 200 between two wakes) and the run starts again at the batch;
//   views whose cursor is older ask the backend itself (their paging fills the hole);
// - an id at or below the newest held: a new backend process; the run starts again.

/** Entries kept at most (a view's poll reaches back one interval; a burst is cut). */
export const LIVE_TAIL_CAP = 5000;

export class LiveTail {
  /** Oldest first, ids consecutive. */
  private run: LogEntry[] = [];

  get size(): number {
    return this.run.length;
  }

  get newestId(): number | null {
    return this.run.length ? this.run[this.run.length - 1]!.id : null;
  }

  get oldestId(): number | null {
    return this.run.length ? this.run[0]!.id : null;
  }

  clear(): void {
    this.run = [];
  }

  /** Adds one wake's entries (oldest first, as the stream sends them). */
  add(batch: readonly LogEntry[]): void {
    for (const entry of batch) {
      const newest = this.newestId;
      if (newest !== null && entry.id === newest + 1) this.run.push(entry);
      else if (newest !== null && entry.id > newest + 1) this.run = [entry]; // a hole
      else if (newest === null) this.run = [entry];
      else this.run = [entry]; // at or below the newest: a restarted backend
    }
    if (this.run.length > LIVE_TAIL_CAP) this.run = this.run.slice(this.run.length - LIVE_TAIL_CAP);
  }

  /**
   * The page /admin/logs would give for a poll (newer_than_id with filters and a limit,
   * nothing else), or null when the run does not cover it (the caller asks the backend).
   */
  answer(query: LogsQuery): LogsPage | null {
    const after = query.newerThanId;
    const oldest = this.oldestId;
    const newest = this.newestId;
    if (after === undefined || oldest === null || newest === null) return null;
    if (query.olderThanId !== undefined || query.since || query.offset) return null;
    // The entry right after the cursor (the view's newest, which proves continuity) must
    // be held: older, something between may be missing; newer, the stream lags the view.
    if (after + 1 < oldest || after + 1 > newest) return null;
    const limit = query.limit ?? 200;
    const matched: LogEntry[] = [];
    for (let i = this.run.length - 1; i >= 0; i--) {
      const entry = this.run[i]!;
      if (entry.id <= after) break;
      if (matchesFilters(entry, query)) matched.push(entry);
    }
    return { logs: matched.slice(0, limit), total: matched.length, hasMore: matched.length > limit };
  }
}
