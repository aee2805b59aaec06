// A tab that an extension page opens (a link with target="_blank") gets a new BiDi id once
// it loads the web page, and Firefox's remote agent announces neither the new context nor
// the end of the old one. Puppeteer keeps a Page whose every call fails ("no such frame …
// not found") and has none for the tab as it is. Measured with Firefox ESR 153 and puppeteer-core 24 (docs/firefox.md).
//
// syncTabs tells puppeteer what BiDi's own tree says, with the events it missed, the way
// puppeteer itself simulates contextCreated for the tabs that exist when it connects.
import type { Browser } from 'puppeteer-core';

interface ContextInfo {
  context: string;
  url: string;
  parent?: string | null;
  children?: ContextInfo[] | null;
}

/** The BiDi connection under puppeteer's Browser (BidiBrowser.connection, internal). */
interface Bidi {
  send(method: 'browsingContext.getTree', params: { maxDepth?: number }): Promise<{ result: { contexts: ContextInfo[] } }>;
  emit(event: string, params: unknown): void;
}

/** Whether an error says the page's BiDi context no longer exists. */
export function isStaleContext(error: unknown): boolean {
  return /no such frame/.test(error instanceof Error ? error.message : String(error));
}

/** Makes puppeteer's pages match the tabs BiDi reports: stale ones closed, unannounced ones added. */
export async function syncTabs(browser: Browser): Promise<void> {
  const bidi = (browser as unknown as { connection?: Bidi }).connection;
  if (!bidi || typeof bidi.emit !== 'function') {
    throw new Error('puppeteer-core changed: BidiBrowser.connection is gone (see tests/e2e-firefox/bidi-tabs.ts)');
  }
  const { result } = await bidi.send('browsingContext.getTree', { maxDepth: 0 });
  const live = new Set(result.contexts.map((c) => c.context));
  const known = new Set<string>();
  for (const page of await browser.pages()) {
    const id = (page.mainFrame() as unknown as { _id?: string })._id;
    if (!id) continue;
    known.add(id);
    if (!live.has(id)) bidi.emit('browsingContext.contextDestroyed', { context: id, url: page.url(), parent: null, children: [] });
  }
  for (const info of result.contexts) {
    if (!known.has(info.context)) bidi.emit('browsingContext.contextCreated', { ...info, children: [] });
  }
}
