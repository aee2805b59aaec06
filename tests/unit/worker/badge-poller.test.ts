import { beforeEach, describe, expect, it } from 'vitest';
import { MAX_PAGES, pollFilterFor, pollInstance, POLL_LIMIT } from '@/lib/core/badge-poller';
import { createInstance } from '@/lib/core/settings';
import { EMPTY_WORKER_STATE, getInstanceState, unseenCount, type WorkerState } from '@/lib/core/worker-state';
import type { Level } from '@/lib/core/log-types';
import { FakeNetBox } from './fake-netbox';

let netbox: FakeNetBox;
let state: WorkerState;
let now = 1_000_000;
const instance = { ...createInstance({ baseUrl: 'https://netbox.example.com', origin: 'https://netbox.example.com' }) };

async function poll(levels: Level[] = ['ERROR', 'CRITICAL']) {
  now += 30_000;
  const r = await pollInstance({ ...instance, badgeLevels: levels }, state, netbox.fetchPage, now);
  state = r.state;
  return r;
}
const count = () => unseenCount(getInstanceState(state, instance.id));

beforeEach(() => {
  netbox = new FakeNetBox();
  state = EMPTY_WORKER_STATE;
});

describe('pollFilterFor', () => {
  it('asks the backend for errors only when the badge counts exactly ERROR and CRITICAL', () => {
    expect(pollFilterFor(['ERROR', 'CRITICAL'])).toBe('errors-only');
    expect(pollFilterFor(['CRITICAL', 'ERROR'])).toBe('errors-only');
    expect(pollFilterFor(['ERROR'])).toBe('all');
    expect(pollFilterFor(['WARNING', 'ERROR', 'CRITICAL'])).toBe('all');
  });
});

describe('the first poll', () => {
  it('counts the errors written after the instance was added, not the history before it', async () => {
    netbox.errors(3); // 18:00:01, :02, :03
    netbox.errors(2); // 18:00:04, :05
    const addedAt = Date.UTC(2026, 10, 25, 18, 0, 3, 500); // between the two runs
    now += 30_000;
    const r = await pollInstance({ ...instance, addedAt }, state, netbox.fetchPage, now);
    state = r.state;
    expect(r.newlyCounted.map((e) => e.id)).toEqual([5, 4]);
    expect(count()).toBe(2);
  });

  it('sets the cursor at the newest error and does not count the history', async () => {
    netbox.errors(5);
    netbox.log('INFO', 'all good');
    const r = await poll();
    expect(r.newlyCounted).toEqual([]);
    expect(count()).toBe(0);
    expect(getInstanceState(state, instance.id).cursor?.id).toBe(5);
    expect(netbox.queries()).toEqual([{ errors_only: 'true', limit: String(POLL_LIMIT) }]);
  });

  it('on an empty backend sets the cursor at 0', async () => {
    await poll();
    expect(getInstanceState(state, instance.id).cursor).toEqual({ id: 0, timestamp: null });
    netbox.errors(2);
    await poll();
    expect(count()).toBe(2);
    expect(netbox.queries()[1]).toEqual({ errors_only: 'true', newer_than_id: '0', limit: '100' });
  });
});

describe('later polls', () => {
  it('count new errors with one request per poll, asking for newer_than_id = cursor - 1', async () => {
    netbox.errors(3);
    await poll();
    netbox.log('INFO', 'vm 1 synced');
    netbox.errors(2);
    const r = await poll();
    expect(r.newlyCounted.map((e) => e.message)).toEqual(['Failed to sync VM 2', 'Failed to sync VM 1']);
    expect(count()).toBe(2);
    expect(netbox.queries()[1]).toEqual({ errors_only: 'true', newer_than_id: '2', limit: '100' });
    await poll();
    expect(count()).toBe(2);
    expect(netbox.requests).toHaveLength(3);
  });

  it('counts the chosen levels client-side when they are not exactly ERROR+CRITICAL', async () => {
    const levels: Level[] = ['WARNING', 'CRITICAL'];
    netbox.log('WARNING', 'old');
    await poll(levels);
    netbox.log('WARNING', 'disk almost full');
    netbox.log('ERROR', 'not counted');
    netbox.log('INFO', 'not counted');
    netbox.log('CRITICAL', 'counted');
    const r = await poll(levels);
    expect(r.newlyCounted.map((e) => e.message)).toEqual(['counted', 'disk almost full']);
    expect(netbox.queries()[1]).toEqual({ newer_than_id: '0', limit: '100' });
  });

  it('pages further only when has_more says entries were missed, and at most MAX_PAGES times', async () => {
    await poll();
    netbox.errors(250);
    await poll();
    expect(count()).toBe(250);
    expect(netbox.requests).toHaveLength(1 + 3);
    expect(netbox.queries()[2]).toMatchObject({ older_than_id: '151', newer_than_id: '0' });
    netbox.errors(POLL_LIMIT * (MAX_PAGES + 2));
    await poll();
    expect(netbox.requests).toHaveLength(4 + MAX_PAGES);
    expect(count()).toBe(250 + POLL_LIMIT * MAX_PAGES);
  });

  it('a changed level choice sets the cursor again without counting', async () => {
    netbox.errors(2);
    await poll();
    netbox.log('WARNING', 'w');
    await poll(['WARNING']);
    expect(count()).toBe(0);
    netbox.log('WARNING', 'w2');
    await poll(['WARNING']);
    expect(count()).toBe(1);
  });
});

describe('backend restart', () => {
  it('counts the new process errors when the cursor entry is gone and nothing newer came', async () => {
    netbox.errors(10);
    await poll();
    netbox.restartBackend();
    netbox.errors(3, 'after restart');
    const r = await poll();
    expect(r.result).toMatchObject({ kind: 'ok', restarted: true });
    expect(r.newlyCounted.map((e) => e.message)).toEqual(['after restart 3', 'after restart 2', 'after restart 1']);
    expect(count()).toBe(3);
    const s = getInstanceState(state, instance.id);
    expect(s.epoch).toBe(1);
    expect(s.cursor?.id).toBe(3);
    // And they are not counted again.
    await poll();
    expect(count()).toBe(3);
  });

  it('spots a new process that reached the cursor id by the timestamp', async () => {
    netbox.errors(3);
    await poll();
    netbox.errors(1);
    await poll(); // cursor 4, one counted
    expect(count()).toBe(1);
    netbox.restartBackend();
    netbox.errors(6, 'new'); // ids 1..6: id 4 exists again, with another timestamp
    const r = await poll();
    expect(r.result).toMatchObject({ restarted: true });
    expect(r.newlyCounted).toHaveLength(6);
    expect(count()).toBe(7);
    await poll();
    expect(count()).toBe(7);
  });

  it('after a restart with no errors yet, counts errors from id 1 without double counting', async () => {
    netbox.errors(5);
    await poll();
    netbox.restartBackend();
    netbox.log('INFO', 'starting');
    await poll();
    expect(count()).toBe(0);
    expect(getInstanceState(state, instance.id).cursor).toEqual({ id: 0, timestamp: null });
    netbox.errors(2, 'fresh');
    await poll();
    expect(count()).toBe(2);
    await poll();
    expect(count()).toBe(2);
  });

  it('an entry evicted from the ring buffer is not a restart', async () => {
    netbox.errors(2);
    await poll();
    // 10,000 INFO entries push the cursor entry out; one new error arrives.
    for (let i = 0; i < 10_000; i++) netbox.log('INFO', 'noise');
    netbox.errors(1, 'real');
    const r = await poll();
    expect(r.result).toMatchObject({ restarted: false });
    expect(count()).toBe(1);
  });
});

describe('failures', () => {
  it('keep the cursor and the count, and the next good poll counts what arrived meanwhile', async () => {
    netbox.errors(1);
    await poll();
    netbox.errors(1);
    await poll();
    netbox.trouble = { kind: 'backend-down' };
    netbox.errors(2);
    const r = await poll();
    expect(r.result).toMatchObject({ kind: 'failure', failure: { kind: 'backend-down' } });
    expect(count()).toBe(1);
    netbox.trouble = null;
    await poll();
    expect(count()).toBe(3);
  });
});
