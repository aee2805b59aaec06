import { signal } from '@preact/signals';
import { describe, expect, it, vi } from 'vitest';
import { parseSidePanelParams } from '../../../components/side-panel-params';
import { SidePanelApp } from '../../../components/SidePanelApp';
import type { NetBoxInstance } from '../../../lib/core/instance';
import type { LogsController } from '../../../lib/core/logs-controller';
import { createInstance } from '../../../lib/core/settings';
import { pageInstance } from '../../../entrypoints/content/page-instance';
import { fakeViewModel } from './fake-view-model';
import { byRole, change, hasText, renderUi, settle } from './render';

const a = createInstance({ baseUrl: 'https://a.example.com', origin: 'https://a.example.com' });
const b = createInstance({ baseUrl: 'https://tools.example.com/netbox', origin: 'https://tools.example.com' });

function app(search: string, instances: NetBoxInstance[] = [a, b]) {
  let tabCallback: (url: string) => void = () => {};
  const createLogs = vi.fn((_i: NetBoxInstance, _f?: unknown) => {
    const vm = fakeViewModel();
    return Object.assign(vm, { entries: () => [], shownEntries: () => [] }) as unknown as LogsController;
  });
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
    />,
  );
  return { rendered, createLogs, tab: (url: string) => tabCallback(url) };
}

describe('parseSidePanelParams', () => {
  it('reads instance, operation_id, errors_only and level', () => {
    expect(parseSidePanelParams('?instance=https%3A%2F%2Fa.example.com&operation_id=%20abc%20&errors_only=1&level=error')).toEqual({
      instanceId: 'https://a.example.com',
      filters: { operationId: 'abc', errorsOnly: true, level: 'ERROR' },
    });
    expect(parseSidePanelParams('?level=LOUD&errors_only=0')).toEqual({ instanceId: null, filters: {} });
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

  it('says what to do when no instance was added', async () => {
    const { rendered } = app('', []);
    const root = await rendered;
    await settle();
    expect(hasText(root, 'No NetBox instance added yet.')).toBe(true);
    expect(byRole(root, 'button', 'Open options')).toBeTruthy();
  });
});
