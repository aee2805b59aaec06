import { browser } from 'wxt/browser';
import type { NetBoxInstance } from '../core/instance';
import { instanceForUrl, originMatchPattern } from '../core/settings';

// The content script (entrypoints/content, `registration: 'runtime'`) runs only on the
// NetBox origins the user added: one dynamic registration whose matches are those
// origins. Registrations of an unpacked extension do not survive a browser restart, so the
// worker calls syncContentScripts on every start as well as whenever instances change.

export const CONTENT_SCRIPT_ID = 'proxbox-logs';
export const CONTENT_SCRIPT_FILE = 'content-scripts/content.js';
/**
 * With the page, not after it: a panel left open asks for its first page and its code while
 * NetBox's page arrives (lib/content/page-ready.ts says what the script waits for).
 */
export const RUN_AT = 'document_start' as const;

/** The distinct match patterns of some instances (with their ports, but in Firefox: lib/core/match-pattern.ts). */
export function matchPatternsOf(instances: readonly Pick<NetBoxInstance, 'origin'>[]): string[] {
  const patterns = new Set<string>();
  for (const instance of instances) {
    try {
      patterns.add(originMatchPattern(instance.origin));
    } catch {
      // an origin that is not a URL has no pattern
    }
  }
  return [...patterns].sort();
}

/** Whether the extension may reach this match pattern (the user granted it, or the manifest declares it). */
export async function hasOriginPermission(pattern: string): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: [pattern] });
  } catch {
    return false;
  }
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Registers the content script on the origins of `instances` the extension holds permission
 * for, updates the registration when that set changed, and unregisters it when it is empty.
 * Calls are serialised; returns the patterns registered.
 */
export function syncContentScripts(instances: readonly Pick<NetBoxInstance, 'origin'>[]): Promise<string[]> {
  const run = queue.then(() => sync(instances));
  queue = run.catch(() => undefined);
  return run;
}

async function sync(instances: readonly Pick<NetBoxInstance, 'origin'>[]): Promise<string[]> {
  const wanted: string[] = [];
  for (const pattern of matchPatternsOf(instances)) {
    if (await hasOriginPermission(pattern)) wanted.push(pattern);
  }
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [CONTENT_SCRIPT_ID] }).catch(() => []);
  const current = existing.find((s) => s.id === CONTENT_SCRIPT_ID);

  if (wanted.length === 0) {
    if (current) await browser.scripting.unregisterContentScripts({ ids: [CONTENT_SCRIPT_ID] });
    return [];
  }
  // An older version registered at document_idle: a change of runAt is an update too.
  const same = current && current.runAt === RUN_AT && [...(current.matches ?? [])].sort().join(' ') === wanted.join(' ');
  if (same) return wanted;
  const script = {
    id: CONTENT_SCRIPT_ID,
    matches: wanted,
    js: [CONTENT_SCRIPT_FILE],
    runAt: RUN_AT,
    persistAcrossSessions: false,
  };
  // Updated in place, never unregistered and registered again: a NetBox page loading in
  // between would get no panel. The options page and the worker both sync (separate queues),
  // so a registration can appear between our read and our register: then update that one.
  if (current) {
    await browser.scripting.updateContentScripts([script]);
  } else {
    try {
      await browser.scripting.registerContentScripts([script]);
    } catch (error) {
      await browser.scripting.updateContentScripts([script]).catch(() => {
        throw error;
      });
    }
  }
  return wanted;
}

/**
 * Injects the content script once into the tabs already open on an instance (right after
 * adding it, so its panel shows without a reload). The script itself does nothing on pages
 * that are not NetBox and must tolerate being injected twice. Returns the tab ids injected.
 */
export async function injectIntoOpenTabs(instance: Pick<NetBoxInstance, 'origin' | 'baseUrl'>): Promise<number[]> {
  // Without the "tabs" permission a tab's url is visible only where the extension has host
  // permission, which is exactly the instance's origin once it was granted.
  const tabs = await browser.tabs.query({}).catch(() => []);
  const injected: number[] = [];
  for (const tab of tabs) {
    if (tab.id === undefined || !tab.url || !instanceForUrl([instance], tab.url)) continue;
    try {
      await browser.scripting.executeScript({ target: { tabId: tab.id }, files: [CONTENT_SCRIPT_FILE as '/content-scripts/content.js'] });
      injected.push(tab.id);
    } catch {
      // a tab that cannot be scripted (error page, discarded): it gets the script on reload
    }
  }
  return injected;
}
