import { options, type VNode } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import { LogsPanel } from '../../../components/LogsPanel';
import { countNewErrors, newestEntryKey } from '../../../components/new-errors';
import type { LogRow } from '../../../lib/core/logs-view-model';
import { entryRow, fakeViewModel, makeEntry } from './fake-view-model';
import { renderUi, settle } from './render';

const info = (id: number) => entryRow(makeEntry({ id, level: 'INFO' }));
const error = (id: number, level = 'ERROR') => entryRow(makeEntry({ id, level }));

describe('countNewErrors', () => {
  const before: LogRow[] = [info(3), error(2), info(1)];

  it('counts the ERROR and CRITICAL entries above the previous newest entry', () => {
    const after = [error(6, 'CRITICAL'), info(5), error(4), ...before];
    expect(countNewErrors(after, newestEntryKey(before))).toBe(2);
  });

  it('is 0 when only other levels arrived, and null for a replaced list or the first load', () => {
    expect(countNewErrors([info(4), ...before], 'e3')).toBe(0);
    expect(countNewErrors([error(9), info(8)], 'e3')).toBeNull();
    expect(countNewErrors(before, null)).toBeNull();
  });

  it('skips gap markers when finding the newest entry', () => {
    expect(newestEntryKey([{ kind: 'gap', key: 'g', reason: 'restart', missing: null }, info(1)])).toBe('e1');
  });
});

describe('LogsPanel: the live region for new errors', () => {
  const region = (root: HTMLElement) => root.querySelector('.pbl-new-errors')!;

  it('says nothing on the first load, then once per poll that brought errors', async () => {
    const vm = fakeViewModel({ rows: [error(2), info(1)] });
    const root = await renderUi(<LogsPanel vm={vm} instanceLabel="nb" baseUrl="https://nb" linkTarget="_self" onClose={vi.fn()} />);
    expect(region(root).getAttribute('aria-live')).toBe('polite');
    expect(region(root).textContent).toBe('');

    vm.rows.value = [error(5), error(4, 'CRITICAL'), info(3), ...vm.rows.value];
    await settle();
    expect(region(root).textContent).toBe('2 new errors');
    const first = region(root).firstElementChild;

    // A poll with only INFO leaves the announcement as it was (nothing new is said).
    vm.rows.value = [info(6), ...vm.rows.value];
    await settle();
    expect(region(root).firstElementChild).toBe(first);

    // The same words again are a new node, so a screen reader reads them again.
    vm.rows.value = [error(8), info(7), ...vm.rows.value];
    await settle();
    const once = region(root).firstElementChild;
    vm.rows.value = [error(10), info(9), ...vm.rows.value];
    await settle();
    expect(region(root).textContent).toBe('1 new error');
    expect(region(root).firstElementChild).not.toBe(once);
  });

  it('a poll that brings errors renders the panel once (the sentence is worked out in that render)', async () => {
    const vm = fakeViewModel({ rows: [info(2), info(1)] });
    const root = await renderUi(<LogsPanel vm={vm} instanceLabel="nb" baseUrl="https://nb" linkTarget="_self" onClose={vi.fn()} />);
    let panelRenders = 0;
    const previous = options.diffed;
    options.diffed = (vnode: VNode) => {
      if (vnode.type === LogsPanel) panelRenders++;
      previous?.(vnode);
    };
    try {
      vm.rows.value = [error(4), error(3), ...vm.rows.value];
      await settle(10);
    } finally {
      options.diffed = previous;
    }
    expect(region(root).textContent).toBe('2 new errors');
    expect(panelRenders).toBe(1);
  });

  it('stays quiet when new filters replace the list', async () => {
    const vm = fakeViewModel({ rows: [info(2), info(1)] });
    const root = await renderUi(<LogsPanel vm={vm} instanceLabel="nb" baseUrl="https://nb" linkTarget="_self" onClose={vi.fn()} />);
    vm.rows.value = [error(40), error(39)];
    await settle();
    expect(region(root).textContent).toBe('');
  });
});
