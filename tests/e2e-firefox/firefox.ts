// Launches Debian's Firefox ESR (headless) over WebDriver BiDi with puppeteer-core and
// installs the e2e build of the extension (`wxt build -b firefox --mode e2e`) as a temporary
// add-on. Facts behind the choices: docs/firefox.md and docs/browser-facts.md.
//
// What differs from the Chromium harness (../e2e/browser.ts), and why:
// - Firefox gives each add-on a random internal UUID per profile, and moz-extension URLs use
//   it, not the add-on id. The pref `extensions.webextensions.uuids` ({addonId: uuid}) pins
//   it before the install, so the harness knows every extension URL up front.
// - WebDriver BiDi refuses to navigate a tab to a moz-extension: URL ("not allowed in this
//   context") unless the remote agent allows system access: Firefox's own command-line flag
//   `--remote-allow-system-access`. With it, browsingContext.navigate opens extension pages,
//   and pages evaluated there have the full `browser.*` API. Puppeteer's page.goto still
//   times out on them (it sees no navigation events for the extension process), so the
//   harness sends the BiDi navigate itself and waits for readiness "complete".
// - BiDi cannot evaluate in the background (an event page, not a tab). An extension page
//   can: `browser.runtime.getBackgroundPage()` returns the event page's window (waking it
//   if it was suspended), where the e2e build exposes the worker as `proxboxWorker`.
// - Firefox's accessibility locator (behind puppeteer's `::-p-aria`) does not enter shadow
//   roots; the content panel lives in one, so `findByRole` searches every open shadow root
//   (the harness has the e2e build open the panel's, which users get closed).
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { isStaleContext, syncTabs } from './bidi-tabs';
import { E2E_OPEN_ROOTS_KEY } from '../../lib/core/panel-injection';

export const EXTENSION_DIR = path.resolve('.output/firefox-mv3-e2e');
/** The production build (`wxt build -b firefox`): no host permission declared at all. */
export const PRODUCTION_DIR = path.resolve('.output/firefox-mv3');
export const OUTPUT_DIR = path.resolve('test-output');
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** browser_specific_settings.gecko.id in wxt.config.ts */
export const ADDON_ID = 'proxbox-backend-logs@proxbox.dev';

/** What the e2e build's background exposes (lib/background/worker.ts, MODE === 'e2e'). */
export interface BackgroundWindow {
  proxboxWorker?: {
    ready: Promise<void>;
    pollNow(instanceId?: string): Promise<void>;
    getStatus(): Promise<Array<{ instanceId: string; label: string; count: number; state: string; lastSuccessAt: number | null }>>;
    sync(): Promise<void>;
  };
}

/** The extension API as seen from an extension page (only what tests use, loosely typed). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ExtensionApi = any;

export interface FirefoxExtension {
  browser: Browser;
  /** The add-on id installExtension returned (the gecko id). */
  addonId: string;
  /** The internal UUID: the host of every moz-extension URL of the add-on. */
  uuid: string;
  /**
   * Errors thrown in web pages (content scripts included) and in the extension pages the
   * harness opened or found, for "nothing crashed" assertions. Firefox's BiDi sends no
   * events from extension documents (no log, no navigation: Bugzilla 1755014), so extension
   * pages get a listener of the harness's own once they have loaded; an error thrown while
   * one loads is not seen (it shows as a missing page instead).
   */
  errors(): Promise<string[]>;
  extensionUrl(page: string): string;
  /** A new tab, watched for uncaught errors. */
  newPage(): Promise<Page>;
  /** A new tab showing an extension page (e.g. "options.html", "popup.html?x=1"). */
  openExtensionPage(page: string): Promise<Page>;
  /** Navigates an existing tab to an extension page. */
  navigateToExtensionPage(tab: Page, page: string): Promise<void>;
  /** Runs `fn` in an extension page (a side-effect-free one) with `browser` as its first argument. */
  inExtension<T, A = undefined>(fn: (api: ExtensionApi, arg: A) => T | Promise<T>, arg?: A): Promise<Awaited<T>>;
  /** Runs `fn` in an extension page with the background's window (woken if suspended). */
  inBackground<T, A = undefined>(fn: (bg: BackgroundWindow, arg: A) => T | Promise<T>, arg?: A): Promise<Awaited<T>>;
  /**
   * Runs `fn` in an extension page inside a real click (BiDi input: a trusted user gesture),
   * for APIs that need one (sidebarAction.open/close, permissions.request).
   */
  inUserGesture<T, A = undefined>(fn: (api: ExtensionApi, arg: A) => T | Promise<T>, arg?: A): Promise<Awaited<T>>;
  /** Closes the sidebar (Firefox opens an add-on's sidebar when it is installed). */
  closeSidebar(): Promise<void>;
  /** The toolbar badge text, as the browser shows it. */
  badgeText(): Promise<string>;
  /** Waits for a tab (e.g. one the extension opened) whose location passes `test`. */
  waitForTab(test: (url: string) => boolean, timeoutMs?: number): Promise<Page>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** The unpacked build to install (default: the e2e build). */
  extensionDir?: string;
  /** Another way to start Firefox (./policy-firefox.ts: with a policies.json of the test's own). */
  executablePath?: string;
  /** Extra Firefox prefs, e.g. { 'extensions.background.idle.timeout': 2000 }. */
  prefs?: Record<string, unknown>;
  /**
   * Leave the sidebar as the install left it. By default the harness closes it: Firefox
   * opens an add-on's sidebar_action panel at install unless the manifest says
   * open_at_install: false, and an open sidebar is a logs view that marks errors seen.
   */
  keepSidebar?: boolean;
  /**
   * The page panel's shadow roots. 'open' (the default): the harness's role queries walk open
   * roots only, so it opens them through the e2e build's switch (lib/content/e2e-shadow-roots.ts,
   * a key of the extension's storage no page can write). 'closed': as users get them.
   */
  shadowRoots?: 'open' | 'closed';
}

export async function launchWithExtension(opts: LaunchOptions = {}): Promise<FirefoxExtension> {
  const uuid = randomUUID();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: opts.executablePath ?? FIREFOX,
    headless: true,
    defaultViewport: { width: 1400, height: 900 },
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: uuid }),
      // Quiet: no first-run pages, no update or telemetry traffic.
      'browser.shell.checkDefaultBrowser': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'app.update.enabled': false,
      'extensions.update.enabled': false,
      ...opts.prefs,
    },
  });
  const uncaughtErrors: string[] = [];
  const watch = (page: Page) => {
    page.on('pageerror', (e) => {
      const message = e instanceof Error ? e.message : String(e);
      void pageUrl(page).then((url) => uncaughtErrors.push(`${url}: ${message}`));
    });
  };
  // Extension pages: a listener in the page, read back (and on close) by errors().
  const tracked = new Set<Page>();
  async function harvest(page: Page): Promise<void> {
    const found = await page
      .evaluate(() => {
        const w = window as { __pblErrors?: string[] };
        return (w.__pblErrors ?? []).splice(0);
      })
      .catch(() => [] as string[]);
    if (found.length === 0) return;
    const url = await pageUrl(page).catch(() => 'moz-extension page');
    for (const message of found) uncaughtErrors.push(`${url}: ${message}`);
  }
  async function track(page: Page): Promise<void> {
    if (tracked.has(page)) return;
    tracked.add(page);
    await page.evaluate(() => {
      const w = window as { __pblErrors?: string[] };
      if (w.__pblErrors) return;
      const errors: string[] = (w.__pblErrors = []);
      window.addEventListener('error', (e) => errors.push(String(e.error?.message ?? e.message)));
      window.addEventListener('unhandledrejection', (e) => errors.push(`unhandled rejection: ${String(e.reason?.message ?? e.reason)}`));
    });
    const close = page.close.bind(page);
    page.close = async (options?: { runBeforeUnload?: boolean }) => {
      await harvest(page);
      tracked.delete(page);
      return close(options);
    };
  }
  browser.on('targetcreated', (target) => {
    void target.page().then((page) => page && watch(page), () => undefined);
  });

  try {
    const addonId = await browser.installExtension(opts.extensionDir ?? EXTENSION_DIR);
    const extensionUrl = (page: string) => `moz-extension://${uuid}/${page.replace(/^\//, '')}`;

    async function navigateToExtensionPage(tab: Page, page: string): Promise<void> {
      const url = extensionUrl(page);
      await navigateBidi(tab, url);
      const at = await pageUrl(tab);
      if (at !== url) throw new Error(`expected the tab at ${url}, it is at ${at}`);
      await track(tab);
    }

    async function newPage(): Promise<Page> {
      const page = await browser.newPage();
      return page;
    }

    async function openExtensionPage(page: string): Promise<Page> {
      const tab = await newPage();
      await navigateToExtensionPage(tab, page);
      return tab;
    }

    // One tab on manifest.json: an extension document with the full API and no code of ours.
    let probe: Page | undefined;
    async function probePage(): Promise<Page> {
      if (probe && !probe.isClosed()) return probe;
      probe = await openExtensionPage('manifest.json');
      return probe;
    }

    const ext: FirefoxExtension = {
      browser,
      addonId,
      uuid,
      async errors() {
        for (const page of tracked) if (!page.isClosed()) await harvest(page);
        return [...uncaughtErrors];
      },
      extensionUrl,
      newPage,
      openExtensionPage,
      navigateToExtensionPage,
      async inExtension(fn, arg) {
        return (await probePage()).evaluate(callExpression('globalThis.browser', fn, arg)) as never;
      },
      async inBackground(fn, arg) {
        return (await probePage()).evaluate(callExpression('await globalThis.browser.runtime.getBackgroundPage()', fn, arg)) as never;
      },
      async inUserGesture(fn, arg) {
        const page = await probePage();
        const id = `gesture-${randomUUID()}`;
        await page.evaluate(`(() => {
          const b = document.createElement('button');
          b.id = ${JSON.stringify(id)};
          b.textContent = 'test gesture';
          b.style.cssText = 'position:fixed;top:0;left:0;width:160px;height:40px;z-index:2147483647';
          const f = (${fn.toString()});
          b.addEventListener('click', () => {
            b.remove();
            let result;
            // Synchronously inside the click: Firefox's user-input state lasts only that long.
            try { result = Promise.resolve(f(globalThis.browser, ${arg === undefined ? 'undefined' : JSON.stringify(arg)})); }
            catch (e) { result = Promise.reject(e); }
            window[${JSON.stringify(id)}] = result.then((value) => ({ value }), (e) => ({ error: String(e && e.message || e) }));
          });
          document.body.append(b);
        })()`);
        await page.click(`#${id}`);
        const outcome = (await page.evaluate(`window[${JSON.stringify(id)}]`)) as { value?: unknown; error?: string };
        if (outcome.error !== undefined) throw new Error(outcome.error);
        return outcome.value as never;
      },
      async closeSidebar() {
        await ext.inUserGesture((api) => api.sidebarAction.close());
      },
      badgeText() {
        return ext.inExtension((api) => api.action.getBadgeText({}) as Promise<string>);
      },
      async waitForTab(test, timeoutMs = 10_000) {
        const until = Date.now() + timeoutMs;
        const seen = new Set<string>();
        while (Date.now() < until) {
          let stale = false;
          for (const page of await browser.pages()) {
            if (page === probe) continue;
            // A tab that is switching to the extension process may not answer for a while.
            const url = await Promise.race([pageUrl(page), sleep(2000).then(() => '(no answer)')]).catch((e: unknown) => {
              stale ||= isStaleContext(e);
              return `(unreadable: ${e instanceof Error ? e.message.split('\n')[0] : String(e)})`;
            });
            seen.add(url);
            if (test(url)) {
              if (url.startsWith('moz-extension:')) await track(page);
              return page;
            }
          }
          // A tab an extension page opened has a BiDi id puppeteer was never told (./bidi-tabs.ts).
          if (stale) await syncTabs(browser);
          await sleep(200);
        }
        throw new Error(`no tab matched within ${timeoutMs} ms; tabs: ${[...seen].join(', ')}`);
      },
      async close() {
        await browser.close();
      },
    };
    if (opts.shadowRoots !== 'closed') await ext.inExtension((api, key) => api.storage.local.set({ [key]: true }), E2E_OPEN_ROOTS_KEY);
    if (!opts.keepSidebar) await ext.closeSidebar();
    return ext;
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/**
 * Navigates with BiDi's browsingContext.navigate and waits for readiness "complete".
 * page.goto would do for http pages; for moz-extension pages it never sees the navigation
 * (see the header), so this is the one way used for both.
 */
async function navigateBidi(page: Page, url: string): Promise<void> {
  const context = (page.mainFrame() as unknown as { browsingContext?: { navigate(url: string, wait: string): Promise<unknown> } })
    .browsingContext;
  if (!context || typeof context.navigate !== 'function') {
    throw new Error('puppeteer-core changed: BidiFrame.browsingContext.navigate is gone (see tests/e2e-firefox/firefox.ts)');
  }
  await context.navigate(url, 'complete');
}

/**
 * `(async () => fn(<first>, arg))()` as source. Evaluated as a string by BiDi, which is not
 * bound by the extension page's CSP (no eval there), unlike `new Function` inside the page.
 * `arg` travels as JSON.
 */
function callExpression(first: string, fn: (...args: never[]) => unknown, arg: unknown): string {
  const json = arg === undefined ? 'undefined' : JSON.stringify(arg);
  return `(async () => { const first = ${first}; if (!first) throw new Error('not available: ${first}'); return await (${fn.toString()})(first, ${json}); })()`;
}

/** The tab's real location (puppeteer's page.url() stays "about:blank" on extension pages). */
export async function pageUrl(page: Page): Promise<string> {
  return page.evaluate(() => location.href);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Polls `fn` until it returns a value that is not null/undefined/false, or throws on timeout. */
export async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < until) {
    try {
      const value = await fn();
      if (value !== null && value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    await sleep(150);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
}

export type Root = Page | ElementHandle;

/**
 * Every element with this ARIA role (and exact accessible name, if given) under `root`,
 * in the document and in every open shadow root below it (the content panel's is one).
 * Roles and names are Firefox's own (its accessibility engine, through BiDi locateNodes).
 */
export async function queryAllByRole(root: Root, role: string, name?: string): Promise<ElementHandle[]> {
  return queryAllInShadows(root, `::-p-aria(${name === undefined ? '' : ariaName(name)}[role="${role}"])`);
}

function ariaName(name: string): string {
  return `[name="${name.replace(/"/g, '\\"')}"]`;
}

/**
 * The password field with this accessible name (its label) under `root`. Firefox's
 * accessibility locator gives password fields no role it matches ("textbox" finds none),
 * so this looks up the name alone and keeps the password input.
 */
export function findPasswordField(root: Root, name: string, timeoutMs = 10_000): Promise<ElementHandle> {
  return waitFor(
    async () => {
      for (const el of await queryAllInShadows(root, `::-p-aria(${ariaName(name)})`)) {
        if (await el.evaluate((node) => node instanceof HTMLInputElement && node.type === 'password')) return el;
      }
      return null;
    },
    `password field "${name}"`,
    timeoutMs,
  );
}

/** Every element matching `selector` under `root`, in the document and every open shadow root below it. */
async function queryAllInShadows(root: Root, selector: string): Promise<ElementHandle[]> {
  const roots = await (root as Page).evaluateHandle((start?: Node) => {
    const out: Node[] = [];
    const base: Node = start ?? document;
    const walk = (node: ParentNode) => {
      for (const el of node.querySelectorAll('*')) {
        if (el.shadowRoot) {
          out.push(el.shadowRoot);
          walk(el.shadowRoot);
        }
      }
    };
    out.push(base);
    if ((base as Element).shadowRoot) out.push((base as Element).shadowRoot!);
    walk(base as ParentNode);
    return out;
  }, ...(isPage(root) ? [] : [root]));
  try {
    const found: ElementHandle[] = [];
    for (const handle of (await roots.getProperties()).values()) {
      const node = handle as ElementHandle<Node>;
      found.push(...(await node.$$(selector)));
    }
    return found;
  } finally {
    await roots.dispose();
  }
}

/** The first element with this role (and name) under `root`, waiting for it to appear. */
export async function findByRole(root: Root, role: string, name?: string, timeoutMs = 10_000): Promise<ElementHandle> {
  return waitFor(
    async () => (await queryAllByRole(root, role, name))[0],
    `role=${role}${name === undefined ? '' : ` name="${name}"`}`,
    timeoutMs,
  );
}

/** How many elements with this role (and name) are under `root` now. */
export async function countByRole(root: Root, role: string, name?: string): Promise<number> {
  return (await queryAllByRole(root, role, name)).length;
}

/** Replaces a text field's value as a user does: focus, select all, type (input events fire). */
export async function fill(field: ElementHandle, text: string): Promise<void> {
  await field.click();
  await field.evaluate((el) => (el as HTMLInputElement).select?.());
  if (text === '') await field.press('Backspace');
  else await field.type(text);
}

/** The visible text of an element (innerText; shadow-root contents included when it is a host). */
export async function textOf(el: ElementHandle): Promise<string> {
  return el.evaluate((node) => (node as HTMLElement).innerText ?? node.textContent ?? '');
}

function isPage(root: Root): root is Page {
  return typeof (root as Page).goto === 'function';
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = path.join(OUTPUT_DIR, 'screenshots', 'firefox');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`) as `${string}.png`;
  await page.screenshot({ path: file });
  return file;
}
