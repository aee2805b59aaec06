import { calendarFields, type TimeZoneChoice } from './format-time';

// From and To as the user types and reads them: "2026-11-25 18:02", in the zone the views
// write times in (lib/core/format-time.ts), the same order of fields as the list's times,
// whatever the browser's locale. Independent of Intl, so tests are exact.

const two = (n: number): string => String(n).padStart(2, '0');

/** "2026-11-25 18:02", with ":SS" when there are seconds and ".mmm" when there are milliseconds. */
export function formatRangeInput(ms: number, zone: TimeZoneChoice): string {
  const d = new Date(ms);
  const { y, mo, day, h, mi, s } = calendarFields(d, zone);
  const millis = d.getUTCMilliseconds();
  const seconds = s || millis ? `:${two(s)}` : '';
  return `${y}-${two(mo)}-${two(day)} ${two(h)}:${two(mi)}${seconds}${millis ? `.${String(millis).padStart(3, '0')}` : ''}`;
}

const DATE_TIME = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,3}))?)?)?$/;
const TIME_ONLY = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,3}))?)?$/;

/** The instant of calendar fields in the zone, or null when they name no real moment (2026-02-30, 24:00). */
function instant(zone: TimeZoneChoice, y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const date = zone === 'utc' ? new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms)) : new Date(y, mo - 1, d, h, mi, s, ms);
  const day = zone === 'utc' ? date.getUTCDate() : date.getDate();
  return day === d && Number.isFinite(date.getTime()) ? date.getTime() : null;
}

/**
 * What the user typed into From or To: null for an empty field, an instant for a date and
 * time ("2026-11-25 18:02", seconds and milliseconds optional, a "T" as well as a space), a
 * date alone (its midnight) or a time alone (today, in the zone, as of `now`); 'invalid'
 * for anything else.
 */
export function parseRangeInput(text: string, zone: TimeZoneChoice, now: number): number | null | 'invalid' {
  const value = text.trim();
  if (!value) return null;
  const n = (part: string | undefined) => Number(part ?? 0);
  const ms = (part: string | undefined) => Number((part ?? '').padEnd(3, '0'));
  const full = DATE_TIME.exec(value);
  if (full) {
    const [, y, mo, d, h, mi, s, frac] = full;
    return instant(zone, n(y), n(mo), n(d), n(h), n(mi), n(s), ms(frac)) ?? 'invalid';
  }
  const time = TIME_ONLY.exec(value);
  if (time) {
    const [, h, mi, s, frac] = time;
    const today = calendarFields(new Date(now), zone);
    return instant(zone, today.y, today.mo, today.day, n(h), n(mi), n(s), ms(frac)) ?? 'invalid';
  }
  return 'invalid';
}
