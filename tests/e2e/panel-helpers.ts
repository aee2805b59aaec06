import type { Locator, Page } from 'playwright-core';
import type { ExtensionBrowser } from './browser';

/** The panel's region (inside the content script's open shadow root; Playwright pierces it). */
export function panel(page: Page): Locator {
  return page.getByRole('region', { name: 'Backend Logs' });
}

/** Opens the panel with its launcher if it is closed, and waits for it. */
export async function openPanel(page: Page): Promise<Locator> {
  const launcher = page.getByRole('button', { name: 'Backend Logs' });
  await launcher.waitFor();
  if ((await launcher.getAttribute('aria-expanded')) !== 'true') await launcher.click();
  const region = panel(page);
  await region.waitFor();
  return region;
}

/** The "Showing N of M" text. */
export async function shownText(region: Locator): Promise<string | null> {
  const count = region.getByText(/^Showing \d+/);
  if ((await count.count()) === 0) return null;
  return (await count.first().textContent())?.trim() ?? null;
}

export interface SidePanelPage {
  /** The side panel's width (Chrome's is 320-500 px), and height. */
  width: number;
  height?: number;
  /** More of its address after `instance=`, e.g. "&operation_id=…" (as the popup opens it). */
  query?: string;
  colorScheme?: 'light' | 'dark';
}

/** The side panel's page on `instanceId`, in a tab of the given size. */
export async function openSidePanel(browser: ExtensionBrowser, instanceId: string, opts: SidePanelPage): Promise<Page> {
  const side = await browser.ctx.newPage();
  await side.setViewportSize({ width: opts.width, height: opts.height ?? 760 });
  if (opts.colorScheme) await side.emulateMedia({ colorScheme: opts.colorScheme });
  await side.goto(browser.extensionUrl(`sidepanel.html?instance=${encodeURIComponent(instanceId)}${opts.query ?? ''}`));
  return side;
}
