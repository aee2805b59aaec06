import { browser } from 'wxt/browser';

/**
 * Calls back with the URL of this window's active tab now and whenever it changes (tab
 * switch, navigation). URLs are only visible for origins the extension may access, which
 * are exactly the NetBox instances the user added. Returns the unsubscribe.
 */
export function watchActiveTabUrl(cb: (url: string) => void): () => void {
  let windowId: number | undefined;
  const report = async () => {
    try {
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      windowId = tab?.windowId;
      if (tab?.url) cb(tab.url);
    } catch {
      // no tabs API here (a plain tab showing this page in a test): nothing to follow
    }
  };
  const onActivated = (info: { windowId: number }) => {
    if (windowId === undefined || info.windowId === windowId) void report();
  };
  const onUpdated = (_id: number, change: { url?: string }, tab: { active?: boolean; windowId?: number }) => {
    if (change.url && tab.active && (windowId === undefined || tab.windowId === windowId)) cb(change.url);
  };
  void report();
  browser.tabs?.onActivated.addListener(onActivated);
  browser.tabs?.onUpdated.addListener(onUpdated);
  return () => {
    browser.tabs?.onActivated.removeListener(onActivated);
    browser.tabs?.onUpdated.removeListener(onUpdated);
  };
}
