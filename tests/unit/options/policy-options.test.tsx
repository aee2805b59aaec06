import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OptionsApp } from '@/components/options/OptionsApp';
import { createOptionsStore } from '@/components/options/options-store';
import { applyPolicy } from '@/lib/core/managed-instances';
import { readPolicy } from '@/lib/core/policy';
import { createInstance } from '@/lib/core/settings';
import { loadInstances, saveInstances } from '@/lib/browser/settings-storage';
import { stubExtensionApis } from '../worker/browser-stubs';
import { click, getButton, getByLabel, queryAllButtons, queryAllByLabel, settle, text, waitForText } from './dom';

// The options page with the administrator's policy in storage.managed. The worker writes
// the policy's instances into the list (tests/unit/worker/policy-worker.test.ts); here the
// list is stored as it would have written it.

const TEAM = 'https://netbox.example.com';
const MINE = 'https://mine.example.com';
let container: HTMLElement;
let stubs: ReturnType<typeof stubExtensionApis>;

/** The policy in the browser, and the list as the worker leaves it. */
async function givenPolicy(raw: Record<string, unknown>): Promise<void> {
  await fakeBrowser.storage.managed.clear();
  await fakeBrowser.storage.managed.set(raw);
  await saveInstances(applyPolicy(await loadInstances(), readPolicy(raw, 30), 1).instances);
}

async function mount() {
  const store = createOptionsStore({
    checkStatus: async () => ({ ok: true, value: { netboxVersion: '4.6.8', proxboxVersion: '0.0.24', loggedIn: true } }),
    checkPlugin: async () => ({ ok: true, value: { logs: [], total: 0, hasMore: false } }),
    checkHealth: async () => ({ ok: true, value: { status: 'ok' } }),
    workerStatus: async () => undefined,
    connectBackend: async () => ({ ok: true }),
    pollWorker: async () => undefined,
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

beforeEach(async () => {
  fakeBrowser.reset();
  stubs = stubExtensionApis();
  stubs.granted.add('https://netbox.example.com:443/*');
  stubs.granted.add('https://mine.example.com:443/*');
  await saveInstances([createInstance({ baseUrl: MINE, origin: MINE })]);
  container = document.createElement('div');
  document.body.append(container);
});

afterEach(() => {
  render(null, container);
  container.remove();
});

describe('an instance the policy sets', () => {
  it('says "Set by your administrator", cannot be removed, and its managed fields cannot be edited', async () => {
    await givenPolicy({ instances: [{ url: TEAM, pollIntervalSec: 120, badgeLevels: ['CRITICAL'] }] });
    await mount();
    const team = card('netbox.example.com');
    expect(text(team)).toContain('Set by your administrator');
    expect(queryAllButtons(team, 'Remove')).toHaveLength(0);
    const interval = getByLabel(team, 'Polling interval (seconds)');
    expect(interval.readOnly).toBe(true);
    expect(interval.value).toBe('120');
    expect(team.querySelector('fieldset')?.disabled).toBe(true);
    // The logs proxy path and notifications stay the user's.
    expect(getByLabel(team, 'Logs proxy path').readOnly).toBe(false);
    // The user's own instance is as it was.
    expect(queryAllButtons(card('mine.example.com'), 'Remove')).toHaveLength(1);
    expect(text(card('mine.example.com'))).not.toContain('Set by your administrator');
    expect(text(container)).toContain('Your administrator set 1 NetBox instance for this browser.');
  });

  it('keeps the policy\'s values when the user saves the rest', async () => {
    await givenPolicy({ instances: [{ url: TEAM, pollIntervalSec: 120 }] });
    await mount();
    const team = card('netbox.example.com');
    await act(() => {
      const path = getByLabel(team, 'Logs proxy path');
      path.value = '/custom/logs/';
      path.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await click(getButton(team, 'Save'));
    await settle();
    expect((await loadInstances())[0]).toMatchObject({ id: TEAM, proxyPath: '/custom/logs/', pollIntervalSec: 120 });
  });

  it('shows the backend address the policy sets, not editable; the key is still the user\'s to enter', async () => {
    await givenPolicy({ instances: [{ url: TEAM, backendUrl: 'http://10.0.0.7:8800' }] });
    const [team] = await loadInstances();
    await saveInstances([{ ...team!, logsVia: 'backend' }, ...(await loadInstances()).slice(1)]);
    stubs.granted.add('http://10.0.0.7:8800/*');
    await mount();
    const address = getByLabel(card('netbox.example.com'), 'Backend address');
    expect(address.value).toBe('http://10.0.0.7:8800');
    expect(address.readOnly).toBe(true);
    expect(getByLabel(card('netbox.example.com'), 'Backend API key').readOnly).toBe(false);
    expect(text(card('netbox.example.com'))).toContain('Your administrator set the backend address this browser uses');
  });
});

describe('the policy section', () => {
  it('is absent without a policy', async () => {
    await mount();
    expect(text(container)).not.toContain('Set by your administrator');
    expect(queryAllByLabel(container, 'NetBox URL')).toHaveLength(1);
  });

  it('asks for every origin the policy names that is still missing, in one prompt inside the click', async () => {
    await givenPolicy({
      instances: [
        { url: TEAM },
        { url: 'https://nb2.example.com', backendUrl: 'http://10.0.0.7:8800' },
      ],
    });
    await mount();
    await waitForText(container, 'The browser still needs your permission to reach http://10.0.0.7:8800, https://nb2.example.com.');
    getButton(container, 'Allow access to all 2').click();
    // Synchronously, inside the gesture, and no origin the policy does not name:
    expect(stubs.permissions.request).toHaveBeenCalledTimes(1);
    expect(stubs.permissions.request).toHaveBeenCalledWith({ origins: ['http://10.0.0.7:8800/*', 'https://nb2.example.com:443/*'] });
    await settle();
    expect(text(container)).not.toContain('still needs your permission');
    // The content script now runs on the newly allowed NetBox too.
    expect(stubs.registered[0]?.matches).toContain('https://nb2.example.com:443/*');
  });

  it('leaves the button in place when the user says no', async () => {
    await givenPolicy({ instances: [{ url: 'https://nb2.example.com' }] });
    stubs.permissions.request.mockResolvedValueOnce(false);
    await mount();
    await click(getButton(container, 'Allow access'));
    await settle();
    expect(text(container)).toContain('The browser still needs your permission to reach https://nb2.example.com.');
  });

  it('names each wrong entry in a sentence while the rest applies', async () => {
    await givenPolicy({ instances: [{ url: 'ftp://nb.example.com' }, { url: TEAM, pollIntervalSec: '60' }], colour: 'blue' });
    await mount();
    const problems = Array.from(container.querySelectorAll('.policy-problems li')).map((li) => li.textContent);
    expect(problems).toEqual([
      '"colour" is not a setting of Proxbox Backend Logs; it was ignored.',
      '"instances[0].url" ("ftp://nb.example.com") is not a NetBox address: Only http:// and https:// addresses are supported. That instance was left out.',
      '"instances[1].pollIntervalSec" must be a whole number of seconds, not text; it was ignored.',
    ]);
    expect(text(card('netbox.example.com'))).toContain('Set by your administrator');
  });

  it('hides "Add" when users may not add their own', async () => {
    await givenPolicy({ instances: [{ url: TEAM }], allowUserInstances: false });
    await mount();
    expect(queryAllByLabel(container, 'NetBox URL')).toHaveLength(0);
    expect(text(container)).toContain('Adding others is turned off.');
  });

  it('follows a change of policy while the page is open', async () => {
    await mount();
    expect(text(container)).not.toContain('Set by your administrator');
    await act(async () => {
      await givenPolicy({ instances: [{ url: TEAM }, { url: 'http://bad host' }] });
    });
    await waitForText(container, '"instances[1].url" ("http://bad host") is not a NetBox address');
    await vi.waitFor(() => expect(text(card('netbox.example.com'))).toContain('Set by your administrator'));
  });
});
