// proxbox-api's in-memory log store: a ring of the newest `capacity` entries. Ids count
// up from 1 and are contiguous inside the ring, so an id maps straight to its slot and a
// query scans only the id range it can match, newest first, without copying or sorting.
import { formatMicros, monotonicMicros, parseTimeToMicros } from './iso-time';
import { redactSecrets } from './redact';
import type { ActiveFilters, LogQuery, LogsAnswer, NewLogEntry, WireLogEntry } from './types';

export const DEFAULT_CAPACITY = 10_000;

/** Whole words, any case (proxbox_api/log_buffer.py `_ERROR_MESSAGE_RE`). */
const ERROR_WORDS = /\b(?:error|failed|failure|exception|traceback|fatal|critical)\b/i;

/** An entry with what the filters test, worked out once when it is written. */
export interface Matchable {
  entry: WireLogEntry;
  errorish: boolean;
  micros: number;
}

interface Slot extends Matchable {
  n: number;
}

export type AppendListener = (entry: WireLogEntry) => void;

/** What the errors_only filter keeps (contract §3). */
export function isErrorish(entry: Pick<WireLogEntry, 'level' | 'message' | 'expandable'>): boolean {
  return (
    entry.level === 'ERROR' ||
    entry.level === 'CRITICAL' ||
    Boolean(entry.expandable?.traceback) ||
    ERROR_WORDS.test(entry.message)
  );
}

/** The filters a query applies besides its id range and paging. */
export function matcher(query: Pick<LogQuery, 'level' | 'errorsOnly' | 'operationId' | 'since'>) {
  const { errorsOnly, operationId, since } = query;
  const level = errorsOnly ? null : query.level; // errors_only overrides level
  if (!errorsOnly && level === null && operationId === null && since === null) return null;
  return (slot: Matchable): boolean =>
    (!errorsOnly || slot.errorish) &&
    (level === null || slot.entry.level === level) &&
    (operationId === null || slot.entry.operation_id === operationId) &&
    (since === null || slot.micros > since.micros);
}

/** As recorded: the level echoed even when errors_only overrides it, errors_only true or null, since normalised. */
export function activeFilters(query: LogQuery): ActiveFilters {
  return {
    level: query.level,
    errors_only: query.errorsOnly ? true : null,
    newer_than_id: query.newerThanId,
    older_than_id: query.olderThanId,
    operation_id: query.operationId,
    since: query.since?.iso ?? null,
  };
}

function redactTraceback(expandable: NewLogEntry['expandable']): NewLogEntry['expandable'] {
  const traceback = expandable?.traceback;
  return typeof traceback === 'string' ? { ...expandable, traceback: redactSecrets(traceback) } : expandable;
}

export class LogBuffer {
  readonly capacity: number;
  private slots: Array<Slot | undefined>;
  private nextId = 1;
  private count = 0;
  private readonly clock: () => number;
  private readonly listeners = new Set<AppendListener>();

  constructor(options: { capacity?: number; nowMs?: () => number } = {}) {
    this.capacity = Math.max(1, Math.floor(options.capacity ?? DEFAULT_CAPACITY));
    this.slots = new Array<Slot | undefined>(this.capacity);
    this.clock = monotonicMicros(options.nowMs);
  }

  get size(): number {
    return this.count;
  }
  /** Id of the oldest entry held, or null when empty. */
  get oldestId(): number | null {
    return this.count ? this.nextId - this.count : null;
  }
  get newestId(): number | null {
    return this.count ? this.nextId - 1 : null;
  }
  get upcomingId(): number {
    return this.nextId;
  }

  /** Now, on the clock entries are stamped with (epoch microseconds, never repeating): later than every entry so far, earlier than every entry to come. */
  stamp(): number {
    return this.clock();
  }

  append(input: NewLogEntry): WireLogEntry {
    const n = this.nextId++;
    const nowMicros = this.clock();
    const timestamp = input.timestamp ?? formatMicros(nowMicros);
    // Built field by field: the wire order of the contract, and nothing else a caller passed.
    const entry: WireLogEntry = {
      id: String(n),
      timestamp,
      level: input.level,
      module: input.module,
      message: typeof input.message === 'string' ? redactSecrets(input.message) : input.message,
      operation_id: input.operation_id,
      operation: input.operation,
      phase: input.phase,
      resource_type: input.resource_type,
      resource_id: input.resource_id,
      expandable: redactTraceback(input.expandable),
    };
    const micros = input.timestamp === undefined ? nowMicros : (parseTimeToMicros(timestamp) ?? Number.NaN);
    this.slots[(n - 1) % this.capacity] = { n, micros, errorish: isErrorish(entry), entry };
    if (this.count < this.capacity) this.count++;
    for (const listener of this.listeners) listener(entry);
    return entry;
  }

  /** Empties the buffer; ids start again from 1 (a backend restart). */
  restart(): void {
    this.slots = new Array<Slot | undefined>(this.capacity);
    this.nextId = 1;
    this.count = 0;
  }

  onAppend(listener: AppendListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The entry with this id if it is still held. */
  get(id: number): WireLogEntry | undefined {
    return this.slotOf(id)?.entry;
  }

  query(query: LogQuery): LogsAnswer {
    const { logs, total } = this.scan(query);
    return { logs, total, has_more: query.offset + logs.length < total, active_filters: activeFilters(query) };
  }

  /** Held entries matching the query's filters and newer than newerThanId, oldest first. */
  *matchingOldestFirst(query: Pick<LogQuery, 'level' | 'errorsOnly' | 'operationId' | 'since' | 'newerThanId'>) {
    const oldest = this.oldestId;
    if (oldest === null) return;
    const match = matcher(query);
    const from = Math.max(oldest, (query.newerThanId ?? oldest - 1) + 1);
    for (let n = from; n < this.nextId; n++) {
      const slot = this.slotOf(n);
      if (slot && (!match || match(slot))) yield slot.entry;
    }
  }

  private slotOf(n: number): Slot | undefined {
    const oldest = this.oldestId;
    if (oldest === null || !Number.isInteger(n) || n < oldest || n >= this.nextId) return undefined;
    return this.slots[(n - 1) % this.capacity];
  }

  private scan(query: LogQuery): { logs: WireLogEntry[]; total: number } {
    const oldest = this.oldestId;
    if (oldest === null) return { logs: [], total: 0 };
    const lo = Math.max(oldest, query.newerThanId === null ? oldest : query.newerThanId + 1);
    const hi = Math.min(this.nextId - 1, query.olderThanId === null ? this.nextId - 1 : query.olderThanId - 1);
    if (lo > hi) return { logs: [], total: 0 };
    const { offset, limit } = query;
    const logs: WireLogEntry[] = [];
    const match = matcher(query);
    if (!match) {
      // Every id in [lo, hi] matches: index the page directly.
      for (let n = hi - offset; n >= lo && logs.length < limit; n--) logs.push(this.slotOf(n)!.entry);
      return { logs, total: hi - lo + 1 };
    }
    let total = 0;
    for (let n = hi; n >= lo; n--) {
      const slot = this.slots[(n - 1) % this.capacity]!;
      if (!match(slot)) continue;
      if (total >= offset && logs.length < limit) logs.push(slot.entry);
      total++;
    }
    return { logs, total };
  }
}
