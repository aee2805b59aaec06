import type { Bucket, ChartData } from './chart-buckets';
import { SERIES } from './entry-timeline';
import { calendarFields, zoneName, type TimeZoneChoice } from './format-time';

// The chart in words (components/EntriesChart.tsx): its accessible name, which starts with
// "Entries over time" and says every bar's count, the axis labels and each bar's tooltip.
// Times in the views' zone; locale-free, like lib/core/format-time.ts.

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const two = (n: number): string => String(n).padStart(2, '0');
// One formatter: toLocaleString builds one per call, a cost the chart paid at every live update.
const NUMBER = new Intl.NumberFormat('en-US');
/** "12,345": the chart's numbers, whatever the browser's locale. */
export const formatCount = (n: number): string => NUMBER.format(n);
const count = (n: number, one: string, many: string): string => `${formatCount(n)} ${n === 1 ? one : many}`;

/** "5 seconds", "1 minute", "15 minutes", "1 hour", "2 days". */
export function durationWords(ms: number): string {
  const units: Array<[number, string]> = [
    [DAY, 'day'],
    [60 * MINUTE, 'hour'],
    [MINUTE, 'minute'],
    [1000, 'second'],
  ];
  const [unit, name] = units.find(([u]) => ms >= u && ms % u === 0) ?? [1, 'millisecond'];
  const n = ms / unit;
  return `${n} ${name}${n === 1 ? '' : 's'}`;
}

/** "5 s", "15 min", "1 h", "2 days": a bar's size where room is short. */
export function durationShort(ms: number): string {
  const [n, unit] = durationWords(ms).split(' ') as [string, string];
  const short: Record<string, string> = { second: 's', seconds: 's', minute: 'min', minutes: 'min', hour: 'h', hours: 'h' };
  return `${n} ${short[unit] ?? unit}`;
}

/** Whether the chart's bars lie on more than one day in the zone (then times carry the date). */
export function spansDays(data: ChartData, zone: TimeZoneChoice): boolean {
  const day = (ms: number) => {
    const f = calendarFields(new Date(ms), zone);
    return `${f.y}-${f.mo}-${f.day}`;
  };
  const first = data.buckets[0]!;
  const last = data.buckets[data.buckets.length - 1]!;
  return day(first.start) !== day(last.end - 1) || data.span.size >= DAY;
}

/** A bar's bound as the axis says it: seconds only for bars under a minute, the date when asked. */
export function barTime(ms: number, zone: TimeZoneChoice, size: number, withDate: boolean): string {
  const f = calendarFields(new Date(ms), zone);
  const date = `${f.y}-${two(f.mo)}-${two(f.day)}`;
  if (size >= DAY) return date;
  const clock = `${two(f.h)}:${two(f.mi)}${size < MINUTE || f.s !== 0 ? `:${two(f.s)}` : ''}`;
  return withDate ? `${date} ${clock}` : clock;
}

export function zoneWords(zone: TimeZoneChoice, at: number): string {
  return zone === 'utc' ? 'UTC' : `local time, ${zoneName('local', new Date(at))}`;
}

/** One bar, for its button: "18:02:05 to 18:02:10: 40 entries (1 ERROR, 3 WARNING, 36 INFO)". */
export function bucketWords(bucket: Bucket, zone: TimeZoneChoice, size: number, withDate: boolean): string {
  const levels = SERIES.flatMap((name, i) => (bucket.bySeries[i] ? [`${bucket.bySeries[i]} ${name}`] : []));
  const range = `${barTime(bucket.start, zone, size, withDate)} to ${barTime(bucket.end, zone, size, withDate)}`;
  return `${range}: ${count(bucket.total, 'entry', 'entries')}${levels.length ? ` (${levels.join(', ')})` : ''}`;
}

/**
 * The accessible name: "Entries over time: 200 loaded entries from 08:01:10 to 08:03:15
 * (local time, UTC+01:00), in bars of 5 seconds; 3 errors; most in one bar: 40. 08:01:10: 12;
 * 08:01:15: 8, 1 error; …" (bars without entries are left out). It counts what the view
 * has loaded: the newest pages, or a whole time range.
 */
export function chartWords(data: ChartData, zone: TimeZoneChoice): string {
  const withDate = spansDays(data, zone);
  const size = data.span.size;
  const first = data.buckets[0]!;
  const last = data.buckets[data.buckets.length - 1]!;
  const head =
    `Entries over time: ${count(data.total, 'loaded entry', 'loaded entries')} from ${barTime(first.start, zone, size, withDate)} ` +
    `to ${barTime(last.end, zone, size, withDate)} (${zoneWords(zone, first.start)}), in bars of ${durationWords(size)}; ` +
    `${count(data.errors, 'error', 'errors')}; most in one bar: ${formatCount(data.max)}.`;
  const bars = data.buckets
    .filter((b) => b.total > 0)
    .map((b) => `${barTime(b.start, zone, size, withDate)}: ${b.total}${b.errors ? `, ${count(b.errors, 'error', 'errors')}` : ''}`);
  return bars.length ? `${head} ${bars.join('; ')}.` : head;
}
