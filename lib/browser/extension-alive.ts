import { browser } from 'wxt/browser';

/**
 * Whether this script's extension is still there: after the extension is reloaded, updated
 * or removed under an open page, its old content scripts keep running with no runtime
 * (`runtime.id` is gone). Nothing a web page does changes this.
 */
export function extensionAlive(): boolean {
  try {
    return browser.runtime?.id != null;
  } catch {
    return false;
  }
}
