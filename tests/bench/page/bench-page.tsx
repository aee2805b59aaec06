// The in-page half of the rendering, scale and search benchmarks (tests/bench/run.ts).
// Built by tests/bench/build-page.ts into one script and added to a logged-in NetBox page
// of the simulator. It mounts the real panel — the same PanelShell + LogsPanel + logs
// controller + panel.css in a shadow root as the content script — and, for the rendering
// figure, the Proxbox page's renderer (./plugin-page.ts: a table row per entry built
// with createElement, every row in the DOM). Timing helpers: ./measure.ts.
import { options, type VNode } from 'preact';
import { signal } from '@preact/signals';
import { LogList } from '../../../components/LogList';
import { EntryRow } from '../../../components/LogRow';
import { LogsPanel } from '../../../components/LogsPanel';
import { mountInShadowRoot } from '../../../lib/content/mount-in-shadow-root';
import { PanelShell } from '../../../components/PanelShell';
import css from '../../../components/panel.css?inline';
import type { FetchOutcome } from '../../../lib/core/failure';
import { fetchLogs } from '../../../lib/core/fetch-logs';
import type { LogsPage } from '../../../lib/core/log-types';
import { createLogsController, type LogsController } from '../../../lib/core/logs-controller';
import { buildLogsUrl } from '../../../lib/core/logs-query';
import { parseLogsResponse } from '../../../lib/core/parse-logs-response';
import type { FetchPage } from '../../../lib/core/sync-newer';
import { afterNextPaint, afterThisFrame, frames, now, percentile } from './measure';
import { createPluginPage } from './plugin-page';
import { wheelScroll, type WheelScrollResult } from './wheel-scroll';

// ---- measuring helpers -------------------------------------------------------------

/** Renders counted by component, and when the last one finished. */
const renders = { panel: 0, list: 0, rows: 0, all: 0, lastPanelAt: 0, lastListAt: 0 };
const previousDiffed = options.diffed;
options.diffed = (vnode: VNode) => {
  if (typeof vnode.type === 'function') renders.all++;
  if (vnode.type === EntryRow) renders.rows++;
  if (vnode.type === LogsPanel) {
    renders.panel++;
    renders.lastPanelAt = now();
  } else if (vnode.type === LogList) {
    renders.list++;
    renders.lastListAt = now();
  }
  previousDiffed?.(vnode);
};

// ---- the real panel ----------------------------------------------------------------

const HOST_ID = 'proxbox-bench-panel';
const PANEL_HEIGHT = 480;

interface Mounted {
  vm: LogsController;
  shadow: ShadowRoot;
  unmount(): void;
}

function mountPanel(vm: LogsController): Mounted {
  const life = new AbortController();
  const ui = (
    <PanelShell
      initialLayout={{ open: true, height: PANEL_HEIGHT }}
      onLayoutChange={() => undefined}
      theme={signal<'light' | 'dark'>('light')}
      dockLeft={signal(0)}
    >
      {() => <LogsPanel vm={vm} instanceLabel="bench" baseUrl={location.origin} linkTarget="_self" />}
    </PanelShell>
  );
  const { host, shadow } = mountInShadowRoot(HOST_ID, css, ui, life.signal);
  document.body.append(host);
  return {
    vm,
    shadow,
    unmount() {
      vm.stop();
      life.abort();
    },
  };
}

function rowCount(shadow: ShadowRoot): number {
  return shadow.querySelectorAll('.pbl-sizer > [role="row"]').length;
}

function answerOf(bodyText: string): FetchOutcome<LogsPage> {
  return parseLogsResponse({
    status: 200,
    headers: { 'content-type': 'application/json' },
    url: location.href,
    redirected: false,
    type: 'basic',
    bodyText,
  });
}

export interface RenderResult {
  ms: number;
  /** Answer parsed into entries (part of ms). */
  parseMs: number;
  rowsInDom: number;
  entries: number;
  panelRenders: number;
}

/**
 * The panel shows "loading" for its first page; then the answer (the raw JSON text of a
 * 5,000-entry page) arrives: time until the panel is painted with its rows.
 */
async function renderPanel(bodyText: string): Promise<RenderResult> {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let t0 = 0;
  let parsed = 0;
  const fetchPage: FetchPage = async () => {
    await gate;
    t0 = now();
    const answer = answerOf(bodyText);
    parsed = now();
    return answer;
  };
  const vm = createLogsController({ fetchPage, pageSize: 5000, autoRefresh: false });
  const mounted = mountPanel(vm);
  await frames(3); // mounted, "loading" painted
  const before = renders.panel;
  release();
  // Wait until the rows are in, then for the frame that paints them.
  while (rowCount(mounted.shadow) === 0) await new Promise((r) => setTimeout(r, 0));
  const painted = await afterNextPaint();
  const result: RenderResult = {
    ms: painted - t0,
    parseMs: parsed - t0,
    rowsInDom: rowCount(mounted.shadow),
    entries: vm.loadedCount.peek(),
    panelRenders: renders.panel - before,
  };
  mounted.unmount();
  await frames(2);
  return result;
}

// ---- the baseline: the Proxbox page's renderer (./plugin-page.ts) ----------------------

/** The same JSON text, shown the way the Proxbox page shows an answer: its whole table rebuilt. */
async function renderBaseline(bodyText: string): Promise<{ ms: number; rowsInDom: number }> {
  const page = createPluginPage(document.querySelector<HTMLElement>('.page-wrapper') ?? document.body, '');
  await frames(2);
  const t0 = now();
  page.show(JSON.parse(bodyText) as Parameters<typeof page.show>[0]);
  const painted = await afterNextPaint();
  const rowsInDom = page.tbody.rows.length;
  page.remove();
  await frames(2);
  return { ms: painted - t0, rowsInDom };
}

// ---- scale: 100,000 entries ----------------------------------------------------------

let scale: Mounted | null = null;
/** When the last answer of the scale panel's fetch was fully received (before parsing). */
let lastAnswerAt = 0;

/** When the last answer was parsed and checked (fetchLogs resolved). */
let lastParsedAt = 0;

/**
 * The real fetch of the logs proxy (same-origin, the page's session). The answer's
 * arrival is marked when its body stream ends (the last chunk in), as fetchLogs reads it.
 */
function markedFetchPage(baseUrl: string, proxyPath: string): FetchPage {
  const fetchImpl: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    if (!response.body) return response;
    const marked = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        flush() {
          lastAnswerAt = now();
        },
      }),
    );
    return new Response(marked, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
  return async (query, opts) => {
    const outcome = await fetchLogs(buildLogsUrl(baseUrl, proxyPath, query), { signal: opts?.signal, fetchImpl, timeoutMs: 60_000 });
    lastParsedAt = now();
    return outcome;
  };
}

/**
 * Mounts a panel and loads entries with its real fetch: the first page, then "load older"
 * until `upTo` entries are held or the backend has no more. Called again, it goes on
 * loading into the same panel.
 */
async function loadScale(opts: { baseUrl: string; proxyPath: string; pageSize: number; upTo?: number }): Promise<{ entries: number; ms: number; pages: number }> {
  const t0 = now();
  let pages = 0;
  if (!scale) {
    const vm = createLogsController({ fetchPage: markedFetchPage(opts.baseUrl, opts.proxyPath), pageSize: opts.pageSize, autoRefresh: false });
    scale = mountPanel(vm);
    while (vm.state.peek().phase !== 'ready') {
      if (vm.state.peek().phase === 'failed') throw new Error(`first page failed: ${JSON.stringify(vm.state.peek())}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    pages++;
  }
  const vm = scale.vm;
  while (vm.hasOlder.peek() && vm.loadedCount.peek() < (opts.upTo ?? Infinity)) {
    await vm.loadOlder();
    pages++;
    if (vm.olderFailure.peek()) throw new Error(`load older failed: ${JSON.stringify(vm.olderFailure.peek())}`);
  }
  await afterNextPaint();
  return { entries: vm.loadedCount.peek(), ms: now() - t0, pages };
}

function scrollBox(): HTMLElement {
  const el = scale?.shadow.querySelector<HTMLElement>('.pbl-scroll');
  if (!el) throw new Error('no scroll box');
  return el;
}

function domRows(): number {
  return scale ? rowCount(scale.shadow) : 0;
}

export interface ScrollResult {
  frames: number;
  /** Per frame: from the scroll position set (its scroll event) to the frame painted, ms. */
  workP50: number;
  workP95: number;
  workMax: number;
  /** Frame-to-frame intervals (requestAnimationFrame timestamps), ms. */
  intervalP50: number;
  intervalP95: number;
  /** Frames whose interval was over 1.5 x 16.7 ms (a frame was dropped). */
  dropped: number;
  maxRowsInDom: number;
  /** Most LogList renders within one frame. */
  maxListRendersPerFrame: number;
  reachedBottom: boolean;
}

/**
 * Scrolls the list from top to bottom in `steps` frames, one scroll position per frame,
 * each far enough that every row is new (the worst case for a virtual list). Each frame:
 * in its animation-frame callback the position is set and the scroll event dispatched
 * (the virtualizer renders in a microtask of that frame), then the frame is styled,
 * laid out and painted; the frame's work is timed up to the end of that.
 */
async function scrollTopToBottom(steps: number): Promise<ScrollResult> {
  const el = scrollBox();
  el.scrollTop = 0;
  await frames(3);
  const max = el.scrollHeight - el.clientHeight;
  const work: number[] = [];
  const stamps: number[] = [];
  let maxRows = 0;
  let maxListRenders = 0;
  for (let i = 1; i <= steps; i++) {
    const { start, stamp, listRenders } = await new Promise<{ start: number; stamp: number; listRenders: number }>((resolve) =>
      requestAnimationFrame((stamp) => {
        const start = now();
        const before = renders.list;
        el.scrollTop = Math.round((max * i) / steps);
        el.dispatchEvent(new Event('scroll'));
        queueMicrotask(() => queueMicrotask(() => resolve({ start, stamp, listRenders: renders.list - before })));
      }),
    );
    const end = await afterThisFrame();
    work.push(end - start);
    stamps.push(stamp);
    maxRows = Math.max(maxRows, rowCount(scale!.shadow));
    maxListRenders = Math.max(maxListRenders, listRenders);
  }
  const intervals = stamps.slice(1).map((t, i) => t - stamps[i]!);
  await frames(2);
  const reachedBottom = Math.abs(el.scrollTop - max) < 2 && scale!.shadow.querySelector(`[data-index="${scale!.vm.rows.peek().length - 1}"]`) !== null;
  return {
    frames: steps,
    workP50: percentile(work, 50),
    workP95: percentile(work, 95),
    workMax: Math.max(...work),
    intervalP50: percentile(intervals, 50),
    intervalP95: percentile(intervals, 95),
    dropped: intervals.filter((d) => d > 25).length,
    maxRowsInDom: maxRows,
    maxListRendersPerFrame: maxListRenders,
    reachedBottom,
  };
}

export interface WheelRendersResult extends WheelScrollResult {
  /** EntryRow renders per frame: median and most. */
  rowRendersP50: number;
  rowRendersMax: number;
  /** Renders of any component per frame, most. */
  componentRendersMax: number;
}

/** A wheel-sized scroll of the scale panel (./wheel-scroll.ts), counting renders per frame. */
async function wheelRenders(px: number, steps: number): Promise<WheelRendersResult> {
  const el = scrollBox();
  el.scrollTop = 0;
  el.dispatchEvent(new Event('scroll'));
  await frames(2);
  const rowRenders: number[] = [];
  const componentRenders: number[] = [];
  let rows = renders.rows;
  let all = renders.all;
  const result = await wheelScroll({
    scroller: el,
    eventTarget: el,
    rowsParent: scale!.shadow.querySelector('.pbl-sizer')!,
    isRow: (n) => n instanceof Element && n.getAttribute('role') === 'row',
    px,
    steps,
    afterFrame() {
      rowRenders.push(renders.rows - rows);
      componentRenders.push(renders.all - all);
      rows = renders.rows;
      all = renders.all;
    },
  });
  return {
    ...result,
    rowRendersP50: percentile(rowRenders, 50),
    rowRendersMax: Math.max(...rowRenders),
    componentRendersMax: Math.max(...componentRenders),
  };
}

export interface PollResult {
  newEntries: number;
  /** Answer received -> parsed and checked (part of applyMs). */
  parseMs: number;
  /** Answer received (body read) -> parsed, merged, rendered (DOM updated). */
  applyMs: number;
  /** Answer received -> painted. */
  paintedMs: number;
  panelRenders: number;
  listRenders: number;
  loaded: number;
}

/** One poll (the user at the top): the new entries the simulator was just given. */
async function applyPoll(): Promise<PollResult> {
  const vm = scale!.vm;
  scrollBox().scrollTop = 0;
  scrollBox().dispatchEvent(new Event('scroll'));
  await frames(3);
  const loadedBefore = vm.loadedCount.peek();
  const panelBefore = renders.panel;
  const listBefore = renders.list;
  await vm.refresh();
  // The render is a microtask of the poll's batch; the DOM is up to date once it ran.
  await new Promise((r) => setTimeout(r, 0));
  const applied = renders.lastPanelAt;
  const painted = await afterNextPaint();
  return {
    newEntries: vm.loadedCount.peek() - loadedBefore,
    parseMs: lastParsedAt - lastAnswerAt,
    applyMs: renders.panel > panelBefore ? applied - lastAnswerAt : NaN,
    paintedMs: painted - lastAnswerAt,
    panelRenders: renders.panel - panelBefore,
    listRenders: renders.list - listBefore,
    loaded: vm.loadedCount.peek(),
  };
}

export interface KeystrokeResult {
  text: string;
  /** Input event -> filtered and rendered (DOM updated). */
  applyMs: number;
  /** Input event -> painted. */
  paintedMs: number;
  shown: number;
}

/** Types `word` into the panel's real search box, one keystroke per frame or so. */
async function typeSearch(word: string): Promise<KeystrokeResult[]> {
  const input = scale!.shadow.querySelector<HTMLInputElement>('input[aria-label="Search"]');
  if (!input) throw new Error('no search box');
  const out: KeystrokeResult[] = [];
  for (let i = 1; i <= word.length; i++) {
    await frames(2);
    const text = word.slice(0, i);
    const t0 = now();
    input.value = text;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, data: text.at(-1), inputType: 'insertText' }));
    await new Promise((r) => setTimeout(r, 0));
    const applied = renders.lastPanelAt;
    const painted = await afterNextPaint();
    out.push({ text, applyMs: applied - t0, paintedMs: painted - t0, shown: scale!.vm.shownCount.peek() });
  }
  // Clear it again for whatever comes next.
  input.value = '';
  input.dispatchEvent(new InputEvent('input', { bubbles: true }));
  await frames(2);
  return out;
}

/**
 * A fresh panel on its first page (200 entries); types `word`, which matches one entry far
 * back: the time until that row is painted, the search having read what the backend holds.
 */
async function searchDeep(opts: { baseUrl: string; proxyPath: string; word: string }): Promise<{ ms: number; loaded: number; shown: number }> {
  const vm = createLogsController({ fetchPage: markedFetchPage(opts.baseUrl, opts.proxyPath), autoRefresh: false });
  const mounted = mountPanel(vm);
  while (vm.state.peek().phase !== 'ready') await new Promise((r) => setTimeout(r, 5));
  const t0 = now();
  vm.setSearch(opts.word);
  while (vm.searchingAll.peek() || vm.shownCount.peek() === 0) {
    if (vm.olderFailure.peek()) throw new Error(`search read failed: ${JSON.stringify(vm.olderFailure.peek())}`);
    await new Promise((r) => setTimeout(r, 2));
  }
  await afterNextPaint();
  const out = { ms: now() - t0, loaded: vm.loadedCount.peek(), shown: vm.shownCount.peek() };
  mounted.unmount();
  return out;
}

function unmountScale(): void {
  scale?.unmount();
  scale = null;
}

const api = {
  renderPanel,
  renderBaseline,
  loadScale,
  domRows,
  scrollTopToBottom,
  wheelRenders,
  applyPoll,
  typeSearch,
  searchDeep,
  unmountScale,
  ready: true,
};
export type BenchApi = typeof api;
(globalThis as unknown as { __pblBench: BenchApi }).__pblBench = api;
