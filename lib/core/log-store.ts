import type { EntryTimeline } from './entry-timeline';
import type { LogEntry } from './log-types';
import type { LogRow } from './logs-view-model';
import { StringPool } from './string-pool';

// The entries a view holds, newest first, with gap markers where entries are known to be
// missing. One store per view; lib/core/logs-controller.ts feeds it, the list renders rows().
//
// Why it looks like this:
// - Entries are keyed by (epoch, id): a backend restart starts ids again from 1, so the
//   same id can name two different entries. The epoch goes up at each restart, and the
//   entries from before stay below a 'restart' marker. Only the current (newest) epoch
//   grows: polls add above it, "load older" adds at its bottom, just above that marker.
// - Fast at 100,000 entries: the rows array is the store itself (row objects are built
//   once per entry, never per render), a Map makes the duplicate check O(1), and new
//   pages are put in place with one concat — an O(n) copy of pointers (well under a
//   millisecond at 100k), no re-sort. A new array per change lets signals and memoised
//   consumers compare by identity. Only entries that would land in the middle of what is
//   held (which the poll/page logic never produces) take a slow, sorting path.
// - Small: an entry's texts are swapped for the store's one copy of each (StringPool) as
//   it comes in (a poll's entries in the task after its render), since a backend repeats
//   modules, messages and tracebacks. An entry's row
//   holds the entry and its epoch only: its key is made when read (the list reads the
//   rows in view), and "is this id held?" is a binary search of the current epoch's rows
//   (kept sorted), not a Map of keys: at 5,000 entries the keys and the Map were 0.2 MB
//   of the page's heap (bench section 0).

export type GapReason = Extract<LogRow, { kind: 'gap' }>['reason'];

/** A gap marker to place: why entries are missing and how many at most (null: unknown). */
export interface GapSpec {
  reason: GapReason;
  missing: number | null;
}

type EntryRow = Extract<LogRow, { kind: 'entry' }>;
type GapRow = Extract<LogRow, { kind: 'gap' }>;

/** ERROR and CRITICAL: what the toolbar badge counts as an error. */
export function isErrorLevel(level: string): boolean {
  const upper = level.toUpperCase();
  return upper === 'ERROR' || upper === 'CRITICAL';
}

/** The row key of an entry: stable for the entry's lifetime in the store. */
export function entryKey(epoch: number, id: number): string {
  return `${epoch}:${id}`;
}

/** An entry's row: `kind` lives on the prototype and `key` is made when read. */
class StoredEntryRow {
  declare readonly kind: 'entry';
  constructor(
    readonly entry: LogEntry,
    private readonly epoch: number,
  ) {}

  get key(): string {
    return entryKey(this.epoch, this.entry.id);
  }
}
Object.defineProperty(StoredEntryRow.prototype, 'kind', { value: 'entry' });

export class LogStore {
  /** Newest first: the current epoch's rows, then (below a restart marker) older epochs. */
  private list: LogRow[] = [];
  /** Entries held, all epochs. */
  private held = 0;
  private readonly texts = new StringPool();
  private epochNo = 0;
  /** How many rows at the top of `list` belong to the current epoch. */
  private epochRows = 0;
  private epochEntries = 0;
  private newestEntry: LogEntry | null = null;
  private oldestEntry: LogEntry | null = null;
  private newestError: number | null = null;
  private gapSeq = 0;
  private changes = 0;

  /** `timeline` (the chart's data) takes in every entry the store takes in, and clears with it. */
  constructor(private readonly timeline?: EntryTimeline) {}

  /** Entries and gap markers, newest first. The same array until the store changes. */
  rows(): readonly LogRow[] {
    return this.list;
  }

  /** Goes up by one at every change (cheap change detection). */
  get version(): number {
    return this.changes;
  }

  /** Entries held, all epochs. */
  get size(): number {
    return this.held;
  }

  /** Entries held from the current epoch (the running backend). */
  get epochSize(): number {
    return this.epochEntries;
  }

  /** Restarts seen (plus clears); part of every entry's key. */
  get epoch(): number {
    return this.epochNo;
  }

  /** Newest id of the current epoch, or null when it has no entries. */
  get newestId(): number | null {
    return this.newestEntry?.id ?? null;
  }

  /** Oldest id of the current epoch, or null when it has no entries. */
  get oldestId(): number | null {
    return this.oldestEntry?.id ?? null;
  }

  /** The current epoch's newest entry (id, timestamp, message: what restart detection compares). */
  newest(): LogEntry | null {
    return this.newestEntry;
  }

  /** Id of the newest ERROR/CRITICAL entry of the current epoch, or null. */
  get newestErrorId(): number | null {
    return this.newestError;
  }

  /** Whether the current epoch holds this id. */
  has(id: number): boolean {
    return this.rowIndexOf(id) >= 0;
  }

  /** Where the current epoch holds this id in the list, or -1 (binary search: its rows are newest first). */
  private rowIndexOf(id: number): number {
    let lo = 0;
    let hi = this.epochRows - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      // A gap marker has no id: look at the nearest entry below it (gaps are few).
      let at = mid;
      while (at <= hi && this.list[at]!.kind === 'gap') at++;
      if (at > hi) {
        hi = mid - 1;
        continue;
      }
      const found = (this.list[at] as EntryRow).entry.id;
      if (found === id) return at;
      if (found > id) lo = at + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Every entry held, newest first (for export). */
  entries(): LogEntry[] {
    const out: LogEntry[] = [];
    for (const row of this.list) if (row.kind === 'entry') out.push(row.entry);
    return out;
  }

  /**
   * Adds entries newer than the current epoch's newest at the top. `gap`, when given, goes
   * between them and what was the top (entries are missing between the two); a gap right
   * on top of another of the same reason merges with it. Entries already held are skipped.
   * Returns how many entries were added.
   */
  addNewer(entries: readonly LogEntry[], gap?: GapSpec | null): number {
    const newest = this.newestEntry?.id ?? -Infinity;
    const { fresh, stray } = this.split(entries, (id) => id > newest);
    const rows: LogRow[] = fresh.map((e) => this.entryRow(e, false));
    this.texts.internSoon(fresh);
    let mergedGap = false;
    if (gap && this.epochEntries > 0) {
      const top = this.list[0];
      if (fresh.length === 0 && this.epochRows > 0 && top?.kind === 'gap' && top.reason === gap.reason) {
        this.list = [{ ...top, missing: addMissing(top.missing, gap.missing) }, ...this.list.slice(1)];
        mergedGap = true;
      } else {
        rows.push(this.gapRow(gap));
      }
    }
    if (rows.length > 0) {
      this.list = rows.concat(this.list);
      this.epochRows += rows.length;
    }
    if (fresh.length > 0) {
      this.newestEntry = fresh[0]!;
      this.oldestEntry ??= fresh[fresh.length - 1]!;
      this.noteAdded(fresh);
    }
    const added = fresh.length + this.insertStray(stray);
    if (rows.length > 0 || mergedGap) this.changes++;
    return added;
  }

  /** Adds entries older than the current epoch's oldest at its bottom (above older epochs). */
  addOlder(entries: readonly LogEntry[]): number {
    const oldest = this.oldestEntry?.id ?? Infinity;
    const { fresh, stray } = this.split(entries, (id) => id < oldest);
    if (fresh.length > 0) {
      const rows: LogRow[] = fresh.map((e) => this.entryRow(e));
      const at = this.epochRows;
      this.list = at === this.list.length ? this.list.concat(rows) : this.list.slice(0, at).concat(rows, this.list.slice(at));
      this.epochRows += rows.length;
      this.oldestEntry = fresh[fresh.length - 1]!;
      this.newestEntry ??= fresh[0]!;
      this.noteAdded(fresh);
      this.changes++;
    }
    return fresh.length + this.insertStray(stray);
  }

  /**
   * The backend restarted: what is held becomes history below a 'restart' marker, and a
   * new, empty current epoch starts above it (ids may repeat from now on).
   */
  startEpoch(): void {
    this.epochNo++;
    const top = this.list[0];
    const markerOnTop = this.epochRows === 0 && top?.kind === 'gap' && top.reason === 'restart';
    if (this.list.length > 0 && !markerOnTop) {
      this.list = [this.gapRow({ reason: 'restart', missing: null }) as LogRow].concat(this.list);
    }
    this.emptyEpoch();
  }

  /** Forgets everything (a reload for other filters). Keys never repeat across a clear. */
  clear(): void {
    this.epochNo++;
    this.list = [];
    this.held = 0;
    this.texts.clear();
    this.timeline?.clear();
    this.emptyEpoch();
  }

  /** The current epoch starts with nothing in it (a restart, a clear). */
  private emptyEpoch(): void {
    this.epochRows = 0;
    this.epochEntries = 0;
    this.newestEntry = null;
    this.oldestEntry = null;
    this.newestError = null;
    this.changes++;
  }

  /** New (not held) entries, sorted newest first and unique, split by where they go. */
  private split(entries: readonly LogEntry[], belongs: (id: number) => boolean): { fresh: LogEntry[]; stray: LogEntry[] } {
    const fresh: LogEntry[] = [];
    const stray: LogEntry[] = [];
    const seen = new Set<number>();
    let sorted = true;
    for (const e of entries) {
      if (seen.has(e.id) || this.has(e.id)) continue;
      seen.add(e.id);
      if (belongs(e.id)) {
        if (fresh.length > 0 && fresh[fresh.length - 1]!.id < e.id) sorted = false;
        fresh.push(e);
      } else {
        stray.push(e);
      }
    }
    if (!sorted) fresh.sort((a, b) => b.id - a.id);
    return { fresh, stray };
  }

  /** A row for an entry coming in; its texts go to the pool now, or (`internNow` false) soon after. */
  private entryRow(entry: LogEntry, internNow = true): EntryRow {
    if (internNow) this.texts.internEntry(entry);
    this.held++;
    return new StoredEntryRow(entry, this.epochNo);
  }

  private gapRow(gap: GapSpec): GapRow {
    return { kind: 'gap', key: `gap:${++this.gapSeq}`, reason: gap.reason, missing: gap.missing };
  }

  private noteAdded(entries: readonly LogEntry[]): void {
    this.epochEntries += entries.length;
    this.timeline?.add(entries);
    for (const e of entries) {
      if (isErrorLevel(e.level) && (this.newestError === null || e.id > this.newestError)) this.newestError = e.id;
    }
  }

  /**
   * The slow path for entries that fall inside the current epoch's range (between held
   * entries): re-sorts the current epoch's rows. A gap keeps its place just above the
   * entry that was right below it.
   */
  private insertStray(entries: LogEntry[]): number {
    if (entries.length === 0) return 0;
    const segment = this.list.slice(0, this.epochRows);
    const rank = new Map<LogRow, number>();
    let below = Number.MIN_SAFE_INTEGER; // finite, so rank differences are never NaN
    for (let i = segment.length - 1; i >= 0; i--) {
      const row = segment[i]!;
      if (row.kind === 'entry') below = row.entry.id;
      rank.set(row, row.kind === 'entry' ? row.entry.id : below + 0.5);
    }
    for (const e of entries) {
      const row = this.entryRow(e);
      segment.push(row);
      rank.set(row, e.id);
    }
    segment.sort((a, b) => rank.get(b)! - rank.get(a)!); // stable: gaps stay in order
    this.list = segment.concat(this.list.slice(this.epochRows));
    this.epochRows = segment.length;
    for (const e of entries) {
      if (this.newestEntry === null || e.id > this.newestEntry.id) this.newestEntry = e;
      if (this.oldestEntry === null || e.id < this.oldestEntry.id) this.oldestEntry = e;
    }
    this.noteAdded(entries);
    this.changes++;
    return entries.length;
  }
}

function addMissing(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : a + b;
}
