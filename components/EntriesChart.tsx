import type { RefObject } from 'preact';
import { useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import { VIEW_INTERVAL_MS } from '../lib/core/cadence';
import { bucketsForWidth, chartData, type ChartData } from '../lib/core/chart-buckets';
import { barTime, bucketWords, chartWords, durationShort, formatCount, spansDays } from '../lib/core/chart-words';
import { SERIES } from '../lib/core/entry-timeline';
import type { TimeZoneChoice } from '../lib/core/format-time';
import type { LogsViewModel } from '../lib/core/logs-view-model';
import { plural } from './format';
import { useChartFolded } from './use-chart-folded';
import { useNow } from './use-now';

/** The bars' height in px, and the SVG's: bars are drawn in px upwards, in bar widths across. */
const PLOT_HEIGHT = 40;
/** An error is never thinner than this, however tall the busiest bar; nor any other count than a pixel. */
const MIN_ERROR_PX = 2;
const MIN_BAR_PX = 1;

function useWidth(ref: RefObject<HTMLElement | null>): number | null {
  const [width, setWidth] = useState<number | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver !== 'function') return;
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return width;
}

/** Each bar stacked bottom up in SERIES order (errors at the foot, where they always show). */
function Bars({ data }: { data: ChartData }) {
  const scale = data.max ? PLOT_HEIGHT / data.max : 0;
  return (
    <>
      {data.buckets.flatMap((bucket, i) => {
        let y = PLOT_HEIGHT;
        return SERIES.flatMap((name, s) => {
          const n = bucket.bySeries[s]!;
          if (!n) return [];
          const h = Math.max(n * scale, s < 2 ? MIN_ERROR_PX : MIN_BAR_PX);
          y -= h;
          return [<rect key={`${i}:${name}`} class={`pbl-bar pbl-bar--${name.toLowerCase()}`} x={i + 0.12} width={0.76} y={y} height={h} />];
        });
      })}
    </>
  );
}

/** One button per bar with entries, over its bar: a click (or Enter) sets From and To to it. Arrows move between them. */
function BarButtons({ data, zone, onPick }: { data: ChartData; zone: TimeZoneChoice; onPick: (start: number, end: number) => void }) {
  const [active, setActive] = useState(0);
  const withDate = spansDays(data, zone);
  const hits = data.buckets.map((bucket, i) => ({ bucket, i })).filter((h) => h.bucket.total > 0);
  if (hits.length === 0) return null;
  const current = Math.min(active, hits.length - 1);
  const width = 100 / data.buckets.length;
  return (
    <div
      class="pbl-chart-hits"
      role="toolbar"
      aria-label="Bars: choose one to show only its time"
      onKeyDown={(e) => {
        const keys: Record<string, number> = { ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: hits.length - 1 };
        const next = keys[e.key];
        if (next === undefined) return;
        e.preventDefault();
        const to = Math.max(0, Math.min(hits.length - 1, next));
        setActive(to);
        e.currentTarget.querySelectorAll<HTMLButtonElement>('button')[to]?.focus();
      }}
    >
      {hits.map(({ bucket, i }, k) => {
        const words = bucketWords(bucket, zone, data.span.size, withDate);
        return (
          <button
            key={bucket.start}
            type="button"
            class="pbl-chart-hit"
            style={{ left: `${i * width}%`, width: `${width}%` }}
            tabIndex={k === current ? 0 : -1}
            aria-label={`${words}. Show only this time.`}
            title={words}
            onFocus={() => setActive(k)}
            onClick={() => onPick(bucket.start, bucket.end)}
          />
        );
      })}
    </div>
  );
}

/**
 * Entries over time, above the list: bars of the entries the view has loaded (the newest
 * pages, or a whole From/To range), coloured by level, following the filters and each live
 * update. For assistive technology an image whose name says every bar's count. It folds
 * away (the choice is kept for every view).
 */
export function EntriesChart({ vm, timeZone }: { vm: LogsViewModel; timeZone: TimeZoneChoice }) {
  const timeline = vm.timeline;
  const rootRef = useRef<HTMLDivElement>(null);
  const bodyId = useId();
  const [folded, setFolded] = useChartFolded();
  const width = useWidth(rootRef);
  const version = timeline?.version.value ?? 0;
  const { from, to } = vm.filters.value;
  const size = timeline?.data.size ?? 0;
  // An open chart ends now: it moves on while nothing comes.
  const now = useNow(!folded && to === null && size > 0, VIEW_INTERVAL_MS);
  const maxBuckets = bucketsForWidth(width);
  const data = useMemo(
    () => (folded || !timeline ? null : chartData(timeline.data, { from, to, now, zone: timeZone, maxBuckets })),
    [folded, timeline, version, from, to, now, timeZone, maxBuckets],
  );
  if (!timeline) return null;

  const errors = timeline.data.errors;
  const withDate = data ? spansDays(data, timeZone) : false;
  // Pieces that keep together; the line may break between them (a spaced "·").
  const summary = [
    <span key="n" class="pbl-nowrap">{formatCount(size)} loaded</span>,
    errors > 0 && <span key="e" class="pbl-nowrap pbl-chart-errors">· {plural(errors, 'error', 'errors')}</span>,
    data && <span key="s" class="pbl-nowrap">· {durationShort(data.span.size)} bars</span>,
    data && <span key="m" class="pbl-nowrap">· max {formatCount(data.max)}</span>,
  ].filter(Boolean);
  return (
    <div class="pbl-chart" ref={rootRef}>
      <div class="pbl-chart-head">
        <button
          type="button"
          class="pbl-btn pbl-btn--sm pbl-chart-toggle"
          aria-expanded={!folded}
          aria-controls={data ? bodyId : undefined}
          onClick={() => setFolded(!folded)}
        >
          <svg aria-hidden="true" class="pbl-chevron" viewBox="0 0 10 10">
            <path d={folded ? 'M3 1.5 7.5 5 3 8.5Z' : 'M1.5 3h7L5 7.5Z'} />
          </svg>
          Entries over time
        </button>
        <span class="pbl-muted pbl-chart-summary" title="The chart counts the entries loaded in this view: the newest pages, or a whole From/To range.">
          {summary.flatMap((piece, i) => (i ? [' ', piece] : [piece]))}
        </span>
      </div>
      {data && (
        <div class="pbl-chart-body" id={bodyId}>
          <div class="pbl-chart-plot">
            <svg class="pbl-chart-svg" role="img" aria-label={chartWords(data, timeZone)} viewBox={`0 0 ${data.buckets.length} ${PLOT_HEIGHT}`} preserveAspectRatio="none">
              <Bars data={data} />
            </svg>
            <BarButtons data={data} zone={timeZone} onPick={(start, end) => vm.setTimeRange({ from: start, to: end })} />
          </div>
          <div class="pbl-chart-axis" aria-hidden="true">
            <span>{barTime(data.buckets[0]!.start, timeZone, data.span.size, withDate)}</span>
            <span>{barTime(data.buckets[data.buckets.length - 1]!.end, timeZone, data.span.size, withDate)}</span>
          </div>
        </div>
      )}
    </div>
  );
}
