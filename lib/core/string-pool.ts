import type { LogEntry } from './log-types';

// One copy of each text a view holds. A backend writes the same module, level, operation
// and often the same message and traceback over and over, and every answer (JSON, or a
// message from the worker) brings a fresh copy of each: at 5,000 entries the copies were
// most of the view's JS heap (docs/performance.md). The pool belongs to a LogStore and
// is emptied with it, so it never keeps a text that no held entry uses.

export class StringPool {
  private readonly texts = new Map<string, string>();
  private later: LogEntry[] = [];

  /** The pool's copy of `text` (the text itself the first time it is seen). */
  intern<T extends string | null>(text: T): T {
    if (text === null) return text;
    const known = this.texts.get(text);
    if (known !== undefined) return known as T;
    this.texts.set(text, text);
    return text;
  }

  /**
   * Puts the pool's copies into the entry's text fields, in place (the entry keeps its
   * identity: search caches and row keys refer to it). The timestamp is unique per entry
   * and left alone.
   */
  internEntry(entry: LogEntry): void {
    entry.level = this.intern(entry.level);
    entry.module = this.intern(entry.module);
    entry.message = this.intern(entry.message);
    entry.operationId = this.intern(entry.operationId);
    entry.operation = this.intern(entry.operation);
    entry.phase = this.intern(entry.phase);
    entry.resourceType = this.intern(entry.resourceType);
    entry.resourceId = this.intern(entry.resourceId);
    entry.traceback = this.intern(entry.traceback);
  }

  /**
   * internEntry for each, in a task of its own: a poll's entries go to their render first
   * (hashing their fresh texts took a tenth of a poll's answer -> rendered at 100,000
   * entries, docs/performance.md). Their values are the same either way.
   */
  internSoon(entries: readonly LogEntry[]): void {
    if (entries.length === 0) return;
    if (this.later.length === 0) setTimeout(() => this.internWaiting(), 0);
    for (const entry of entries) this.later.push(entry);
  }

  private internWaiting(): void {
    const waiting = this.later;
    this.later = [];
    for (const entry of waiting) this.internEntry(entry);
  }

  /** Distinct texts held. */
  get size(): number {
    return this.texts.size;
  }

  clear(): void {
    this.texts.clear();
    this.later = []; // the store let them go
  }
}
