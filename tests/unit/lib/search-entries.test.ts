import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../lib/core/log-types';
import type { LogRow } from '../../../lib/core/logs-view-model';
import { createRowSearch, entryHaystack, entryMatches, highlightParts, normalizeSearch } from '../../../lib/core/search-entries';
import { makeEntry } from './fake-backend';

const entryRow = (entry: LogEntry): LogRow => ({ kind: 'entry', key: `0:${entry.id}`, entry });
const gap: LogRow = { kind: 'gap', key: 'gap:1', reason: 'evicted', missing: 3 };

describe('entryMatches', () => {
  const e = makeEntry(5, 't', {
    level: 'WARNING',
    module: 'Devices',
    message: 'Slow answer from PVE01',
    operationId: 'ABCD-1234',
    operation: 'device_sync',
    traceback: 'KeyError: "node"',
    resourceId: '101',
  });
  it('looks in message, module, level, operation id, operation, resource and traceback, any case', () => {
    for (const q of ['pve01', 'devices', 'warning', 'abcd-12', 'DEVICE_SYNC', 'keyerror', '101', '  slow ANSWER ']) {
      expect(entryMatches(e, normalizeSearch(q))).toBe(true);
    }
    expect(entryMatches(e, normalizeSearch('pve02'))).toBe(false);
    expect(entryMatches(e, '')).toBe(true);
  });
  it('does not match across two fields', () => {
    expect(entryMatches(e, normalizeSearch('pve01 devices'))).toBe(false);
  });
  it('treats regex characters literally', () => {
    const r = makeEntry(6, 't', { message: 'a.*b (x) [y] $z ^' });
    expect(entryMatches(r, normalizeSearch('.*b (x) [y] $z ^'))).toBe(true);
    expect(entryMatches(r, normalizeSearch('a.b'))).toBe(false);
  });
  it('caches the haystack per entry', () => {
    expect(entryHaystack(e)).toBe(entryHaystack(e));
  });
});

describe('createRowSearch', () => {
  const entries = Array.from({ length: 50 }, (_, i) =>
    makeEntry(50 - i, 't', { message: i % 5 === 0 ? `Error in job ${i}` : `job ${i} ok`, level: i % 10 === 0 ? 'ERROR' : 'INFO' }),
  );
  const rows: LogRow[] = [entryRow(entries[0]!), gap, ...entries.slice(1).map(entryRow)];

  it('returns the rows themselves (gaps included) without a search', () => {
    const search = createRowSearch();
    expect(search(rows, '')).toBe(rows);
    expect(search(rows, '   ')).toBe(rows);
  });

  it('narrows to matching entries, dropping gap markers, in order', () => {
    const search = createRowSearch();
    const out = search(rows, 'ERROR in');
    expect(out.every((r) => r.kind === 'entry')).toBe(true);
    expect(out.map((r) => (r.kind === 'entry' ? r.entry.id : 0))).toEqual(entries.filter((_, i) => i % 5 === 0).map((e) => e.id));
  });

  it('narrows incrementally with the same answer as a fresh search, and memoises', () => {
    const search = createRowSearch();
    const a = search(rows, 'job');
    const b = search(rows, 'job 1');
    expect(search(rows, 'job 1')).toBe(b);
    const c = search(rows, 'job 10');
    expect(c).toEqual(createRowSearch()(rows, 'job 10'));
    expect(b).toEqual(createRowSearch()(rows, 'job 1'));
    expect(a.length).toBe(50);
    // A shorter text or other rows search all rows again.
    expect(search(rows, 'job')).toEqual(a);
    const more = [entryRow(makeEntry(99, 't', { message: 'job 100' })), ...rows];
    expect(search(more, 'job 10').length).toBe(c.length + 1);
  });
});

describe('createRowSearch with rows added while a search is open', () => {
  const mk = (id: number) => entryRow(makeEntry(id, 't', { message: id % 3 === 0 ? `hit ${id}` : `miss ${id}` }));
  const base: LogRow[] = [mk(20), mk(19), gap, mk(18), mk(17), mk(16), { ...gap, key: 'gap:r', reason: 'restart' }, mk(15), mk(12)];
  const fresh = (rows: readonly LogRow[]) => createRowSearch()(rows, 'hit');

  it('searches only what was inserted (top, bottom, middle) with the same answer as a full search', () => {
    for (const next of [
      [mk(24), mk(23), mk(22), mk(21), gap, ...base],
      [...base, mk(9), mk(6)],
      [...base.slice(0, 6), mk(3), mk(2), ...base.slice(6)],
    ]) {
      const search = createRowSearch();
      search(base, 'hit');
      const result = search(next, 'hit');
      expect(result).toEqual(fresh(next));
      expect(search(next, 'hit')).toBe(result);
    }
  });

  it('falls back to a full search when rows were removed or reordered', () => {
    const search = createRowSearch();
    search(base, 'hit');
    const reordered = [base[1]!, base[0]!, ...base.slice(2), mk(3)];
    expect(search(reordered, 'hit')).toEqual(fresh(reordered));
    const shrunk = base.slice(2);
    expect(search(shrunk, 'hit')).toEqual(fresh(shrunk));
  });
});

describe('highlightParts', () => {
  const join = (parts: { text: string }[]) => parts.map((p) => p.text).join('');

  it('splits around every case-insensitive match and joins back to the text', () => {
    const parts = highlightParts('Error: an ERROR happened (error)', 'error');
    expect(parts).toEqual([
      { text: 'Error', match: true },
      { text: ': an ', match: false },
      { text: 'ERROR', match: true },
      { text: ' happened (', match: false },
      { text: 'error', match: true },
      { text: ')', match: false },
    ]);
  });

  it('handles no search, no match, empty text and regex characters', () => {
    expect(highlightParts('abc', '')).toEqual([{ text: 'abc', match: false }]);
    expect(highlightParts('abc', 'x')).toEqual([{ text: 'abc', match: false }]);
    expect(highlightParts('', 'x')).toEqual([]);
    expect(highlightParts('a (b)* c', '(b)*')).toEqual([
      { text: 'a ', match: false },
      { text: '(b)*', match: true },
      { text: ' c', match: false },
    ]);
  });

  it('does not overlap repeated matches', () => {
    expect(highlightParts('aaaaa', 'aa')).toEqual([
      { text: 'aa', match: true },
      { text: 'aa', match: true },
      { text: 'a', match: false },
    ]);
  });

  it('keeps offsets right when lower-casing changes the length', () => {
    const text = 'İstanbul İzmir';
    const parts = highlightParts(text, 'izmir');
    expect(join(parts)).toBe(text);
    expect(parts.filter((p) => p.match).map((p) => p.text)).toEqual([]); // "i̇zmir" is not "izmir"
    const parts2 = highlightParts(text, 'zmir');
    expect(join(parts2)).toBe(text);
    expect(parts2.filter((p) => p.match).map((p) => p.text)).toEqual(['zmir']);
    const parts3 = highlightParts('xİy', 'i');
    expect(join(parts3)).toBe('xİy');
    expect(parts3.find((p) => p.match)?.text).toBe('İ');
  });

  it('handles emoji and non-Latin scripts', () => {
    const parts = highlightParts('😀 Ошибка 😀', 'ошибка');
    expect(parts).toEqual([
      { text: '😀 ', match: false },
      { text: 'Ошибка', match: true },
      { text: ' 😀', match: false },
    ]);
  });
});
