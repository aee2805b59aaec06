// 0 navigation (issue 23): a user who keeps the panel open moves through NetBox, a
// multi-page application, so every click loads a new page and the panel fills again.
// Measured: navigation start -> the panel's first 200 rows painted, on a NetBox page with
// the panel left open, against the Proxbox page stand-in's navigation -> its first 200 rows
// painted (tests/bench/page/plugin-page.ts, the same data, the same machine, one run).
//
// Both clocks are the page's own (performance.now(): from the navigation's start). The
// panel's rows are watched by a small script that NetBox's page carries first in its
// <head> (navigation-probe below): each frame it looks into the panel's shadow root (open
// in the bench build) and, once 200 rows are in it, notes the time right after that frame
// is painted, the way measure.ts's afterNextPaint does for the Proxbox page. The same
// script notes NetBox's own first contentful paint, the aim beyond the target.
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

/** The page's first script: notes NetBox's first contentful paint and when the panel's rows were painted. */
function navigationProbe(hostId: string, rows: number): string {
  return `<script>(() => {
  const nav = (window.__nav = { fcp: null, panelRows: null });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') nav.fcp = e.startTime;
  }).observe({ type: 'paint', buffered: true });
  const held = (root) => {
    const table = root && root.querySelector('.pbl-table[aria-rowcount]');
    return table ? Number(table.getAttribute('aria-rowcount')) - 1 : 0;
  };
  const tick = () => {
    const root = document.getElementById(${JSON.stringify(hostId)})?.shadowRoot;
    if (held(root) >= ${rows} && root.querySelector('.pbl-sizer > [role="row"]')) {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => (nav.panelRows = performance.now());
      channel.port2.postMessage(null);
    } else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();</script>`;
}

/** Navigates `runs + 1` times (the first warms the HTTP cache, as a returning user has it); the readings of the others. */
async function navigations(page: Page, url: string, runs: number, read: () => Promise<Record<string, number>>): Promise<Record<string, number>[]> {
  const out: Record<string, number>[] = [];
  for (let i = 0; i <= runs; i++) {
    await page.goto(url, { waitUntil: 'commit' });
    const reading = await read();
    if (i > 0) out.push(reading);
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
    await routePages(plain, sim, opts.script);
    await routePages(ext, sim, opts.script, navigationProbe(PANEL_HOST_ID, FIRST_PAGE));
    const devices = `${sim.baseUrl}/dcim/devices/`;

    opts.log(`navigation: the Proxbox page, ${runs} navigations`);
    const pluginPage = await plain.ctx.newPage();
    await logIn(pluginPage, sim, 'admin', '/');
    const plugin = await navigations(pluginPage, `${devices}?proxbox-page`, runs, async () => {
      const handle = await pluginPage.waitForFunction(() => (globalThis as unknown as { __peer?: { pluginFirstScreen(): number | null } }).__peer?.pluginFirstScreen() ?? null);
      const fcp = await pluginPage.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN);
      return { rows: (await handle.jsonValue()) as number, fcp };
    });

    opts.log(`navigation: NetBox pages with the panel left open, ${runs} navigations`);
    const panelPage = await ext.ctx.newPage();
    await logIn(panelPage, sim, 'admin', '/');
    await addInstance(ext, sim.baseUrl);
    await panelPage.goto(devices);
    await openPanel(panelPage); // left open from now on: every NetBox page opens with it
    const panel = await navigations(panelPage, devices, runs, async () => {
      const handle = await panelPage.waitForFunction(() => {
        const nav = (globalThis as unknown as { __nav?: { fcp: number | null; panelRows: number | null } }).__nav;
        return nav && nav.panelRows !== null && nav.fcp !== null ? nav : null;
      });
      return (await handle.jsonValue()) as { fcp: number; panelRows: number };
    });

    const pluginMs = plugin.map((r) => r.rows!);
    const panelMs = panel.map((r) => r.panelRows!);
    const fcpMs = panel.map((r) => r.fcp!);
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
        value: median(panel.map((r) => r.panelRows! - r.fcp!)),
        unit: 'ms',
        note: `NetBox's first contentful paint ${fcpMs.map(Math.round).join(', ')} ms; 0 means the rows came with it (the aim)`,
      }),
    ];
    const plainFcp = plugin.map((r) => r.fcp!);
    figures.push(
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
