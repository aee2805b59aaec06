import { render } from 'preact';
import { signal } from '@preact/signals';
import type { DisplayPrefs } from '@/lib/browser/display-prefs-storage';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PopupApp } from '@/components/popup/PopupApp';
import { checkOperationId, createPopupStore } from '@/components/popup/popup-store';
import type { InstanceStatus, RecentOperationsAnswer } from '@/lib/browser/messaging';
import { sendMessage } from '@/lib/browser/messaging';
import { createInstance } from '@/lib/core/settings';
import { loadInstances, saveInstances } from '@/lib/browser/settings-storage';
import { click, getButton, getByLabel, queryAllButtons, settle, text, type, waitForText } from '../options/dom';
import { stubExtensionApis } from '../worker/browser-stubs';

vi.mock('@/lib/browser/messaging', () => ({ sendMessage: vi.fn(), onMessage: vi.fn() }));
const send = vi.mocked(sendMessage) as unknown as ReturnType<typeof vi.fn>;

const NB = createInstance({ baseUrl: 'https://netbox.example.com', origin: 'https://netbox.example.com' });
const OP = '0f8e2c1a-5b7d-4c39-9e0a-2d6f1b3c4e5f';
const WINDOW_ID = 3;
const TAB_ID = 5;

let container: HTMLElement;
let stubs: ReturnType<typeof stubExtensionApis>;
let closed: ReturnType<typeof vi.fn<() => void>>;
let tabUrl: string;
let statuses: InstanceStatus[];
let operations: RecentOperationsAnswer;

async function mount() {
  const store = createPopupStore({ close: closed });
  await act(() => render(<PopupApp store={store} />, container));
  await settle();
  return store;
}

beforeEach(async () => {
  fakeBrowser.reset();
  stubs = stubExtensionApis();
  closed = vi.fn();
  tabUrl = 'https://netbox.example.com/dcim/devices/';
  const tabs = fakeBrowser.tabs as unknown as Record<string, unknown>;
  tabs.query = vi.fn(async () => [{ id: TAB_ID, url: tabUrl, windowId: WINDOW_ID, active: true, index: 0, highlighted: true, pinned: false, incognito: false }]);
  (fakeBrowser.windows as unknown as Record<string, unknown>).getCurrent = vi.fn(async () => ({ id: WINDOW_ID }));
  (fakeBrowser.runtime as unknown as Record<string, unknown>).openOptionsPage = vi.fn(async () => undefined);
  statuses = [];
  operations = { operations: [] };
  send.mockReset();
  send.mockImplementation(async (type: string) => {
    if (type === 'getStatus') return statuses;
    if (type === 'getRecentOperations') return operations;
    return undefined;
  });
  await saveInstances([NB]);
  container = document.createElement('div');
  document.body.append(container);
});

afterEach(() => {
  render(null, container);
  container.remove();
});

describe('checkOperationId', () => {
  it('trims, accepts any token without spaces, and says what is wrong', () => {
    expect(checkOperationId(`  ${OP} `)).toEqual({ ok: true, value: OP });
    expect(checkOperationId('job-42')).toEqual({ ok: true, value: 'job-42' });
    expect(checkOperationId('   ')).toEqual({ ok: false, reason: 'Enter an operation ID' });
    expect(checkOperationId('a b')).toMatchObject({ ok: false });
  });
});

describe('status of each instance', () => {
  it('says the count and the state in plain sentences', async () => {
    const other = createInstance({ baseUrl: 'http://10.0.0.5:8000', origin: 'http://10.0.0.5:8000' });
    await saveInstances([NB, other]);
    statuses = [
      { instanceId: NB.id, label: 'netbox.example.com', baseUrl: NB.baseUrl, count: 3, state: 'ok', lastSuccessAt: 1 },
      {
        instanceId: other.id,
        label: '10.0.0.5:8000',
        baseUrl: other.baseUrl,
        count: 0,
        state: 'logged-out',
        lastSuccessAt: null,
        lastError: { kind: 'logged-out', status: 403 },
      },
    ];
    await mount();
    expect(text(container)).toContain('netbox.example.com: 3 new errors.');
    expect(text(container)).toContain('10.0.0.5:8000: Not logged in to NetBox.');
    const login = Array.from(container.querySelectorAll('a')).find((a) => /Log in/.test(a.textContent ?? ''));
    expect(login?.getAttribute('href')).toMatch(/^http:\/\/10\.0\.0\.5:8000\/login\//);
  });

  it('"Show errors" opens that instance\'s errors in its tab panel', async () => {
    statuses = [{ instanceId: NB.id, label: 'netbox.example.com', baseUrl: NB.baseUrl, count: 2, state: 'ok', lastSuccessAt: 1 }];
    await mount();
    await click(getButton(container, 'Show errors'));
    await settle();
    expect(send).toHaveBeenCalledWith('showLogs', { errorsOnly: true }, TAB_ID);
  });

  it('shows the sync running on an instance, in the views\' zone; "Show this run" opens its tab\'s panel from the run\'s start', async () => {
    const startedAt = Date.parse('2026-12-07T10:56:03.123Z');
    const run = { id: OP, kind: '<b>full-update</b>', startedAt };
    statuses = [{ instanceId: NB.id, label: 'netbox.example.com', baseUrl: NB.baseUrl, count: 0, state: 'ok', lastSuccessAt: 1, sync: { run, alsoRunning: 1 } }];
    const store = createPopupStore({ close: closed });
    await act(() => render(<PopupApp store={store} display={signal<DisplayPrefs>({ timeZone: 'utc' })} />, container));
    await settle();
    const line = container.querySelector('[aria-label="Sync running on netbox.example.com"]')!;
    // The backend's text, as text.
    expect(line.querySelector('b')).toBeNull();
    expect(line.textContent).toMatch(/^Sync running: <b>full-update<\/b>, started (2026-12-07 )?10:56 \(\d+ (min|h)[^)]*\); 1 more run in flight/);
    expect(line.textContent).toContain(`Operation ID ${OP}`);
    await click(getButton(container, 'Show this run'));
    await settle();
    expect(send).toHaveBeenCalledWith('showLogs', { from: new Date(startedAt).toISOString() }, TAB_ID);
    expect(closed).toHaveBeenCalled();
  });

  it('"Show this run" from another tab opens the side panel from the run\'s start, inside the click', async () => {
    tabUrl = 'https://example.org/';
    const startedAt = Date.parse('2026-12-07T10:56:03.123Z');
    statuses = [{ instanceId: NB.id, label: 'netbox.example.com', baseUrl: NB.baseUrl, count: 0, state: 'ok', lastSuccessAt: 1, sync: { run: { id: null, kind: null, startedAt }, alsoRunning: 0 } }];
    await mount();
    getButton(container, 'Show this run').click();
    expect(stubs.sidePanel.setOptions).toHaveBeenCalledWith({
      path: `sidepanel.html?instance=${encodeURIComponent(NB.id)}&from=2026-12-07T10%3A56%3A03.123Z`,
      enabled: true,
    });
    expect(stubs.sidePanel.open).toHaveBeenCalledWith({ windowId: WINDOW_ID });
    await settle();
  });

  it('no sync running: no line', async () => {
    statuses = [{ instanceId: NB.id, label: 'netbox.example.com', baseUrl: NB.baseUrl, count: 0, state: 'ok', lastSuccessAt: 1 }];
    await mount();
    expect(text(container)).toContain('netbox.example.com: No new errors.');
    expect(text(container)).not.toContain('Sync running');
    expect(queryAllButtons(container, 'Show this run')).toHaveLength(0);
  });

  it('"Refresh" polls now', async () => {
    await mount();
    await click(getButton(container, 'Refresh'));
    await settle();
    expect(send).toHaveBeenCalledWith('pollNow', {});
  });
});

describe('quick filter by operation ID', () => {
  it('is the autofocused textbox at the top', async () => {
    await mount();
    const input = getByLabel(container, 'Operation ID');
    expect(input.type).toBe('text');
    expect(document.activeElement).toBe(input);
    expect(container.querySelector('input')).toBe(input);
  });

  it('asks for an ID when the box is empty', async () => {
    await mount();
    await click(getButton(container, 'Show logs'));
    expect(container.querySelector('[role="alert"]')?.textContent).toBe('Enter an operation ID');
    expect(send).not.toHaveBeenCalledWith('showLogs', expect.anything(), expect.anything());
    expect(stubs.sidePanel.open).not.toHaveBeenCalled();
  });

  it('lists recent operations newest first, as text, and a click fills the box', async () => {
    operations = {
      operations: [
        { operationId: OP, operation: '<img src=x onerror=alert(1)>', newestTimestamp: '2026-11-25T18:02:11.482913+00:00' },
        { operationId: 'older-op', operation: 'device_sync', newestTimestamp: '2026-11-25T17:00:00+00:00' },
      ],
    };
    await mount();
    expect(send).toHaveBeenCalledWith('getRecentOperations', { instanceId: NB.id });
    const rows = Array.from(container.querySelectorAll('.recent-op'));
    expect(rows.map((r) => r.querySelector('.op-name')?.textContent)).toEqual(['<img src=x onerror=alert(1)>', 'device_sync']);
    expect(container.querySelector('img')).toBeNull();
    expect(Array.from(container.querySelectorAll('datalist option')).map((o) => o.getAttribute('value'))).toEqual([OP, 'older-op']);
    await click(rows[0] as HTMLElement);
    expect(getByLabel(container, 'Operation ID').value).toBe(OP);
  });

  it('on a page of an added NetBox, asks that tab\'s panel to show the operation', async () => {
    await mount();
    await type(getByLabel(container, 'Operation ID'), `  ${OP}  `);
    await click(getButton(container, 'Show logs'));
    await settle();
    expect(send).toHaveBeenCalledWith('showLogs', { operationId: OP }, TAB_ID);
    expect(stubs.sidePanel.open).not.toHaveBeenCalled();
    expect(closed).toHaveBeenCalled();
  });

  it('elsewhere, opens the side panel filtered to it, inside the click', async () => {
    tabUrl = 'https://example.org/';
    await mount();
    await type(getByLabel(container, 'Operation ID'), OP);
    getButton(container, 'Show logs').click();
    // No await between the click and these calls:
    expect(stubs.sidePanel.setOptions).toHaveBeenCalledWith({
      path: `sidepanel.html?instance=${encodeURIComponent(NB.id)}&operation_id=${OP}`,
      enabled: true,
    });
    expect(stubs.sidePanel.open).toHaveBeenCalledWith({ windowId: WINDOW_ID });
    await settle();
    expect(closed).toHaveBeenCalled();
  });

  it('"Time" sends a time range with the operation: to the tab’s panel, and in the side panel’s address', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.UTC(2026, 10, 25, 18, 30, 12, 345));
    try {
      await mount();
      await type(getByLabel(container, 'Operation ID'), OP);
      const time = getByLabel<HTMLSelectElement>(container, 'Time');
      expect([...time.options].map((o) => o.textContent)).toEqual(['Any time', 'Last 15 minutes', 'Last hour', 'Last 24 hours']);
      await act(() => {
        time.value = String(60 * 60_000);
        time.dispatchEvent(new Event('change', { bubbles: true }));
      });
      await click(getButton(container, 'Show logs'));
      await settle();
      expect(send).toHaveBeenCalledWith('showLogs', { operationId: OP, from: '2026-11-25T17:30:12.000Z' }, TAB_ID);

      tabUrl = 'https://example.org/';
      render(null, container);
      const store = await mount();
      store.setLastMs(15 * 60_000);
      await type(getByLabel(container, 'Operation ID'), OP);
      getButton(container, 'Show logs').click();
      expect(stubs.sidePanel.setOptions).toHaveBeenCalledWith({
        path: `sidepanel.html?instance=${encodeURIComponent(NB.id)}&operation_id=${OP}&from=2026-11-25T18%3A15%3A12.000Z`,
        enabled: true,
      });
    } finally {
      vi.useRealTimers();
    }
  });

  it('falls back to the side panel when the tab has no panel to answer', async () => {
    send.mockImplementation(async (type: string) => {
      if (type === 'showLogs') throw new Error('Could not establish connection. Receiving end does not exist.');
      if (type === 'getStatus') return statuses;
      return operations;
    });
    await mount();
    await type(getByLabel(container, 'Operation ID'), OP);
    await click(getButton(container, 'Show logs'));
    await settle();
    expect(stubs.sidePanel.open).toHaveBeenCalledWith({ windowId: WINDOW_ID });
  });
});

describe('enable on this site', () => {
  it('is offered on an http(s) tab of no instance, and adds it', async () => {
    tabUrl = 'http://10.0.0.5:8000/dcim/devices/';
    await mount();
    getButton(container, 'Enable on this site').click();
    expect(stubs.permissions.request).toHaveBeenCalledWith({ origins: ['http://10.0.0.5:8000/*'] });
    await waitForText(container, 'Enabled on 10.0.0.5:8000.');
    expect((await loadInstances()).map((i) => i.baseUrl)).toEqual([NB.baseUrl, 'http://10.0.0.5:8000']);
    expect(stubs.registered[0]?.matches).toEqual(['http://10.0.0.5:8000/*']);
    expect(stubs.scripting.executeScript).toHaveBeenCalledWith({ target: { tabId: TAB_ID }, files: ['content-scripts/content.js'] });
    expect(queryAllButtons(container, 'Enable on this site')).toHaveLength(0);
  });

  it('says so when the permission is denied', async () => {
    tabUrl = 'https://other.example.com/';
    stubs.permissions.request.mockResolvedValue(false);
    await mount();
    await click(getButton(container, 'Enable on this site'));
    await waitForText(container, 'Permission denied');
    expect(await loadInstances()).toEqual([NB]);
  });

  it.each(['https://netbox.example.com/ipam/', 'chrome://extensions/', 'about:blank'])('is not offered on %s', async (url) => {
    tabUrl = url;
    await mount();
    expect(queryAllButtons(container, 'Enable on this site')).toHaveLength(0);
  });

  it("is not offered when the administrator's policy allows no instances of the user's own", async () => {
    tabUrl = 'http://10.0.0.5:8000/dcim/devices/';
    await fakeBrowser.storage.managed.set({ allowUserInstances: false });
    await mount();
    expect(queryAllButtons(container, 'Enable on this site')).toHaveLength(0);
  });
});

describe('links', () => {
  it('"Options" opens the options page; "Open side panel" opens the side panel', async () => {
    await mount();
    await click(getButton(container, 'Options'));
    expect(fakeBrowser.runtime.openOptionsPage).toHaveBeenCalled();
    getButton(container, 'Open side panel').click();
    expect(stubs.sidePanel.open).toHaveBeenCalledWith({ windowId: WINDOW_ID });
    expect(stubs.sidePanel.setOptions).toHaveBeenCalledWith({ path: `sidepanel.html?instance=${encodeURIComponent(NB.id)}`, enabled: true });
  });
});
