// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { BUCKET_SIZES, bucketSpan, bucketsForWidth, chartData, CHART_MAX_BUCKETS, CHART_MIN_BUCKETS } from '../../../lib/core/chart-buckets';
import { barTime, bucketWords, chartWords, durationShort, durationWords } from '../../../lib/core/chart-words';
import { EntryTimeline, SERIES, type BucketSpan } from '../../../lib/core/entry-timeline';
import type { LogEntry } from '../../../lib/core/log-types';
import { makeEntry } from './fake-backend';

// The chart's data: the loaded entries in time, counted into bars, and said in words.

const T0 = Date.UTC(2026, 10, 25, 2, 0);
const MIN = 60_000;
const iso = (ms: number, micros = 0) => `${new Date(ms).toISOString().slice(0, 23)}${String(micros).padStart(3, '0')}+00:00`;

function timeline(entries: Array<[ms: number, level: string, micros?: number]>): EntryTimeline {
  const t = new EntryTimeline();
  t.add(entries.map(([ms, level, micros], i) => makeEntry(i + 1, iso(ms, micros ?? 0), { level })));
  return t;
}

describe('EntryTimeline', () => {
  it('counts each entry in the bar its time ends: (start, end], to the microsecond', () => {
    const t = timeline([
      [T0, 'INFO'], // on the first bound: before the first bar
      [T0, 'INFO', 1], // 1 µs after it: first bar
      [T0 + 15 * MIN, 'ERROR'], // on the bound between: first bar
      [T0 + 15 * MIN, 'DEBUG', 1], // second bar
      [T0 + 29 * MIN, 'CRITICAL'],
      [T0 + 31 * MIN, 'WARNING'], // after the last bar
    ]);
    const counts = t.count({ start: T0, size: 15 * MIN, count: 2 });
    const bar = (k: number) => Object.fromEntries(SERIES.map((s, i) => [s, counts[k * SERIES.length + i]]).filter(([, n]) => n));
    expect(bar(0)).toEqual({ INFO: 1, ERROR: 1 });
    expect(bar(1)).toEqual({ DEBUG: 1, CRITICAL: 1 });
    expect([t.size, t.errors, t.oldest, t.newest]).toEqual([6, 2, T0, T0 + 31 * MIN]);
  });

  it('counts what came since the last count when the bars stay, and everything again when it must', () => {
    const all: LogEntry[] = [];
    const t = new EntryTimeline();
    const add = (...entries: LogEntry[]) => {
      all.push(...entries);
      t.add(entries);
    };
    // What a timeline that never counted before finds for the same entries.
    const recount = (span: BucketSpan) => {
      const fresh = new EntryTimeline();
      fresh.add(all);
      return [...fresh.count(span)];
    };
    const span = { start: T0, size: 15 * MIN, count: 2 };
    add(makeEntry(1, iso(T0 + MIN), { level: 'INFO' }), makeEntry(2, iso(T0 + 2 * MIN), { level: 'ERROR' }));
    const first = t.count(span);
    add(makeEntry(3, iso(T0 + 20 * MIN), { level: 'INFO' }), makeEntry(4, iso(T0 + 3 * MIN), { level: 'ERROR' }));
    expect([...t.count(span)]).toEqual(recount(span));
    expect(first[SERIES.indexOf('ERROR')]).toBe(1); // an array handed out is never changed
    // A bar more at the end (now moved on); one fewer, with an entry past it (a To); then more again.
    expect([...t.count({ ...span, count: 3 })]).toEqual(recount({ ...span, count: 3 }));
    expect([...t.count({ ...span, count: 1 })]).toEqual(recount({ ...span, count: 1 }));
    add(makeEntry(5, iso(T0 + 4 * MIN), { level: 'INFO' }));
    expect([...t.count({ ...span, count: 3 })]).toEqual(recount({ ...span, count: 3 }));
    t.clear();
    all.length = 0;
    add(makeEntry(6, iso(T0 + MIN), { level: 'DEBUG' }));
    expect([...t.count({ ...span, count: 3 })]).toEqual(recount({ ...span, count: 3 }));
  });

  it('puts unknown levels under OTHER, skips what cannot be placed in time, and clears', () => {
    const t = new EntryTimeline();
    t.add([makeEntry(1, iso(T0 + 1), { level: 'NOTICE' }), makeEntry(2, 'not a time', { level: 'ERROR' }), makeEntry(3, iso(T0 + 2), { level: 'error' })]);
    const counts = t.count({ start: T0, size: MIN, count: 1 });
    expect([counts[SERIES.indexOf('OTHER')], counts[SERIES.indexOf('ERROR')], t.size, t.errors]).toEqual([1, 1, 2, 1]);
    for (let i = 0; i < 3000; i++) t.add([makeEntry(10 + i, iso(T0 + i), { level: 'INFO' })]); // grows past its first arrays
    expect(t.size).toBe(3002);
    t.clear();
    expect([t.size, t.errors, t.oldest, t.newest]).toEqual([0, 0, null, null]);
  });
});

describe('bars', () => {
  it('take the smallest nice size that fits, starting on its whole multiples', () => {
    expect(bucketSpan(T0 + 7 * MIN, T0 + 6 * 60 * MIN, 'utc', 48)).toEqual({ start: T0, size: 10 * MIN, count: 36 });
    expect(bucketSpan(T0 + 1234, T0 + 30_000, 'utc', 48)).toEqual({ start: T0 + 1000, size: 1000, count: 29 });
    expect(bucketSpan(T0, T0 + 400 * 24 * 60 * MIN, 'utc', 48).size).toBe(BUCKET_SIZES.at(-1));
    // Local bars start on the local clock's whole hours.
    const local = bucketSpan(T0 + 7 * MIN, T0 + 30 * 60 * MIN, 'local', 48);
    expect(local.size).toBe(60 * MIN);
    expect(new Date(local.start).getMinutes()).toBe(0);
    expect(local.start).toBeLessThanOrEqual(T0 + 7 * MIN);
  });

  it('as many as the width allows, never fewer than a dozen', () => {
    expect([bucketsForWidth(null), bucketsForWidth(336), bucketsForWidth(2000), bucketsForWidth(40)]).toEqual([CHART_MAX_BUCKETS, 48, CHART_MAX_BUCKETS, CHART_MIN_BUCKETS]);
  });

  it('cover From to To, cut to them, with the counts, the largest bar and the errors', () => {
    const t = timeline([
      [T0 + 8 * MIN, 'INFO'],
      [T0 + 9 * MIN, 'ERROR'],
      [T0 + 21 * MIN, 'INFO'],
      [T0 + 22 * MIN, 'INFO'],
      [T0 + 23 * MIN, 'WARNING'],
    ]);
    const data = chartData(t, { from: T0 + 7 * MIN, to: T0 + 37 * MIN, now: T0 + 60 * MIN, zone: 'utc', maxBuckets: 3 })!;
    expect(data.span).toEqual({ start: T0, size: 15 * MIN, count: 3 });
    expect(data.buckets.map((b) => [(b.start - T0) / MIN, (b.end - T0) / MIN, b.total, b.errors])).toEqual([
      [7, 15, 2, 1],
      [15, 30, 3, 0],
      [30, 37, 0, 0],
    ]);
    expect([data.max, data.total, data.errors]).toEqual([3, 5, 1]);
  });

  it('without a range: from the oldest entry loaded (counted) to now', () => {
    const t = timeline([[T0, 'INFO'], [T0 + 50_000, 'DEBUG']]);
    const data = chartData(t, { from: null, to: null, now: T0 + 60_000, zone: 'utc', maxBuckets: 48 })!;
    expect(data.total).toBe(2);
    expect(data.buckets.at(-1)!.end).toBeGreaterThanOrEqual(T0 + 60_000);
    expect(chartData(new EntryTimeline(), { from: null, to: null, now: T0, zone: 'utc', maxBuckets: 48 })).toBeNull();
  });
});

describe('the chart in words', () => {
  const t = timeline([
    [T0 + 1 * MIN, 'INFO'],
    [T0 + 2 * MIN, 'ERROR'],
    [T0 + 3 * MIN, 'CRITICAL'],
    [T0 + 20 * MIN, 'INFO'],
  ]);
  const data = chartData(t, { from: T0, to: T0 + 45 * MIN, now: T0, zone: 'utc', maxBuckets: 3 })!;

  it('an image name that starts with "Entries over time" and says every bar with entries', () => {
    expect(chartWords(data, 'utc')).toBe(
      'Entries over time: 4 loaded entries from 02:00 to 02:45 (UTC), in bars of 15 minutes; 2 errors; most in one bar: 3. ' +
        '02:00: 3, 2 errors; 02:15: 1.',
    );
    const local = chartWords(data, 'local');
    expect(local).toMatch(/^Entries over time: 4 loaded entries from \d{2}:\d{2} to \d{2}:\d{2} \(local time, UTC[+\u2212]\d{2}:\d{2}\), in bars of 15 minutes/);
  });

  it('a bar for its button, with each level; dates when the bars span days; durations', () => {
    expect(bucketWords(data.buckets[0]!, 'utc', data.span.size, false)).toBe('02:00 to 02:15: 3 entries (1 CRITICAL, 1 ERROR, 1 INFO)');
    expect(barTime(T0 + 5_000, 'utc', 5_000, true)).toBe('2026-11-25 02:00:05');
    expect(barTime(T0, 'utc', 24 * 60 * MIN, false)).toBe('2026-11-25');
    expect([durationWords(5_000), durationWords(MIN), durationWords(15 * MIN), durationWords(3_600_000), durationWords(2 * 86_400_000)]).toEqual([
      '5 seconds',
      '1 minute',
      '15 minutes',
      '1 hour',
      '2 days',
    ]);
    expect([durationShort(5_000), durationShort(15 * MIN), durationShort(3_600_000), durationShort(86_400_000)]).toEqual(['5 s', '15 min', '1 h', '1 day']);
  });
});
