// How the list writes a backend timestamp: local wall-clock time with milliseconds
// ("18:02:11.482"), plus the date when it is not today. Independent of the runtime's
// locale data (Intl output differs between browsers and Node), so tests are exact.

export interface FormatTimeOptions {
  /** "Now", for deciding whether the date is today (ms since epoch or a Date). */
  now?: number | Date;
}

// ISO-8601 date-time, any number of fraction digits, optional offset. Python's
// isoformat() writes microseconds; Date.parse is only specified for milliseconds, so the
// fraction is cut to three digits (truncated, as a clock shows it) before parsing.
const ISO = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:[.,](\d+))?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Milliseconds since epoch for a backend timestamp, or null when it is not one.
 * A timestamp without an offset is read as UTC: the backend logs in UTC (the contract's
 * example carries +00:00), and reading it as local time would shift it silently.
 */
export function parseTimestamp(iso: string): number | null {
  if (typeof iso !== 'string') return null;
  const m = ISO.exec(iso.trim());
  if (!m) return null;
  const [, date, time, fraction, offset] = m;
  const ms = (fraction ?? '').slice(0, 3).padEnd(3, '0');
  const hms = time!.length === 5 ? `${time}:00` : time!;
  let zone = (offset ?? 'Z').toUpperCase();
  if (zone !== 'Z') {
    // "+0100" / "+01" -> "+01:00"
    const digits = zone.slice(1).replace(':', '').padEnd(4, '0');
    zone = `${zone[0]}${digits.slice(0, 2)}:${digits.slice(2, 4)}`;
  }
  const value = Date.parse(`${date}T${hms}.${ms}${zone}`);
  return Number.isFinite(value) ? value : null;
}

const two = (n: number): string => String(n).padStart(2, '0');

/** "2026-11-25": the local day. */
export function localDate(d: Date): string {
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}

/** "18:02:11": local time, 24 h, independent of the runtime's locale data; `separator` '' gives "180211". */
export function localClock(d: Date, separator = ':'): string {
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map(two).join(separator);
}

/** Local time as HH:MM:SS (24 h) of a time in ms since epoch. */
export function formatClockTime(ms: number): string {
  return localClock(new Date(ms));
}

/**
 * "18:02:11.482" in local time; "2026-11-25 18:02:11.482" when that local day is not
 * today (relative to opts.now, default the current time). Anything unparsable comes back
 * unchanged, so the user still sees what the backend sent.
 */
export function formatLocalTime(iso: string, opts: FormatTimeOptions = {}): string {
  const ms = parseTimestamp(iso);
  if (ms === null) return iso;
  const d = new Date(ms);
  const time = `${localClock(d)}.${String(d.getMilliseconds()).padStart(3, '0')}`;
  const now = opts.now === undefined ? new Date() : new Date(opts.now);
  const day = localDate(d);
  return Number.isFinite(now.getTime()) && localDate(now) === day ? time : `${day} ${time}`;
}

/** The first 8 characters of an operation id (a UUID), for compact display. */
export function shortId(uuid: string): string {
  return typeof uuid === 'string' ? uuid.slice(0, 8) : '';
}
