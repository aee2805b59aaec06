// Issue 22, parts 1 and 3 in real Chromium: a From/To range set by a preset, by typing and
// by a click on the chart, showing exactly the backend's entries between From and To, with
// their exact total; Clear filters; the chart and the range in the 360 px side panel,
// light and dark, with no serious axe finding. The backend holds three hours of history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { expectNoSerious, scan } from './axe';
import { screenshot, type ExtensionBrowser } from './browser';
import { boxes, outside, overlaps } from './layout-boxes';
import { closeAll, control, netBoxWithExtension, type Simulator } from './netbox';
import { openPanel, openSidePanel, shownText } from './panel-helpers';
import { PANEL_HOST_ID } from '../../lib/core/panel-injection';
import { parseRangeInput } from '../../lib/core/range-input';
import { idsBetween, typedMinute } from './range-expectations';

let browser: ExtensionBrowser;
let sim: Simulator;
let page: Page;
let logs: Locator;

const HISTORY = 900;
const MIN = 60_000;

beforeAll(async () => {
  ({ sim, browser } = await netBoxWithExtension());
  await control(sim.origin, 'burst', { count: HISTORY, spreadOverHours: 3 });
  await control(sim.origin, 'logs', { count: 5, message: 'Written just now' });
  page = await browser.ctx.newPage();
  await page.goto(`${sim.baseUrl}/dcim/devices/`);
  logs = await openPanel(page);
  await logs.getByText(`Showing 200 of ${HISTORY + 5}`).waitFor();
});

afterAll(() => closeAll(browser, sim));

const between = (from: number | null, to: number | null) => idsBetween(sim, from, to);
const typed = typedMinute;

const field = (name: 'From' | 'To') => logs.getByRole('group', { name: 'Time range' }).getByRole('textbox', { name });
/** From and To as applied: the fields' text, read as the extension reads it (local time). */
async function applied(): Promise<{ from: number | null; to: number | null }> {
  const read = async (name: 'From' | 'To') => parseRangeInput(await field(name).inputValue(), 'local', Date.now()) as number | null;
  return { from: await read('From'), to: await read('To') };
}

/** The list shows exactly these ids: the count, the newest row, and (after End) the oldest. */
async function expectRows(ids: number[]): Promise<void> {
  await expect.poll(() => shownText(logs), { timeout: 15_000 }).toBe(`Showing ${ids.length} of ${ids.length}`);
  const rows = logs.locator('[role="row"][data-entry-id]');
  expect(Number(await rows.first().getAttribute('data-entry-id'))).toBe(ids[0]);
  await rows.first().focus();
  await page.keyboard.press('End');
  await expect.poll(async () => Number(await rows.last().getAttribute('data-entry-id'))).toBe(ids.at(-1));
  await page.keyboard.press('Home');
}

async function requestsSince(seq: number): Promise<string[]> {
  const { requests } = (await (await fetch(`${sim.origin}/__sim/requests?after=${seq}`)).json()) as { requests: { path: string }[] };
  return requests.map((r) => r.path).filter((p) => p.includes('/api/plugins/proxbox/logs/'));
}
async function lastSeq(): Promise<number> {
  const { requests } = (await (await fetch(`${sim.origin}/__sim/requests`)).json()) as { requests: { seq: number }[] };
  return requests.at(-1)?.seq ?? 0;
}

describe('a time range in the page panel', () => {
  it('by a preset: the last hour, every entry of it, live', async () => {
    await logs.getByRole('button', { name: 'Last hour' }).click();
    await expect.poll(async () => (await applied()).from).not.toBeNull();
    const { from, to } = await applied();
    expect(to).toBeNull();
    expect(Date.now() - from!).toBeLessThan(MIN + 60 * MIN);
    await expectRows(between(from, null));
    // Live: an entry written now shows up by itself.
    await control(sim.origin, 'logs', { message: 'Arrived in the last hour' });
    await expect.poll(() => logs.getByText('Arrived in the last hour').count(), { timeout: 15_000 }).toBe(1);
    await expectRows(between(from, null));
  });

  it('by typing From and To deep in the history: exactly the entries between, in two requests', async () => {
    const ids = between(null, null);
    const oldest = Date.parse(sim.buffer.get(ids.at(-1)!)!.timestamp);
    // Whole minutes, as a person types them, two hours into three.
    const from = Math.ceil((oldest + 45 * MIN) / MIN) * MIN;
    const to = from + 30 * MIN;
    const seq = await lastSeq();
    await field('From').fill(typed(from));
    await field('From').press('Enter');
    await field('To').fill(typed(to));
    await field('To').press('Tab'); // leaving the field applies it
    await expect.poll(applied).toEqual({ from, to });
    const want = between(from, to);
    expect(want.length).toBeGreaterThan(0);
    await expectRows(want);
    // The To probe and one page (the range is under 5,000 entries), after From's own page.
    const asked = (await requestsSince(seq)).filter((p) => p.includes('since='));
    expect(asked.slice(-2).map((p) => [/limit=1(&|$)/.test(p), /older_than_id=\d+/.test(p), /limit=5000/.test(p)])).toEqual([
      [true, false, false],
      [false, true, true],
    ]);
    // The chart says the same count, in words.
    await expect.poll(() => logs.getByRole('img', { name: /^Entries over time/ }).getAttribute('aria-label')).toMatch(
      new RegExp(`^Entries over time: ${want.length.toLocaleString('en-US')} loaded entr`),
    );
    await screenshot(page, 'range-panel-typed');
  });

  it('by a click on a bar of the chart: From and To become that bar, the list its entries', async () => {
    await logs.getByRole('button', { name: 'Last 24 h' }).click();
    await expect.poll(() => shownText(logs), { timeout: 15_000 }).toMatch(/^Showing (\d+) of \1$/);
    const bars = logs.getByRole('toolbar', { name: 'Bars: choose one to show only its time' }).getByRole('button');
    const busiest = await bars.evaluateAll((list) =>
      list
        .map((b, i) => ({ i, n: Number(/: ([\d,]+) entr/.exec(b.getAttribute('aria-label') ?? '')?.[1]?.replace(/,/g, '') ?? 0) }))
        .sort((a, b) => b.n - a.n)[0]!,
    );
    await bars.nth(busiest.i).click();
    await expect.poll(() => shownText(logs), { timeout: 15_000 }).toBe(`Showing ${busiest.n} of ${busiest.n}`);
    const { from, to } = await applied();
    expect(to! - from!).toBeGreaterThan(0);
    await expectRows(between(from, to));
  });

  it('"Clear filters" clears them: the newest page again', async () => {
    await logs.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => shownText(logs), { timeout: 15_000 }).toMatch(/^Showing 200 of 90\d$/);
    expect([await field('From').inputValue(), await field('To').inputValue()]).toEqual(['', '']);
  });

  it('light and dark: range and chart read well, no serious axe finding', async () => {
    await field('From').fill(typed(Date.now() - 3 * 60 * MIN - MIN));
    await field('From').press('Enter');
    await expect.poll(() => shownText(logs), { timeout: 15_000 }).toMatch(/^Showing (\d+) of \1$/);
    for (const theme of ['light', 'dark'] as const) {
      await page.evaluate((t) => document.documentElement.setAttribute('data-bs-theme', t), theme);
      await expect.poll(() => page.locator(`#${PANEL_HOST_ID} .pbl-root`).getAttribute('data-theme')).toBe(theme);
      await field('From').blur();
      expectNoSerious(await scan(page, `#${PANEL_HOST_ID}`), `the page panel with a range and the chart (${theme})`);
      await screenshot(page, `range-panel-${theme}`);
    }
    await page.evaluate(() => document.documentElement.setAttribute('data-bs-theme', 'light'));
  });
});

describe('the side panel at 360 and 400 px', () => {
  for (const [width, theme] of [[360, 'light'], [360, 'dark'], [400, 'light']] as const) {
    it(`${width} px, ${theme}: the range and the chart fit, nothing over anything, no serious axe finding`, async () => {
      const from = Math.floor((Date.now() - 3 * 60 * MIN) / 1000) * 1000;
      const side = await openSidePanel(browser, sim.baseUrl, { width, height: 800, colorScheme: theme, query: `&from=${new Date(from).toISOString()}` });
      const region = side.getByRole('region', { name: 'Backend Logs' });
      await expect.poll(() => shownText(region), { timeout: 15_000 }).toMatch(/^Showing (\d+) of \1$/);
      await region.getByRole('img', { name: /^Entries over time/ }).waitFor();
      const parts = await boxes(region, '.pbl-filters > *:not(.pbl-range), .pbl-range > .pbl-label, .pbl-range-presets > *, .pbl-chart-head > *, .pbl-chart-plot, .pbl-chart-axis > *');
      expect(parts.length).toBe(15);
      expect(outside(parts, width)).toEqual([]);
      expect(overlaps(parts)).toEqual([]);
      expectNoSerious(await scan(side), `the side panel at ${width} px with a range and the chart (${theme})`);
      await screenshot(side, `range-sidepanel-${width}-${theme}`);
      await side.close();
    });
  }

  it('throws no uncaught error in any page', () => {
    expect(browser.uncaughtErrors).toEqual([]);
  });
});
