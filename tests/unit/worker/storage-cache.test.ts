import { describe, expect, it, vi } from 'vitest';
import type { NetBoxInstance } from '../../../lib/core/instance';
import { createStorageCache } from '../../../lib/background/storage-cache';

const list = (id: string) => [{ id } as NetBoxInstance];

function harness(load: () => Promise<NetBoxInstance[]>) {
  let changed: () => void = () => {};
  const unwatch = vi.fn();
  const cache = createStorageCache(load, (onChange) => {
    changed = onChange;
    return unwatch;
  });
  return { cache, change: () => changed(), unwatch };
}

describe('the worker’s instance list', () => {
  it('reads storage once for any number of requests, and again after each change there', async () => {
    const load = vi.fn().mockResolvedValueOnce(list('a')).mockResolvedValueOnce(list('b'));
    const { cache, change } = harness(load);
    expect(await cache.read()).toEqual(list('a'));
    expect(await Promise.all([cache.read(), cache.read()])).toEqual([list('a'), list('a')]);
    expect(load).toHaveBeenCalledTimes(1);

    change();
    expect(await cache.read()).toEqual(list('b'));
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('does not keep a failed read: the next request reads storage again', async () => {
    const load = vi.fn().mockRejectedValueOnce(new Error('storage unavailable')).mockResolvedValueOnce(list('a'));
    const { cache } = harness(load);
    await expect(cache.read()).rejects.toThrow('storage unavailable');
    expect(await cache.read()).toEqual(list('a'));
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('stops following storage when stopped', () => {
    const { cache, unwatch } = harness(vi.fn().mockResolvedValue([]));
    cache.stop();
    expect(unwatch).toHaveBeenCalledOnce();
  });
});
