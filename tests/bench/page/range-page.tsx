// The in-page half of section 8 (tests/bench/sections/range-benches.ts): the real panel in a
// logged-in NetBox page of the simulator, its logs read through the logs proxy for real.
// It sets From/To and times the exact rows and total, and applies live updates with the
// chart open and folded. The panel and its counters: ./panel-harness.tsx.
import { bucketsForWidth, chartData } from '../../../lib/core/chart-buckets';
import { createLogsController } from '../../../lib/core/logs-controller';
import { afterNextPaint, frames, now, percentile, until } from './measure';
import { markedFetchPage, marks, mountPanel, renders, type Mounted } from './panel-harness';

let mounted: Mounted | null = null;

const vmOf = () => {
  if (!mounted) throw new Error('no panel');
  return mounted.vm;
};
/** The view has its answer (and, with `whole`, every page below it). */
const settled = (whole: boolean) => {
  const vm = vmOf();
  if (vm.state.peek().phase === 'failed') throw new Error(`the view failed: ${JSON.stringify(vm.state.peek())}`);
  return vm.state.peek().phase === 'ready' && !vm.refreshing.peek() && !vm.loadingOlder.peek() && (!whole || !vm.hasOlder.peek());
};

/** Mounts the panel on the logs proxy and waits for its first page. */
async function start(opts: { baseUrl: string; proxyPath: string }): Promise<number> {
  const vm = createLogsController({ fetchPage: markedFetchPage(opts.baseUrl, opts.proxyPath), autoRefresh: false });
  mounted = mountPanel(vm);
  vm.start();
  await until(() => vm.state.peek().phase === 'ready', 60_000);
  return vm.loadedCount.peek();
}

export interface RangeResult {
  /** setTimeRange -> the whole range loaded (rows and total) and painted. */
  ms: number;
  /** setTimeRange -> the first rows of the range are in. */
  firstRowsMs: number;
  loaded: number;
  total: number | null;
}

/** Sets From/To and waits for the view to hold the whole range. */
async function showRange(from: number | null, to: number | null): Promise<RangeResult> {
  const vm = vmOf();
  await frames(2);
  const t0 = now();
  vm.setTimeRange({ from, to });
  let firstRows = 0;
  await until(() => {
    if (!firstRows && vm.loadedCount.peek() > 0) firstRows = now();
    return settled(true);
  }, 60_000);
  const painted = await afterNextPaint();
  return { ms: painted - t0, firstRowsMs: firstRows - t0, loaded: vm.loadedCount.peek(), total: vm.total.peek() };
}

/** Back to no range (the newest page). */
async function clearRange(): Promise<void> {
  vmOf().clearFilters();
  await until(() => settled(false), 60_000);
}

/** Folds or unfolds the chart with its own button. */
async function setChartFolded(folded: boolean): Promise<void> {
  const toggle = mounted!.shadow.querySelector<HTMLButtonElement>('.pbl-chart-toggle');
  if (!toggle) throw new Error('no chart');
  if (toggle.getAttribute('aria-expanded') === String(folded)) toggle.click();
  await frames(3);
}

export interface LiveUpdate {
  newEntries: number;
  /** Answer received -> merged and rendered (DOM updated). */
  applyMs: number;
  paintedMs: number;
  chartRenders: number;
  held: number;
}

/** One live update: the poll for the entries the simulator was just given. */
async function liveUpdate(): Promise<LiveUpdate> {
  const vm = vmOf();
  await frames(2);
  const before = vm.loadedCount.peek();
  const chartBefore = renders.chart;
  const panelBefore = renders.panel;
  await vm.refresh();
  await new Promise((r) => setTimeout(r, 0));
  const applied = renders.lastPanelAt;
  const painted = await afterNextPaint();
  return {
    newEntries: vm.loadedCount.peek() - before,
    applyMs: renders.panel > panelBefore ? applied - marks.answerAt : NaN,
    paintedMs: painted - marks.answerAt,
    chartRenders: renders.chart - chartBefore,
    held: vm.loadedCount.peek(),
  };
}

/**
 * Counting the bars alone, `runs` times: median and p95, ms. The bars start one bar earlier
 * every other time, so every entry held is counted, as in an update whose bars moved (one
 * whose bars stayed counts only the entries since the last: lib/core/entry-timeline.ts).
 */
function countBars(runs: number): { p50: number; p95: number; entries: number } {
  const vm = vmOf();
  const { from, to } = vm.filters.peek();
  const timeline = vm.timeline!.data;
  const span = chartData(timeline, { from, to, now: Date.now(), zone: 'local', maxBuckets: bucketsForWidth(null) })!.span;
  const earlier = { start: span.start - span.size, size: span.size, count: span.count + 1 };
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = now();
    timeline.count(i % 2 ? span : earlier);
    times.push(now() - t0);
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95), entries: timeline.size };
}

const api = { start, showRange, clearRange, setChartFolded, liveUpdate, countBars, ready: true };
export type RangeApi = typeof api;
(globalThis as unknown as { __pblRange: RangeApi }).__pblRange = api;
