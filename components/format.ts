import type { LogFilters } from '../lib/core/log-types';

// Limits and small wordings of the log list (times are lib/core/format-time.ts's job).

/** How much of a message the collapsed single-line row renders. */
export const COLLAPSED_CHARS = 500;
/** How much of a message/traceback the expanded view renders before "Show all". */
export const EXPANDED_CHARS = 200_000;

/**
 * The first `max` UTF-16 units of `text`, one fewer when the cut would split a surrogate
 * pair (half an emoji would show as a replacement character).
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  const next = text.charCodeAt(max);
  const splitsPair = last >= 0xd800 && last <= 0xdbff && next >= 0xdc00 && next <= 0xdfff;
  return text.slice(0, splitsPair ? max - 1 : max);
}

/** "12 KB" for a length in characters (close enough to bytes for a button's label). */
export function formatSize(chars: number): string {
  return chars < 1024 * 1024 ? `${Math.ceil(chars / 1024)} KB` : `${(chars / (1024 * 1024)).toFixed(1)} MB`;
}

/** "1 new entry", "3 new entries". */
export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Whether any server-side filter (level, errors only, operation, from) is set. */
export function hasActiveFilters(filters: LogFilters): boolean {
  return filters.level !== null || filters.errorsOnly || filters.operationId !== '' || filters.since !== null;
}
