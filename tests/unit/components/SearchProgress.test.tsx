import { signal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import { SearchProgress } from '../../../components/SearchProgress';
import { renderUi } from './render';

function vm(over: { search?: string; searchingAll?: boolean; hasOlder?: boolean; loaded?: number; shown?: number; total?: number | null }) {
  return {
    search: signal(over.search ?? 'needle'),
    searchingAll: signal(over.searchingAll ?? false),
    hasOlder: signal(over.hasOlder ?? false),
    loadedCount: signal(over.loaded ?? 10_000),
    shownCount: signal(over.shown ?? 3),
    total: signal(over.total === undefined ? 10_000 : over.total),
  };
}

const text = async (model: ReturnType<typeof vm>) => (await renderUi(<SearchProgress vm={model} />)).textContent;

describe('SearchProgress: what a search looked through', () => {
  it('says nothing without a search', async () => {
    expect(await text(vm({ search: '   ' }))).toBe('');
  });

  it('while reading: how far it got', async () => {
    expect(await text(vm({ searchingAll: true, hasOlder: true, loaded: 5_200, total: 9_800 }))).toBe('· searching everything the backend holds: 5,200 of 9,800 read…');
  });

  it('after: that the matches counted beside are among everything the backend holds', async () => {
    expect(await text(vm({ shown: 3, loaded: 10_000 }))).toBe('· matches among all 10,000 entries the backend holds');
  });

  it('when not all could be read: only the loaded ones were searched, and it says so', async () => {
    expect(await text(vm({ hasOlder: true, shown: 1, loaded: 200 }))).toBe('· matches among the 200 loaded entries only');
  });

  it('is a status for assistive technology', async () => {
    const root = await renderUi(<SearchProgress vm={vm({})} />);
    expect(root.querySelector('[role="status"]')?.textContent).toBe('· matches among all 10,000 entries the backend holds');
  });
});
