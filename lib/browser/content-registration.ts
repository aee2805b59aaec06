import { browser } from 'wxt/browser';
import type { NetBoxInstance } from '../core/instance';
import { PANEL_SCRIPT_FILE } from '../core/panel-injection';
import { instanceForUrl, originMatchPattern } from '../core/settings';
import { loadSavedPanelLayouts } from './panel-layout-storage';

// The content script (entrypoints/content, `registration: 'runtime'`) runs only on the
// NetBox origins the user added: one dynamic registration whose matches are those
// origins. Registrations of an unpacked extension do not survive a browser restart, so the
// worker calls syncContentScripts on every start as well as whenever instances change.

export const CONTENT_SCRIPT_ID = 'proxbox-logs';
/** The same, with the panel's code first: the origins where a panel was left open. */
export const PANEL_OPEN_SCRIPT_ID = 'proxbox-logs-open';
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

type Registered = Pick<NetBoxInstance, 'id' | 'origin'>;

/**
 * Registers the content script on the origins of `instances` the extension holds permission
 * for, updates the registrations when those sets changed, and unregisters one when it is
 * empty. On an origin where an instance's panel was left open, the panel's code comes with
 * the page as well (PANEL_OPEN_SCRIPT_ID, the panel script before the content script): the
 * panel shows without waiting for the worker to inject it. Calls are serialised; returns
 * the patterns registered.
 */
export function syncContentScripts(instances: readonly Registered[]): Promise<string[]> {
  const run = queue.then(() => sync(instances));
  queue = run.catch(() => undefined);
  return run;
}

async function sync(instances: readonly Registered[]): Promise<string[]> {
  const layouts = await loadSavedPanelLayouts();
  const leftOpen = new Set(matchPatternsOf(instances.filter((i) => layouts[i.id]?.open === true)));
  const plain: string[] = [];
  const open: string[] = [];
  for (const pattern of matchPatternsOf(instances)) {
    if (await hasOriginPermission(pattern)) (leftOpen.has(pattern) ? open : plain).push(pattern);
  }
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [CONTENT_SCRIPT_ID, PANEL_OPEN_SCRIPT_ID] }).catch(() => []);
  const steps: Array<[string, string[], string[]]> = [
    [CONTENT_SCRIPT_ID, plain, [CONTENT_SCRIPT_FILE]],
    [PANEL_OPEN_SCRIPT_ID, open, [PANEL_SCRIPT_FILE.slice(1), CONTENT_SCRIPT_FILE]],
  ];
  // The one that gains an origin goes first: an origin moving between them is never in
  // neither (in both for a moment, a page gets two copies, and the later one takes over).
  const had = (id: string) => existing.find((s) => s.id === id)?.matches ?? [];
  if (!plain.some((p) => !had(CONTENT_SCRIPT_ID).includes(p))) steps.reverse();
  for (const [id, matches, js] of steps) await syncOne(id, matches, js, existing.find((s) => s.id === id));
  return [...plain, ...open].sort();
}

async function syncOne(id: string, wanted: string[], js: string[], current: { matches?: string[]; runAt?: string; js?: string[] } | undefined): Promise<void> {
  if (wanted.length === 0) {
    if (current) await browser.scripting.unregisterContentScripts({ ids: [id] });
    return;
  }
  // An older version registered at document_idle: a change of runAt is an update too.
  const same = current && current.runAt === RUN_AT && [...(current.matches ?? [])].sort().join(' ') === wanted.join(' ') && (current.js ?? []).join(' ') === js.join(' ');
  if (same) return;
  const script = { id, matches: wanted, js, runAt: RUN_AT, persistAcrossSessions: false };
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
