import type { LogEntry, LogsQuery } from './log-types';

// What proxbox-api's filters keep (contract §3), for the places that answer a query from
// entries already held (the live tail, lib/core/live-tail.ts) or guess what a page may count
// for the badge: one home for the backend's rules.

/** errors_only's words: whole words, any case. */
const ERROR_WORDS = /\b(?:error|failed|failure|exception|traceback|fatal|critical)\b/i;

/** errors_only=true: ERROR/CRITICAL, an entry with a traceback, or a message with one of the words. */
export function isErrorEntry(entry: Pick<LogEntry, 'level' | 'traceback' | 'message'>): boolean {
  return entry.level === 'ERROR' || entry.level === 'CRITICAL' || Boolean(entry.traceback) || ERROR_WORDS.test(entry.message);
}

/** Whether the backend would return this entry for the query's filters (not its paging). */
export function matchesFilters(entry: LogEntry, query: Pick<LogsQuery, 'level' | 'errorsOnly' | 'operationId'>): boolean {
  // errors_only makes the backend ignore level.
  if (query.errorsOnly === true) {
    if (!isErrorEntry(entry)) return false;
  } else if (query.level && entry.level !== query.level) return false;
  const operationId = query.operationId?.trim();
  return !operationId || entry.operationId === operationId;
}
