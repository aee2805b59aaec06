import { signal, type ReadonlySignal } from '@preact/signals';
import { browser } from 'wxt/browser';
import { syncContentScripts } from '@/lib/browser/content-registration';
import { enableOrigin } from '@/lib/browser/enable-origin';
import type { FetchOutcome } from '@/lib/core/failure';
import { forgetInstances } from '@/lib/browser/forget-instances';
import { fetchLogs, fetchNetBoxStatus, type NetBoxStatus } from '@/lib/core/fetch-logs';
import type { LogsPage } from '@/lib/core/log-types';
import { buildLogsUrl } from '@/lib/core/logs-query';
import { sendMessage, type ConnectBackendAnswer, type ConnectBackendRequest, type InstanceStatus } from '@/lib/browser/messaging';
import type { NetBoxInstance } from '@/lib/core/instance';
import { instanceLabel } from '@/lib/core/instance';
import { originMatchPattern, type InstanceSettings } from '@/lib/core/settings';
import { isManaged, policyPatterns } from '@/lib/core/managed-instances';
import { NO_POLICY, type Policy } from '@/lib/core/policy';
import { readManagedPolicy, watchManagedPolicy } from '@/lib/browser/managed-policy';
import { loadInstances, removeInstance, updateInstanceSettings, watchInstances } from '@/lib/browser/settings-storage';

// The options page's state (signals) and actions. Components read the signals and call
// the actions; only the actions touch storage, permissions and the network.

/** Each step that must work before logs can be read, as the options page proves them. */
export interface CheckSteps {
  /** NetBox's /api/status/ and the session. */
  outcome: FetchOutcome<NetBoxStatus>;
  /** The plugin's answer at the logs path (logs, or a 'discovery' failure naming the backend). */
  plugin?: FetchOutcome<LogsPage>;
  /** The backend's GET /health (no key), in 'backend' mode; 'no-permission' before the user allowed its origin. */
  health?: FetchOutcome<unknown> | 'no-permission';
  /** What the worker last got for this instance: the proof that logs can be read (or why not). */
  worker?: InstanceStatus;
}

export type StatusCheck = { phase: 'checking' } | ({ phase: 'done' } & CheckSteps);

export interface OptionsDeps {
  checkStatus: (baseUrl: string) => Promise<FetchOutcome<NetBoxStatus>>;
  checkPlugin: (instance: NetBoxInstance) => Promise<FetchOutcome<LogsPage>>;
  /** The backend's /health, asked of the worker: only it can tell a refused certificate or a redirect. */
  checkHealth: (instance: NetBoxInstance) => Promise<FetchOutcome<unknown> | null>;
  /** Has the worker read the instance now, the way it reads it (it may find the backend): its status is then current. */
  pollWorker: (instanceId: string) => Promise<void>;
  workerStatus: (instanceId: string) => Promise<InstanceStatus | undefined>;
  /** The worker tests and keeps a backend address and key (lib/background/connect-backend.ts). */
  connectBackend: (request: ConnectBackendRequest) => Promise<ConnectBackendAnswer>;
}

const defaultDeps: OptionsDeps = {
  checkStatus: (baseUrl) => fetchNetBoxStatus(baseUrl),
  // One entry is enough to see which answer the plugin gives.
  checkPlugin: (instance) => fetchLogs(buildLogsUrl(instance.baseUrl, instance.proxyPath, { limit: 1 })),
  checkHealth: (instance) => sendMessage('checkBackendHealth', { instanceId: instance.id }),
  pollWorker: (instanceId) => sendMessage('pollNow', { instanceId }),
  workerStatus: async (instanceId) => (await sendMessage('getStatus')).find((s) => s.instanceId === instanceId),
  connectBackend: (request) => sendMessage('connectBackend', request),
};

export interface OptionsStore {
  readonly instances: ReadonlySignal<NetBoxInstance[]>;
  readonly loaded: ReadonlySignal<boolean>;
  /** Result of /api/status/ per instance id. */
  readonly checks: ReadonlySignal<Record<string, StatusCheck>>;
  /** Whether the browser lets the extension reach each instance's origin. */
  readonly access: ReadonlySignal<Record<string, boolean>>;
  /** Why the last "Add" did not add anything. */
  readonly addError: ReadonlySignal<string | null>;
  readonly adding: ReadonlySignal<boolean>;
  /** A one-line outcome of the last add/remove, for a polite live region. */
  readonly notice: ReadonlySignal<string | null>;

  start(): () => void;
  /** Call synchronously from the click/submit handler: the permission prompt needs its gesture. */
  add(input: string): Promise<boolean>;
  remove(id: string): Promise<void>;
  save(id: string, settings: InstanceSettings): Promise<void>;
  check(id: string): Promise<void>;
  /** Tests and keeps an instance's backend address and key (the form asked the browser for the origin first). */
  connectBackend(request: ConnectBackendRequest): Promise<ConnectBackendAnswer>;
  /** Asks again for an instance's origin (after the user revoked it in the browser). Call from a click. */
  grant(id: string): Promise<void>;
  /** The administrator's policy as read now (lib/core/policy.ts), with what was wrong in it. */
  readonly policy: ReadonlySignal<Policy>;
  /** The origins the policy names that the browser does not let the extension reach yet. */
  readonly missing: ReadonlySignal<string[]>;
  /** Asks for every one of `missing` in one prompt. Call from a click. */
  grantManaged(): Promise<void>;
}

export function createOptionsStore(deps: Partial<OptionsDeps> = {}): OptionsStore {
  const { checkStatus, checkPlugin, checkHealth, pollWorker, workerStatus, connectBackend } = { ...defaultDeps, ...deps };
  const instances = signal<NetBoxInstance[]>([]);
  const loaded = signal(false);
  const checks = signal<Record<string, StatusCheck>>({});
  const access = signal<Record<string, boolean>>({});
  const addError = signal<string | null>(null);
  const adding = signal(false);
  const notice = signal<string | null>(null);
  const policy = signal<Policy>(NO_POLICY);
  const missing = signal<string[]>([]);

  function setInstances(list: NetBoxInstance[]) {
    instances.value = list;
    loaded.value = true;
    void refreshAccess(list);
  }

  const allowed = (pattern: string) => browser.permissions.contains({ origins: [pattern] }).catch(() => false);

  async function refreshAccess(list: NetBoxInstance[]) {
    const next: Record<string, boolean> = {};
    const lacking = new Set<string>();
    for (const i of list) {
      next[i.id] = await allowed(originMatchPattern(i.origin));
      for (const pattern of policyPatterns(i)) if (!(await allowed(pattern))) lacking.add(pattern);
    }
    access.value = next;
    missing.value = [...lacking].sort();
  }

  /**
   * Proves each step now. The "Logs" step is the worker's: it is asked to read the
   * instance first, so its answer is from after this check's own steps, never one kept from
   * before (say, "not logged in" from before the user logged in). That read may switch the
   * instance to its backend, so the backend's step follows the instance as it is then.
   */
  async function check(id: string): Promise<void> {
    if (!instances.value.some((i) => i.id === id)) return;
    checks.value = { ...checks.value, [id]: { phase: 'checking' } };
    const first = instances.value.find((i) => i.id === id)!;
    const outcome = await checkStatus(first.baseUrl);
    const steps: CheckSteps = { outcome };
    if (outcome.ok && outcome.value.loggedIn) steps.plugin = await checkPlugin(first);
    await pollWorker(id).catch(() => undefined);
    const instance = (await loadInstances().catch(() => instances.value)).find((i) => i.id === id) ?? first;
    if (instance.logsVia === 'backend' && instance.backendUrl) {
      const allowed = await browser.permissions.contains({ origins: [originMatchPattern(instance.backendUrl)] }).catch(() => false);
      const health = allowed ? await checkHealth(instance).catch(() => null) : 'no-permission';
      if (health) steps.health = health;
    }
    const worker = await workerStatus(id).catch(() => undefined);
    if (worker) steps.worker = worker;
    checks.value = { ...checks.value, [id]: { phase: 'done', ...steps } };
  }

  return {
    instances,
    loaded,
    checks,
    access,
    addError,
    adding,
    notice,

    start() {
      let stopped = false;
      void loadInstances().then((list) => {
        if (stopped) return;
        setInstances(list);
        for (const i of list) void check(i.id);
      });
      const unwatch = watchInstances((list) => setInstances(list));
      const readPolicy = () =>
        void readManagedPolicy().then((read) => {
          if (!stopped) policy.value = read;
        });
      readPolicy();
      const unwatchPolicy = watchManagedPolicy(readPolicy);
      return () => {
        stopped = true;
        unwatch();
        unwatchPolicy();
      };
    },

    async add(input) {
      addError.value = null;
      notice.value = null;
      try {
        const enabled = await enableOrigin(input, instances.value, { asking: () => (adding.value = true) });
        if (!enabled.ok) {
          addError.value =
            enabled.why === 'denied'
              ? `Permission denied: without access to ${enabled.origin} the extension cannot read its logs. Add it again and choose "Allow".`
              : enabled.reason;
          return false;
        }
        setInstances(enabled.instances);
        notice.value = `Added ${instanceLabel(enabled.instance)}.`;
        await check(enabled.instance.id);
        return true;
      } finally {
        adding.value = false;
      }
    },

    async remove(id) {
      const instance = instances.value.find((i) => i.id === id);
      // The administrator's instances stay (the worker would set them again anyway).
      if (!instance || isManaged(instance)) return;
      const list = await removeInstance(id);
      setInstances(list);
      const { [id]: _dropped, ...rest } = checks.value;
      checks.value = rest;
      // Its backend key goes with it, and every origin nothing else uses.
      await forgetInstances([instance], list);
      notice.value = `Removed ${instanceLabel(instance)}.`;
    },

    async save(id, settings) {
      const list = await updateInstanceSettings(id, settings);
      setInstances(list);
    },

    check,

    async connectBackend(request) {
      const answer = await connectBackend(request);
      if (answer.ok) void check(request.instanceId);
      return answer;
    },

    policy,
    missing,

    async grantManaged() {
      const origins = missing.value;
      if (origins.length === 0) return;
      // One prompt for all of them, issued before the first await: inside the click.
      const granted = await browser.permissions.request({ origins }).catch(() => false);
      await refreshAccess(instances.value);
      if (!granted) return;
      await syncContentScripts(instances.value).catch(() => []);
      for (const i of instances.value) if (isManaged(i)) void check(i.id);
    },

    async grant(id) {
      const instance = instances.value.find((i) => i.id === id);
      if (!instance) return;
      const granted = await browser.permissions.request({ origins: [originMatchPattern(instance.origin)] }).catch(() => false);
      await refreshAccess(instances.value);
      if (granted) {
        await syncContentScripts(instances.value).catch(() => []);
        await check(id);
      }
    },
  };
}
