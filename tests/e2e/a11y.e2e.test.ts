// Accessibility, measured with axe-core in real Chromium: every view (the page panel inside
// its shadow root, the side panel at Chrome's real width, the popup, the options page), in
// light and dark, with entries, an expanded row and a failure banner. No serious or critical
// finding is allowed; a failure names each finding's rule and target.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectNoSerious, nodesInShadowOf, scan } from './axe';
import { screenshot, type ExtensionBrowser } from './browser';
import { closeAll, control, logIn, logOut, netBoxWithExtension, type Simulator } from './netbox';
import { openPanel, openSidePanel, shownText } from './panel-helpers';
import { PANEL_HOST_ID } from '../../lib/core/panel-injection';

let browser: ExtensionBrowser;
let sim: Simulator;

const OP = '7d1c9a55-2b8e-4f0a-b6c3-91e4d2a7f810';
const HOST = `#${PANEL_HOST_ID}`;
const THEMES = ['light', 'dark'] as const;

beforeAll(async () => {
  ({ sim, browser } = await netBoxWithExtension());
  await control(sim.origin, 'logs', { count: 12, module: 'storage', message: 'Storage pool checked' });
  await control(sim.origin, 'logs', { level: 'WARNING', module: 'network', message: 'Interface without MAC', operation_id: OP });
  await control(sim.origin, 'logs', { level: 'DEBUG', module: 'sync', message: 'Cache warm', operation_id: OP });
  await control(sim.origin, 'logs', {
    level: 'ERROR',
    module: 'devices',
    operation_id: OP,
    operation: 'device_sync',
    message: 'Failed to sync device pve02: 500 Internal Server Error',
    traceback: 'Traceback (most recent call last):\n  File "sync.py", line 42, in sync_device\nHTTPError: 500',
  });
  await control(sim.origin, 'logs', { level: 'CRITICAL', module: 'sync', operation_id: OP, message: 'Sync aborted' });
});

afterAll(() => closeAll(browser, sim));


/** NetBox's setmode.js sets data-bs-theme after the page has loaded (real NetBox ships none in the HTML). */
async function setNetBoxTheme(page: Page, theme: 'light' | 'dark') {
  await page.evaluate((t) => document.documentElement.setAttribute('data-bs-theme', t), theme);
}

/** Switches NetBox's theme and waits until the panel has it and its colour transitions are over. */
async function switchTheme(page: Page, theme: 'light' | 'dark') {
  await setNetBoxTheme(page, theme);
  await expect.poll(() => page.locator(`${HOST} .pbl-root`).getAttribute('data-theme')).toBe(theme);
  await page.waitForFunction(() => document.getAnimations().every((a) => !(a instanceof CSSTransition)));
}

async function expandFirstError(page: Page) {
  const row = page.locator(`${HOST} [role="row"][data-entry-id]`).filter({ hasText: 'Failed to sync device pve02' });
  await row.click();
  await page.getByText('line 42, in sync_device').waitFor();
}

/** Contrast ratio (WCAG) of two computed "rgb(r, g, b)" colours. */
function contrast(a: string, b: string): number {
  const lum = (css: string) => {
    const [r, g, bl] = css.match(/[\d.]+/g)!.slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe('dark mode follows NetBox live', () => {
  it('when NetBox sets data-bs-theme after load and when the user toggles it; every button stays readable', async () => {
    const page = await browser.ctx.newPage();
    // The page starts without the attribute, as real NetBox serves it (setmode.js adds it).
    await page.goto(`${sim.baseUrl}/dcim/devices/`);
    await page.evaluate(() => document.documentElement.removeAttribute('data-bs-theme'));
    const logs = await openPanel(page);
    await expect.poll(() => shownText(logs)).toMatch(/^Showing 16/);
    const buttons = () =>
      logs.evaluate((el) =>
        [...el.querySelectorAll<HTMLElement>('.pbl-header .pbl-btn, .pbl-filters .pbl-btn')].map((b) => {
          const cs = getComputedStyle(b);
          return { name: b.textContent!.trim() || b.getAttribute('aria-label')!, fg: cs.color, bg: cs.backgroundColor, disabled: (b as HTMLButtonElement).disabled };
        }),
      );
    const theme = () => page.locator(`${HOST} .pbl-root`).getAttribute('data-theme');
    expect(await theme()).toBe('light');

    await setNetBoxTheme(page, 'dark');
    await expect.poll(theme).toBe('dark');
    const dark = await buttons();
    expect(dark.map((b) => b.name)).toEqual(expect.arrayContaining(['Refresh', 'Copy JSON', 'Download JSON', 'Download CSV']));
    for (const b of dark.filter((x) => !x.disabled)) {
      expect(contrast(b.fg, b.bg), `${b.name}: ${b.fg} on ${b.bg}`).toBeGreaterThanOrEqual(4.5);
      // A dark button, not a white one with light text.
      expect(contrast(b.bg, 'rgb(0, 0, 0)'), `${b.name} background ${b.bg}`).toBeLessThan(3);
    }
    await screenshot(page, 'panel-dark-live');

    // NetBox's own toggle, later.
    await page.click('#theme-toggle');
    await expect.poll(theme).toBe('light');
    for (const b of (await buttons()).filter((x) => !x.disabled)) {
      expect(contrast(b.fg, b.bg), `${b.name}: ${b.fg} on ${b.bg}`).toBeGreaterThanOrEqual(4.5);
    }
    await page.click('#theme-toggle');
    await expect.poll(theme).toBe('dark');
    await page.close();
  });
});

describe('axe, page panel', () => {
  // One page, the theme switched live between scans (as NetBox does): a load costs more
  // than a scan.
  it('entries and an expanded row, light and dark', async () => {
    const page = await browser.ctx.newPage();
    await page.goto(`${sim.baseUrl}/dcim/devices/`);
    const logs = await openPanel(page);
    await expect.poll(() => shownText(logs)).toMatch(/^Showing 16 of 16$/);
    await expandFirstError(page);
    for (const theme of THEMES) {
      await switchTheme(page, theme);
      const report = await scan(page, HOST);
      // axe really looked inside the panel's shadow root.
      expect(nodesInShadowOf(report, HOST)).toBeGreaterThan(50);
      expectNoSerious(report, `the page panel (${theme})`);
      await screenshot(page, `a11y-panel-${theme}`);
    }
    await page.close();
  });
});

describe.each(THEMES)('axe, %s', (theme) => {
  it('side panel at 400 px, an expanded row', async () => {
    const side = await openSidePanel(browser, sim.baseUrl, { width: 400, height: 800, colorScheme: theme });
    await side.locator('[role="row"][data-entry-id]').filter({ hasText: 'Failed to sync device pve02' }).click();
    await side.getByText('line 42, in sync_device').waitFor();
    expectNoSerious(await scan(side), `the side panel (${theme})`);
    await screenshot(side, `a11y-sidepanel-${theme}`);
    await side.close();
  });

  it('popup and options', async () => {
    for (const [name, size] of [
      ['popup', { width: 380, height: 520 }],
      ['options', { width: 1000, height: 1100 }],
    ] as const) {
      const view = await browser.ctx.newPage();
      await view.setViewportSize(size);
      await view.emulateMedia({ colorScheme: theme });
      await view.goto(browser.extensionUrl(`${name}.html`));
      await view.getByRole('main').waitFor();
      await view.getByText(sim.baseUrl.replace(/^https?:\/\//, '')).first().waitFor();
      expectNoSerious(await scan(view), `${name} (${theme})`);
      await screenshot(view, `a11y-${name}-${theme}`);
      await view.close();
    }
  });
});

// Last in the file: it logs out and back in.
describe('axe, page panel with a failure', () => {
  it('the failure banner, light and dark', async () => {
    const page = await browser.ctx.newPage();
    await page.goto(`${sim.baseUrl}/dcim/devices/`);
    const logs = await openPanel(page);
    await expect.poll(() => shownText(logs)).toMatch(/^Showing 16/);
    const other = await browser.ctx.newPage();
    await logOut(other, sim);
    await logs.getByRole('button', { name: 'Refresh' }).click();
    await logs.getByRole('alert').waitFor();
    for (const theme of THEMES) {
      await switchTheme(page, theme);
      expectNoSerious(await scan(page, HOST), `the page panel with a failure banner (${theme})`);
      await screenshot(page, `a11y-panel-${theme}-failure`);
    }
    await logIn(other, sim);
    await other.close();
    await page.close();
  });
});
