// The toolbar popup opened for real (chrome.action.openPopup() from the worker) and the
// side panel are pages Playwright does not list in ctx.pages(). They are targets of the
// browser all the same: this drives one over a browser-level CDP session, with real input
// events (so a click in it is a user gesture: sidePanel.open works) and screenshots.
import type { CDPSession } from 'playwright-core';
import { writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { OUTPUT_DIR, type ExtensionBrowser } from './browser';

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

export interface RawTarget {
  readonly url: string;
  /** Evaluates an expression in the page (promises awaited, result by value). */
  evaluate<T>(expression: string): Promise<T>;
  /** A real mouse click in the middle of the first element matching the CSS selector. */
  click(selector: string): Promise<void>;
  /** Types into the focused element (Input.insertText), as a keyboard would. */
  type(text: string): Promise<void>;
  /** PNG of the page at its natural size, into test-output/screenshots/<name>.png. */
  screenshot(name: string): Promise<string>;
  /** Resolves when the page has gone (e.g. the popup closed itself). */
  readonly closed: Promise<void>;
  detach(): Promise<void>;
}

async function browserSession(browser: ExtensionBrowser): Promise<CDPSession> {
  const b = browser.ctx.browser();
  if (!b) throw new Error('no browser behind the context');
  return b.newBrowserCDPSession();
}

/** The extension's page target whose URL path is `page` (e.g. "popup.html"), once it exists. */
export async function waitForExtensionTarget(browser: ExtensionBrowser, page: string, timeoutMs = 10_000): Promise<TargetInfo> {
  const cdp = await browserSession(browser);
  try {
    const prefix = browser.extensionUrl(page);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] };
      const found = targetInfos.find((t) => t.type === 'page' && t.url.startsWith(prefix));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no ${page} target; targets: ${targetInfos.map((t) => t.url).join(', ')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/**
 * Attaches to a page target. Exceptions thrown in it are added to
 * browser.uncaughtErrors, like the harness does for ordinary pages.
 */
export async function attachToTarget(browser: ExtensionBrowser, target: TargetInfo): Promise<RawTarget> {
  const cdp = await browserSession(browser);
  const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false })) as {
    sessionId: string;
  };
  let seq = 0;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; method: string }>();
  let markClosed!: () => void;
  const closed = new Promise<void>((r) => (markClosed = r));

  cdp.on('Target.receivedMessageFromTarget', (e) => {
    if (e.sessionId !== sessionId) return;
    const msg = JSON.parse(e.message) as {
      id?: number;
      result?: unknown;
      error?: { message: string };
      method?: string;
      params?: { exceptionDetails?: { text: string; exception?: { description?: string } } };
    };
    if (msg.id !== undefined) {
      const waiting = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.error) waiting?.reject(new Error(`${waiting.method}: ${msg.error.message}`));
      else waiting?.resolve(msg.result);
    } else if (msg.method === 'Runtime.exceptionThrown') {
      const d = msg.params?.exceptionDetails;
      browser.uncaughtErrors.push(`${target.url}: ${d?.exception?.description ?? d?.text}`);
    }
  });
  cdp.on('Target.detachedFromTarget', (e) => {
    if (e.sessionId !== sessionId) return;
    for (const { reject, method } of pending.values()) reject(new Error(`${method}: the page closed`));
    pending.clear();
    markClosed();
  });

  function send<T>(method: string, params: object = {}): Promise<T> {
    const id = ++seq;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject, method });
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
    });
  }

  async function evaluate<T>(expression: string): Promise<T> {
    const answer = await send<{ result: { value?: T }; exceptionDetails?: { text: string; exception?: { description?: string } } }>(
      'Runtime.evaluate',
      { expression, returnByValue: true, awaitPromise: true },
    );
    if (answer.exceptionDetails) {
      throw new Error(answer.exceptionDetails.exception?.description ?? answer.exceptionDetails.text);
    }
    return answer.result.value as T;
  }

  await send('Runtime.enable');

  return {
    url: target.url,
    evaluate,
    closed,
    async click(selector) {
      const box = await evaluate<{ x: number; y: number } | null>(`(() => {
        const el = document.querySelector(${JSON.stringify(selector)});
        if (!el) return null;
        const r = el.getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      })()`);
      if (!box) throw new Error(`nothing matches ${selector} in ${target.url}`);
      const base = { x: box.x, y: box.y, button: 'left', clickCount: 1 };
      await send('Input.dispatchMouseEvent', { type: 'mouseMoved', x: box.x, y: box.y });
      await send('Input.dispatchMouseEvent', { type: 'mousePressed', ...base });
      // The release may close the page (the popup closes itself after opening something).
      await Promise.race([send('Input.dispatchMouseEvent', { type: 'mouseReleased', ...base }).catch(() => undefined), closed]);
    },
    async type(text) {
      await send('Input.insertText', { text });
    },
    async screenshot(name) {
      const { data } = await send<{ data: string }>('Page.captureScreenshot', { format: 'png' });
      const dir = path.join(OUTPUT_DIR, 'screenshots');
      await mkdir(dir, { recursive: true });
      const file = path.join(dir, `${name}.png`);
      await writeFile(file, Buffer.from(data, 'base64'));
      return file;
    },
    async detach() {
      await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
      await cdp.detach().catch(() => undefined);
    },
  };
}

/** Opens the toolbar popup for the active tab of the focused window, as a click on the icon does. */
export async function openToolbarPopup(browser: ExtensionBrowser): Promise<RawTarget> {
  const sw = await browser.worker();
  await sw.evaluate(() => chrome.action.openPopup());
  return attachToTarget(browser, await waitForExtensionTarget(browser, 'popup.html'));
}
