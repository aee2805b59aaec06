import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { REASONS } from '@/lib/core/instance-url';
import { createInstance } from '@/lib/core/settings';
import { loadInstances, saveInstances } from '@/lib/browser/settings-storage';
import { getBackendKey, saveBackendKey } from '@/lib/browser/backend-keys';
import { click, getButton, getByLabel, queryAllButtons, settle, text, toggle, type, waitForText } from './dom';
import { useOptionsPage } from './options-harness';

const { world, mount, card } = useOptionsPage();

describe('adding an instance', () => {
  it('asks for that origin in the click, stores it, registers and injects the content script, and checks it', async () => {
    const tab = await fakeBrowser.tabs.create({ url: 'https://netbox.example.com/dcim/devices/' });
    await mount();
    await type(getByLabel(world.container, 'NetBox URL'), 'https://netbox.example.com/dcim/devices/?q=1');
    getButton(world.container, 'Add').click();
    // Synchronously, inside the gesture:
    expect(world.stubs.permissions.request).toHaveBeenCalledWith({ origins: ['https://netbox.example.com:443/*'] });
    await waitForText(world.container, 'NetBox 4.6.8 · Proxbox plugin 0.0.24 · logged in');

    expect(await loadInstances()).toEqual([
      { ...createInstance({ baseUrl: 'https://netbox.example.com', origin: 'https://netbox.example.com' }), addedAt: expect.any(Number) },
    ]);
    expect(world.stubs.registered.map((s) => s.matches)).toEqual([['https://netbox.example.com:443/*']]);
    expect(world.stubs.scripting.executeScript).toHaveBeenCalledWith({ target: { tabId: tab.id }, files: ['content-scripts/content.js'] });
    expect(world.checkStatus).toHaveBeenCalledWith('https://netbox.example.com');
    expect(getByLabel(world.container, 'NetBox URL').value).toBe('');
    expect(text(world.container)).toContain('Added netbox.example.com.');
  });

  it('keeps a path prefix and a port', async () => {
    await mount();
    await type(getByLabel(world.container, 'NetBox URL'), 'http://10.0.0.5:8000/netbox/api/');
    await click(getButton(world.container, 'Add'));
    await settle();
    expect(world.stubs.permissions.request).toHaveBeenCalledWith({ origins: ['http://10.0.0.5:8000/*'] });
    expect((await loadInstances()).map((i) => i.baseUrl)).toEqual(['http://10.0.0.5:8000/netbox']);
  });

  it.each([
    ['', REASONS.empty],
    ['ftp://netbox.example.com', REASONS.scheme],
    ['https://user:pw@netbox.example.com', REASONS.credentials],
    ['net box', REASONS.whitespace],
  ])('rejects %j with a clear reason and asks for nothing', async (input, reason) => {
    await mount();
    await type(getByLabel(world.container, 'NetBox URL'), input);
    await click(getButton(world.container, 'Add'));
    expect(world.container.querySelector('[role="alert"]')?.textContent).toBe(reason);
    expect(getByLabel(world.container, 'NetBox URL').getAttribute('aria-invalid')).toBe('true');
    expect(world.stubs.permissions.request).not.toHaveBeenCalled();
    expect(await loadInstances()).toEqual([]);
  });

  it('says so when the permission is denied, and adds nothing', async () => {
    world.stubs.permissions.request.mockResolvedValue(false);
    await mount();
    await type(getByLabel(world.container, 'NetBox URL'), 'netbox.example.com');
    await click(getButton(world.container, 'Add'));
    await waitForText(world.container, 'Permission denied');
    expect(await loadInstances()).toEqual([]);
    expect(world.stubs.scripting.registerContentScripts).not.toHaveBeenCalled();
  });

  it('does not add the same NetBox twice', async () => {
    await saveInstances([createInstance({ baseUrl: 'https://netbox.example.com', origin: 'https://netbox.example.com' })]);
    await mount();
    await type(getByLabel(world.container, 'NetBox URL'), 'https://netbox.example.com/');
    await click(getButton(world.container, 'Add'));
    expect(text(world.container)).toContain('netbox.example.com is already in the list.');
    expect(world.stubs.permissions.request).not.toHaveBeenCalled();
  });
});

describe('the status check', () => {
  beforeEach(async () => {
    await saveInstances([createInstance({ baseUrl: 'https://netbox.example.com', origin: 'https://netbox.example.com' })]);
    world.stubs.granted.add('https://netbox.example.com:443/*');
  });

  it('shows when the user is logged out, with a link to log in', async () => {
    world.statusAnswer = { ok: true, value: { netboxVersion: '', proxboxVersion: null, loggedIn: false } };
    await mount();
    await waitForText(world.container, 'Not logged in to NetBox in this browser.');
    const link = Array.from(world.container.querySelectorAll('a')).find((a) => a.textContent === 'Log in');
    expect(link?.getAttribute('href')).toBe('https://netbox.example.com/login/?next=/plugins/proxbox/logs/');
  });

  it('shows a missing plugin and failures in words, and checks again on request', async () => {
    world.statusAnswer = { ok: true, value: { netboxVersion: '4.6.8', proxboxVersion: null, loggedIn: true } };
    await mount();
    await waitForText(world.container, 'Proxbox plugin not installed');
    world.statusAnswer = { ok: false, failure: { kind: 'network', detail: 'Failed to fetch' } };
    await click(getButton(world.container, 'Check again'));
    await settle();
    expect(world.checkStatus).toHaveBeenCalledTimes(2);
    expect(world.container.querySelector('.check .step-error')?.textContent).toContain('NetBox cannot be reached');
  });

  it('offers to allow access again when the browser no longer grants the origin', async () => {
    world.stubs.granted.clear();
    await mount();
    await waitForText(world.container, 'The browser does not let the extension reach https://netbox.example.com.');
    await click(getButton(world.container, 'Allow access'));
    await settle();
    expect(world.stubs.permissions.request).toHaveBeenCalledWith({ origins: ['https://netbox.example.com:443/*'] });
    expect(text(world.container)).not.toContain('does not let the extension reach');
  });
});

describe('removing an instance', () => {
  it('removes it, its permission and its content script registration', async () => {
    await mount();
    await type(getByLabel(world.container, 'NetBox URL'), 'https://netbox.example.com');
    await click(getButton(world.container, 'Add'));
    await settle();
    expect(world.stubs.registered).toHaveLength(1);
    await click(getButton(card('netbox.example.com'), 'Remove'));
    await settle();
    expect(await loadInstances()).toEqual([]);
    expect(world.stubs.permissions.remove).toHaveBeenCalledWith({ origins: ['https://netbox.example.com:443/*'] });
    expect(world.stubs.permissions.remove).toHaveBeenCalledWith({ origins: ['https://netbox.example.com/*'] });
    expect(world.stubs.registered).toEqual([]);
    expect(text(world.container)).toContain('Removed netbox.example.com.');
    expect(queryAllButtons(world.container, 'Remove')).toHaveLength(0);
  });

  it('keeps the permission while another instance uses the same origin', async () => {
    const a = createInstance({ baseUrl: 'https://tools.example.com/netbox', origin: 'https://tools.example.com' });
    const b = createInstance({ baseUrl: 'https://tools.example.com/netbox-test', origin: 'https://tools.example.com' });
    await saveInstances([a, b]);
    world.stubs.granted.add('https://tools.example.com:443/*');
    await mount();
    await click(getButton(card('tools.example.com/netbox'), 'Remove'));
    await settle();
    expect(world.stubs.permissions.remove).not.toHaveBeenCalled();
    expect((await loadInstances()).map((i) => i.id)).toEqual([b.id]);
    expect(world.stubs.registered.map((s) => s.matches)).toEqual([['https://tools.example.com:443/*']]);
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
    world.stubs.granted.add('http://127.0.0.1:8000/*');
  });

  it('says which way it reads, asks for the key in a password field, and connects with one click', async () => {
    world.workerState = { instanceId: 'http://127.0.0.1:8000', label: '127.0.0.1:8000', baseUrl: 'http://127.0.0.1:8000', count: 0, state: 'key-needed', lastSuccessAt: null, lastError: { kind: 'key-needed' } };
    await mount();
    await waitForText(world.container, 'Logs cannot be read yet · from proxbox-api at proxbox-api:8800');
    // Waiting for the user, not failing.
    expect([...world.container.querySelectorAll('.check .step-pending')].at(-1)?.textContent).toContain("Logs: Waiting for the backend's API key: enter it below.");
    const key = getByLabel(world.container, 'Backend API key');
    expect(key.type).toBe('password');
    expect(key.value).toBe('');
    // The address NetBox names is only NetBox's (Docker): the user gives the browser's.
    await type(getByLabel(world.container, 'Backend address'), '127.0.0.1:8800');
    await type(key, KEY);
    getButton(world.container, 'Connect').click();
    // In the click: the browser's prompt for the backend's origin alone.
    expect(world.stubs.permissions.request).toHaveBeenLastCalledWith({ origins: ['http://127.0.0.1:8800/*'] });
    await waitForText(world.container, 'Connected: the logs come from proxbox-api at 127.0.0.1:8800.');
    expect(world.connectRequests).toEqual([{ instanceId: 'http://127.0.0.1:8000', backendUrl: 'http://127.0.0.1:8800', key: KEY, session: false }]);
    // Never shown back, never in the page's markup.
    expect(key.value).toBe('');
    expect(world.container.innerHTML).not.toContain(KEY);
  });

  it('says what the extension may reach: the NetBox and the backend, each on its own port', async () => {
    await mount();
    expect(text(card('127.0.0.1:8000'))).toContain(
      'The extension may read http://127.0.0.1:8000 (that port only) and its backend at http://proxbox-api:8800 (that port only). Another port of the same host needs its own permission.',
    );
    expect(text(world.container)).toContain('The browser asks you to let the extension read that site: that host and port only.');
  });

  it('says what the backend answered when the key is wrong, and keeps nothing', async () => {
    world.connectAnswer = { ok: false, step: 'key', failure: { kind: 'key-rejected', status: 401, detail: 'Invalid API key. 4 attempts remaining.', backendUrl: 'http://proxbox-api:8800' } };
    await mount();
    await type(getByLabel(world.container, 'Backend API key'), 'wrong');
    await click(getButton(world.container, 'Connect'));
    await waitForText(world.container, 'Backend API key rejected. proxbox-api at proxbox-api:8800 rejected the API key (Invalid API key. 4 attempts remaining.)');
    expect(world.connectRequests).toHaveLength(1);
    expect(getByLabel(world.container, 'Backend API key').value).toBe('');
  });

  it('asks for nothing when the address is not one', async () => {
    await mount();
    await type(getByLabel(world.container, 'Backend address'), 'ftp://x');
    await type(getByLabel(world.container, 'Backend API key'), KEY);
    await click(getButton(world.container, 'Connect'));
    expect(text(world.container)).toContain('Only http:// and https:// addresses are supported.');
    expect(world.stubs.permissions.request).not.toHaveBeenCalled();
    expect(world.connectRequests).toEqual([]);
  });

  it('shows the green line only when the worker has read logs', async () => {
    world.workerState = { instanceId: 'http://127.0.0.1:8000', label: '127.0.0.1:8000', baseUrl: 'http://127.0.0.1:8000', count: 0, state: 'ok', lastSuccessAt: Date.parse('2026-11-30T10:00:00'), };
    await mount();
    await waitForText(world.container, 'Logs can be read · from proxbox-api at proxbox-api:8800');
    expect(text(world.container)).toContain('Key accepted; logs read at 10:00:00.');
    expect(world.container.querySelector('.check .state-ok')).not.toBeNull();
  });

  it('forgets the key and gives back the backend origin when the instance is removed', async () => {
    await saveBackendKey('http://127.0.0.1:8000', { key: KEY, backendUrl: 'http://proxbox-api:8800' }, { session: false });
    await mount();
    await click(getButton(world.container, 'Remove'));
    await settle();
    expect(await getBackendKey('http://127.0.0.1:8000', 'http://proxbox-api:8800')).toBeNull();
    expect(world.stubs.permissions.remove.mock.calls).toEqual([
      [{ origins: ['http://127.0.0.1:8000/*', 'http://proxbox-api:8800/*'] }],
      // What an earlier version asked for (the host on every port), gone with them.
      [{ origins: ['http://127.0.0.1/*', 'http://proxbox-api/*'] }],
    ]);
  });
});
