// The page panel's time range and chart in Firefox ESR: From and To typed, a preset, a click
// on a bar, each showing exactly the backend's entries between From and To; Clear filters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ElementHandle, Page } from 'puppeteer-core';
import { fill, findByRole, queryAllByRole, screenshot, textOf, waitFor, type FirefoxExtension } from './firefox';
import { addInstance, closeAll, control, logIn, netBoxWithFirefox, openPanel, textBecomes, type Simulator } from './netbox';
import { idsBetween, typedMinute } from '../e2e/range-expectations';
import { parseRangeInput } from '../../lib/core/range-input';

let ext: FirefoxExtension;
let sim: Simulator;
let page: Page;
let region: ElementHandle;

const MIN = 60_000;
const HISTORY = 600;

beforeAll(async () => {
  ({ sim, ext } = await netBoxWithFirefox());
  await control(sim.origin, 'burst', { count: HISTORY, spreadOverHours: 2 });
  page = await ext.newPage();
  await logIn(page, sim);
  await addInstance(ext, sim.baseUrl);
  await page.goto(`${sim.baseUrl}/dcim/devices/`);
  region = await openPanel(page);
  await textBecomes(region, (t) => t.includes(`Showing 200 of ${HISTORY}`), 'the newest page');
});

afterAll(() => closeAll(ext, sim));

const field = async (name: 'From' | 'To') => findByRole(await findByRole(region, 'group', 'Time range'), 'textbox', name);
/** What From and To say now, read as the extension reads them (local time). */
async function applied(name: 'From' | 'To'): Promise<number | null> {
  const value = await (await field(name)).evaluate((el) => (el as HTMLInputElement).value);
  return parseRangeInput(value, 'local', Date.now()) as number | null;
}
/** "Showing N of N" with N the backend's count for (from, to], and the newest of them on top. */
async function expectRange(from: number | null, to: number | null): Promise<void> {
  const ids = idsBetween(sim, from, to);
  await textBecomes(region, (t) => t.includes(`Showing ${ids.length} of ${ids.length}`), `Showing ${ids.length} of ${ids.length}`);
  const top = await region.evaluate((r) => r.querySelector('[role="row"][data-entry-id]')?.getAttribute('data-entry-id'));
  expect(Number(top)).toBe(ids[0]);
}

describe('firefox: the page panel’s time range', () => {
  it('From and To typed: exactly the entries between', async () => {
    const oldest = Date.parse(sim.buffer.get(sim.buffer.oldestId!)!.timestamp);
    const from = Math.ceil((oldest + 30 * MIN) / MIN) * MIN;
    const to = from + 40 * MIN;
    await fill(await field('From'), typedMinute(from));
    await (await field('From')).press('Enter');
    await fill(await field('To'), typedMinute(to));
    await (await field('To')).press('Enter');
    await waitFor(async () => (await applied('To')) === to, 'To applied');
    await expectRange(from, to);
    const ids = idsBetween(sim, from, to);
    const name = await region.evaluate((r) => r.querySelector('.pbl-chart svg[role="img"]')?.getAttribute('aria-label'));
    expect(name).toMatch(new RegExp(`^Entries over time: ${ids.length.toLocaleString('en-US')} loaded entr`));
    await screenshot(page, 'range-typed');
  });

  it('a preset, then a click on a bar', async () => {
    await (await findByRole(region, 'button', 'Last hour')).click();
    await waitFor(async () => (await applied('To')) === null && (await applied('From')) !== null, 'the preset applied');
    await expectRange(await applied('From'), null);

    const bars = await queryAllByRole(await findByRole(region, 'toolbar', 'Bars: choose one to show only its time'), 'button');
    expect(bars.length).toBeGreaterThan(0);
    await bars[0]!.click();
    await waitFor(async () => (await applied('To')) !== null, 'the bar applied');
    await expectRange(await applied('From'), await applied('To'));
  });

  it('"Clear filters" clears them', async () => {
    await (await findByRole(region, 'button', 'Clear filters')).click();
    await textBecomes(region, (t) => t.includes(`Showing 200 of ${HISTORY}`), 'the newest page again');
    expect(await textOf(region)).not.toContain('From must');
    expect(await applied('From')).toBeNull();
  });

  it('throws no uncaught error in any page', async () => {
    expect(await ext.errors()).toEqual([]);
  });
});
