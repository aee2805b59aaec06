// The in-page half of "the panel vs the Proxbox page" (tests/bench/sections/peer-benches.ts),
// one small script for both subjects, so both pages carry the same extra code:
// - on the Proxbox page stand-in (window.proxboxLogsConfig set, as the plugin's page
//   sets it), it runs the baseline (./plugin-page.ts) as the page does on load: first
//   page, then a poll every 5 s; it records when the first 200 rows were painted;
// - on a NetBox page with the extension, it drives the real panel in its shadow root from
//   the outside, as a user would (launcher click, "Load more"), and times it.
import { PANEL_HOST_ID } from '../../../lib/core/panel-injection';
import { parseLogsResponse } from '../../../lib/core/parse-logs-response';
import { drag, dragIndexes, floorList, floorRow, type DragResult, type FloorRow } from './drag-scroll';
import { afterNextPaint, afterThisFrame, frames, now, until } from './measure';
import { createPluginPage, type PluginPage } from './plugin-page';
import { wheelScroll, type WheelScrollResult } from './wheel-scroll';

declare global {
  interface Window {
    proxboxLogsConfig?: { logsApiUrl: string };
  }
}


let plugin: PluginPage | null = null;
/** Navigation start -> first page's rows painted, ms (the Proxbox page's first screen). */
let pluginFirstScreen: number | null = null;

function startPluginPage(): void {
  const config = window.proxboxLogsConfig;
  if (!config) return;
  const parent = document.querySelector<HTMLElement>('.page-wrapper') ?? document.body;
  plugin = createPluginPage(parent, config.logsApiUrl);
  void plugin.loadFirst().then(async () => {
    pluginFirstScreen = await afterNextPaint();
    plugin!.startPolling();
  });
}

function shadow(): ShadowRoot {
  const root = document.getElementById(PANEL_HOST_ID)?.shadowRoot;
  if (!root) throw new Error('no panel host');
  return root;
}

/** Rows the panel holds (its table's aria-rowcount counts the header row too). */
function panelRows(): number {
  const table = document.getElementById(PANEL_HOST_ID)?.shadowRoot?.querySelector('.pbl-table[aria-rowcount]');
  return table ? Number(table.getAttribute('aria-rowcount')) - 1 : 0;
}

function panelRowsInDom(): number {
  return document.getElementById(PANEL_HOST_ID)?.shadowRoot?.querySelectorAll('.pbl-sizer > [role="row"]').length ?? 0;
}

export interface LoadMoreResult {
  clicks: number;
  rows: number;
  /** Sum over the clicks of click -> rows painted, ms. */
  totalMs: number;
  perClickMs: number[];
}

const api = {
  ready: true,
  isPluginPage: () => plugin !== null,
  pluginFirstScreen: () => pluginFirstScreen,

  /** The panel's launcher is on the page. */
  launcherShown: () => document.getElementById(PANEL_HOST_ID)?.shadowRoot?.querySelector('.pbl-launcher') != null,

  /** The panel's Close button, clicked. */
  closePanel(): void {
    const close = shadow().querySelector<HTMLButtonElement>('button[aria-label="Close"]');
    if (!close) throw new Error('no Close button');
    close.click();
  },

  /** Launcher click -> the panel's first page (`expected` rows) painted, ms. */
  async openPanel(expected: number): Promise<number> {
    const launcher = shadow().querySelector<HTMLButtonElement>('.pbl-launcher');
    if (!launcher) throw new Error('no launcher');
    if (launcher.getAttribute('aria-expanded') === 'true') throw new Error('the panel is open already');
    await frames(2);
    const t0 = now();
    launcher.click();
    await until(() => panelRows() >= expected && panelRowsInDom() > 0);
    return (await afterNextPaint()) - t0;
  },

  /** "Load more" until `target` rows are held; each click timed to its rows painted. */
  async loadMoreUntil(target: number): Promise<LoadMoreResult> {
    const perClickMs: number[] = [];
    const count = () => (plugin ? plugin.count : panelRows());
    const button = () =>
      plugin
        ? plugin.card.querySelector<HTMLButtonElement>('#loadMoreBtn')
        : [...shadow().querySelectorAll<HTMLButtonElement>('.pbl-footer button')].find((b) => b.textContent?.includes('Load more') && !b.disabled);
    while (count() < target) {
      const before = count();
      await until(() => button() !== undefined && button() !== null);
      await frames(1);
      const t0 = now();
      button()!.click();
      await until(() => count() > before);
      perClickMs.push((await afterNextPaint()) - t0);
    }
    return { clicks: perClickMs.length, rows: count(), totalMs: perClickMs.reduce((a, b) => a + b, 0), perClickMs };
  },

  /** Elements of the logs view: the page's logs card, or the panel's shadow root. */
  elements(): number {
    return plugin ? plugin.card.querySelectorAll('*').length + 1 : shadow().querySelectorAll('*').length;
  },

  rowsHeld: () => (plugin ? plugin.count : panelRows()),

  async wheel(px: number, steps: number): Promise<WheelScrollResult> {
    if (plugin) {
      const scroller = document.scrollingElement as HTMLElement;
      scroller.scrollTop = 0;
      return wheelScroll({ scroller, eventTarget: window, rowsParent: plugin.tbody, isRow: (n) => n.nodeName === 'TR', px, steps });
    }
    const root = shadow();
    const scroller = root.querySelector<HTMLElement>('.pbl-scroll');
    const sizer = root.querySelector('.pbl-sizer');
    if (!scroller || !sizer) throw new Error('no panel list');
    scroller.scrollTop = 0;
    scroller.dispatchEvent(new Event('scroll'));
    return wheelScroll({
      scroller,
      eventTarget: scroller,
      rowsParent: sizer,
      isRow: (n) => n instanceof Element && n.getAttribute('role') === 'row',
      px,
      steps,
    });
  },

  /**
   * The floor under any list that renders the rows entering the view: for `steps` frames,
   * `perFrame` rows of one element and one line of text each (the cheapest row there is)
   * enter a box of the panel's list, with no scrolling and no script of the panel running;
   * with `perFrame` 0 the frames only run (the cost of a frame that changes nothing).
   */
  async rowFloor(perFrame: number, steps: number): Promise<void> {
    if (plugin) throw new Error('the floor is measured in the panel only');
    const scroller = shadow().querySelector<HTMLElement>('.pbl-scroll');
    if (!scroller) throw new Error('no panel list');
    const box = document.createElement('div');
    box.style.cssText = 'position:absolute;top:0;left:0;width:100%';
    scroller.append(box);
    await frames(2);
    for (let i = 0; i < steps; i++) {
      await frames(1);
      for (let k = 0; k < perFrame; k++) {
        const row = document.createElement('div');
        row.style.cssText = `position:absolute;left:0;width:100%;height:30px;white-space:pre;top:${((i * perFrame + k) % 40) * 30}px`;
        row.textContent = `2026-11-30 12:00:${String(i % 60).padStart(2, '0')}.${k}  INFO  proxbox_api.sync  Synced virtual machine ${i * perFrame + k}`;
        box.append(row);
        if (box.childElementCount > 40) box.firstElementChild!.remove();
      }
    }
    await afterThisFrame();
    box.remove();
  },

  /** A scrollbar drag (./drag-scroll.ts) of the page's document, or of the panel's list box. */
  async drag(jumps: number): Promise<DragResult> {
    if (plugin) {
      const page = plugin;
      const onJump = () => window.dispatchEvent(new Event('scroll'));
      return drag({ scroller: document.scrollingElement as HTMLElement, jumps, onJump, rowsNow: () => page.tbody.rows.length });
    }
    const scroller = shadow().querySelector<HTMLElement>('.pbl-scroll');
    if (!scroller) throw new Error('no panel list');
    return drag({ scroller, jumps, onJump: () => scroller.dispatchEvent(new Event('scroll')), rowsNow: panelRowsInDom });
  },

  /**
   * The floor under the panel's drag: the entries it holds (read again from `logsUrl`, the
   * same answer it parsed), their rows in the panel's markup built as plain DOM in its table.
   */
  async dragFloor(logsUrl: string, rowHeight: number, jumps: number): Promise<DragResult> {
    const held = panelRows();
    const response = await fetch(`${logsUrl}?limit=${held}`, { credentials: 'include' });
    const outcome = parseLogsResponse({ status: response.status, headers: { 'content-type': response.headers.get('content-type') ?? '' }, url: response.url, redirected: false, bodyText: await response.text() });
    if (!outcome.ok) throw new Error(`floor entries: ${outcome.failure.kind}`);
    const entries = outcome.value.logs;
    const shown = shadow().querySelector('.pbl-sizer > [data-entry-id]');
    const same = shown && shown.getAttribute('data-entry-id') === String(entries[Number(shown.getAttribute('data-index'))]?.id);
    if (entries.length !== held || !same) throw new Error('the floor does not read the rows the panel holds');
    const panelScroll = shadow().querySelector<HTMLElement>('.pbl-scroll')!;
    const sizerHeight = shadow().querySelector<HTMLElement>('.pbl-sizer')!.offsetHeight;
    const prepared = new Map<number, FloorRow>();
    const floor = floorList(panelScroll, sizerHeight, rowHeight, (i) => prepared.get(i)!, entries.length);
    try {
      for (const i of dragIndexes(entries.length, rowHeight, floor.viewport, floor.max, jumps)) prepared.set(i, floorRow(entries[i]!, 'local'));
      return await drag({ scroller: floor.scroller, jumps, onJump: (top) => floor.render(top), rowsNow: floor.rowCount });
    } finally {
      floor.remove();
    }
  },

  /** Wheel steps of `px` from the top to the end of the list. */
  wheelStepsToEnd(px: number): number {
    const scroller = plugin ? (document.scrollingElement as HTMLElement) : shadow().querySelector<HTMLElement>('.pbl-scroll');
    if (!scroller) throw new Error('no list');
    return Math.ceil((scroller.scrollHeight - scroller.clientHeight) / px);
  },

  /** Back to the newest entries (a live tail is watched from the top). */
  async toTop(): Promise<void> {
    const scroller = plugin ? (document.scrollingElement as HTMLElement) : shadow().querySelector<HTMLElement>('.pbl-scroll');
    if (!scroller) return;
    scroller.scrollTop = 0;
    scroller.dispatchEvent(new Event('scroll'));
    await frames(2);
  },
};

export type PeerApi = typeof api;
(globalThis as unknown as { __peer: PeerApi }).__peer = api;

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', startPluginPage, { once: true });
else startPluginPage();
