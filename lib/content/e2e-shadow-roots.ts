import { browser } from 'wxt/browser';
import { E2E_OPEN_ROOTS_KEY } from '../core/panel-injection';

// The end-to-end build only (`--mode e2e`; production builds drop this code). Playwright's
// locators and axe-core reach into open shadow roots only, so the test harness may ask for
// the panel's roots open: it writes E2E_OPEN_ROOTS_KEY into the extension's local storage
// (through the service worker), which no web page can write. Unset, the e2e build closes
// them as production does, and the tests of what a page can reach run that way
// (tests/e2e/page-isolation.e2e.test.ts).

/** Where the content script leaves the answer for the panel script (same isolated world). */
const WORLD_FLAG = '__proxboxE2eOpenRoots';

/** Reads the harness's switch before anything is mounted (e2e build only). */
export async function readE2eShadowRootSwitch(): Promise<void> {
  if (import.meta.env.MODE !== 'e2e') return;
  const stored = await browser.storage.local.get(E2E_OPEN_ROOTS_KEY).catch(() => ({}) as Record<string, unknown>);
  (globalThis as Record<string, unknown>)[WORLD_FLAG] = stored[E2E_OPEN_ROOTS_KEY] === true;
}

/** Closed, except in the e2e build when the harness asked for open roots. */
export function shadowRootMode(): ShadowRootMode {
  return import.meta.env.MODE === 'e2e' && (globalThis as Record<string, unknown>)[WORLD_FLAG] === true ? 'open' : 'closed';
}
