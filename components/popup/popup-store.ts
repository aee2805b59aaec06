import { computed, signal, type ReadonlySignal } from '@preact/signals';
import { browser } from 'wxt/browser';
import { enableOrigin } from '@/lib/browser/enable-origin';
import { instanceLabel, type NetBoxInstance } from '@/lib/core/instance';
import { sendMessage, type InstanceStatus } from '@/lib/browser/messaging';
import { focusedWindowId, openLogsPanel, type LogsTarget } from '@/lib/browser/open-logs';
import { instanceForUrl } from '@/lib/core/settings';
import { loadInstances } from '@/lib/browser/settings-storage';
import { readManagedPolicy } from '@/lib/browser/managed-policy';
import { mergeOperations, type RecentOperation } from '@/lib/core/worker-state';
import { presetRange, rangeToText } from '@/lib/core/time-range';

// The popup's state (signals) and actions. Components read, actions write. Actions that
// open a panel or ask for a permission must be called synchronously from the click: the
// browser only allows them inside the user's gesture, so they make that call before their
// first await.

export interface ActiveTab {
  id: number;
  url: string | undefined;
  windowId: number | undefined;
}

export interface PopupOperation extends RecentOperation {
  instanceId: string;
}

export type OperationIdCheck = { ok: true; value: string } | { ok: false; reason: string };

/** Trimmed; a UUID is expected, but any non-empty token without spaces is accepted. */
export function checkOperationId(input: string): OperationIdCheck {
  const value = input.trim();
  if (!value) return { ok: false, reason: 'Enter an operation ID' };
  if (/\s/.test(value)) return { ok: false, reason: 'An operation ID has no spaces' };
  return { ok: true, value };
}

export interface PopupStore {
  readonly instances: ReadonlySignal<NetBoxInstance[]>;
  readonly statuses: ReadonlySignal<InstanceStatus[] | null>;
  readonly activeTab: ReadonlySignal<ActiveTab | null>;
  /** The instance the active tab is a page of. */
  readonly tabInstance: ReadonlySignal<NetBoxInstance | undefined>;
  /** An http(s) tab of no instance: "Enable on this site" is offered. */
  readonly canEnable: ReadonlySignal<boolean>;
  readonly operations: ReadonlySignal<PopupOperation[]>;
  readonly operationId: ReadonlySignal<string>;
  readonly operationError: ReadonlySignal<string | null>;
  /** "Show logs" shows this long back (a preset of lib/core/time-range.ts), or any time (null). */
  readonly lastMs: ReadonlySignal<number | null>;
  /** A one-line outcome (enabled, permission denied, ...). */
  readonly message: ReadonlySignal<string | null>;
  readonly refreshing: ReadonlySignal<boolean>;

  start(): Promise<void>;
  setOperationId(value: string): void;
  setLastMs(ms: number | null): void;
  /** "Show logs": the tab's own panel when it is a NetBox page of an instance, else the side panel. */
  showLogs(): Promise<void>;
  /** Opens an instance's new errors. */
  showErrors(instanceId: string): Promise<void>;
  /** "Show this run": an instance's logs from a running sync's start (its entries are a time range). */
  showRun(instanceId: string, startedAt: number): Promise<void>;
  openSidePanel(): Promise<void>;
  openOptions(instanceId?: string): Promise<void>;
  enableOnSite(): Promise<void>;
  refresh(): Promise<void>;
}

export interface PopupDeps {
  /** Closes the popup after it opened something (window.close in the extension). */
  close: () => void;
}

export function createPopupStore(deps: Partial<PopupDeps> = {}): PopupStore {
  const close = deps.close ?? (() => globalThis.close?.());
  const instances = signal<NetBoxInstance[]>([]);
  const statuses = signal<InstanceStatus[] | null>(null);
  const activeTab = signal<ActiveTab | null>(null);
  const operations = signal<PopupOperation[]>([]);
  const operationId = signal('');
  const operationError = signal<string | null>(null);
  const lastMs = signal<number | null>(null);
  const message = signal<string | null>(null);
  const refreshing = signal(false);
  // Known before any click, so a click can open the side panel without awaiting anything.
  let windowId: number | undefined;

  const tabInstance = computed(() => instanceForUrl(instances.value, activeTab.value?.url));
  // The administrator's policy may say users add no instances of their own.
  const ownAllowed = signal(true);
  const canEnable = computed(() => {
    const url = activeTab.value?.url;
    return ownAllowed.value && !!url && /^https?:\/\//i.test(url) && !tabInstance.value;
  });

  async function loadStatuses() {
    statuses.value = await sendMessage('getStatus', undefined).catch(() => null);
  }

  async function loadOperations(list: NetBoxInstance[]) {
    const answers = await Promise.all(
      list.map(async (i) => {
        const answer = await sendMessage('getRecentOperations', { instanceId: i.id }).catch(() => null);
        return (answer?.operations ?? []).map((op) => ({ ...op, instanceId: i.id }));
      }),
    );
    // Newest first over all instances; one row per (instance, operation).
    const rows = answers.flat();
    const merged = mergeOperations(
      [],
      rows.map((r) => ({ operationId: `${r.instanceId}\u0000${r.operationId}`, operation: r.operation, timestamp: r.newestTimestamp })),
    );
    operations.value = merged.map((m) => {
      const [instanceId = '', opId = ''] = m.operationId.split('\u0000');
      return { operationId: opId, operation: m.operation, newestTimestamp: m.newestTimestamp, instanceId };
    });
  }

  /** Where "Show logs" / "Open side panel" point when nothing says which instance. */
  function defaultInstanceId(operation?: string): string | undefined {
    const fromOps = operation ? operations.value.find((o) => o.operationId === operation)?.instanceId : undefined;
    return fromOps ?? tabInstance.value?.id ?? instances.value[0]?.id;
  }

  async function open(target: LogsTarget): Promise<void> {
    const tab = activeTab.value;
    const onTab = tab && tabInstance.value && (!target.instanceId || target.instanceId === tabInstance.value.id);
    if (!onTab) {
      // Straight away, inside the click: the side panel needs the gesture.
      await openLogsPanel(target, windowId ?? tab?.windowId);
      close();
      return;
    }
    try {
      const { instanceId: _, ...data } = target;
      await sendMessage('showLogs', data, tab.id);
      close();
    } catch {
      // No panel in that tab (loaded before it was added, or not NetBox after all).
      await openLogsPanel(target, windowId ?? tab.windowId);
      close();
    }
  }

  return {
    instances,
    statuses,
    activeTab,
    tabInstance,
    canEnable,
    operations,
    operationId,
    operationError,
    lastMs,
    message,
    refreshing,

    async start() {
      // Not awaited with the rest: Chrome answers the first read of the policy only once its
      // policy service is up (seconds after the browser starts).
      void readManagedPolicy().then((policy) => (ownAllowed.value = policy.allowUserInstances));
      const [list, tabs, win] = await Promise.all([
        loadInstances(),
        browser.tabs.query({ active: true, currentWindow: true }).catch(() => []),
        Promise.resolve(browser.windows.getCurrent())
          .then((w) => w?.id)
          .catch(() => undefined),
      ]);
      instances.value = list;
      windowId = win ?? (await focusedWindowId());
      const tab = tabs[0];
      activeTab.value = tab?.id !== undefined ? { id: tab.id, url: tab.url, windowId: tab.windowId } : null;
      await Promise.all([loadStatuses(), loadOperations(list)]);
    },

    setOperationId(value) {
      operationId.value = value;
      operationError.value = null;
    },

    setLastMs(ms) {
      lastMs.value = ms;
    },

    async showLogs() {
      const check = checkOperationId(operationId.value);
      if (!check.ok) {
        operationError.value = check.reason;
        return;
      }
      operationError.value = null;
      const target: LogsTarget = { operationId: check.value };
      if (lastMs.value !== null) Object.assign(target, rangeToText(presetRange(lastMs.value, Date.now())));
      const instanceId = defaultInstanceId(check.value);
      if (instanceId) target.instanceId = instanceId;
      await open(target);
    },

    async showErrors(instanceId) {
      await open({ instanceId, errorsOnly: true });
    },

    async showRun(instanceId, startedAt) {
      await open({ instanceId, ...rangeToText({ from: startedAt, to: null }) });
    },

    async openSidePanel() {
      const instanceId = defaultInstanceId();
      await openLogsPanel(instanceId ? { instanceId } : {}, windowId ?? activeTab.value?.windowId);
      close();
    },

    async openOptions(instanceId?: string) {
      // At an instance: the worker opens the options page scrolled to it (a backend key or address is typed there).
      if (instanceId) await sendMessage('openOptions', { instanceId }).catch(() => browser.runtime.openOptionsPage());
      else await browser.runtime.openOptionsPage();
      close();
    },

    async enableOnSite() {
      const url = activeTab.value?.url;
      if (!url) return;
      message.value = null;
      const enabled = await enableOrigin(url, instances.value);
      if (!enabled.ok) {
        message.value = enabled.why === 'denied' ? `Permission denied: the extension cannot read ${enabled.origin} without it.` : enabled.reason;
        return;
      }
      instances.value = enabled.instances;
      message.value = `Enabled on ${instanceLabel(enabled.instance)}.`;
      await loadStatuses();
    },

    async refresh() {
      refreshing.value = true;
      try {
        await sendMessage('pollNow', {}).catch(() => undefined);
        await Promise.all([loadStatuses(), loadOperations(instances.value)]);
      } finally {
        refreshing.value = false;
      }
    },
  };
}
