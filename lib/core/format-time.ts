// How the list writes a backend timestamp: wall-clock time with milliseconds
// ("18:02:11.482") in local time or UTC, plus the date when it is not today there.
// Independent of the runtime's locale data (Intl output differs between browsers and
// Node), so tests are exact.

/** The zone the views write times in: the browser's, or UTC (a choice on the options page). */
export type TimeZoneChoice = 'local' | 'utc';

export interface FormatTimeOptions {
  /** "Now", for deciding whether the date is today (ms since epoch or a Date). */
  now?: number | Date;
  /** Default 'local'. */
  zone?: TimeZoneChoice;
}

// ISO-8601 date-time, any number of fraction digits, optional offset. Python's
// isoformat() writes microseconds; Date.parse is only specified for milliseconds, so the
// fraction is cut to three digits (truncated, as a clock shows it) before parsing.
const ISO = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:[.,](\d+))?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** A backend timestamp read once: ms since epoch, and its fraction digits as written. */
function readTimestamp(iso: string): { ms: number; fraction: string } | null {
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
  return Number.isFinite(value) ? { ms: value, fraction: fraction ?? '' } : null;
}

/**
 * Milliseconds since epoch for a backend timestamp, or null when it is not one.
 * A timestamp without an offset is read as UTC: the backend logs in UTC (the contract's
 * example carries +00:00), and reading it as local time would shift it silently.
 */
export function parseTimestamp(iso: string): number | null {
  return readTimestamp(iso)?.ms ?? null;
}

/**
 * Microseconds since epoch for a backend timestamp (Python writes microseconds), or null:
 * what a time range compares, so that an entry 0.5 ms after a bound is not taken as on it.
 */
export function parseTimestampMicros(iso: string): number | null {
  const t = readTimestamp(iso);
  return t === null ? null : t.ms * 1000 + Number(t.fraction.slice(3, 6).padEnd(3, '0'));
}

const two = (n: number): string => String(n).padStart(2, '0');

/** The calendar fields of `d` in the zone. */
export function calendarFields(d: Date, zone: TimeZoneChoice) {
  return zone === 'utc'
    ? { y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, day: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds() }
    : { y: d.getFullYear(), mo: d.getMonth() + 1, day: d.getDate(), h: d.getHours(), mi: d.getMinutes(), s: d.getSeconds() };
}

/** "2026-11-25" of some calendar fields. */
const dayText = (f: { y: number; mo: number; day: number }): string => `${f.y}-${two(f.mo)}-${two(f.day)}`;

function dateOf(d: Date, zone: TimeZoneChoice): string {
  return dayText(calendarFields(d, zone));
}

/** A list time in pieces, so a narrow layout can drop some: `${date} ${clock}${fraction}`. */
export interface TimeParts {
  /** "2026-11-25", or null when that day is today in the zone. */
  date: string | null;
  /** "18:02:11" */
  clock: string;
  /** ".482" */
  fraction: string;
}

/** formatTime's pieces; null when the timestamp cannot be read. */
export function timeParts(iso: string, opts: FormatTimeOptions = {}): TimeParts | null {
  return timeTexts(iso, opts).parts;
}

/**
 * timeParts and formatFullTimestamp of one timestamp, read once: the list's rows show both
 * (the time, and the whole of it in the cell's tooltip), a drag's frame for every row.
 */
export function timeTexts(iso: string, opts: FormatTimeOptions = {}): { parts: TimeParts | null; full: string } {
  const ms = parseTimestamp(iso);
  if (ms === null) return { parts: null, full: iso };
  const zone = opts.zone ?? 'local';
  const d = new Date(ms);
  const f = calendarFields(d, zone);
  const day = dayText(f);
  const clock = `${two(f.h)}:${two(f.mi)}:${two(f.s)}`;
  const fraction = `.${String(d.getUTCMilliseconds()).padStart(3, '0')}`;
  const now = opts.now === undefined ? new Date() : new Date(opts.now);
  const today = Number.isFinite(now.getTime()) && dateOf(now, zone) === day;
  return { parts: { date: today ? null : day, clock, fraction }, full: `${day} ${clock}${fraction} ${zoneName(zone, d)}` };
}

/**
 * "10:56" (hours and minutes) of a time in ms since epoch, in the zone; "2026-11-25 23:58"
 * when that day is not today there. For times a person reads at a glance (a sync's start).
 */
export function formatHourMinute(ms: number, opts: FormatTimeOptions = {}): string {
  if (!Number.isFinite(ms)) return '';
  const zone = opts.zone ?? 'local';
  const d = new Date(ms);
  const f = calendarFields(d, zone);
  const now = opts.now === undefined ? new Date() : new Date(opts.now);
  const today = Number.isFinite(now.getTime()) && dateOf(now, zone) === dateOf(d, zone);
  return `${today ? '' : `${dateOf(d, zone)} `}${two(f.h)}:${two(f.mi)}`;
}

/** "under a minute", "2 min", "1 h 5 min": how long something has been going on. */
export function formatElapsed(ms: number): string {
  const minutes = Number.isFinite(ms) && ms > 0 ? Math.floor(ms / 60_000) : 0;
  if (minutes < 1) return 'under a minute';
  if (minutes < 60) return `${minutes} min`;
  const rest = minutes % 60;
  return `${Math.floor(minutes / 60)} h${rest ? ` ${rest} min` : ''}`;
}

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
 * "18:02:11.482" in the zone (local by default); "2026-11-25 18:02:11.482" when that
 * day is not today in the same zone (relative to opts.now, default the current time).
 * Anything unparsable comes back unchanged, so the user still sees what the backend sent.
 */
export function formatTime(iso: string, opts: FormatTimeOptions = {}): string {
  const p = timeParts(iso, opts);
  if (!p) return iso;
  return `${p.date ? `${p.date} ` : ''}${p.clock}${p.fraction}`;
}

/** formatTime in local time (the popup's recent operations). */
export function formatLocalTime(iso: string, opts: Omit<FormatTimeOptions, 'zone'> = {}): string {
  return formatTime(iso, { ...opts, zone: 'local' });
}

/** "UTC", or the local offset at that moment: "UTC+01:00", "UTC−04:30". */
export function zoneName(zone: TimeZoneChoice, at: Date = new Date()): string {
  if (zone === 'utc') return 'UTC';
  const offset = -at.getTimezoneOffset();
  if (offset === 0) return 'UTC+00:00';
  const abs = Math.abs(offset);
  return `UTC${offset > 0 ? '+' : '\u2212'}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}

/**
 * The whole timestamp with its date and zone, for a row's tooltip and its details:
 * "2026-11-25 19:02:11.482 UTC+01:00". Unparsable input comes back unchanged.
 */
export function formatFullTimestamp(iso: string, zone: TimeZoneChoice): string {
  return timeTexts(iso, { zone }).full;
}

/** The first 8 characters of an operation id (a UUID), for compact display. */
export function shortId(uuid: string): string {
  return typeof uuid === 'string' ? uuid.slice(0, 8) : '';
}
