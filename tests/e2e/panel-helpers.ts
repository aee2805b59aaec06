import type { Locator, Page } from 'playwright-core';

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
