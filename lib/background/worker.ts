import { browser } from 'wxt/browser';
import { watchRejectedKeys } from '../browser/backend-keys';
import { hasOriginPermission, syncContentScripts } from '../browser/content-registration';
import { fetchJson, fetchLogs } from '../core/fetch-logs';
import type { NetBoxInstance } from '../core/instance';
import { parseNotificationId } from './notifications';
import { originMatchPattern } from '../core/settings';
import { loadInstances, watchInstances } from '../browser/settings-storage';
import { createStorageCache } from './storage-cache';
import { applyManagedPolicy } from './apply-policy';
import { watchManagedPolicy } from '../browser/managed-policy';
import { applyErrorsSeen, pruneInstances } from '../core/worker-state';
import { instanceIdOfAlarm, syncAlarms } from './alarms';
import { badgeOf, drawBadge, statusOf } from './badge';
import { createBadgeTrigger } from './badge-trigger';
import { checkHealth, connectBackend } from './connect-backend';
import { injectPanel } from './inject-panel';
import { pageStart } from './page-start';
import { startNavigationWarm } from './navigation-warm';
import { loadSavedPanelLayouts, watchOpenPanels, watchPanelLayouts } from '../browser/panel-layout-storage';
import { createLiveStreams } from './live-stream';
import { readLogs } from './log-sources';
import { browserBackendNet } from './backend-net';
import { watchNetwork } from './network-watch';
import { handleMessages, type WorkerApi } from './messages';
import { focusedWindowId, openLogsPanel } from '../browser/open-logs';
import { optionsUrl } from '../browser/options-url';
import { pollInstance, type PollDeps } from './poll';
import { recentOperations } from './recent-operations';
import { createSharedFetch, type SharedFetch } from './shared-fetch';
import { readWorkerState, updateWorkerState } from './state-store';
import { senderMayAsk } from './sender-scope';
import { activeSyncForView } from './sync-probe';
import { loadDisplayPrefs } from '../browser/display-prefs-storage';

// The background worker: it only orchestrates. Everything it knows is in storage
// (settings: lib/browser/settings-storage.ts; counts, cursors, failures: ./state-store.ts), so it
// may be stopped at any time. On every start, and on browser start / install, it
// re-creates the alarms (one per instance), re-registers the content script (dynamic
// registrations do not survive a browser restart) and redraws the badge.

export interface Worker extends WorkerApi {
  /** Settles when the start-up sync (alarms, content scripts, badge, first polls) is done. */
  ready: Promise<void>;
  /** Re-reads everything (the policy too) and re-syncs alarms, content scripts and the badge. */
  sync(): Promise<void>;
  /** Removes the listeners (tests start a fresh worker in the same JS context). */
  stop(): void;
  /** The views' shared poller (./shared-fetch.ts). */
  sharedFetch: SharedFetch;
}

export function defaultPollDeps(): PollDeps {
  return {
    backendNet: browserBackendNet(watchNetwork()),
    fetchLogs,
    fetchJson,
    now: () => Date.now(),
    isOnline: () => globalThis.navigator?.onLine !== false,
    hasPermission: hasOriginPermission,
  };
}

function extensionOrigin(): string | undefined {
  try {
    return new URL(browser.runtime.getURL('/')).origin;
  } catch {
    return undefined;
  }
}

/** "chrome-extension://<id>/": the extension's own pages start with it. */
function extensionBase(): string {
  try {
    return browser.runtime.getURL('/');
  } catch {
    return '';
  }
}

function log(what: string) {
  return (error: unknown) => console.warn(`[proxbox] ${what} failed`, error);
}

export function startWorker(overrides: Partial<PollDeps> = {}): Worker {
  const deps: PollDeps = { ...defaultPollDeps(), ...overrides };

  async function refreshBadge(): Promise<void> {
    const [instances, state, display] = await Promise.all([loadInstances(), readWorkerState(), loadDisplayPrefs()]);
    await drawBadge(badgeOf(instances, state, { now: deps.now(), zone: display.timeZone }));
  }

  async function poll(instances: readonly NetBoxInstance[], manual: boolean): Promise<void> {
    await Promise.all(instances.map((i) => pollInstance(i, deps, { manual }).catch(log(`poll of ${i.id}`))));
    await refreshBadge();
  }

  // Views' pages go through one shared fetch; a page with new entries that may count for
  // the badge runs the badge poll soon after (./badge-trigger.ts).
  // One live stream per backend instance while a view of it is open (./live-stream.ts).
  // The views' requests read the instance list from memory, kept in step with storage.
  const instances = createStorageCache(loadInstances, watchInstances);
  const live = createLiveStreams({ ...deps, loadInstances: instances.read, extensionOrigin: extensionOrigin() });
  const sharedFetch = createSharedFetch({
    sourceFor: (instance) => readLogs(instance, deps),
    answerLive: (instance, query) => (instance.logsVia === 'backend' ? live.answer(instance.id, query) : null),
    now: deps.now,
    loadInstances: instances.read,
    extensionOrigin: extensionOrigin(),
    hasPermission: (instance) => hasOriginPermission(originMatchPattern(instance.origin)),
    onFetched: createBadgeTrigger({ readState: readWorkerState, poll: (instance) => poll([instance], false) }),
  });
  // Every NetBox page's start reads how its panel was left: from memory, as the instances.
  const layouts = createStorageCache(loadSavedPanelLayouts, watchPanelLayouts);
  // Where a panel is left open, its code is registered to come with the page.
  const unwatchPanels = watchOpenPanels(() => void instances.read().then(syncContentScripts).catch(log('content script registration')));
  // A panel left open: its first page is asked for as each NetBox page's document answers.
  const navigations = startNavigationWarm({ loadInstances: instances.read, loadLayouts: layouts.read, warm: sharedFetch.warm, now: deps.now });

  // Where each instance reads from, to restart its stream when that changes.
  const readsFrom = new Map<string, string>();
  let syncing: Promise<void> = Promise.resolve();
  function sync(): Promise<void> {
    const run = syncing.then(async () => {
      const instances = await loadInstances();
      for (const instance of instances) {
        const where = `${instance.logsVia} ${instance.backendUrl ?? ''}`;
        if (readsFrom.has(instance.id) && readsFrom.get(instance.id) !== where) live.restart(instance.id);
        readsFrom.set(instance.id, where);
      }
      await updateWorkerState((s) => pruneInstances(s, instances.map((i) => i.id))).catch(log('state cleanup'));
      await syncAlarms(instances).catch(log('alarms'));
      await syncContentScripts(instances).catch(log('content script registration'));
      await refreshBadge().catch(log('badge'));
      // A new instance is polled at once: its cursor is set now, not one interval later.
      const state = await readWorkerState();
      const fresh = instances.filter((i) => state.instances[i.id]?.lastPollAt == null);
      if (fresh.length > 0) await poll(fresh, false);
    });
    syncing = run.catch(log('sync'));
    return run;
  }

  // The administrator's policy, written into the list (./apply-policy.ts): at start, on a
  // change of policy, and after every change of the list (so no edit undoes it); a change it
  // makes comes back as a sync through watchInstances. Apart from sync, never awaited by it:
  // Chrome answers the first storage.managed read only once its policy service is up, 2-6 s
  // after the browser starts, which must not hold back alarms, content scripts or the badge.
  let applying: Promise<unknown> = Promise.resolve();
  function applyPolicy(): Promise<unknown> {
    applying = applying.then(() => applyManagedPolicy()).catch(log('applying the policy'));
    return applying;
  }

  const api: WorkerApi = {
    async pollNow(instanceId) {
      const instances = await loadInstances();
      await poll(instanceId ? instances.filter((i) => i.id === instanceId) : instances, true);
    },
    async errorsSeen(instanceId, newestId) {
      await updateWorkerState((s) => applyErrorsSeen(s, instanceId, newestId));
      await refreshBadge();
    },
    async getStatus() {
      const [instances, state] = await Promise.all([loadInstances(), readWorkerState()]);
      return statusOf(instances, state, deps.now());
    },
    async getActiveSync(request, sender) {
      const instance = (await instances.read()).find((i) => i.id === request?.instanceId);
      if (!instance || !senderMayAsk(sender, instance, extensionOrigin())) return null;
      const { sync, asked } = await activeSyncForView(instance, deps, request.opening === true);
      // The tooltip follows what a view's opening found.
      if (asked) await refreshBadge().catch(log('badge'));
      return sync;
    },
    async getRecentOperations(instanceId) {
      const instance = (await loadInstances()).find((i) => i.id === instanceId);
      if (!instance) return { operations: [] };
      return recentOperations(instance, deps);
    },
    async openLogs(request) {
      await openLogsPanel(request, await focusedWindowId());
    },
    fetchLogsPage: (request, sender) => sharedFetch.fetch(request, sender),
    warmLogsPage: (request, sender) => sharedFetch.warm(request, sender),
    async connectBackend(request) {
      const answer = await connectBackend(request, deps);
      if (answer.ok) {
        sharedFetch.clear();
        live.restart(request.instanceId);
        const instances = await loadInstances();
        await poll(instances.filter((i) => i.id === request.instanceId), true);
      }
      return answer;
    },
    async checkBackendHealth(instanceId) {
      const instance = (await loadInstances()).find((i) => i.id === instanceId);
      return instance?.backendUrl ? checkHealth(instance.backendUrl, deps) : null;
    },
    async openOptions(instanceId) {
      await browser.tabs.create({ url: optionsUrl(instanceId) });
    },
    loadPanel: (sender) => injectPanel(sender),
    pageStart: (sender, panelCode) =>
      pageStart(sender, panelCode, {
        loadInstances: instances.read,
        loadLayouts: layouts.read,
        warm: sharedFetch.warm,
        takeWarm: sharedFetch.takeWarm,
        injectPanel,
        askedAtResponse: (s) => navigations.take(s.tab?.id, s.url ?? ''),
      }),
  };

  const onAlarm = (alarm: { name: string }) => {
    const id = instanceIdOfAlarm(alarm.name);
    if (!id) return;
    return loadInstances()
      .then((instances) => poll(instances.filter((i) => i.id === id), false))
      .catch(log('alarm poll'));
  };
  const onNotificationClicked = (notificationId: string) => {
    const target = parseNotificationId(notificationId);
    if (!target) return;
    // First thing in the click: the side panel opens only inside the gesture.
    const opening = openLogsPanel({ instanceId: target.instanceId, errorsOnly: true }, target.windowId);
    void browser.notifications.clear(notificationId).catch(() => undefined);
    return opening.then(() => undefined, log('opening the logs'));
  };
  const onBrowserStart = () => void sync();
  const onPermissionsChanged = () => {
    void sync().then(() => api.pollNow());
  };
  const onOnline = () => void api.pollNow();

  browser.alarms.onAlarm.addListener(onAlarm);
  browser.runtime.onStartup.addListener(onBrowserStart);
  browser.runtime.onInstalled.addListener(onBrowserStart);
  browser.notifications.onClicked.addListener(onNotificationClicked);
  const permissionEvents = [browser.permissions?.onAdded, browser.permissions?.onRemoved];
  for (const event of permissionEvents) {
    try {
      event?.addListener(onPermissionsChanged);
    } catch {
      // not available here (tests' fake browser)
    }
  }
  globalThis.addEventListener?.('online', onOnline);
  const unwatch = watchInstances(() => {
    void sync();
    void applyPolicy();
  });
  // Chrome says when the administrator changed the policy; it applies at once.
  const unwatchPolicy = watchManagedPolicy(() => void applyPolicy());
  // A rejected key stops what is already running too: the stream of that backend.
  const unwatchKeys = watchRejectedKeys((ids) => ids.forEach((id) => live.restart(id)));
  const unhandle = handleMessages(api, { extensionBase: extensionBase(), loadInstances: instances.read });

  const started = Promise.all([sync().catch(log('start-up sync')), applyPolicy()]);
  const worker: Worker = {
    ...api,
    // Then also the sync a change by the policy queued.
    ready: started.then(() => syncing).then(() => undefined),
    async sync() {
      await applyPolicy();
      await sync();
    },
    sharedFetch,
    stop() {
      browser.alarms.onAlarm.removeListener(onAlarm);
      browser.runtime.onStartup.removeListener(onBrowserStart);
      browser.runtime.onInstalled.removeListener(onBrowserStart);
      browser.notifications.onClicked.removeListener(onNotificationClicked);
      for (const event of permissionEvents) {
        try {
          event?.removeListener(onPermissionsChanged);
        } catch {
          // see above
        }
      }
      globalThis.removeEventListener?.('online', onOnline);
      unwatch();
      unwatchPolicy();
      instances.stop();
      navigations.stop();
      layouts.stop();
      unwatchPanels();
      unwatchKeys();
      unhandle();
      live.stop();
    },
  };
  // The end-to-end tests drive the worker from `sw.evaluate(() => proxboxWorker.pollNow())`.
  if (import.meta.env.MODE === 'e2e') (globalThis as { proxboxWorker?: Worker }).proxboxWorker = worker;
  return worker;
}
