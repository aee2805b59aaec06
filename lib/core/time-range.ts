import { parseTimestamp, parseTimestampMicros } from './format-time';
import type { LogEntry, LogFilters, LogsQuery } from './log-types';

// A view's time range, From and To, part of its filters (lib/core/log-types.ts): instants in
// ms since epoch, whatever zone the fields show them in. From is the backend's `since`
// (exclusive); To has no parameter on the backend, so lib/core/range-pages.ts makes it exact.

export interface TimeRange {
  from: number | null;
  to: number | null;
}

export const NO_RANGE: TimeRange = { from: null, to: null };

/** The filter bar's and the popup's presets: From this long before now, To open (live). */
export const RANGE_PRESETS = [
  { label: 'Last 15 min', name: 'Last 15 minutes', ms: 15 * 60_000 },
  { label: 'Last hour', name: 'Last hour', ms: 60 * 60_000 },
  { label: 'Last 24 h', name: 'Last 24 hours', ms: 24 * 60 * 60_000 },
] as const;

/** Whether From or To is set (the view then reads the whole range: lib/core/range-fill.ts). */
export function hasTimeRange(range: Pick<LogFilters, 'from' | 'to'>): boolean {
  return range.from !== null || range.to !== null;
}

/** A finite instant, or null (a caller's NaN must not become a query). */
export function instantOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : null;
}

/** `since` for From, as ISO with Z (an unencoded "+00:00" would reach the backend as a space). */
export function sinceOf(range: Pick<LogFilters, 'from'>): Pick<LogsQuery, 'since'> {
  return range.from === null ? {} : { since: new Date(range.from).toISOString() };
}

/** Whether an entry is after To. An unreadable timestamp cannot be placed, so it is kept. */
export function isAfterTo(entry: Pick<LogEntry, 'timestamp'>, to: number): boolean {
  const micros = parseTimestampMicros(entry.timestamp);
  return micros !== null && micros > to * 1000;
}

/** A preset's range as of `now`: From on a whole second (the field shows it without a fraction). */
export function presetRange(ms: number, now: number): TimeRange {
  return { from: Math.floor((now - ms) / 1000) * 1000, to: null };
}

/** A range as it travels in a URL or a message: ISO instants, absent when unset. */
export interface RangeText {
  from?: string;
  to?: string;
}

export function rangeToText(range: Partial<TimeRange>): RangeText {
  const out: RangeText = {};
  if (typeof range.from === 'number') out.from = new Date(range.from).toISOString();
  if (typeof range.to === 'number') out.to = new Date(range.to).toISOString();
  return out;
}

/** What of a RangeText can be read (anything else is left out, never guessed). */
export function rangeFromText(text: { from?: unknown; to?: unknown } | null | undefined): Partial<TimeRange> {
  const read = (value: unknown) => (typeof value === 'string' ? parseTimestamp(value) : null);
  const out: Partial<TimeRange> = {};
  const from = read(text?.from);
  const to = read(text?.to);
  if (from !== null) out.from = from;
  if (to !== null) out.to = to;
  return out;
}
