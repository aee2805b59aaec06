import { isErrorLevel } from '../lib/core/log-store';
import type { LogRow } from '../lib/core/logs-view-model';

/** Rows looked at above the previous newest entry: a poll never adds more (sync-newer bounds it). */
const SCAN_LIMIT = 2000;

/** The key of the newest entry row (rows are newest first), or null. */
export function newestEntryKey(rows: readonly LogRow[]): string | null {
  for (const row of rows) if (row.kind === 'entry') return row.key;
  return null;
}

/**
 * How many ERROR/CRITICAL entries sit above `previousNewest` (the newest entry key the
 * list had before): what a poll added at the top. Null when `previousNewest` is not near
 * the top, i.e. the list was replaced (first load, new filters), not extended: that is no
 * news to announce. Costs the number of new rows, not the list's length.
 */
export function countNewErrors(rows: readonly LogRow[], previousNewest: string | null): number | null {
  if (previousNewest === null) return null;
  let errors = 0;
  const end = Math.min(rows.length, SCAN_LIMIT);
  for (let i = 0; i < end; i++) {
    const row = rows[i]!;
    if (row.key === previousNewest) return errors;
    if (row.kind === 'entry' && isErrorLevel(row.entry.level)) errors++;
  }
  return null;
}
