import { parseTimestampMicros } from './format-time';
import type { LogEntry } from './log-types';

// When each entry a view holds was written, and its level: the chart's data
// (components/EntriesChart.tsx). The store (lib/core/log-store.ts) adds every entry it takes
// in, once, and clears it with itself. Kept as two typed arrays and each timestamp read
// once, so counting 10,000 (or 100,000) entries into buckets is one pass over numbers,
// with no parsing and no objects: cheap enough to do again at every live update.

/** The chart's series, bottom up: errors first, so they show however small. */
export const SERIES = ['CRITICAL', 'ERROR', 'WARNING', 'INFO', 'DEBUG', 'OTHER'] as const;
export type Series = (typeof SERIES)[number];
const ERROR_SERIES = 2; // CRITICAL and ERROR

function seriesOf(level: string): number {
  const i = SERIES.indexOf(level.toUpperCase() as Series);
  return i >= 0 && i < SERIES.length - 1 ? i : SERIES.length - 1;
}

/** Buckets (start + i·size, start + (i+1)·size], in ms: an entry exactly at a bound is in the bucket it ends. */
export interface BucketSpan {
  start: number;
  size: number;
  count: number;
}

export class EntryTimeline {
  private micros = new Float64Array(1024);
  private series = new Uint8Array(1024);
  private n = 0;
  private errorCount = 0;
  private oldestMicros = Infinity;
  private newestMicros = -Infinity;
  /** The last count (the timeline only grows until cleared): a live update adds only the entries since. */
  private counted: { start: number; size: number; count: number; n: number; above: number; counts: Uint32Array } | null = null;

  /** Entries with a readable timestamp. */
  get size(): number {
    return this.n;
  }

  /** ERROR and CRITICAL entries among them. */
  get errors(): number {
    return this.errorCount;
  }

  /** The oldest and newest times held (ms, fraction kept), or null when empty. */
  get oldest(): number | null {
    return this.n ? this.oldestMicros / 1000 : null;
  }
  get newest(): number | null {
    return this.n ? this.newestMicros / 1000 : null;
  }

  add(entries: readonly LogEntry[]): void {
    for (const entry of entries) {
      const t = parseTimestampMicros(entry.timestamp);
      if (t === null) continue; // cannot be placed in time
      if (this.n === this.micros.length) this.grow();
      const s = seriesOf(entry.level);
      this.micros[this.n] = t;
      this.series[this.n] = s;
      this.n++;
      if (s < ERROR_SERIES) this.errorCount++;
      if (t < this.oldestMicros) this.oldestMicros = t;
      if (t > this.newestMicros) this.newestMicros = t;
    }
  }

  clear(): void {
    this.n = 0;
    this.errorCount = 0;
    this.oldestMicros = Infinity;
    this.newestMicros = -Infinity;
    this.counted = null;
  }

  /**
   * Counts per bucket and series: `counts[bucket * SERIES.length + series]`. When the bars
   * start and are as wide as at the last call, only the entries added since are counted (a
   * live update at 100,000 entries: a few hundred numbers instead of all of them), also
   * when bars were added at the end, unless an entry counted before lay past the last bar
   * (a To before it). Callers may keep the array: it is never changed afterwards.
   */
  count(span: BucketSpan): Uint32Array {
    const width = SERIES.length;
    const last = this.counted;
    const reuse =
      last !== null &&
      last.start === span.start &&
      last.size === span.size &&
      last.n <= this.n &&
      (last.count === span.count || (last.count < span.count && last.above === 0));
    const counts = new Uint32Array(span.count * width);
    if (reuse) counts.set(last.counts);
    const above = (reuse ? last.above : 0) + this.countInto(counts, span, reuse ? last.n : 0);
    this.counted = { start: span.start, size: span.size, count: span.count, n: this.n, above, counts };
    return counts;
  }

  /** Counts entries `from` on into `counts`; returns how many lay past the last bar. */
  private countInto(counts: Uint32Array, span: BucketSpan, from: number): number {
    const width = SERIES.length;
    const start = span.start * 1000;
    const size = span.size * 1000;
    let above = 0;
    for (let i = from; i < this.n; i++) {
      const k = Math.ceil((this.micros[i]! - start) / size) - 1;
      if (k >= span.count) above++;
      if (k < 0 || k >= span.count) continue;
      const at = k * width + this.series[i]!;
      counts[at] = counts[at]! + 1;
    }
    return above;
  }

  private grow(): void {
    const micros = new Float64Array(this.micros.length * 2);
    micros.set(this.micros);
    const series = new Uint8Array(this.series.length * 2);
    series.set(this.series);
    this.micros = micros;
    this.series = series;
  }
}
