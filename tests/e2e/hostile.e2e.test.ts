// Hostile log content in real Chromium: every payload of tests/fixtures/hostile-payloads.ts
// is written by the backend into message, module, operation id, operation and traceback,
// then brought on screen (search box), expanded, and read back. Nothing may run (canaries:
// window.__pwned in the page's main world, document.title, requests to /pwned/ on the
// simulator), every field must be its literal text, no element may come from the
// content, and the layout must hold — in the NetBox page's panel and in the side panel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Request } from 'playwright-core';
import { launchWithExtension, screenshot, type ExtensionBrowser } from './browser';
import { addInstance, control, logIn, startNetBox, type Simulator } from './netbox';
import { openPanel, panel, shownText } from './panel-helpers';
import { hostilePayloads, printableParts, type HostilePayload } from '../fixtures/hostile-payloads';
import { stripEscapes } from '../../lib/core/parse-logs-response';
import { COLLAPSED_CHARS, cutText } from '../../components/format';

let browser: ExtensionBrowser;
let sim: Simulator;
let page: Page;
let payloads: HostilePayload[];
const seen: string[] = [];
/** id of the entry holding payload i (1-based ids, written in order). */
const ids: number[] = [];

const TITLE_PWNED = 'PWNED';
/** A row's expanded height may not exceed this: two capped <pre>s (20rem each) and the fields. */
const MAX_EXPANDED_ROW_PX = 1100;
const ROW_PX = 30;

const tag = (i: number) => `hp-${String(i).padStart(3, '0')}`;

beforeAll(async () => {
  sim = await startNetBox();
  payloads = hostilePayloads(`${sim.origin}/pwned`);
  browser = await launchWithExtension();
  browser.ctx.on('request', (r: Request) => seen.push(r.url()));
  page = await browser.ctx.newPage();
  await logIn(page, sim);
  await addInstance(browser, sim.baseUrl);
  const written = await control<{ ids: string[] }>(sim.origin, 'logs', {
    entries: payloads.map((p, i) => ({
      level: i % 4 === 0 ? 'ERROR' : 'INFO',
      module: p.payload,
      message: p.payload,
      operation_id: p.payload,
      operation: p.payload,
      traceback: p.payload,
      phase: tag(i),
      resource_type: 'virtual_machine',
      resource_id: i,
    })),
  });
  ids.push(...written.ids.map(Number));
});

afterAll(async () => {
  await browser?.close();
  await sim?.close();
});

/** What a rendered row holds, read inside the page (JSON with lone surrogates escaped). */
interface RowReading {
  found: boolean;
  module: string | null;
  line: string | null;
  lineVisible: string | null;
  opText: string | null;
  opTitle: string | null;
  msgPre: string | null;
  msgVisible: string | null;
  tbPre: string | null;
  operation: string | null;
  operationId: string | null;
  foreign: string[];
  layout: {
    rowHeight: number;
    rowWidth: number;
    collapsedHeight: number | null;
    regionLeft: number;
    regionRight: number;
    viewport: number;
    docScrollWidth: number;
    scrollOverflowX: number;
    headerX: number[];
    /** Column names (pbl-head--*) left to right as painted. */
    headerOrder: string[];
    headerNames: string[];
    cellX: number[];
    preWidths: number[];
  };
}

/**
 * Reads row `id` (expanded) and checks the whole view for foreign markup. `inShadow`: the
 * view is in the content script's shadow root (NetBox page) rather than the document.
 */
function readRow(target: Page, id: number, inShadow: boolean): Promise<RowReading> {
  return target
    .evaluate(
      ({ id, inShadow }) => {
        // The side panel page's <head> holds its own script, styles and meta: look at <body>.
        const root: HTMLElement | ShadowRoot = inShadow
          ? document.getElementById('proxbox-backend-logs')!.shadowRoot!
          : document.body;
        const region = root.querySelector('[role="region"][aria-label="Backend Logs"]')!;
        const row = root.querySelector<HTMLElement>(`.pbl-scroll [role="row"][data-entry-id="${id}"]`);
        const txt = (el: Element | null | undefined) => (el ? el.textContent : null);
        const vis = (el: Element | null | undefined) => (el ? (el as HTMLElement).innerText : null);
        const field = (name: string) => {
          const dt = [...(row?.querySelectorAll('dt') ?? [])].find((d) => d.textContent === name);
          return txt(dt?.nextElementSibling?.querySelector('bdi'));
        };

        // Foreign markup anywhere in the view: elements or attributes that only content could make.
        const foreign: string[] = [];
        const dangerous =
          'img,script,iframe,object,embed,link,meta,base,form,video,audio,source,math,template,noscript,details,marquee,body,image,use,animate,frame,frameset,applet,portal';
        for (const el of root.querySelectorAll(dangerous)) foreign.push(`<${el.tagName.toLowerCase()}>`);
        for (const el of root.querySelectorAll('svg')) {
          // The extension's own: the launcher's icon, the chart's fold arrow and its bars.
          if (!['pbl-launcher-icon', 'pbl-chevron', 'pbl-chart-svg'].some((c) => el.classList.contains(c))) foreign.push('<svg> (not one of the extension’s)');
        }
        const styles = root.querySelectorAll('style');
        if (styles.length > (inShadow ? 1 : 0)) foreign.push(`${styles.length} <style> elements`);
        for (const el of root.querySelectorAll('*')) {
          for (const attr of el.getAttributeNames()) {
            const value = el.getAttribute(attr) ?? '';
            if (attr.startsWith('on')) foreign.push(`${el.tagName.toLowerCase()}[${attr}]`);
            if (['src', 'srcset', 'srcdoc', 'action', 'formaction', 'data', 'background', 'poster'].includes(attr)) {
              foreign.push(`${el.tagName.toLowerCase()}[${attr}]`);
            }
            if (attr === 'href' && /^\s*(javascript|data|vbscript):/i.test(value)) foreign.push(`a[href=${value.slice(0, 30)}]`);
            if (attr === 'style' && /url\(|expression|import/i.test(value)) foreign.push(`[style=${value.slice(0, 40)}]`);
          }
        }
        // The NetBox page itself (outside the panel): nothing may have been added there either.
        for (const el of document.querySelectorAll('[onerror],[onload],[onfocus],[ontoggle],[onbegin],[onstart],[onmouseover],iframe,object,embed')) {
          foreign.push(`page: <${el.tagName.toLowerCase()}>`);
        }

        const rect = (el: Element) => el.getBoundingClientRect();
        const headerCells = [...root.querySelectorAll<HTMLElement>('[role="columnheader"]')].filter((c) => rect(c).width > 0);
        const cells = row
          ? [...row.querySelectorAll<HTMLElement>(':scope > [role="gridcell"]:not(.pbl-cell--details)')].filter((c) => rect(c).width > 0)
          : [];
        const scroll = root.querySelector<HTMLElement>('.pbl-scroll')!;
        const other = root.querySelector<HTMLElement>('.pbl-scroll [role="row"]:not(.pbl-row--expanded)');
        const regionRect = rect(region);
        const reading = {
          found: row !== null,
          module: txt(row?.querySelector('.pbl-cell--module bdi')),
          line: txt(row?.querySelector('.pbl-cell--message bdi')),
          lineVisible: vis(row?.querySelector('.pbl-cell--message bdi')),
          opText: txt(row?.querySelector('.pbl-op')),
          opTitle: row?.querySelector('.pbl-op')?.getAttribute('title') ?? null,
          msgPre: txt(row?.querySelector('pre[aria-label="Message"]')),
          msgVisible: vis(row?.querySelector('pre[aria-label="Message"]')),
          tbPre: txt(row?.querySelector('pre[aria-label="Traceback"]')),
          operation: field('Operation'),
          operationId: field('Operation ID'),
          foreign,
          layout: {
            rowHeight: row ? rect(row).height : -1,
            rowWidth: row ? rect(row).width : -1,
            collapsedHeight: other ? rect(other).height : null,
            regionLeft: regionRect.left,
            regionRight: regionRect.right,
            viewport: window.innerWidth,
            docScrollWidth: document.documentElement.scrollWidth,
            scrollOverflowX: scroll.scrollWidth - scroll.clientWidth,
            headerX: headerCells.map((c) => rect(c).left),
            headerOrder: [...headerCells].sort((a, b) => rect(a).left - rect(b).left).map((c) => /pbl-head--(\w+)/.exec(c.className)?.[1] ?? '?'),
            headerNames: headerCells.map((c) => c.textContent ?? ''),
            cellX: cells.map((c) => rect(c).left),
            preWidths: [...(row?.querySelectorAll('pre') ?? [])].map((p) => rect(p).width),
          },
        };
        // JSON.stringify escapes lone surrogates, so they survive the trip to the test.
        return JSON.stringify(reading);
      },
      { id, inShadow },
    )
    .then((json) => JSON.parse(json) as RowReading);
}

/** Brings payload i's row on screen with the search box, expands it, reads it, collapses it. */
async function checkPayload(target: Page, i: number, inShadow: boolean): Promise<void> {
  const p = payloads[i]!;
  const id = ids[i]!;
  const view = panel(target);
  await view.getByRole('textbox', { name: 'Search' }).fill(tag(i));
  const rows = view.locator('.pbl-scroll [role="row"]');
  await expect.poll(() => rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-entry-id'))), { timeout: 5_000 }).toEqual([String(id)]);
  const row = rows.first();
  await row.locator('.pbl-cell--time').click();
  await expect.poll(() => row.getAttribute('aria-expanded')).toBe('true');

  const r = await readRow(target, id, inShadow);
  const what = `${p.name} (${inShadow ? 'page panel' : 'side panel'})`;
  expect(r.found, what).toBe(true);
  // Literal text, exactly (textContent keeps control and format characters as they are).
  // Literal text, but for terminal escapes, which no user ever sees (contract §3).
  const shown = stripEscapes(p.payload);
  expect(r.module, `${what}: module`).toBe(shown);
  expect(r.line, `${what}: collapsed message`).toBe(cutText(shown, COLLAPSED_CHARS));
  expect(r.msgPre, `${what}: message`).toBe(shown);
  expect(r.tbPre, `${what}: traceback`).toBe(shown);
  expect(r.operation, `${what}: operation`).toBe(shown);
  expect(r.operationId, `${what}: operation id`).toBe(shown);
  expect(shown.startsWith(r.opText ?? '\u0000'), `${what}: short operation id`).toBe(true);
  expect(r.opTitle, `${what}: operation id title`).toBe(`Show only operation ${shown}`);
  if (p.invisible) {
    // What is painted holds every printable part of it.
    for (const part of printableParts(shown)) expect(r.msgVisible, `${what}: visible "${part}"`).toContain(part);
  }
  expect(r.foreign, `${what}: markup from content`).toEqual([]);

  // Layout: the panel within the window, nothing wider than the list, rows of bounded height,
  // columns in their order whatever the text's direction.
  const l = r.layout;
  expect(l.regionLeft, what).toBeGreaterThanOrEqual(0);
  expect(l.regionRight, what).toBeLessThanOrEqual(l.viewport + 0.5);
  expect(l.docScrollWidth, `${what}: page width`).toBeLessThanOrEqual(l.viewport);
  expect(l.scrollOverflowX, `${what}: horizontal overflow of the list`).toBeLessThanOrEqual(0);
  expect(l.rowHeight, `${what}: expanded row height`).toBeLessThanOrEqual(MAX_EXPANDED_ROW_PX);
  for (const w of l.preWidths) expect(w, `${what}: <pre> width`).toBeLessThanOrEqual(l.rowWidth);
  // The narrow layout (side panel) leads with the message; the wide one with the time.
  expect(l.headerOrder, `${what}: header order`).toEqual(
    inShadow ? ['time', 'level', 'module', 'message', 'operation'] : ['message', 'time', 'level'],
  );
  expect(l.cellX.length, what).toBe(l.headerX.length);
  l.cellX.forEach((x, k) => expect(Math.abs(x - l.headerX[k]!), `${what}: column ${k} aligned`).toBeLessThanOrEqual(1));

  await row.locator('.pbl-cell--time').click();
  await expect.poll(() => row.getAttribute('aria-expanded')).toBe('false');
  await expect.poll(() => row.evaluate((el) => el.getBoundingClientRect().height), { message: `${what}: collapsed height` }).toBe(ROW_PX);
}

async function canaries(target: Page): Promise<{ pwned: unknown; title: string }> {
  return target.evaluate(() => ({ pwned: (window as { __pwned?: unknown }).__pwned ?? null, title: document.title }));
}

async function canaryRequests(): Promise<string[]> {
  const { requests } = (await (await fetch(`${sim.origin}/__sim/requests`)).json()) as { requests: { path: string }[] };
  return requests.map((r) => r.path).filter((p) => p.startsWith('/pwned'));
}

describe('hostile log content', () => {
  it('is shown as literal text in the NetBox page panel, runs nothing and keeps the layout', async () => {
    expect(payloads.length).toBeGreaterThanOrEqual(50);
    await page.goto(`${sim.baseUrl}/dcim/devices/`);
    const titleBefore = await page.title();
    const logs = await openPanel(page);
    await expect.poll(() => shownText(logs), { timeout: 15_000 }).toBe(`Showing ${payloads.length} of ${payloads.length}`);
    await screenshot(page, 'hostile-panel-list');

    const header = await page.evaluate(() =>
      [...document.getElementById('proxbox-backend-logs')!.shadowRoot!.querySelectorAll('[role="columnheader"]')].map((c) => c.textContent),
    );
    expect(header).toEqual(['Time (local)', 'Level', 'Module', 'Message', 'Operation']);

    for (let i = 0; i < payloads.length; i++) await checkPayload(page, i, true);

    // A look at two of the nastiest, expanded.
    for (const name of ['bidi-rlo-open', 'huge-markup']) {
      await logs.getByRole('textbox', { name: 'Search' }).fill(tag(payloads.findIndex((p) => p.name === name)));
      await logs.locator('.pbl-scroll [role="row"] .pbl-cell--time').first().click();
      await expect.poll(() => logs.locator('.pbl-row--expanded').count()).toBe(1);
      await screenshot(page, `hostile-panel-${name}`);
      await logs.locator('.pbl-scroll [role="row"] .pbl-cell--time').first().click();
    }
    await logs.getByRole('textbox', { name: 'Search' }).fill('');
    await expect.poll(() => shownText(logs), { timeout: 15_000 }).toBe(`Showing ${payloads.length} of ${payloads.length}`);

    expect(await canaries(page)).toEqual({ pwned: null, title: titleBefore });
    expect(await canaryRequests()).toEqual([]);
    expect(seen.filter((u) => u.startsWith(`${sim.origin}/pwned`) || u.includes('evil.example'))).toEqual([]);
  });

  it('sends hostile operation ids to the backend intact when filtering by them', async () => {
    const logs = await openPanel(page);
    // Ids with characters that mean something in a URL query, and non-ASCII ones. (Not a
    // lone surrogate: a URL cannot carry one; it goes out as U+FFFD and matches nothing.)
    const names = ['query-chars', 'script-tag', 'entities', 'percent-encoded', 'rtl-text', 'emoji-zwj', 'md-link'];
    for (const name of names) {
      const i = payloads.findIndex((p) => p.name === name);
      const p = payloads[i]!;
      await logs.getByRole('textbox', { name: 'Search' }).fill(tag(i));
      await logs.locator(`.pbl-scroll [role="row"][data-entry-id="${ids[i]}"] .pbl-op`).click();
      await expect.poll(() => shownText(logs), { message: name, timeout: 15_000 }).toBe('Showing 1 of 1');
      const input = logs.getByRole('textbox', { name: 'Operation ID' });
      expect(JSON.parse(await input.evaluate((el) => JSON.stringify((el as HTMLInputElement).value))), name).toBe(p.payload);
      await expect
        .poll(() => logs.locator('.pbl-scroll [role="row"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-entry-id'))), { message: name, timeout: 15_000 })
        .toEqual([String(ids[i])]);
      await logs.getByRole('button', { name: 'Clear filters' }).click();
      await expect.poll(() => shownText(logs), { message: name, timeout: 15_000 }).toBe(`Showing 1 of ${payloads.length}`);
    }
    expect(await canaryRequests()).toEqual([]);
  });

  it('is shown as literal text in the side panel (narrow), runs nothing and keeps the layout', async () => {
    const side = await browser.openExtensionPage('sidepanel.html');
    await side.setViewportSize({ width: 420, height: 900 });
    const logs = panel(side);
    await logs.waitFor();
    await expect.poll(() => shownText(logs), { timeout: 15_000 }).toBe(`Showing ${payloads.length} of ${payloads.length}`);
    await screenshot(side, 'hostile-sidepanel-list');
    for (let i = 0; i < payloads.length; i++) await checkPayload(side, i, false);
    await logs.getByRole('textbox', { name: 'Search' }).fill(tag(payloads.findIndex((p) => p.name === 'bidi-rlo-open')));
    await logs.locator('.pbl-scroll [role="row"] .pbl-cell--time').first().click();
    await screenshot(side, 'hostile-sidepanel-expanded');
    expect((await canaries(side)).pwned).toBeNull();
    expect(await canaries(page)).toMatchObject({ pwned: null });
    expect(await page.title()).not.toBe(TITLE_PWNED);
    expect(await canaryRequests()).toEqual([]);
    expect(seen.filter((u) => u.startsWith(`${sim.origin}/pwned`) || u.includes('evil.example'))).toEqual([]);
    await side.close();
  });

  it('throws no uncaught error in any page', () => {
    expect(browser.uncaughtErrors).toEqual([]);
  });
});
