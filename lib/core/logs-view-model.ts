import type { ReadonlySignal } from '@preact/signals';
import type { EntryTimeline } from './entry-timeline';
import type { Failure } from './failure';
import type { LogEntry, LogFilters } from './log-types';
import type { TimeRange } from './time-range';

// The contract between the logs logic (lib/core/logs-controller.ts, pure: signals + an injected
// fetch) and the UI (components/). Components read these signals and call these actions;
// they never fetch or merge anything themselves.

/** A row of the list: an entry, or a marker where entries are known to be missing. */
export type LogRow =
  | { kind: 'entry'; key: string; entry: LogEntry }
  | {
      kind: 'gap';
      key: string;
      /** 'evicted': the backend's ring buffer dropped entries before they were fetched;
       *  'restart': the backend restarted (ids started again from 1);
       *  'skipped': more entries arrived between two polls than one poll may fetch
       *  (lib/core/sync-newer.ts bounds a poll's pages), so some were never fetched. */
      reason: 'evicted' | 'restart' | 'skipped';
      /** How many entries at most are missing, when known. */
      missing: number | null;
    };

export type LoadState =
  | { phase: 'idle' } // nothing fetched yet
  | { phase: 'loading' } // first page on its way (no rows yet)
  | { phase: 'ready' } // rows shown; polling if auto-refresh is on
  | { phase: 'failed'; failure: Failure; lastSuccessAt: number | null; nextRetryAt: number | null };

/** The chart's data: when each loaded entry was written, and its level. */
export interface TimelineModel {
  /** Changes whenever the entries loaded change (the chart counts again). */
  readonly version: ReadonlySignal<number>;
  readonly data: EntryTimeline;
}

export interface LogsViewModel {
  /** Newest first, with gap markers; already narrowed by the search text. */
  readonly rows: ReadonlySignal<readonly LogRow[]>;
  /** Entries loaded (before search narrowing). */
  readonly loadedCount: ReadonlySignal<number>;
  /** Entries shown after search narrowing ("Showing N of M": N). */
  readonly shownCount: ReadonlySignal<number>;
  /** Total matching the filters according to the backend ("of M"). */
  readonly total: ReadonlySignal<number | null>;
  readonly hasOlder: ReadonlySignal<boolean>;
  readonly loadingOlder: ReadonlySignal<boolean>;
  /** True while a search reads the older entries the backend holds (lib/core/search-everything.ts). */
  readonly searchingAll: ReadonlySignal<boolean>;
  readonly refreshing: ReadonlySignal<boolean>;
  readonly state: ReadonlySignal<LoadState>;
  readonly filters: ReadonlySignal<LogFilters>;
  readonly search: ReadonlySignal<string>;
  readonly autoRefresh: ReadonlySignal<boolean>;
  /** Entries that arrived while the user was scrolled away from the top (the "N new" pill). */
  readonly pendingNew: ReadonlySignal<number>;
  /** A one-off notice, e.g. "The backend restarted: the list was reloaded." */
  readonly notice: ReadonlySignal<string | null>;
  readonly lastSuccessAt: ReadonlySignal<number | null>;
  /** Why the last "load older" failed (null once one succeeds or the view reloads); the
   *  list and polling are unaffected, so this is not part of `state`. Optional so that
   *  hand-made view models (component tests) need not provide it. */
  readonly olderFailure?: ReadonlySignal<Failure | null>;
  /** The loaded entries in time, for the chart (optional, like olderFailure: no chart without it). */
  readonly timeline?: TimelineModel;

  /** Every entry loaded (not narrowed by search), newest first: what export writes. */
  entries(): readonly LogEntry[];
  setFilters(patch: Partial<LogFilters>): void;
  /** Sets From and To (ms since epoch, null: unset), keeping the other filters (lib/core/view-filters.ts). */
  setTimeRange(range: TimeRange): void;
  clearFilters(): void;
  setSearch(text: string): void;
  setAutoRefresh(on: boolean): void;
  refresh(): Promise<void>;
  loadOlder(): Promise<void>;
  /** The view reports whether the user is at the newest entries (top of the list). */
  setAtTop(atTop: boolean): void;
  /** Show the entries held back while scrolled away (the pill's click). */
  showPending(): void;
  dismissNotice(): void;
  /** Start polling (called when the view becomes visible) / stop (hidden or unmounted). */
  start(): void;
  stop(): void;
}
