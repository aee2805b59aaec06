// Keyboard only, in real Chromium: open the panel, reach the filters, set a level and an
// operation ID, move through rows, expand one with Enter, copy it, close with Esc; in the
// page panel and in the side panel. After every key the focused element (inside the
// panel's shadow root too) must draw a focus indicator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, type ExtensionBrowser } from './browser';
import { closeAll, control, netBoxWithExtension, type Simulator } from './netbox';
import { openSidePanel, panel, shownText } from './panel-helpers';

let browser: ExtensionBrowser;
let sim: Simulator;

const OP = '3b9d4e7f-1a2c-4d5e-8f90-a1b2c3d4e5f6';

beforeAll(async () => {
  ({ sim, browser } = await netBoxWithExtension());
  await control(sim.origin, 'logs', { count: 10, module: 'storage', message: 'Storage pool checked' });
  await control(sim.origin, 'logs', { level: 'ERROR', module: 'network', message: 'Another job failed' });
  await control(sim.origin, 'logs', {
    entries: [
      { level: 'INFO', message: 'Fetched 6 devices' },
      { level: 'ERROR', message: 'Failed to sync device pve02: 500' },
      { level: 'ERROR', message: 'Failed to sync device pve03: timeout' },
    ],
    module: 'devices',
    operation_id: OP,
    operation: 'device_sync',
  });
});

afterAll(() => closeAll(browser, sim));

interface Focused {
  what: string;
  /** A focus indicator is drawn: an outline or a box shadow. */
  drawn: boolean;
}

/** The element that has focus, looking into shadow roots, and whether it shows it. */
function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el === document.body) return { what: 'body', drawn: false };
    const cs = getComputedStyle(el);
    const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 1;
    const name = el.getAttribute('aria-label') ?? el.getAttribute('title') ?? (el.textContent ?? '').trim().slice(0, 120);
    return { what: `${el.tagName.toLowerCase()}[${el.getAttribute('role') ?? ''}] ${name}`, drawn: outline || cs.boxShadow !== 'none' };
  });
}

/** Presses `key` and checks the focus is visible afterwards; returns what has focus. */
async function press(page: Page, key: string): Promise<string> {
  await page.keyboard.press(key);
  // Focus may move a frame later (the panel focuses itself when it opens).
  await expect.poll(async () => (await focused(page)).drawn, { message: `focus visible after ${key}` }).toBe(true);
  return (await focused(page)).what;
}

/** Tabs until the focused element's description matches `target` (each stop must show focus). */
async function tabTo(page: Page, target: RegExp, max = 25): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    const what = await press(page, 'Tab');
    seen.push(what);
    if (target.test(what)) return;
  }
  throw new Error(`Tab never reached ${target}; went through: ${seen.join(' | ')}`);
}

async function journey(page: Page, inPage: boolean) {
  const logs = panel(page);
  await tabTo(page, /^select\[\] All levels/); // Level
  await page.keyboard.type('ERROR'); // a closed select takes typed letters
  await expect.poll(() => logs.getByRole('combobox', { name: 'Level' }).inputValue()).toBe('ERROR');
  await tabTo(page, /^input\[\] Operation ID/);
  await page.keyboard.type(OP);
  await press(page, 'Enter');
  await expect.poll(() => shownText(logs)).toBe('Showing 2 of 2');

  // Into the list: the first row, then the next with the arrow key.
  await tabTo(page, /^div\[row\] /);
  expect(await focused(page)).toMatchObject({ what: expect.stringContaining('Failed to sync device pve03') });
  expect(await press(page, 'ArrowDown')).toContain('Failed to sync device pve02');
  await press(page, 'Enter');
  const row = logs.locator('[role="row"][data-entry-id]').filter({ hasText: 'Failed to sync device pve02' });
  await expect.poll(() => row.getAttribute('aria-expanded')).toBe('true');

  await tabTo(page, /^button\[\] Copy entry/);
  await press(page, 'Enter');
  await expect.poll(() => logs.getByText('Copied entry.').count()).toBe(1);
  await screenshot(page, `keyboard-${inPage ? 'panel' : 'sidepanel'}`);

  // Esc closes the details first…
  await page.keyboard.press('Escape');
  await expect.poll(() => row.getAttribute('aria-expanded')).toBe('false');
  // …and the focus, which was in them, goes back to their row.
  expect(await focused(page)).toEqual({ what: expect.stringMatching(/^div\[row\] .*Failed to sync device pve02/), drawn: true });
}

describe('keyboard only', () => {
  it('page panel: launcher, filters, rows, expand, copy, Esc', async () => {
    const page = await browser.ctx.newPage();
    await page.goto(`${sim.baseUrl}/dcim/devices/`);
    await page.getByRole('button', { name: 'Backend Logs' }).waitFor();
    // From the top of the page, Shift+Tab reaches the last control: the launcher.
    expect(await press(page, 'Shift+Tab')).toMatch(/^button\[\] Show backend logs/);
    await press(page, 'Enter');
    await panel(page).waitFor();
    await expect.poll(async () => (await focused(page)).what).toMatch(/^div\[region\]/);

    await journey(page, true);

    // …then the panel, giving focus back to the launcher.
    await page.keyboard.press('Escape');
    await expect.poll(() => panel(page).count()).toBe(0);
    await expect.poll(async () => (await focused(page)).what).toMatch(/^button\[\] Show backend logs/);
    expect((await focused(page)).drawn).toBe(true);
    await page.close();
  });

  it('side panel: filters, rows, expand, copy, Esc', async () => {
    const side = await openSidePanel(browser, sim.baseUrl, { width: 400 });
    await expect.poll(() => shownText(panel(side))).toBe('Showing 14 of 14');
    await journey(side, false);
    expect(browser.uncaughtErrors).toEqual([]);
    await side.close();
  });
});
