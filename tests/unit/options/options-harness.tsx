// The options page on stand-ins for NetBox, the backend and the worker, for its tests: each
// test sets what they answer (`world`), mounts the page and reads it.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OptionsApp } from '@/components/options/OptionsApp';
import { createOptionsStore, type OptionsDeps, type OptionsStore } from '@/components/options/options-store';
import type { FetchOutcome } from '@/lib/core/failure';
import type { ConnectBackendAnswer, ConnectBackendRequest, InstanceStatus } from '@/lib/browser/messaging';
import type { NetBoxStatus } from '@/lib/core/fetch-logs';
import type { LogsPage } from '@/lib/core/log-types';
import { stubExtensionApis } from '../worker/browser-stubs';
import { settle, text } from './dom';

export interface OptionsWorld {
  container: HTMLElement;
  stubs: ReturnType<typeof stubExtensionApis>;
  statusAnswer: FetchOutcome<NetBoxStatus>;
  checkStatus: ReturnType<typeof vi.fn<OptionsDeps['checkStatus']>>;
  pluginAnswer: FetchOutcome<LogsPage>;
  workerState: InstanceStatus | undefined;
  /** What the worker does when the check asks it to read the instance now (the fake worker's poll). */
  workerPolls: (instanceId: string) => Promise<void>;
  /** "poll <id>", "status <id>": what the check asked the worker, in order. */
  calls: string[];
  // The worker's side of "Connect" (lib/background/connect-backend.ts has its own tests).
  connectRequests: ConnectBackendRequest[];
  connectAnswer: ConnectBackendAnswer;
}

/** Registers the per-test reset; returns the world the tests set, and how to mount and read the page. */
export function useOptionsPage() {
  const world = {} as OptionsWorld;

  beforeEach(() => {
    fakeBrowser.reset();
    world.stubs = stubExtensionApis();
    world.statusAnswer = { ok: true, value: { netboxVersion: '4.6.8', proxboxVersion: '0.0.24', loggedIn: true } };
    world.checkStatus = vi.fn(async () => world.statusAnswer);
    world.pluginAnswer = { ok: true, value: { logs: [], total: 0, hasMore: false } };
    world.workerState = undefined;
    world.workerPolls = async () => undefined;
    world.calls = [];
    world.connectRequests = [];
    world.connectAnswer = { ok: true };
    world.container = document.createElement('div');
    document.body.append(world.container);
  });

  afterEach(() => {
    render(null, world.container);
    world.container.remove();
  });

  async function mount(): Promise<OptionsStore> {
    const store = createOptionsStore({
      checkStatus: world.checkStatus,
      checkPlugin: async () => world.pluginAnswer,
      checkHealth: async () => ({ ok: true, value: { status: 'ok' } }),
      pollWorker: async (id) => {
        world.calls.push(`poll ${id}`);
        await world.workerPolls(id);
      },
      workerStatus: async (id) => {
        world.calls.push(`status ${id}`);
        return world.workerState;
      },
      connectBackend: async (request) => {
        world.connectRequests.push(request);
        return world.connectAnswer;
      },
    });
    await act(() => render(<OptionsApp store={store} />, world.container));
    await settle();
    return store;
  }

  function card(label: string): HTMLElement {
    const el = world.container.querySelector<HTMLElement>(`article[aria-label="${label}"]`);
    if (!el) throw new Error(`no card for ${label}: ${text(world.container)}`);
    return el;
  }

  return { world, mount, card };
}
