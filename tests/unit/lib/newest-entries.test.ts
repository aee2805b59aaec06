// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { Failure } from '../../../lib/core/failure';
import { createHeldEntries } from '../../../lib/core/held-entries';
import { EMPTY_FILTERS } from '../../../lib/core/log-types';
import { LogStore } from '../../../lib/core/log-store';
import { createNewestEntries } from '../../../lib/core/newest-entries';
import { createRequestLane } from '../../../lib/core/request-lane';
import { FakeBackend } from './fake-backend';

function setup(pageSize = 10) {
  const backend = new FakeBackend();
  const store = new LogStore();
  const lane = createRequestLane();
  const held = createHeldEntries(store, () => undefined);
  const log: string[] = [];
  let hasOlder = false;
  const newest = createNewestEntries({
    fetchPage: backend.fetchPage,
    pageSize,
    filters: () => EMPTY_FILTERS,
    lane,
    store,
    held,
    setHasOlder: (value) => void (hasOlder = value),
    succeeded: () => log.push('ok'),
    failed: (f: Failure) => log.push(`failed:${f.kind}`),
    restarted: () => log.push('restarted'),
  });
  const ids = () => store.entries().map((e) => e.id);
  return { backend, store, lane, held, newest, log, ids, hasOlder: () => hasOlder };
}

describe('newest entries', () => {
  it('first page, then only what is newer, counting the total', async () => {
    const { backend, newest, log, ids, hasOlder, lane } = setup();
    backend.append(25);
    expect(newest.empty).toBe(true);
    await newest.poll(lane.generation);
    expect([ids()[0], ids().length, newest.total.value, hasOlder(), newest.empty]).toEqual([25, 10, 25, true, false]);
    backend.append(3);
    await newest.poll(lane.generation);
    expect(ids().slice(0, 4)).toEqual([28, 27, 26, 25]);
    expect(newest.total.value).toBe(28);
    expect(log).toEqual(['ok', 'ok']);
  });

  it('a restart is reported, keeps the old entries and loads the new backend', async () => {
    const { backend, store, newest, log, ids, lane } = setup();
    backend.append(5);
    await newest.poll(lane.generation);
    backend.restart();
    backend.append(2);
    await newest.poll(lane.generation);
    expect(log).toEqual(['ok', 'restarted', 'ok']);
    expect(ids()).toEqual([2, 1, 5, 4, 3, 2, 1]);
    expect(store.rows().some((r) => r.kind === 'gap' && r.reason === 'restart')).toBe(true);
    expect(newest.total.value).toBe(2);
  });

  it('a failure is reported and changes nothing; an old generation answer is dropped', async () => {
    const { backend, newest, log, ids, lane } = setup();
    backend.append(5);
    backend.failNext({ kind: 'timeout' });
    await newest.poll(lane.generation);
    expect(log).toEqual(['failed:timeout']);
    const gen = lane.generation;
    const run = newest.poll(gen);
    lane.renew();
    await run;
    expect([ids(), newest.empty, log.length]).toEqual([[], true, 1]);
  });

  it('after an older page the total is what lies below it plus what is held; reset forgets all', async () => {
    const { backend, newest, lane } = setup();
    backend.append(30);
    await newest.poll(lane.generation);
    newest.olderPage(10);
    expect(newest.total.value).toBe(20);
    newest.reset();
    expect([newest.total.value, newest.empty]).toEqual([null, true]);
  });
});
