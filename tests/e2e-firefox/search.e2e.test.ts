// Search in Firefox ESR's page panel looks through everything the backend holds, not only
// the page the panel loaded: an entry 5,000 back is found, the footer says among how many
// entries, the backend is asked for the older entries once (in pages of 5,000), and clearing
// the search brings the newest entries back to the top. Chromium's: tests/e2e/search.e2e.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ElementHandle, Page } from 'puppeteer-core';
import { fill, findByRole, screenshot, waitFor, type FirefoxExtension } from './firefox';
import { addInstance, closeAll, control, logIn, netBoxWithFirefox, openPanel, textBecomes, type Simulator } from './netbox';
import { recordedRequests } from '../simulator/test-client';
import { MAX_LIMIT, PAGE_SIZE } from '../../lib/core/logs-query';

let ext: FirefoxExtension;
let sim: Simulator;
let page: Page;
let region: ElementHandle;

const WORD = 'quetzal';
/** Entries written before the one searched for, and after it (so it is 5,000 back). */
const OLDER = 1_000;
const NEWER = 5_000;
const TOTAL = OLDER + 1 + NEWER;
let found: number;

beforeAll(async () => {
  ({ sim, ext } = await netBoxWithFirefox());
  await control(sim.origin, 'burst', { count: OLDER });
  found = Number((await control<{ ids: string[] }>(sim.origin, 'logs', { message: `VM 9137 failed to sync: ${WORD} timeout` })).ids[0]);
  await control(sim.origin, 'burst', { count: NEWER });
  page = await ext.newPage();
  await logIn(page, sim);
  await addInstance(ext, sim.baseUrl);
  await page.goto(`${sim.baseUrl}/dcim/devices/`);
  region = await openPanel(page);
  await textBecomes(region, (t) => t.includes(`Showing ${PAGE_SIZE} of ${TOTAL}`), 'the newest page');
});

afterAll(() => closeAll(ext, sim));

const searchBox = () => findByRole(region, 'textbox', 'Search');
/** "Showing N of M", exactly. */
const shown = () => region.evaluate((r) => r.querySelector('.pbl-count')?.textContent?.trim() ?? null);
/** The entry ids of the rows rendered now, top first. */
const renderedIds = () =>
  region.evaluate((r) =>
    [...r.querySelectorAll<HTMLElement>('[role="row"][data-entry-id]')]
      .sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index))
      .map((row) => Number(row.dataset.entryId)),
  );
/** The logs requests that read below a cursor (a search's older pages), after `seq`. */
const olderReads = async (seq: number) => (await recordedRequests(sim.origin, seq)).map((r) => r.path).filter((p) => p.includes('older_than_id='));
const lastSeq = async () => (await recordedRequests(sim.origin)).at(-1)?.seq ?? 0;
const everything = `· matches among all ${TOTAL.toLocaleString('en-US')} entries the backend holds`;

describe('firefox: search over everything the backend holds', () => {
  it('finds the entry 5,000 back that the panel had not loaded, reading the rest once', async () => {
    expect(found).toBe(OLDER + 1);
    expect(await renderedIds()).not.toContain(found);
    const seq = await lastSeq();

    await fill(await searchBox(), WORD);
    await textBecomes(region, (t) => t.includes(everything), `"${everything}"`, 30_000);
    expect(await shown()).toBe(`Showing 1 of ${TOTAL}`);
    await waitFor(async () => (await renderedIds()).length > 0, 'a row rendered');
    expect(await renderedIds()).toEqual([found]);

    // The entries below the first page, in the backend's largest pages, each read once.
    const older = await olderReads(seq);
    expect(older).toHaveLength(Math.ceil((TOTAL - PAGE_SIZE) / MAX_LIMIT));
    expect(older.every((p) => p.includes(`limit=${MAX_LIMIT}`))).toBe(true);

    // A found row is a row like any other: it expands.
    const row = await waitFor(() => region.$(`[role="row"][data-entry-id="${found}"]`), 'the found row');
    expect(await row.evaluate((el) => el.getAttribute('aria-expanded'))).toBe('false');
    await row.click();
    await waitFor(async () => (await row.evaluate((el) => el.getAttribute('aria-expanded'))) === 'true', 'the row expanded');
    await screenshot(page, 'panel-search-everything');
  });

  it('cleared, the newest entries are on top again; the same search asks the backend nothing more', async () => {
    const seq = await lastSeq();
    await fill(await searchBox(), '');
    // What the search read stays loaded: every entry, the newest on top.
    await waitFor(async () => (await shown()) === `Showing ${TOTAL} of ${TOTAL}`, `Showing ${TOTAL} of ${TOTAL}`);
    const newest = sim.buffer.newestId!;
    expect((await renderedIds()).slice(0, 3)).toEqual([newest, newest - 1, newest - 2]);
    expect(await region.evaluate((r) => r.querySelector('.pbl-scroll')!.scrollTop)).toBe(0);

    await fill(await searchBox(), WORD);
    await textBecomes(region, (t) => t.includes(everything), `"${everything}" again`);
    expect(await shown()).toBe(`Showing 1 of ${TOTAL}`);
    expect(await olderReads(seq)).toEqual([]);
  });

  it('throws no uncaught error in any page', async () => {
    expect(await ext.errors()).toEqual([]);
  });
});
