import { describe, expect, it } from 'vitest';
import type { InstanceStatus } from '@/lib/browser/messaging';
import { createInstance } from '@/lib/core/settings';
import { loadInstances, saveInstances } from '@/lib/browser/settings-storage';
import { text, waitForText } from './dom';
import { useOptionsPage } from './options-harness';

// The options page's check (components/options/InstanceCheck.tsx): each line says how things
// are now (issue #27 item 7), and the plugin's line names the address the logs are read
// from (issue #26 finding 6). tests/e2e/options-check.e2e.test.ts does both in Chromium.

const { world, mount } = useOptionsPage();

describe('the status check, line by line as things are now', () => {
  const NETBOX = 'http://127.0.0.1:8000';
  const steps = () => [...world.container.querySelectorAll('.check-steps li')].map((li) => `${li.className} ${li.textContent}`);
  const loggedOut: InstanceStatus = { instanceId: NETBOX, label: '127.0.0.1:8000', baseUrl: NETBOX, count: 0, state: 'logged-out', lastSuccessAt: null, lastError: { kind: 'logged-out' } };
  const keyNeeded: InstanceStatus = { ...loggedOut, state: 'key-needed', lastError: { kind: 'key-needed', backendUrl: 'http://proxbox-api:8800' } };

  it('added before logging in to NetBox, direct mode, no key yet: after the login it waits for the key, and says nothing of a login', async () => {
    await saveInstances([createInstance({ baseUrl: NETBOX, origin: NETBOX })]);
    world.stubs.granted.add('http://127.0.0.1:8000/*');
    // The worker's last poll was before the login; the plugin only names the backend.
    world.workerState = loggedOut;
    world.pluginAnswer = { ok: false, failure: { kind: 'discovery', backendUrl: 'http://proxbox-api:8800' } };
    // Read now, the worker finds the backend (it switches the instance) and has no key for it.
    world.workerPolls = async (id) => {
      const [instance] = await loadInstances();
      await saveInstances([{ ...instance!, logsVia: 'backend', backendUrl: 'http://proxbox-api:8800', backendUrlFromNetBox: 'http://proxbox-api:8800' }]);
      world.workerState = id === NETBOX ? keyNeeded : undefined;
    };
    await mount();
    await waitForText(world.container, "Waiting for the backend's API key");
    expect(world.calls).toEqual([`poll ${NETBOX}`, `status ${NETBOX}`]);
    expect(steps()).toEqual([
      'step-ok ✓Passed: NetBox: NetBox 4.6.8 · Proxbox plugin 0.0.24 · logged in',
      'step-ok ✓Passed: Plugin: Names the backend at http://proxbox-api:8800; the logs are read from there.',
      'step-pending …Pending: Backend: proxbox-api:8800: not allowed yet (Connect asks the browser).',
      "step-pending …Pending: Logs: Waiting for the backend's API key: enter it below.",
    ]);
    expect(text(world.container)).not.toContain('Not logged in');
  });

  it('names the address the logs are read from when NetBox names another', async () => {
    await saveInstances([{ ...createInstance({ baseUrl: NETBOX, origin: NETBOX }), logsVia: 'backend', backendUrl: 'http://127.0.0.1:8800', backendUrlFromNetBox: 'http://proxbox-api:8800' }]);
    world.stubs.granted.add('http://127.0.0.1:8000/*');
    world.stubs.granted.add('http://127.0.0.1:8800/*');
    world.pluginAnswer = { ok: false, failure: { kind: 'discovery', backendUrl: 'http://proxbox-api:8800/' } };
    world.workerState = { ...loggedOut, state: 'ok', lastSuccessAt: Date.parse('2026-12-07T10:00:00'), lastError: undefined };
    await mount();
    await waitForText(world.container, 'Logs can be read · from proxbox-api at 127.0.0.1:8800');
    expect(steps()[1]).toBe('step-ok ✓Passed: Plugin: Names the backend at http://proxbox-api:8800; the logs are read from 127.0.0.1:8800, the address set below.');
  });
});
