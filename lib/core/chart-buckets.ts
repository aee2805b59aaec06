import type { BucketSpan, EntryTimeline } from './entry-timeline';
import { SERIES } from './entry-timeline';
import type { TimeZoneChoice } from './format-time';

// The chart's buckets (components/EntriesChart.tsx): a "nice" size (1 s … 7 days) that
// gives at most `maxBuckets` bars over the time shown, bars starting on whole multiples of
// it in the zone the views show (a 15-minute bar starts at :00, :15, …), and the counts per
// bar from the view's timeline. What is shown: From (or the oldest entry loaded) to To (or
// now). Pure: the component passes `now` and the width it has.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const BUCKET_SIZES = [
  SECOND, 2 * SECOND, 5 * SECOND, 10 * SECOND, 15 * SECOND, 30 * SECOND,
  MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE,
  HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY,
];

/** Most bars: about 7 px each in the 360 px side panel, wider anywhere else. */
export const CHART_MAX_BUCKETS = 48;
/** A bar is never narrower than this (px): fewer, wider bars in a narrow panel. */
export const CHART_MIN_BAR_PX = 7;
/** The fewest bars the width allows for (however narrow). */
export const CHART_MIN_BUCKETS = 12;

export interface Bucket {
  /** (start, end], ms since epoch, within From and To: what a click sets them to. */
  start: number;
  end: number;
  total: number;
  errors: number;
  /** Counts in SERIES order. */
  bySeries: number[];
}

export interface ChartData {
  span: BucketSpan;
  buckets: Bucket[];
  /** The largest bar. */
  max: number;
  /** Entries in the bars, and errors among them. */
  total: number;
  errors: number;
}

/** The bars a width allows. */
export function bucketsForWidth(widthPx: number | null): number {
  if (!widthPx || widthPx <= 0) return CHART_MAX_BUCKETS;
  return Math.max(CHART_MIN_BUCKETS, Math.min(CHART_MAX_BUCKETS, Math.floor(widthPx / CHART_MIN_BAR_PX)));
}

/** Where (start, end] is cut into bars in the zone: their start, size and number (at most maxBuckets, once aligned). */
export function bucketSpan(start: number, end: number, zone: TimeZoneChoice, maxBuckets: number): BucketSpan {
  // Local bars start on the local clock's multiples (its offset at the start; a DST change
  // inside the span shifts the later bars by the hour the clock moved).
  const offset = zone === 'local' ? -new Date(start).getTimezoneOffset() * MINUTE : 0;
  let span: BucketSpan = { start, size: 1, count: 1 };
  for (const size of BUCKET_SIZES) {
    const first = Math.floor((start + offset) / size) * size - offset;
    span = { start: first, size, count: Math.max(1, Math.ceil((end - first) / size)) };
    if (span.count <= maxBuckets) break;
  }
  return span;
}

export interface ChartWindow {
  /** The view's From and To (null: the oldest entry loaded / now). */
  from: number | null;
  to: number | null;
  now: number;
  zone: TimeZoneChoice;
  maxBuckets: number;
}

/** The bars for what the timeline holds, or null when there is nothing to place in time. */
export function chartData(timeline: EntryTimeline, scope: ChartWindow): ChartData | null {
  const oldest = timeline.oldest;
  const newest = timeline.newest;
  if (scope.from === null && oldest === null) return null;
  // Bars are (start, end]: the oldest entry must be after the first bar's start.
  const start = scope.from ?? oldest! - 0.001;
  const end = scope.to ?? Math.max(scope.now, newest ?? scope.now);
  if (end <= start) return null;
  const span = bucketSpan(start, end, scope.zone, scope.maxBuckets);
  const counts = timeline.count(span);
  const width = SERIES.length;
  const buckets: Bucket[] = [];
  let max = 0;
  let total = 0;
  let errors = 0;
  for (let i = 0; i < span.count; i++) {
    const bySeries = Array.from(counts.subarray(i * width, (i + 1) * width));
    const sum = bySeries.reduce((a, b) => a + b, 0);
    const errs = bySeries[0]! + bySeries[1]!;
    // Cut to From and To: a click inside a range narrows it, never widens it.
    const from = Math.max(span.start + i * span.size, scope.from ?? -Infinity);
    const to = Math.min(span.start + (i + 1) * span.size, scope.to ?? Infinity);
    buckets.push({ start: from, end: to, total: sum, errors: errs, bySeries });
    max = Math.max(max, sum);
    total += sum;
    errors += errs;
  }
  return { span, buckets, max, total, errors };
}
