// The in-page half of the rendering, scale and search benchmarks (tests/bench/run.ts).
// Built by tests/bench/build-page.ts into one script and added to a logged-in NetBox page
// of the simulator. It mounts the real panel — the same PanelShell + LogsPanel + logs
// controller + panel.css in a shadow root as the content script — and, for the rendering
// figure, the Proxbox page's renderer (./plugin-page.ts: a table row per entry built
// with createElement, every row in the DOM). The panel and its counters: ./panel-harness.tsx;
// timing helpers: ./measure.ts.
import { createLogsController } from '../../../lib/core/logs-controller';
import type { FetchPage } from '../../../lib/core/sync-newer';
import { afterNextPaint, frames, now, percentile, settled } from './measure';
import { answerOf, markedFetchPage, marks, mountPanel, renders, rowCount, type Mounted } from './panel-harness';
import { createPluginPage } from './plugin-page';
import { pollFloor } from './poll-floor';
import { scrollFloor as scaleFloor, scrollTopToBottom as scaleScroll } from './scale-drag';
import { wheelScroll, type WheelScrollResult } from './wheel-scroll';

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

/** Section 2's scroll (./scale-drag.ts): the panel's, and its floor's. */
const scrollTopToBottom = (steps: number) => scaleScroll(scale!, steps);
const scrollFloor = (steps: number) => scaleFloor(scale!, steps);

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
  await settled();
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
  await settled();
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
    parseMs: marks.parsedAt - marks.answerAt,
    applyMs: renders.panel > panelBefore ? applied - marks.answerAt : NaN,
    paintedMs: painted - marks.answerAt,
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

/** The floor of applyPoll (./poll-floor.ts), with the answer of the newest 200 entries (the last poll's). */
async function applyPollFloor(logsUrl: string, runs: number): Promise<number[]> {
  const text = await (await fetch(`${logsUrl}?limit=200`, { credentials: 'include' })).text();
  return pollFloor(scale!, text, runs);
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
  scrollFloor,
  wheelRenders,
  applyPoll,
  applyPollFloor,
  typeSearch,
  searchDeep,
  unmountScale,
  ready: true,
};
export type BenchApi = typeof api;
(globalThis as unknown as { __pblBench: BenchApi }).__pblBench = api;
