import { browser } from 'wxt/browser';
import { PANEL_SCRIPT_FILE } from '../core/panel-injection';

// The content script is small (launcher only); the panel's code comes when the panel is
// opened: the content script asks (message `loadPanel`) and the worker injects the panel
// script into that tab's frame, in the extension's isolated world, next to the content
// script (lib/content/lazy-panel.ts). No web-accessible resource is needed, so no web page
// can probe for the extension, in Chrome and Firefox alike.

/** The sender of a runtime message (the fields used). */
export interface PanelSender {
  tab?: { id?: number } | undefined;
  frameId?: number | undefined;
}

/** Injects the panel script into the sender's frame; false when the sender is no tab's content script. */
export async function injectPanel(sender: PanelSender): Promise<boolean> {
  const tabId = sender.tab?.id;
  if (typeof tabId !== 'number' || tabId < 0) return false;
  await browser.scripting.executeScript({
    target: { tabId, frameIds: [typeof sender.frameId === 'number' ? sender.frameId : 0] },
    files: [PANEL_SCRIPT_FILE as '/content-scripts/content.js'],
    // Else the browser holds it until the page is idle: a panel left open asks for its code
    // while NetBox's page is still loading (lib/content/page-ready.ts).
    injectImmediately: true,
  });
  return true;
}
