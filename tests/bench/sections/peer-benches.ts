// 0. The panel vs the Proxbox page (issue 13): the extension's panel, as a user opens it
// on a NetBox page, against a stand-in of the Proxbox plugin's own Backend Logs page
// (tests/bench/page/plugin-page.ts: what that page does, rebuilt from its behaviour), on
// the same NetBox, the same data (entries a real proxbox-api wrote) and the same machine,
// in one run. Each subject has its own browser, so memory figures are its own.
import type { CDPSession, Page } from 'playwright-core';
import { ROW_HEIGHT } from '../../../components/LogList';
import { logIn } from '../../e2e/netbox';
import { PROXY_PATH, startSimulator, type Simulator } from '../../simulator/index';
import type { PeerApi } from '../page/peer-page';
import type { WheelScrollResult } from '../page/wheel-scroll';
import { browserMemory, cdpOf, heapAfterGc, launch, mainThreadTime, type BenchBrowser } from '../browser';
import { writeRealEntries, writeRealEntriesLive } from '../real-entries';
import { figure, median, type Figure } from '../report';
import { addInstance } from './extension-benches';
import { dragFigures, measureDrag, type DragRounds } from './peer-drag';

const MB = 1024 * 1024;
const SECTION = '0 vs Proxbox page';
const FIRST_PAGE = 200;
const LOADED = 5000;
const WHEEL_PX = 120;
const WHEEL_FRAMES = 200;
const TAIL_RATE = 20;

export interface PeerBenchOptions {
  extensionDir: string;
  script: string;
  log: (line: string) => void;
  /** Length of the live tail, s (both subjects watch the same entries at once). */
  tailSec?: number;
  firstScreenRuns?: number;
}

interface SubjectResult {
  firstScreenMs: number[];
  loadMore: { clicks: number; rows: number; totalMs: number; perClickMs: number[] };
  elements: number;
  heapBytes: number;
  memoryAt200: number;
  memoryAtLoaded: number;
  wheel: WheelScrollResult;
  /** Main-thread CPU over the "load more" clicks, s. */
  loadMoreCpuSec: number;
  /** Main-thread CPU over the wheel scroll, s. */
  wheelCpuSec: number;
  /** A wheel scroll from the first row to the last: frames, and main-thread CPU, s. */
  toEnd: { frames: number; cpuSec: number };
  /** The panel only: per frame, ms, of frames that change nothing and of frames where rows of the cheapest kind enter. */
  floor?: { idleMs: number; rowsMs: number; rowsPerFrame: number };
  /** Scrollbar drags through the LOADED rows (the panel's with its floor's). */
  drag: DragRounds;
  tail?: { seconds: number; cpuSec: number; rowsBefore: number; rowsAfter: number };
}

type Call = <K extends keyof PeerApi>(name: K, ...args: PeerApi[K] extends (...a: infer A) => unknown ? A : never) => Promise<PeerApi[K] extends (...a: never[]) => infer R ? Awaited<R> : PeerApi[K]>;

function peer(page: Page): Call {
  return ((name: string, ...args: unknown[]) =>
    page.evaluate(
      ([n, a]) => {
        const api = (globalThis as unknown as { __peer: Record<string, unknown> }).__peer;
        const member = api[n as string];
        return typeof member === 'function' ? (member as (...x: unknown[]) => unknown)(...(a as unknown[])) : member;
      },
      [name, args] as const,
    )) as Call;
}

/**
 * Serves NetBox's device list as the page of each subject, with the bench's in-page script
 * in its <head>; for the Proxbox page stand-in also the config the plugin's page carries
 * (`window.proxboxLogsConfig`, here pointing at the same-origin logs proxy). `firstInHead`:
 * a script both subjects carry first in their <head> (section 0 navigation's probe).
 */
export async function routePages(browser: BenchBrowser, sim: Simulator, script: string, firstInHead = ''): Promise<void> {
  await browser.ctx.route(`${sim.origin}/__bench/peer-page.js`, (route) => route.fulfill({ path: script, contentType: 'text/javascript' }));
  await browser.ctx.route(
    (url) => url.pathname === `${sim.basePath}/dcim/devices/`,
    async (route) => {
      const response = await route.fetch();
      const plugin = new URL(route.request().url()).searchParams.has('proxbox-page');
      const config = plugin ? `<script>window.proxboxLogsConfig = ${JSON.stringify({ logsApiUrl: `${sim.baseUrl}${PROXY_PATH}` })};</script>` : '';
      const body = (await response.text())
        .replace(/<head[^>]*>/, (tag) => `${tag}${firstInHead}`)
        .replace('</head>', `${config}<script defer src="${sim.origin}/__bench/peer-page.js"></script></head>`);
      await route.fulfill({ response, body });
    },
  );
}

/** Until the worker's storage says no panel is left open (else the next page load would open it by itself). */
async function closedIsSaved(browser: BenchBrowser): Promise<void> {
  const sw = await browser.worker();
  // An expression, as inPage's below: the bench's compiler would name these functions
  // with a helper the worker does not have.
  await sw.evaluate(`new Promise((resolve, reject) => {
    const anyOpen = (layouts) => Object.values(layouts ?? {}).some((layout) => layout.open);
    const timer = setTimeout(() => reject(new Error('the closed panel was not saved as closed')), 30000);
    const onChanged = (changes) => {
      if ('panelLayout' in changes && !anyOpen(changes.panelLayout.newValue)) done();
    };
    const done = () => {
      clearTimeout(timer);
      chrome.storage.onChanged.removeListener(onChanged);
      resolve();
    };
    chrome.storage.onChanged.addListener(onChanged);
    chrome.storage.local.get('panelLayout').then(({ panelLayout }) => {
      if (!anyOpen(panelLayout)) done();
    });
  })`);
}

/**
 * Until `ready()` holds in the page, polled in the page itself. Not page.waitForFunction:
 * that installs Playwright's own script in the page's world (about 0.6 MB of heap, and
 * not in every run), which would blur the heap figures of both subjects.
 */
async function inPage(page: Page, ready: () => boolean): Promise<void> {
  // An expression, evaluated as is through CDP: nothing of Playwright's stays in the page.
  await page.evaluate(`new Promise((resolve) => {
    const ready = ${ready.toString()};
    const poll = () => {
      let ok = false;
      try {
        ok = ready();
      } catch {
        // not there yet: the script that defines it is still loading
      }
      if (ok) resolve();
      else setTimeout(poll, 5);
    };
    poll();
  })`);
}

async function waitPeer(page: Page): Promise<void> {
  await inPage(page, () => (globalThis as unknown as { __peer?: { ready: boolean } }).__peer?.ready === true);
}

/**
 * Main-thread CPU per frame in the panel's page at LOADED rows, of frames that change
 * nothing and of frames where as many one-line rows enter as a wheel step brings into view.
 */
async function rowFloor(call: Call, cdp: CDPSession): Promise<NonNullable<SubjectResult['floor']>> {
  const perFrame = async (rows: number) => {
    const c0 = await mainThreadTime(cdp);
    await call('rowFloor', rows, WHEEL_FRAMES);
    return (((await mainThreadTime(cdp)) - c0) * 1000) / WHEEL_FRAMES;
  };
  const rowsPerFrame = Math.ceil(WHEEL_PX / ROW_HEIGHT);
  return { idleMs: await perFrame(0), rowsMs: await perFrame(rowsPerFrame), rowsPerFrame };
}

/** From the first page to LOADED rows, then the figures at LOADED. */
async function atScale(page: Page, browser: BenchBrowser, log: (l: string) => void, label: string, logsUrl: string) {
  const call = peer(page);
  const cdp = await cdpOf(page);
  await heapAfterGc(cdp);
  const memoryAt200 = browserMemory(browser);
  log(`  ${label}: "load more" from ${await call('rowsHeld')} to ${LOADED.toLocaleString('en-US')} rows`);
  const loadCpu0 = await mainThreadTime(cdp);
  const loadMore = await call('loadMoreUntil', LOADED);
  const loadMoreCpuSec = (await mainThreadTime(cdp)) - loadCpu0;
  const heapBytes = await heapAfterGc(cdp);
  const memoryAtLoaded = browserMemory(browser);
  const elements = await call('elements');
  const cpu0 = await mainThreadTime(cdp);
  const wheel = await call('wheel', WHEEL_PX, WHEEL_FRAMES);
  const wheelCpuSec = (await mainThreadTime(cdp)) - cpu0;
  log(`  ${label}: ${Math.round(loadMore.totalMs)} ms in ${loadMore.clicks} clicks; wheel frames p95 ${wheel.workP95.toFixed(1)} ms`);
  // Through the whole list, as someone reading all of it: each way of rendering pays in full.
  const frames = await call('wheelStepsToEnd', WHEEL_PX);
  const endCpu0 = await mainThreadTime(cdp);
  await call('wheel', WHEEL_PX, frames);
  const toEnd = { frames, cpuSec: (await mainThreadTime(cdp)) - endCpu0 };
  const isPage = await call('isPluginPage');
  const floor = isPage ? undefined : await rowFloor(call, cdp);
  await cdp.detach();
  const drag = await measureDrag(call, isPage ? undefined : { logsUrl, rowHeight: ROW_HEIGHT });
  log(`  ${label}: drag frames p95 ${Math.max(...drag.rounds.map((r) => r.frameP95)).toFixed(1)} ms (worst round)${drag.floor ? `, its floor ${Math.max(...drag.floor.map((r) => r.frameP95)).toFixed(1)} ms` : ''}`);
  return { loadMore, loadMoreCpuSec, heapBytes, memoryAt200, memoryAtLoaded, elements, wheel, wheelCpuSec, toEnd, floor, drag };
}

export async function runPeerBenches(opts: PeerBenchOptions): Promise<{ figures: Figure[]; raw: unknown }> {
  const tailSec = opts.tailSec ?? 30;
  const runs = opts.firstScreenRuns ?? 5;
  // The plugin's logs proxy (the simulator's default is the real plugin's discovery answer,
  // which neither the Proxbox page stand-in nor a panel without a backend key can read).
  const sim = await startSimulator({ plugin: 'proxy', writerRate: 0, seed: 31 });
  // Enough for 26 pages of 200, so "load more" to 5,000 never runs out.
  writeRealEntries(sim, LOADED + 2 * FIRST_PAGE);
  const plain = await launch();
  const ext = await launch(opts.extensionDir);
  try {
    await routePages(plain, sim, opts.script);
    await routePages(ext, sim, opts.script);
    const devices = `${sim.baseUrl}/dcim/devices/`;

    // ---- the Proxbox page: page load -> first 200 rows painted ----
    opts.log(`vs Proxbox page: its first screen (page load), ${runs} loads`);
    const pluginPage = await plain.ctx.newPage();
    await logIn(pluginPage, sim, 'admin', '/');
    const baseline: Partial<SubjectResult> = { firstScreenMs: [] };
    for (let i = 0; i <= runs; i++) {
      await pluginPage.goto(`${devices}?proxbox-page`);
      await waitPeer(pluginPage);
      await inPage(pluginPage, () => (globalThis as unknown as { __peer: PeerApi }).__peer.pluginFirstScreen() !== null);
      const ms = await peer(pluginPage)('pluginFirstScreen');
      if (i > 0) baseline.firstScreenMs!.push(ms!); // the first load warms the HTTP cache, as a returning user has it
    }
    Object.assign(baseline, await atScale(pluginPage, plain, opts.log, 'Proxbox page', `${sim.baseUrl}${PROXY_PATH}`));
    await pluginPage.close();

    // ---- the panel: launcher click -> first 200 rows painted ----
    opts.log(`vs Proxbox page: the panel's first screen (launcher click), ${runs} opens`);
    const panelPage = await ext.ctx.newPage();
    await logIn(panelPage, sim, 'admin', '/');
    await addInstance(ext, sim.baseUrl);
    const panel: Partial<SubjectResult> = { firstScreenMs: [] };
    for (let i = 0; i <= runs; i++) {
      await panelPage.goto(devices);
      await waitPeer(panelPage);
      // Driven through the page's own world only: a Playwright locator would add its own
      // script world (about 0.7 MB of heap) to the page whose heap is measured.
      await inPage(panelPage, () => (globalThis as unknown as { __peer: PeerApi }).__peer.launcherShown());
      const ms = await peer(panelPage)('openPanel', FIRST_PAGE);
      if (i > 0) panel.firstScreenMs!.push(ms);
      // Closed again, or the next page would open it by itself (a panel left open stays open).
      if (i < runs) {
        await peer(panelPage)('closePanel');
        await closedIsSaved(ext);
      }
    }
    Object.assign(panel, await atScale(panelPage, ext, opts.log, 'panel', `${sim.baseUrl}${PROXY_PATH}`));
    await peer(panelPage)('closePanel');
    await closedIsSaved(ext); // or the live tail's page would open with the panel open
    await panelPage.close();

    // ---- live tail: both subjects watch the same entries being written ----
    opts.log(`vs Proxbox page: live tail, ${TAIL_RATE} entries/s for ${tailSec} s, both at once`);
    const tailPlugin = await plain.ctx.newPage();
    await tailPlugin.goto(`${devices}?proxbox-page`);
    await waitPeer(tailPlugin);
    await inPage(tailPlugin, () => (globalThis as unknown as { __peer: PeerApi }).__peer.pluginFirstScreen() !== null);
    const tailPanel = await ext.ctx.newPage();
    await tailPanel.goto(devices);
    await waitPeer(tailPanel);
    await inPage(tailPanel, () => (globalThis as unknown as { __peer: PeerApi }).__peer.launcherShown());
    await peer(tailPanel)('openPanel', FIRST_PAGE);
    const subjects = [
      { page: tailPlugin, result: baseline },
      { page: tailPanel, result: panel },
    ];
    const cdps = await Promise.all(subjects.map((s) => cdpOf(s.page)));
    const before = await Promise.all(cdps.map((c) => mainThreadTime(c)));
    const rowsBefore = await Promise.all(subjects.map((s) => peer(s.page)('rowsHeld')));
    const stop = writeRealEntriesLive(sim, TAIL_RATE);
    await new Promise((r) => setTimeout(r, tailSec * 1000));
    stop();
    const after = await Promise.all(cdps.map((c) => mainThreadTime(c)));
    const rowsAfter = await Promise.all(subjects.map((s) => peer(s.page)('rowsHeld')));
    subjects.forEach((s, i) => {
      s.result.tail = { seconds: tailSec, cpuSec: after[i]! - before[i]!, rowsBefore: rowsBefore[i]!, rowsAfter: rowsAfter[i]! };
    });

    const b = baseline as SubjectResult;
    const p = panel as SubjectResult;
    const figures: Figure[] = [];
    const vs = (name: string, bValue: number, pValue: number, unit: string, better: 'lower' | 'higher' = 'lower', extra: Partial<Figure> = {}) =>
      figures.push(
        figure({
          section: SECTION,
          name,
          value: pValue,
          unit,
          baseline: { name: 'Proxbox page', value: bValue, unit },
          ratio: better === 'lower' ? bValue / pValue : pValue / bValue,
          ratioLabel: 'better',
          ...extra,
        }),
      );
    const perMin = (t: NonNullable<SubjectResult['tail']>) => (t.cpuSec * 60) / t.seconds;
    vs(`"load more" from 200 to ${LOADED.toLocaleString('en-US')} rows (pages of 200), total of click -> painted`, b.loadMore.totalMs / 1000, p.loadMore.totalMs / 1000, 's', 'lower', {
      target: { op: '<', value: b.loadMore.totalMs / 1000 },
      note: `${p.loadMore.clicks} clicks each; slowest click: page ${Math.round(Math.max(...b.loadMore.perClickMs))} ms, panel ${Math.round(Math.max(...p.loadMore.perClickMs))} ms`,
    });
    vs(`elements of the logs view at ${LOADED.toLocaleString('en-US')} rows`, b.elements, p.elements, 'elements', 'lower', { target: { op: '<', value: b.elements } });
    vs(
      `memory growth of all browser processes (PSS), 200 -> ${LOADED.toLocaleString('en-US')} rows`,
      (b.memoryAtLoaded - b.memoryAt200) / MB,
      (p.memoryAtLoaded - p.memoryAt200) / MB,
      'MB',
      'lower',
      {
        target: { op: '<', value: (b.memoryAtLoaded - b.memoryAt200) / MB },
        note: `totals at ${LOADED}: page's browser ${(b.memoryAtLoaded / MB).toFixed(0)} MB, panel's browser (with the extension's worker) ${(p.memoryAtLoaded / MB).toFixed(0)} MB`,
      },
    );
    // Not targets since issue 13's decision (bought back only by rendering rows before they
    // are seen, or the fixed cost of a content script's world): reported beside the
    // whole-list CPU and all-process memory figures, which the panel leads.
    vs(`JS heap at ${LOADED.toLocaleString('en-US')} rows (after GC, the page's renderer)`, b.heapBytes / MB, p.heapBytes / MB, 'MB', 'lower', { status: 'INFO' });
    vs(
      `live tail, ${TAIL_RATE} entries/s for ${tailSec} s: page main-thread CPU per minute (page: polling every 5 s)`,
      perMin(b.tail!),
      perMin(p.tail!),
      's',
      'lower',
      {
        target: { op: '<', value: perMin(b.tail!) },
        note: `rows held before/after: page ${b.tail!.rowsBefore}/${b.tail!.rowsAfter}, panel ${p.tail!.rowsBefore}/${p.tail!.rowsAfter}; both watched the same entries at once`,
      },
    );
    const bFirst = median(b.firstScreenMs);
    const pFirst = median(p.firstScreenMs);
    vs(`first screen: 200 rows painted (panel: from the launcher click; page: from navigation), median of ${runs}`, bFirst, pFirst, 'ms', 'lower', {
      target: { op: '<=', value: bFirst / 2 },
      note: `panel ${p.firstScreenMs.map(Math.round).join(', ')} ms; page ${b.firstScreenMs.map(Math.round).join(', ')} ms; the first open of each run (not counted) loads the panel's code at the click; later ones find it loaded ahead, as on any page of an instance where the panel was opened before`,
    });
    vs(`wheel scroll (${WHEEL_PX} px/frame, ${WHEEL_FRAMES} frames) at ${LOADED.toLocaleString('en-US')} rows: frame work p95`, b.wheel.workP95, p.wheel.workP95, 'ms', 'lower', {
      target: { op: '<=', value: 16.7 },
      note: `p50 page ${b.wheel.workP50.toFixed(1)} / panel ${p.wheel.workP50.toFixed(1)} ms; frame intervals p95 page ${b.wheel.intervalP95.toFixed(1)} / panel ${p.wheel.intervalP95.toFixed(1)} ms`,
    });
    const bFrame = (b.wheelCpuSec * 1000) / WHEEL_FRAMES;
    const pFrame = (p.wheelCpuSec * 1000) / WHEEL_FRAMES;
    // The page renders every row when it loads them and nothing when it scrolls; the panel
    // the other way round. How far one scrolls before that evens out:
    const evenFrames = pFrame > bFrame ? ((b.loadMoreCpuSec - p.loadMoreCpuSec) * 1000) / (pFrame - bFrame) : Infinity;
    vs(`"load more" from 200 to ${LOADED.toLocaleString('en-US')} rows: page main-thread CPU`, b.loadMoreCpuSec, p.loadMoreCpuSec, 's', 'lower', {
      target: { op: '<', value: b.loadMoreCpuSec },
    });
    vs(
      `"load more" to ${LOADED.toLocaleString('en-US')} rows, then a wheel scroll (${WHEEL_PX} px/frame) from the first of them to the last: page main-thread CPU`,
      b.loadMoreCpuSec + b.toEnd.cpuSec,
      p.loadMoreCpuSec + p.toEnd.cpuSec,
      's',
      'lower',
      {
        target: { op: '<', value: b.loadMoreCpuSec + b.toEnd.cpuSec },
        note: `scrolling alone: page ${b.toEnd.cpuSec.toFixed(2)} s in ${b.toEnd.frames} frames, panel ${p.toEnd.cpuSec.toFixed(2)} s in ${p.toEnd.frames} frames`,
      },
    );
    vs('wheel scroll: main-thread CPU per frame (not a target since issue 13; see the whole-list CPU above)', bFrame, pFrame, 'ms', 'lower', {
      status: 'INFO',
      note: Number.isFinite(evenFrames)
        ? `the CPU the panel saved on "load more" pays for ${Math.round(evenFrames).toLocaleString('en-US')} such frames: scrolling past ${Math.round((evenFrames * WHEEL_PX) / ROW_HEIGHT).toLocaleString('en-US')} rows, ${((evenFrames * WHEEL_PX) / ROW_HEIGHT / LOADED).toFixed(1)}x the ${LOADED.toLocaleString('en-US')} loaded`
        : undefined,
    });
    if (p.floor) {
      const f = p.floor;
      figures.push(
        figure({
          section: SECTION,
          name: `the floor: a frame in which ${f.rowsPerFrame} rows of one element and one line of text enter the panel's list (no scroll, no panel script): main-thread CPU`,
          value: f.rowsMs,
          unit: 'ms',
          baseline: { name: "Proxbox page's scroll frame", value: bFrame, unit: 'ms' },
          note: `a frame that changes nothing costs ${f.idleMs.toFixed(2)} ms here; any list that renders the rows entering the view pays at least this per frame (${f.rowsMs > bFrame ? 'more' : 'not more'} than the page's whole scroll frame in this run)`,
        }),
      );
    }
    figures.push(
      figure({
        section: SECTION,
        name: 'wheel scroll: rows added to the DOM per frame, median / most (the rows entering the view)',
        value: p.wheel.rowsAddedP50,
        unit: 'rows',
        target: { op: '<=', value: Math.ceil(WHEEL_PX / ROW_HEIGHT) + 1 },
        note: `most in one frame: ${p.wheel.rowsAddedMax}; the page adds none (all ${LOADED} rows stay in the DOM); scrolled ${p.wheel.scrolled} px (page ${b.wheel.scrolled} px)`,
      }),
    );
    figures.push(...dragFigures(SECTION, LOADED, b.drag, p.drag));
    return { figures, raw: { baseline, panel, tailSec } };
  } finally {
    await plain.close();
    await ext.close();
    await sim.close();
  }
}
