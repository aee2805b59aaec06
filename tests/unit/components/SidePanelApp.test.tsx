import { signal } from '@preact/signals';
import { describe, expect, it, vi } from 'vitest';
import { parseSidePanelParams } from '../../../components/side-panel-params';
import { SidePanelApp } from '../../../components/SidePanelApp';
import type { NetBoxInstance } from '../../../lib/core/instance';
import type { LogsController } from '../../../lib/core/logs-controller';
import { createInstance } from '../../../lib/core/settings';
import { pageInstance } from '../../../lib/core/page-instance';
import type { RunningSync } from '../../../lib/core/sync-active';
import { fakeViewModel, type FakeViewModel } from './fake-view-model';
import { byRole, change, hasText, renderUi, settle } from './render';

const a = createInstance({ baseUrl: 'https://a.example.com', origin: 'https://a.example.com' });
const b = createInstance({ baseUrl: 'https://tools.example.com/netbox', origin: 'https://tools.example.com' });

const START = Date.parse('2026-12-07T10:56:00.000Z');
const RUN: RunningSync = { run: { id: '3f2a9c1e-7b4d-4e2a-9f1c-5d6e7f8a9b0c', kind: 'full-update', startedAt: START }, alsoRunning: 0 };

function app(search: string, instances: NetBoxInstance[] = [a, b], syncs: Record<string, RunningSync> = {}) {
  let tabCallback: (url: string) => void = () => {};
  const vms: FakeViewModel[] = [];
  const createLogs = vi.fn((_i: NetBoxInstance, _f?: unknown) => {
    const vm = fakeViewModel();
    vms.push(vm);
    return Object.assign(vm, { entries: () => [], shownEntries: () => [] }) as unknown as LogsController;
  });
  const asked: Array<{ instanceId: string; opening: boolean }> = [];
  const askSync = (instanceId: string) => async (opening: boolean) => {
    asked.push({ instanceId, opening });
    return syncs[instanceId] ?? null;
  };
  const rendered = renderUi(
    <SidePanelApp
      params={parseSidePanelParams(search)}
      theme={signal('dark')}
      createLogs={createLogs}
      loadAll={async () => instances}
      watchAll={() => () => {}}
      watchTabUrl={(cb) => {
        tabCallback = cb;
        return () => {};
      }}
      askSync={askSync}
    />,
  );
  return { rendered, createLogs, vms, asked, tab: (url: string) => tabCallback(url) };
}

describe('parseSidePanelParams', () => {
  it('reads instance, operation_id, errors_only and level', () => {
    expect(parseSidePanelParams('?instance=https%3A%2F%2Fa.example.com&operation_id=%20abc%20&errors_only=1&level=error')).toEqual({
      instanceId: 'https://a.example.com',
      filters: { operationId: 'abc', errorsOnly: true, level: 'ERROR' },
    });
    expect(parseSidePanelParams('?level=LOUD&errors_only=0&from=yesterday')).toEqual({ instanceId: null, filters: {} });
    // The popup's "Show this run" opens the side panel from the run's start (ISO, UTC).
    expect(parseSidePanelParams('?from=2026-12-07T10%3A56%3A00.000Z').filters).toEqual({ from: START });
  });

  it('reads from and to as ISO instants, and leaves out what is not one', () => {
    expect(parseSidePanelParams('?from=2026-11-25T02%3A00%3A00.000Z&to=2026-11-25T02:15:00Z').filters).toEqual({
      from: Date.UTC(2026, 10, 25, 2, 0),
      to: Date.UTC(2026, 10, 25, 2, 15),
    });
    expect(parseSidePanelParams('?from=yesterday&to=').filters).toEqual({});
  });
});

describe('pageInstance', () => {
  it('finds the added instance the page is under, or falls back to the origin with the default proxy path', () => {
    expect(pageInstance([a, b], 'https://tools.example.com/netbox/dcim/devices/')).toMatchObject({
      id: b.id,
      baseUrl: 'https://tools.example.com/netbox',
      proxyPath: '/api/plugins/proxbox/logs/',
      label: 'tools.example.com/netbox',
    });
    expect(pageInstance([b], 'https://tools.example.com/other/')).toEqual({
      id: 'https://tools.example.com',
      baseUrl: 'https://tools.example.com',
      proxyPath: '/api/plugins/proxbox/logs/',
      logsVia: 'netbox',
      label: 'tools.example.com',
    });
  });
});

describe('SidePanelApp', () => {
  it('starts on the instance and filters of the query string', async () => {
    const { rendered, createLogs } = app(`?instance=${encodeURIComponent(b.id)}&operation_id=op-1&errors_only=1`);
    const root = await rendered;
    await settle();
    const picker = byRole(root, 'combobox', 'NetBox instance') as HTMLSelectElement;
    expect(picker.value).toBe(b.id);
    expect([...picker.options].map((o) => o.text)).toEqual(['a.example.com', 'tools.example.com/netbox']);
    expect(createLogs).toHaveBeenCalledTimes(1);
    expect(createLogs).toHaveBeenLastCalledWith(b, { operationId: 'op-1', errorsOnly: true });
    expect(byRole(root, 'region', 'Backend Logs')).toBeTruthy();
    expect(root.querySelector('.pbl-root')!.getAttribute('data-theme')).toBe('dark');
  });

  it('switches instance from the picker, without the first instance’s filters', async () => {
    const { rendered, createLogs } = app('?operation_id=op-1');
    const root = await rendered;
    await settle();
    expect(createLogs).toHaveBeenLastCalledWith(a, { operationId: 'op-1' });
    await change(byRole(root, 'combobox', 'NetBox instance') as HTMLSelectElement, b.id);
    expect(createLogs).toHaveBeenLastCalledWith(b, undefined);
  });

  it('follows the active tab when it shows an added instance', async () => {
    const { rendered, tab } = app('');
    const root = await rendered;
    await settle();
    tab('https://tools.example.com/netbox/dcim/sites/');
    await settle();
    expect((byRole(root, 'combobox', 'NetBox instance') as HTMLSelectElement).value).toBe(b.id);
    tab('https://elsewhere.example.org/');
    await settle();
    expect((byRole(root, 'combobox', 'NetBox instance') as HTMLSelectElement).value).toBe(b.id);
  });

  it('an explicit ?instance= wins over the tab active when it opens', async () => {
    const { rendered, tab } = app(`?instance=${encodeURIComponent(a.id)}`);
    const root = await rendered;
    tab('https://tools.example.com/netbox/');
    await settle();
    expect((byRole(root, 'combobox', 'NetBox instance') as HTMLSelectElement).value).toBe(a.id);
  });

  it('shows the sync running on the shown instance, asked as the panel opens; "Show this run" narrows to its time', async () => {
    const { rendered, vms, asked } = app(`?instance=${encodeURIComponent(b.id)}`, [a, b], { [b.id]: RUN });
    const root = await rendered;
    await settle();
    expect(asked[0]).toEqual({ instanceId: b.id, opening: true });
    const indicator = byRole(root, 'group', 'Sync running');
    expect(indicator.textContent).toContain('Sync running: full-update, started');
    expect(indicator.textContent).toContain(`Operation ID ${RUN.run.id}`);
    byRole(indicator, 'button', 'Show this run').click();
    await settle();
    expect(vms.at(-1)!.setTimeRange).toHaveBeenLastCalledWith({ from: START, to: null });
    expect(indicator.textContent).toContain('Showing this run');
    // Another instance, without a run: the indicator goes, and that instance was asked.
    await change(byRole(root, 'combobox', 'NetBox instance') as HTMLSelectElement, a.id);
    await settle();
    expect(asked.at(-1)).toEqual({ instanceId: a.id, opening: true });
    expect(root.querySelector('[aria-label="Sync running"]')).toBeNull();
  });

  it('says what to do when no instance was added', async () => {
    const { rendered } = app('', []);
    const root = await rendered;
    await settle();
    expect(hasText(root, 'No NetBox instance added yet.')).toBe(true);
    expect(byRole(root, 'button', 'Open options')).toBeTruthy();
  });
});
