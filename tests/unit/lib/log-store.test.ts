import { describe, expect, it } from 'vitest';
import { LogStore } from '../../../lib/core/log-store';
import type { LogEntry } from '../../../lib/core/log-types';
import type { LogRow } from '../../../lib/core/logs-view-model';
import { makeEntry } from './fake-backend';

const e = (id: number, level = 'INFO', ts = `t${id}`): LogEntry => makeEntry(id, ts, { level });
/** ids newest first: [from, from-1, ..., to] */
const range = (from: number, to: number): LogEntry[] => Array.from({ length: from - to + 1 }, (_, i) => e(from - i));
const shape = (rows: readonly LogRow[]) =>
  rows.map((r) => (r.kind === 'entry' ? r.entry.id : `${r.reason}:${r.missing ?? '?'}`));

describe('LogStore', () => {
  it('holds entries newest first and tells newest, oldest and size', () => {
    const s = new LogStore();
    expect(s.rows()).toEqual([]);
    expect([s.newestId, s.oldestId, s.size, s.newest()]).toEqual([null, null, 0, null]);
    s.addNewer(range(10, 6));
    s.addNewer(range(13, 11));
    expect(shape(s.rows())).toEqual([13, 12, 11, 10, 9, 8, 7, 6]);
    expect([s.newestId, s.oldestId, s.size]).toEqual([13, 6, 8]);
    expect(s.newest()).toMatchObject({ id: 13, timestamp: 't13', message: 'entry 13' });
  });

  it('never holds an id twice, across newer, older and repeated pages', () => {
    const s = new LogStore();
    expect(s.addNewer(range(10, 6))).toBe(5);
    expect(s.addNewer(range(12, 8))).toBe(2); // 10..8 already held
    expect(s.addOlder(range(7, 3))).toBe(3); // 7 and 6 already held
    expect(s.addNewer([e(12), e(12), e(13), e(13)])).toBe(1);
    const ids = shape(s.rows());
    expect(ids).toEqual([13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3]);
    expect(new Set(s.rows().map((r) => r.key)).size).toBe(ids.length);
  });

  it('sorts an unsorted page and puts stray ids in their place', () => {
    const s = new LogStore();
    s.addNewer([e(3), e(9), e(5)]);
    expect(shape(s.rows())).toEqual([9, 5, 3]);
    s.addNewer([e(7), e(4), e(10)]); // 10 on top, 7 and 4 inside
    s.addOlder([e(8), e(1)]); // 1 at the bottom, 8 inside
    expect(shape(s.rows())).toEqual([10, 9, 8, 7, 5, 4, 3, 1]);
    expect([s.newestId, s.oldestId, s.size]).toEqual([10, 1, 8]);
  });

  it('keeps the same rows array until something changes', () => {
    const s = new LogStore();
    s.addNewer(range(5, 1));
    const before = s.rows();
    const v = s.version;
    s.addNewer(range(5, 3)); // nothing new
    s.addOlder([]);
    expect(s.rows()).toBe(before);
    expect(s.version).toBe(v);
    s.addNewer([e(6)]);
    expect(s.rows()).not.toBe(before);
    expect(before).toHaveLength(5); // the old array was not mutated
  });

  it('puts a gap between new entries and the old top; merges a repeated empty gap', () => {
    const s = new LogStore();
    s.addNewer(range(10, 8), { reason: 'evicted', missing: 5 }); // nothing below: no gap
    expect(shape(s.rows())).toEqual([10, 9, 8]);
    s.addNewer(range(20, 16), { reason: 'evicted', missing: 5 });
    expect(shape(s.rows())).toEqual([20, 19, 18, 17, 16, 'evicted:5', 10, 9, 8]);
    s.addNewer([], { reason: 'evicted', missing: null });
    s.addNewer([], { reason: 'evicted', missing: null });
    expect(shape(s.rows()).slice(0, 2)).toEqual(['evicted:?', 20]);
    s.addNewer([e(22)], { reason: 'skipped', missing: 1 });
    expect(shape(s.rows()).slice(0, 4)).toEqual([22, 'skipped:1', 'evicted:?', 20]);
    expect(s.size).toBe(9);
  });

  it('a stray entry keeps gaps just above the entry they were above', () => {
    const s = new LogStore();
    s.addNewer(range(10, 9));
    s.addNewer(range(20, 19), { reason: 'evicted', missing: 8 });
    s.addNewer([e(15)]); // between 19 and 10, i.e. inside the "evicted" range
    expect(shape(s.rows())).toEqual([20, 19, 15, 'evicted:8', 10, 9]);
  });

  it('starts a new epoch under a restart marker: same ids, different entries, both kept', () => {
    const s = new LogStore();
    s.addNewer(range(300, 298));
    s.startEpoch();
    expect([s.newestId, s.oldestId, s.epochSize, s.size]).toEqual([null, null, 0, 3]);
    expect(s.has(300)).toBe(false);
    s.addNewer(range(3, 2).map((x) => ({ ...x, timestamp: 'later' })));
    s.addOlder([e(1, 'INFO', 'later')]);
    s.addOlder([e(299)]); // older than 1 in the new epoch? no: 299 > 1, a stray of the new epoch
    expect(shape(s.rows())).toEqual([299, 3, 2, 1, 'restart:?', 300, 299, 298]);
    const keys = s.rows().map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect([s.newestId, s.oldestId, s.epochSize, s.size]).toEqual([299, 1, 4, 7]);
  });

  it('load older in the new epoch goes above the restart marker', () => {
    const s = new LogStore();
    s.addNewer(range(50, 48));
    s.startEpoch();
    s.addNewer(range(10, 9));
    s.addOlder(range(8, 7));
    expect(shape(s.rows())).toEqual([10, 9, 8, 7, 'restart:?', 50, 49, 48]);
  });

  it('adds one restart marker for back-to-back restarts, none when empty', () => {
    const s = new LogStore();
    s.startEpoch();
    expect(s.rows()).toEqual([]);
    s.addNewer(range(3, 1));
    s.startEpoch();
    s.startEpoch();
    expect(shape(s.rows())).toEqual(['restart:?', 3, 2, 1]);
  });

  it('tracks the newest ERROR/CRITICAL id of the current epoch', () => {
    const s = new LogStore();
    s.addNewer([e(5, 'ERROR'), e(4)]);
    expect(s.newestErrorId).toBe(5);
    s.addNewer([e(8, 'warning'), e(7, 'critical'), e(6)]);
    expect(s.newestErrorId).toBe(7);
    s.addOlder([e(2, 'ERROR')]);
    expect(s.newestErrorId).toBe(7);
    s.startEpoch();
    expect(s.newestErrorId).toBeNull();
  });

  it('clear() forgets everything; keys never repeat', () => {
    const s = new LogStore();
    s.addNewer(range(3, 1));
    const oldKeys = s.rows().map((r) => r.key);
    s.clear();
    expect([s.rows().length, s.size, s.newestId]).toEqual([0, 0, null]);
    s.addNewer(range(3, 1));
    expect(s.rows().map((r) => r.key).some((k) => oldKeys.includes(k))).toBe(false);
    expect(s.entries().map((x) => x.id)).toEqual([3, 2, 1]);
  });

  it('adds 200 entries on top of 100,000 without touching the old rows', () => {
    const s = new LogStore();
    for (let top = 100_000; top > 0; top -= 5000) s.addOlder(range(top, top - 4999));
    expect(s.size).toBe(100_000);
    const before = s.rows();
    s.addNewer(range(100_200, 100_001));
    const after = s.rows();
    expect(after).toHaveLength(100_200);
    expect(after[200]).toBe(before[0]); // same row objects, shifted
    expect(shape(after.slice(198, 202))).toEqual([100_002, 100_001, 100_000, 99_999]);
  });

  it('knows which ids it holds, with gap markers anywhere among the rows (a binary search, checked against a Set)', () => {
    // A small deterministic generator, so a failure replays.
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const s = new LogStore();
    const held = new Set<number>();
    s.addNewer(range(500, 480));
    range(500, 480).forEach((x) => held.add(x.id));
    for (let step = 0; step < 300; step++) {
      const kind = random(4);
      if (kind === 0) {
        const top = s.newestId! + 1 + random(5);
        const page = range(top + random(6), top);
        s.addNewer(page, random(3) === 0 ? { reason: 'evicted', missing: random(4) } : null);
        page.forEach((x) => held.add(x.id));
      } else if (kind === 1 && s.oldestId! > 2) {
        const below = s.oldestId! - 1;
        const page = range(below, Math.max(1, below - random(6)));
        s.addOlder(page);
        page.forEach((x) => held.add(x.id));
      } else {
        // Entries that land between held ones (the slow path), some already held.
        const id = 1 + random(s.newestId!);
        s.addNewer([e(id)]);
        held.add(id);
      }
      const ids = Array.from({ length: s.newestId! + 3 }, (_, id) => id);
      expect(ids.filter((id) => s.has(id)), `after step ${step}`).toEqual(ids.filter((id) => held.has(id)));
      expect(s.size).toBe(held.size);
    }
    const ids = shape(s.rows()).filter((x): x is number => typeof x === 'number');
    expect(ids).toEqual([...held].sort((a, b) => b - a));
  });

  it("gives each entry's row a kind and a key that stay the same, without storing a key per entry", () => {
    const s = new LogStore();
    s.addNewer(range(3, 1));
    const [row] = s.rows();
    expect(row!.kind).toBe('entry');
    expect(row!.key).toBe(row!.key);
    expect(Object.keys(row!)).not.toContain('key');
    expect(new Set(s.rows().map((r) => r.key)).size).toBe(3);
  });
});

