import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OptionsApp } from '@/components/options/OptionsApp';
import { createOptionsStore, type OptionsDeps } from '@/components/options/options-store';
import type { FetchOutcome } from '@/lib/core/failure';
import { type ConnectBackendAnswer, type ConnectBackendRequest, type InstanceStatus } from '@/lib/browser/messaging';
import type { NetBoxStatus } from '@/lib/core/fetch-logs';
import type { LogsPage } from '@/lib/core/log-types';
import { REASONS } from '@/lib/core/instance-url';
import { createInstance } from '@/lib/core/settings';
import { loadInstances, saveInstances } from '@/lib/browser/settings-storage';
import { getBackendKey, saveBackendKey } from '@/lib/browser/backend-keys';
import { stubExtensionApis } from '../worker/browser-stubs';
import { click, getButton, getByLabel, queryAllButtons, settle, text, toggle, type, waitForText } from './dom';

let container: HTMLElement;
let stubs: ReturnType<typeof stubExtensionApis>;
let statusAnswer: FetchOutcome<NetBoxStatus>;
let checkStatus: ReturnType<typeof vi.fn<OptionsDeps['checkStatus']>>;

let workerState: InstanceStatus | undefined;
/** What the worker does when the check asks it to read the instance now (the fake worker's poll). */
let workerPolls: (instanceId: string) => Promise<void>;
let pluginAnswer: FetchOutcome<LogsPage>;
const calls: string[] = [];
// The worker's side of "Connect" (lib/background/connect-backend.ts has its own tests).
let connectRequests: ConnectBackendRequest[];
let connectAnswer: ConnectBackendAnswer;

async function mount() {
  const store = createOptionsStore({
    checkStatus,
    checkPlugin: async () => pluginAnswer,
    checkHealth: async () => ({ ok: true, value: { status: 'ok' } }),
    pollWorker: async (id) => {
      calls.push(`poll ${id}`);
      await workerPolls(id);
    },
    workerStatus: async (id) => {
      calls.push(`status ${id}`);
      return workerState;
    },
    connectBackend: async (request) => {
      connectRequests.push(request);
      return connectAnswer;
    },
  });
  await act(() => render(<OptionsApp store={store} />, container));
  await settle();
  return store;
}

function card(label: string): HTMLElement {
  const el = container.querySelector<HTMLElement>(`article[aria-label="${label}"]`);
  if (!el) throw new Error(`no card for ${label}: ${text(container)}`);
  return el;
}

beforeEach(() => {
  fakeBrowser.reset();
  stubs = stubExtensionApis();
  statusAnswer = { ok: true, value: { netboxVersion: '4.6.8', proxboxVersion: '0.0.24', loggedIn: true } };
  checkStatus = vi.fn(async () => statusAnswer);
  workerState = undefined;
  workerPolls = async () => undefined;
  pluginAnswer = { ok: true, value: { logs: [], total: 0, hasMore: false } };
  calls.length = 0;
  connectRequests = [];
  connectAnswer = { ok: true };
  container = document.createElement('div');
  document.body.append(container);
});

afterEach(() => {
  render(null, container);
  container.remove();
});

describe('adding an instance', () => {
  it('asks for that origin in the click, stores it, registers and injects the content script, and checks it', async () => {
    const tab = await fakeBrowser.tabs.create({ url: 'https://netbox.example.com/dcim/devices/' });
    await mount();
    await type(getByLabel(container, 'NetBox URL'), 'https://netbox.example.com/dcim/devices/?q=1');
    getButton(container, 'Add').click();
    // Synchronously, inside the gesture:
    expect(stubs.permissions.request).toHaveBeenCalledWith({ origins: ['https://netbox.example.com:443/*'] });
    await waitForText(container, 'NetBox 4.6.8 · Proxbox plugin 0.0.24 · logged in');

    expect(await loadInstances()).toEqual([
      { ...createInstance({ baseUrl: 'https://netbox.example.com', origin: 'https://netbox.example.com' }), addedAt: expect.any(Number) },
    ]);
    expect(stubs.registered.map((s) => s.matches)).toEqual([['https://netbox.example.com:443/*']]);
    expect(stubs.scripting.executeScript).toHaveBeenCalledWith({ target: { tabId: tab.id }, files: ['content-scripts/content.js'] });
    expect(checkStatus).toHaveBeenCalledWith('https://netbox.example.com');
    expect(getByLabel(container, 'NetBox URL').value).toBe('');
    expect(text(container)).toContain('Added netbox.example.com.');
  });

  it('keeps a path prefix and a port', async () => {
    await mount();
    await type(getByLabel(container, 'NetBox URL'), 'http://10.0.0.5:8000/netbox/api/');
    await click(getButton(container, 'Add'));
    await settle();
    expect(stubs.permissions.request).toHaveBeenCalledWith({ origins: ['http://10.0.0.5:8000/*'] });
    expect((await loadInstances()).map((i) => i.baseUrl)).toEqual(['http://10.0.0.5:8000/netbox']);
  });

  it.each([
    ['', REASONS.empty],
    ['ftp://netbox.example.com', REASONS.scheme],
    ['https://user:pw@netbox.example.com', REASONS.credentials],
    ['net box', REASONS.whitespace],
  ])('rejects %j with a clear reason and asks for nothing', async (input, reason) => {
    await mount();
    await type(getByLabel(container, 'NetBox URL'), input);
    await click(getButton(container, 'Add'));
    expect(container.querySelector('[role="alert"]')?.textContent).toBe(reason);
    expect(getByLabel(container, 'NetBox URL').getAttribute('aria-invalid')).toBe('true');
    expect(stubs.permissions.request).not.toHaveBeenCalled();
    expect(await loadInstances()).toEqual([]);
  });

  it('says so when the permission is denied, and adds nothing', async () => {
    stubs.permissions.request.mockResolvedValue(false);
    await mount();
    await type(getByLabel(container, 'NetBox URL'), 'netbox.example.com');
    await click(getButton(container, 'Add'));
    await waitForText(container, 'Permission denied');
    expect(await loadInstances()).toEqual([]);
    expect(stubs.scripting.registerContentScripts).not.toHaveBeenCalled();
  });

  it('does not add the same NetBox twice', async () => {
    await saveInstances([createInstance({ baseUrl: 'https://netbox.example.com', origin: 'https://netbox.example.com' })]);
    await mount();
    await type(getByLabel(container, 'NetBox URL'), 'https://netbox.example.com/');
    await click(getButton(container, 'Add'));
    expect(text(container)).toContain('netbox.example.com is already in the list.');
    expect(stubs.permissions.request).not.toHaveBeenCalled();
  });
});

describe('the status check', () => {
  beforeEach(async () => {
    await saveInstances([createInstance({ baseUrl: 'https://netbox.example.com', origin: 'https://netbox.example.com' })]);
    stubs.granted.add('https://netbox.example.com:443/*');
  });

  it('shows when the user is logged out, with a link to log in', async () => {
    statusAnswer = { ok: true, value: { netboxVersion: '', proxboxVersion: null, loggedIn: false } };
    await mount();
    await waitForText(container, 'Not logged in to NetBox in this browser.');
    const link = Array.from(container.querySelectorAll('a')).find((a) => a.textContent === 'Log in');
    expect(link?.getAttribute('href')).toBe('https://netbox.example.com/login/?next=/plugins/proxbox/logs/');
  });

  it('shows a missing plugin and failures in words, and checks again on request', async () => {
    statusAnswer = { ok: true, value: { netboxVersion: '4.6.8', proxboxVersion: null, loggedIn: true } };
    await mount();
    await waitForText(container, 'Proxbox plugin not installed');
    statusAnswer = { ok: false, failure: { kind: 'network', detail: 'Failed to fetch' } };
    await click(getButton(container, 'Check again'));
    await settle();
    expect(checkStatus).toHaveBeenCalledTimes(2);
    expect(container.querySelector('.check .step-error')?.textContent).toContain('NetBox cannot be reached');
  });

  it('offers to allow access again when the browser no longer grants the origin', async () => {
    stubs.granted.clear();
    await mount();
    await waitForText(container, 'The browser does not let the extension reach https://netbox.example.com.');
    await click(getButton(container, 'Allow access'));
    await settle();
    expect(stubs.permissions.request).toHaveBeenCalledWith({ origins: ['https://netbox.example.com:443/*'] });
    expect(text(container)).not.toContain('does not let the extension reach');
  });
});

describe('the status check, line by line as things are now', () => {
  const NETBOX = 'http://127.0.0.1:8000';
  const steps = () => [...container.querySelectorAll('.check-steps li')].map((li) => `${li.className} ${li.textContent}`);
  const loggedOut: InstanceStatus = { instanceId: NETBOX, label: '127.0.0.1:8000', baseUrl: NETBOX, count: 0, state: 'logged-out', lastSuccessAt: null, lastError: { kind: 'logged-out' } };
  const keyNeeded: InstanceStatus = { ...loggedOut, state: 'key-needed', lastError: { kind: 'key-needed', backendUrl: 'http://proxbox-api:8800' } };

  it('added before logging in to NetBox, direct mode, no key yet: after the login it waits for the key, and says nothing of a login', async () => {
    await saveInstances([createInstance({ baseUrl: NETBOX, origin: NETBOX })]);
    stubs.granted.add('http://127.0.0.1:8000/*');
    // The worker's last poll was before the login; the plugin only names the backend.
    workerState = loggedOut;
    pluginAnswer = { ok: false, failure: { kind: 'discovery', backendUrl: 'http://proxbox-api:8800' } };
    // Read now, the worker finds the backend (it switches the instance) and has no key for it.
    workerPolls = async (id) => {
      const [instance] = await loadInstances();
      await saveInstances([{ ...instance!, logsVia: 'backend', backendUrl: 'http://proxbox-api:8800', backendUrlFromNetBox: 'http://proxbox-api:8800' }]);
      workerState = id === NETBOX ? keyNeeded : undefined;
    };
    await mount();
    await waitForText(container, "Waiting for the backend's API key");
    expect(calls).toEqual([`poll ${NETBOX}`, `status ${NETBOX}`]);
    expect(steps()).toEqual([
      'step-ok ✓Passed: NetBox: NetBox 4.6.8 · Proxbox plugin 0.0.24 · logged in',
      'step-ok ✓Passed: Plugin: Names the backend at http://proxbox-api:8800; the logs are read from there.',
      'step-pending …Pending: Backend: proxbox-api:8800: not allowed yet (Connect asks the browser).',
      "step-pending …Pending: Logs: Waiting for the backend's API key: enter it below.",
    ]);
    expect(text(container)).not.toContain('Not logged in');
  });

  it('names the address the logs are read from when NetBox names another', async () => {
    await saveInstances([{ ...createInstance({ baseUrl: NETBOX, origin: NETBOX }), logsVia: 'backend', backendUrl: 'http://127.0.0.1:8800', backendUrlFromNetBox: 'http://proxbox-api:8800' }]);
    stubs.granted.add('http://127.0.0.1:8000/*');
    stubs.granted.add('http://127.0.0.1:8800/*');
    pluginAnswer = { ok: false, failure: { kind: 'discovery', backendUrl: 'http://proxbox-api:8800/' } };
    workerState = { ...loggedOut, state: 'ok', lastSuccessAt: Date.parse('2026-12-07T10:00:00'), lastError: undefined };
    await mount();
    await waitForText(container, 'Logs can be read · from proxbox-api at 127.0.0.1:8800');
    expect(steps()[1]).toBe('step-ok ✓Passed: Plugin: Names the backend at http://proxbox-api:8800; the logs are read from 127.0.0.1:8800, the address set below.');
  });
});

describe('removing an instance', () => {
  it('removes it, its permission and its content script registration', async () => {
    await mount();
    await type(getByLabel(container, 'NetBox URL'), 'https://netbox.example.com');
    await click(getButton(container, 'Add'));
    await settle();
    expect(stubs.registered).toHaveLength(1);
    await click(getButton(card('netbox.example.com'), 'Remove'));
    await settle();
    expect(await loadInstances()).toEqual([]);
    expect(stubs.permissions.remove).toHaveBeenCalledWith({ origins: ['https://netbox.example.com:443/*'] });
    expect(stubs.permissions.remove).toHaveBeenCalledWith({ origins: ['https://netbox.example.com/*'] });
    expect(stubs.registered).toEqual([]);
    expect(text(container)).toContain('Removed netbox.example.com.');
    expect(queryAllButtons(container, 'Remove')).toHaveLength(0);
  });

  it('keeps the permission while another instance uses the same origin', async () => {
    const a = createInstance({ baseUrl: 'https://tools.example.com/netbox', origin: 'https://tools.example.com' });
    const b = createInstance({ baseUrl: 'https://tools.example.com/netbox-test', origin: 'https://tools.example.com' });
    await saveInstances([a, b]);
    stubs.granted.add('https://tools.example.com:443/*');
    await mount();
    await click(getButton(card('tools.example.com/netbox'), 'Remove'));
    await settle();
    expect(stubs.permissions.remove).not.toHaveBeenCalled();
    expect((await loadInstances()).map((i) => i.id)).toEqual([b.id]);
    expect(stubs.registered.map((s) => s.matches)).toEqual([['https://tools.example.com:443/*']]);
  });
});

describe('per-instance settings', () => {
  beforeEach(async () => {
    await saveInstances([createInstance({ baseUrl: 'https://netbox.example.com', origin: 'https://netbox.example.com' })]);
  });

  it('shows the defaults', async () => {
    await mount();
    const c = card('netbox.example.com');
    expect(getByLabel(c, 'Logs proxy path').value).toBe('/api/plugins/proxbox/logs/');
    expect(getByLabel(c, 'Polling interval (seconds)').value).toBe('30');
    expect(['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'].map((l) => getByLabel(c, l).checked)).toEqual([false, false, false, true, true]);
    expect(getByLabel(c, 'Desktop notifications').checked).toBe(false);
  });

  it('refuses an invalid edit with reasons and saves a valid one', async () => {
    await mount();
    const c = card('netbox.example.com');
    await type(getByLabel(c, 'Polling interval (seconds)'), '5');
    await toggle(getByLabel(c, 'ERROR'));
    await toggle(getByLabel(c, 'CRITICAL'));
    await click(getButton(c, 'Save'));
    expect(text(c)).toContain('Poll at most once every 30 seconds');
    expect(text(c)).toContain('Choose at least one level');
    expect((await loadInstances())[0]?.pollIntervalSec).toBe(30);

    await type(getByLabel(c, 'Polling interval (seconds)'), '120');
    await toggle(getByLabel(c, 'WARNING'));
    await toggle(getByLabel(c, 'CRITICAL'));
    await toggle(getByLabel(c, 'Desktop notifications'));
    await type(getByLabel(c, 'Logs proxy path'), 'api/plugins/proxbox/logs');
    await click(getButton(c, 'Save'));
    await settle();
    expect(text(c)).toContain('Saved');
    expect((await loadInstances())[0]).toMatchObject({
      proxyPath: '/api/plugins/proxbox/logs',
      pollIntervalSec: 120,
      badgeLevels: ['WARNING', 'CRITICAL'],
      notifications: true,
    });
    expect(getByLabel(c, 'Logs proxy path').value).toBe('/api/plugins/proxbox/logs');
  });
});

describe('an instance whose plugin names the backend', () => {
  const KEY = 'pbx-secret-key-0123456789';

  beforeEach(async () => {
    await saveInstances([
      {
        ...createInstance({ baseUrl: 'http://127.0.0.1:8000', origin: 'http://127.0.0.1:8000' }),
        logsVia: 'backend',
        backendUrl: 'http://proxbox-api:8800',
        backendUrlFromNetBox: 'http://proxbox-api:8800',
      },
    ]);
    stubs.granted.add('http://127.0.0.1:8000/*');
  });

  it('says which way it reads, asks for the key in a password field, and connects with one click', async () => {
    workerState = { instanceId: 'http://127.0.0.1:8000', label: '127.0.0.1:8000', baseUrl: 'http://127.0.0.1:8000', count: 0, state: 'key-needed', lastSuccessAt: null, lastError: { kind: 'key-needed' } };
    await mount();
    await waitForText(container, 'Logs cannot be read yet · from proxbox-api at proxbox-api:8800');
    // Waiting for the user, not failing.
    expect([...container.querySelectorAll('.check .step-pending')].at(-1)?.textContent).toContain("Logs: Waiting for the backend's API key: enter it below.");
    const key = getByLabel(container, 'Backend API key');
    expect(key.type).toBe('password');
    expect(key.value).toBe('');
    // The address NetBox names is only NetBox's (Docker): the user gives the browser's.
    await type(getByLabel(container, 'Backend address'), '127.0.0.1:8800');
    await type(key, KEY);
    getButton(container, 'Connect').click();
    // In the click: the browser's prompt for the backend's origin alone.
    expect(stubs.permissions.request).toHaveBeenLastCalledWith({ origins: ['http://127.0.0.1:8800/*'] });
    await waitForText(container, 'Connected: the logs come from proxbox-api at 127.0.0.1:8800.');
    expect(connectRequests).toEqual([{ instanceId: 'http://127.0.0.1:8000', backendUrl: 'http://127.0.0.1:8800', key: KEY, session: false }]);
    // Never shown back, never in the page's markup.
    expect(key.value).toBe('');
    expect(container.innerHTML).not.toContain(KEY);
  });

  it('says what the extension may reach: the NetBox and the backend, each on its own port', async () => {
    await mount();
    expect(text(card('127.0.0.1:8000'))).toContain(
      'The extension may read http://127.0.0.1:8000 (that port only) and its backend at http://proxbox-api:8800 (that port only). Another port of the same host needs its own permission.',
    );
    expect(text(container)).toContain('The browser asks you to let the extension read that site: that host and port only.');
  });

  it('says what the backend answered when the key is wrong, and keeps nothing', async () => {
    connectAnswer = { ok: false, step: 'key', failure: { kind: 'key-rejected', status: 401, detail: 'Invalid API key. 4 attempts remaining.', backendUrl: 'http://proxbox-api:8800' } };
    await mount();
    await type(getByLabel(container, 'Backend API key'), 'wrong');
    await click(getButton(container, 'Connect'));
    await waitForText(container, 'Backend API key rejected. proxbox-api at proxbox-api:8800 rejected the API key (Invalid API key. 4 attempts remaining.)');
    expect(connectRequests).toHaveLength(1);
    expect(getByLabel(container, 'Backend API key').value).toBe('');
  });

  it('asks for nothing when the address is not one', async () => {
    await mount();
    await type(getByLabel(container, 'Backend address'), 'ftp://x');
    await type(getByLabel(container, 'Backend API key'), KEY);
    await click(getButton(container, 'Connect'));
    expect(text(container)).toContain('Only http:// and https:// addresses are supported.');
    expect(stubs.permissions.request).not.toHaveBeenCalled();
    expect(connectRequests).toEqual([]);
  });

  it('shows the green line only when the worker has read logs', async () => {
    workerState = { instanceId: 'http://127.0.0.1:8000', label: '127.0.0.1:8000', baseUrl: 'http://127.0.0.1:8000', count: 0, state: 'ok', lastSuccessAt: Date.parse('2026-11-30T10:00:00'), };
    await mount();
    await waitForText(container, 'Logs can be read · from proxbox-api at proxbox-api:8800');
    expect(text(container)).toContain('Key accepted; logs read at 10:00:00.');
    expect(container.querySelector('.check .state-ok')).not.toBeNull();
  });

  it('forgets the key and gives back the backend origin when the instance is removed', async () => {
    await saveBackendKey('http://127.0.0.1:8000', { key: KEY, backendUrl: 'http://proxbox-api:8800' }, { session: false });
    await mount();
    await click(getButton(container, 'Remove'));
    await settle();
    expect(await getBackendKey('http://127.0.0.1:8000', 'http://proxbox-api:8800')).toBeNull();
    expect(stubs.permissions.remove.mock.calls).toEqual([
      [{ origins: ['http://127.0.0.1:8000/*', 'http://proxbox-api:8800/*'] }],
      // What an earlier version asked for (the host on every port), gone with them.
      [{ origins: ['http://127.0.0.1/*', 'http://proxbox-api/*'] }],
    ]);
  });
});
