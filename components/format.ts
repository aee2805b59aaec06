import type { LogFilters } from '../lib/log-types';

// Limits and small wordings of the log list (times are lib/format-time.ts's job).

/** How much of a message the collapsed single-line row renders. */
export const COLLAPSED_CHARS = 500;
/** How much of a message/traceback the expanded view renders before "Show all". */
export const EXPANDED_CHARS = 200_000;

/** "12 KB" for a length in characters (close enough to bytes for a button's label). */
export function formatSize(chars: number): string {
  return chars < 1024 * 1024 ? `${Math.ceil(chars / 1024)} KB` : `${(chars / (1024 * 1024)).toFixed(1)} MB`;
}

/** "1 new entry", "3 new entries". */
export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Whether any server-side filter (level, errors only, operation) is set. */
export function hasActiveFilters(filters: LogFilters): boolean {
  return filters.level !== null || filters.errorsOnly || filters.operationId !== '';
}
