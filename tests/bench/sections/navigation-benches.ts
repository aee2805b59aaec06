// 0 navigation (issue 23): a user who keeps the panel open moves through NetBox, a
// multi-page application, so every click loads a new page and the panel fills again.
// Measured: navigation start -> the panel's first 200 rows painted, on a NetBox page with
// the panel left open, against the Proxbox page stand-in's navigation -> its first 200 rows
// painted (tests/bench/page/plugin-page.ts, the same data, the same machine, one run).
//
// Both clocks are the page's own (performance.now(): from the navigation's start). Each
// subject's page carries a small script first in its <head> (navigationProbe below): each
// frame it looks for the first rows (in the panel's shadow root, open in the bench build;
// the stand-in notes its own), notes the time right after the frame that painted them,
// and notes NetBox's own first contentful paint. It reports both in a console message, so
// that nothing of the bench runs in the page while it loads. With NetBox's first paint
// measured without the extension, the same run also gives the ceiling: the ratio a panel
// would reach if its rows came with that first paint and cost it nothing.
import type { Page } from 'playwright-core';
import { logIn } from '../../e2e/netbox';
import { PANEL_HOST_ID } from '../../../lib/core/panel-injection';
import { startSimulator } from '../../simulator/index';
import { launch } from '../browser';
import { writeRealEntries } from '../real-entries';
import { figure, median, type Figure } from '../report';
import { addInstance, openPanel } from './extension-benches';
import { routePages, type PeerBenchOptions } from './peer-benches';

const SECTION = '0 navigation';
const FIRST_PAGE = 200;

/** `script`: the in-page script of section 0 (the Proxbox page stand-in). */
export interface NavigationBenchOptions extends Pick<PeerBenchOptions, 'extensionDir' | 'script' | 'log'> {
  runs?: number;
}

/** How the probe tells the bench it is done (a console message: nothing of the bench's runs in the page meanwhile). */
const DONE = '__navigation-probe';

interface Reading {
  fcp: number;
  rows: number;
}

/**
 * The page's first script: notes NetBox's first contentful paint and when the subject's
 * first rows were painted, then logs both (DONE). `rowsIn`: an expression, true once
 * they are in the page; the time is then the end of the frame that painted them, or
 * `paintedAt` (an expression) where the subject notes that itself. The bench waits for that
 * console message rather than polling the page: Playwright's polling evaluates its own
 * script of some 20 ms in the page (traced), which would land in the measured navigation.
 */
function navigationProbe(rowsIn: string, paintedAt?: string): string {
  return `<script>(() => {
  const nav = { fcp: null, rows: null };
  const report = () => nav.fcp !== null && nav.rows !== null && console.debug(${JSON.stringify(DONE)}, JSON.stringify(nav));
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') { nav.fcp = e.startTime; report(); }
  }).observe({ type: 'paint', buffered: true });
  const tick = () => {
    if (${rowsIn}) {
      ${paintedAt ? `nav.rows = ${paintedAt}; report(); return;` : ''}
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { nav.rows = performance.now(); report(); };
      channel.port2.postMessage(null);
    } else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();</script>`;
}

/** The panel's rows: each frame the probe looks into its shadow root (open in the bench build) for `rows` held and drawn. */
function panelRowsIn(hostId: string, rows: number): string {
  return `((root) => {
    const table = root ? root.querySelector('.pbl-table[aria-rowcount]') : null;
    return table !== null && Number(table.getAttribute('aria-rowcount')) - 1 >= ${rows} && root.querySelector('.pbl-sizer > [role="row"]') !== null;
  })(document.getElementById(${JSON.stringify(hostId)})?.shadowRoot)`;
}

/** The Proxbox page stand-in notes its own first screen, after the frame that painted it (measure.ts afterNextPaint). */
const PLUGIN_FIRST_SCREEN = 'window.__peer?.pluginFirstScreen()';

/** One navigation to `url`: its reading, once the page is idle again. */
async function navigate(page: Page, url: string): Promise<Reading> {
  const done = page.waitForEvent('console', { predicate: (m) => m.text().startsWith(DONE), timeout: 30_000 });
  await page.goto(url, { waitUntil: 'commit' });
  const reading = JSON.parse((await done).text().slice(DONE.length + 1)) as Reading;
  // The next click comes once the page is idle, as a user's does: what the page still
  // does after its first rows (the rows beyond the view, the chart) is not in the next
  // navigation's figure, which runs in the same renderer process.
  await page.evaluate(() => new Promise((resolve) => requestIdleCallback(() => requestIdleCallback(resolve))));
  return reading;
}

/**
 * Each subject navigates `runs + 1` times, the two in turn, so that a machine slower for a
 * while slows both (this machine's speed drifts by more than the figures' gap); the first
 * of each warms the HTTP cache, as a returning user has it, and is not counted.
 */
async function navigationsInTurn(subjects: { page: Page; url: string }[], runs: number): Promise<Reading[][]> {
  const out: Reading[][] = subjects.map(() => []);
  for (let i = 0; i <= runs; i++) {
    for (const [k, { page, url }] of subjects.entries()) {
      const reading = await navigate(page, url);
      if (i > 0) out[k]!.push(reading);
    }
  }
  return out;
}

export async function runNavigationBenches(opts: NavigationBenchOptions): Promise<{ figures: Figure[]; raw: unknown }> {
  const runs = opts.runs ?? 7;
  const sim = await startSimulator({ plugin: 'proxy', writerRate: 0, seed: 37 });
  writeRealEntries(sim, 6000);
  const plain = await launch();
  const ext = await launch(opts.extensionDir);
  try {
    await routePages(plain, sim, opts.script, navigationProbe(`${PLUGIN_FIRST_SCREEN} != null`, PLUGIN_FIRST_SCREEN));
    await routePages(ext, sim, opts.script, navigationProbe(panelRowsIn(PANEL_HOST_ID, FIRST_PAGE)));
    const devices = `${sim.baseUrl}/dcim/devices/`;

    const pluginPage = await plain.ctx.newPage();
    await logIn(pluginPage, sim, 'admin', '/');
    const panelPage = await ext.ctx.newPage();
    await logIn(panelPage, sim, 'admin', '/');
    await addInstance(ext, sim.baseUrl);
    await panelPage.goto(devices);
    await openPanel(panelPage); // left open from now on: every NetBox page opens with it

    opts.log(`navigation: the Proxbox page and NetBox pages with the panel left open, ${runs} navigations each, in turn`);
    const [plugin, panel] = (await navigationsInTurn(
      [
        { page: pluginPage, url: `${devices}?proxbox-page` },
        { page: panelPage, url: devices },
      ],
      runs,
    )) as [Reading[], Reading[]];

    const pluginMs = plugin.map((r) => r.rows);
    const panelMs = panel.map((r) => r.rows);
    const fcpMs = panel.map((r) => r.fcp);
    const b = median(pluginMs);
    const p = median(panelMs);
    const figures: Figure[] = [
      figure({
        section: SECTION,
        name: `navigate to a NetBox page with the panel left open -> ${FIRST_PAGE} rows painted (page: navigate -> ${FIRST_PAGE} rows), median of ${runs}`,
        value: p,
        unit: 'ms',
        baseline: { name: 'Proxbox page', value: b, unit: 'ms' },
        ratio: b / p,
        ratioLabel: 'better',
        target: { op: '<=', value: b / 2 },
        note: `panel ${panelMs.map(Math.round).join(', ')} ms; page ${pluginMs.map(Math.round).join(', ')} ms`,
      }),
      figure({
        section: SECTION,
        name: "the same navigations: NetBox's own first contentful paint -> the panel's rows painted, median",
        value: median(panel.map((r) => r.rows - r.fcp)),
        unit: 'ms',
        note: `NetBox's first contentful paint ${fcpMs.map(Math.round).join(', ')} ms; 0 means the rows came with it (the aim)`,
      }),
    ];
    const plainFcp = plugin.map((r) => r.fcp);
    const f = median(plainFcp);
    figures.push(
      figure({
        section: SECTION,
        name: "the ceiling: NetBox's own first contentful paint without the extension (page: navigate -> 200 rows), median: rows that came with it, at no cost to it",
        value: f,
        unit: 'ms',
        baseline: { name: 'Proxbox page', value: b, unit: 'ms' },
        ratio: b / f,
        ratioLabel: 'better',
        note: 'no panel whose rows come with the page can be further ahead of the Proxbox page than this ratio; the target above asks for 2x',
      }),
      figure({
        section: SECTION,
        name: "NetBox's own first contentful paint: the page with the panel left open (page: without the extension), median",
        value: median(fcpMs),
        unit: 'ms',
        baseline: { name: 'Proxbox page', value: median(plainFcp), unit: 'ms' },
        note: `with the panel ${fcpMs.map(Math.round).join(', ')} ms; without the extension ${plainFcp.map(Math.round).join(', ')} ms: what the panel costs NetBox's own page`,
      }),
    );
    return { figures, raw: { pluginMs, panel, plainFcp } };
  } finally {
    await plain.close();
    await ext.close();
    await sim.close();
  }
}
