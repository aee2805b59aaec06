import type { Failure, FetchOutcome } from '../../../lib/core/failure';
import type { LogEntry, LogsPage, LogsQuery } from '../../../lib/core/log-types';

// A small in-memory proxbox-api for the sync/controller tests: the contract's query
// semantics (§3) on a ring buffer — newest first, filters, newer/older_than_id, `since`
// (exclusive), limit and offset, total and has_more, eviction of the oldest, restart (empty,
// ids from 1 again). Timestamps rise with ids, as the backend stamps entries as it appends them.
// It speaks the parsed shapes (LogsQuery -> LogsPage), i.e. what fetchPage hands the
// logic after lib/core/fetch-logs.ts; the HTTP-level simulator lives in tests/simulator/.

const ERROR_WORDS = /error|failed|exception|traceback|fatal|critical/i;

export function isErrorish(entry: LogEntry): boolean {
  return entry.level === 'ERROR' || entry.level === 'CRITICAL' || entry.traceback !== null || ERROR_WORDS.test(entry.message);
}

export type EntryPatch = Partial<Omit<LogEntry, 'id' | 'timestamp'>>;

export function makeEntry(id: number, timestamp: string, patch: EntryPatch = {}): LogEntry {
  return {
    id,
    timestamp,
    level: 'INFO',
    module: 'sync',
    message: `entry ${id}`,
    operationId: null,
    operation: null,
    phase: null,
    resourceType: null,
    resourceId: null,
    traceback: null,
    ...patch,
  };
}

export class FakeBackend {
  readonly capacity: number;
  /** Held entries, oldest first, from index `head`. */
  private ring: LogEntry[] = [];
  private head = 0;
  private nextId = 1;
  private timeMs = Date.UTC(2026, 10, 25, 18, 0, 0);
  /** Every query received, in order. */
  readonly calls: LogsQuery[] = [];
  /** Answers to give instead of the real one, in order (a failure each). */
  private failures: Array<{ failure: Failure; atCall?: number }> = [];
  /** Runs before each answer (after the query is recorded): lets a test change the backend
   *  between the pages of one run. */
  beforeAnswer: ((query: LogsQuery, callIndex: number) => void) | null = null;
  private gate: Promise<void> | null = null;
  private release: (() => void) | null = null;

  constructor(options: { capacity?: number } = {}) {
    this.capacity = options.capacity ?? 10_000;
  }

  get size(): number {
    return this.ring.length - this.head;
  }
  get newestId(): number | null {
    return this.size ? this.nextId - 1 : null;
  }
  get oldestId(): number | null {
    return this.size ? this.ring[this.head]!.id : null;
  }
  /** Held entries, newest first. */
  held(): LogEntry[] {
    return this.ring.slice(this.head).reverse();
  }

  /** The time the next entry is stamped after (ms since epoch). */
  get clockMs(): number {
    return this.timeMs;
  }

  /** Moves the backend's clock on (entries written later are stamped later). */
  advance(ms: number): void {
    this.timeMs += ms;
  }

  /**
   * Appends `count` entries, each `stepMs` after the one before; `patch(i, id)` customises
   * each. Returns them, oldest first.
   */
  append(count: number, patch?: (i: number, id: number) => EntryPatch, stepMs = 1): LogEntry[] {
    const added: LogEntry[] = [];
    for (let i = 0; i < count; i++) {
      const id = this.nextId++;
      this.timeMs += stepMs;
      const iso = new Date(this.timeMs).toISOString().replace('Z', '000+00:00');
      const entry = makeEntry(id, iso, patch?.(i, id));
      this.ring.push(entry);
      added.push(entry);
    }
    const excess = this.size - this.capacity;
    if (excess > 0) this.head += excess;
    if (this.head > 50_000) {
      this.ring = this.ring.slice(this.head);
      this.head = 0;
    }
    return added;
  }

  /** Empties the buffer; ids start again from 1, later timestamps. */
  restart(): void {
    this.ring = [];
    this.head = 0;
    this.nextId = 1;
    this.timeMs += 3_600_000;
  }

  /** The next call (or call number `atCall`, 0-based over all calls) fails with this. */
  failNext(failure: Failure, atCall?: number): void {
    this.failures.push({ failure, atCall });
  }

  /** Requests wait from now on until resume(). */
  pause(): void {
    if (this.gate) return;
    this.gate = new Promise((resolve) => (this.release = resolve));
  }
  resume(): void {
    this.release?.();
    this.gate = null;
    this.release = null;
  }

  readonly fetchPage = async (query: LogsQuery): Promise<FetchOutcome<LogsPage>> => {
    const callIndex = this.calls.length;
    this.calls.push({ ...query });
    if (this.gate) await this.gate;
    await Promise.resolve();
    this.beforeAnswer?.(query, callIndex);
    const i = this.failures.findIndex((f) => f.atCall === undefined || f.atCall === callIndex);
    if (i >= 0) {
      const [{ failure }] = this.failures.splice(i, 1) as [{ failure: Failure }];
      return { ok: false, failure };
    }
    const limit = query.limit ?? 200;
    const offset = query.offset ?? 0;
    if (limit < 1 || limit > 5000 || offset < 0) return { ok: false, failure: { kind: 'bad-query', status: 422 } };
    return { ok: true, value: this.query(query, limit, offset) };
  };

  private query(query: LogsQuery, limit: number, offset: number): LogsPage {
    const level = query.errorsOnly ? undefined : query.level;
    const since = query.since === undefined ? null : Date.parse(query.since);
    const logs: LogEntry[] = [];
    let total = 0;
    for (let k = this.ring.length - 1; k >= this.head; k--) {
      const e = this.ring[k]!;
      if (query.newerThanId !== undefined && e.id <= query.newerThanId) break; // ids fall from here on
      if (query.olderThanId !== undefined && e.id >= query.olderThanId) continue;
      if (query.errorsOnly && !isErrorish(e)) continue;
      if (level && e.level !== level) continue;
      if (query.operationId && e.operationId !== query.operationId) continue;
      if (since !== null && Date.parse(e.timestamp) <= since) continue;
      if (total >= offset && logs.length < limit) logs.push({ ...e }); // fresh objects, as parsing makes
      total++;
    }
    return { logs, total, hasMore: offset + logs.length < total };
  }
}
