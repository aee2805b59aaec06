import { describe, expect, it } from 'vitest';
import { StringPool } from '../../../lib/core/string-pool';
import { makeEntry } from './fake-backend';

describe('StringPool', () => {
  it('holds one copy per distinct text and gives texts back unchanged', () => {
    const pool = new StringPool();
    const a = ['Timeout talking to ', 'pve01'].join('');
    const b = ['Timeout talking', ' to pve01'].join('');
    expect(pool.intern(a)).toBe('Timeout talking to pve01');
    expect(pool.intern(b)).toBe('Timeout talking to pve01');
    expect(pool.intern(null)).toBeNull();
    expect(pool.size).toBe(1);
    pool.clear();
    expect(pool.size).toBe(0);
  });

  it("swaps an entry's texts for the pool's, leaving values, identity and the timestamp as they were", () => {
    const pool = new StringPool();
    const patch = { level: 'ERROR', module: 'sync', message: 'VM config not found', operationId: 'op-1', traceback: 'Traceback …' };
    const first = makeEntry(1, '2026-11-30T10:00:00.000Z', patch);
    const second = makeEntry(2, '2026-11-30T10:00:01.000Z', patch);
    const before = { ...second };
    pool.internEntry(first);
    pool.internEntry(second);
    expect(second).toEqual(before);
    // level, module, message, operation id, traceback (+ nulls, not held); timestamps are not pooled
    expect(pool.size).toBe(5);
  });

  it('swaps them in a task of its own when asked to, and not after a clear', async () => {
    const pool = new StringPool();
    const patch = { module: 'sync', message: 'VM config not found' };
    pool.internSoon([makeEntry(1, '2026-11-30T10:00:00.000Z', patch), makeEntry(2, '2026-11-30T10:00:01.000Z', patch)]);
    expect(pool.size).toBe(0);
    await new Promise((r) => setTimeout(r, 0));
    expect(pool.size).toBe(3); // INFO, sync, the message
    pool.clear();
    pool.internSoon([makeEntry(3, '2026-11-30T10:00:02.000Z', { message: 'gone with the clear' })]);
    pool.clear();
    await new Promise((r) => setTimeout(r, 0));
    expect(pool.size).toBe(0);
  });
});
