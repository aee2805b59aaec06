// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { recordedExchange } from '../../fixtures/real-entries';
import { LiveTail, LIVE_TAIL_CAP } from '../../../lib/core/live-tail';
import { isErrorEntry, matchesFilters } from '../../../lib/core/log-match';
import type { LogEntry } from '../../../lib/core/log-types';
import { parseLogsJson } from '../../../lib/core/parse-logs-response';
import { makeEntry, type EntryPatch } from './fake-backend';

const entry = (id: number, extra: EntryPatch = {}): LogEntry => makeEntry(id, `2026-11-30T05:00:00.${String(id).padStart(6, '0')}+00:00`, extra);
const range = (from: number, to: number, extra: (id: number) => EntryPatch = () => ({})) =>
  Array.from({ length: to - from + 1 }, (_, i) => entry(from + i, extra(from + i)));

function recordedLogs(name: string): LogEntry[] {
  const out = parseLogsJson(recordedExchange(name).body);
  if (!out.ok) throw new Error(out.failure.kind);
  return out.value.logs;
}

describe('the backend filters, as the live tail applies them', () => {
  it('keeps exactly what the real errors_only=true kept, and nothing of the rest of the recorded buffer', () => {
    const errors = recordedLogs('errors_only_true');
    const all = recordedLogs('default');
    expect(errors.length).toBeGreaterThan(50);
    expect(errors.every(isErrorEntry)).toBe(true);
    const kept = new Set(errors.map((e) => e.id));
    // The default page and the errors page overlap in ids: where they do, the rule agrees both ways.
    const overlap = all.filter((e) => e.id >= Math.min(...errors.map((x) => x.id)));
    for (const e of overlap) expect([e.id, isErrorEntry(e)]).toEqual([e.id, kept.has(e.id)]);
  });

  it('matches whole words only, in any case, and ignores level under errors_only', () => {
    expect(isErrorEntry(entry(1, { message: 'Sync FAILURE on pve01' }))).toBe(true);
    expect(isErrorEntry(entry(1, { message: 'errors_count=0 terrorist' }))).toBe(false);
    expect(isErrorEntry(entry(1, { message: 'ok', traceback: 'Traceback' }))).toBe(true);
    expect(matchesFilters(entry(1, { level: 'ERROR' }), { errorsOnly: true, level: 'DEBUG' })).toBe(true);
    expect(matchesFilters(entry(1, { level: 'INFO' }), { level: 'ERROR' })).toBe(false);
    expect(matchesFilters(entry(1, { operationId: 'op' }), { operationId: ' op ' })).toBe(true);
    expect(matchesFilters(entry(1), { operationId: 'op' })).toBe(false);
  });
});

describe('LiveTail', () => {
  it('answers a poll from an unbroken run as /admin/logs would: newest first, the cursor entry included', () => {
    const tail = new LiveTail();
    tail.add(range(100, 110, (id) => ({ level: id % 2 ? 'ERROR' : 'INFO' })));
    expect(tail.answer({ newerThanId: 104, limit: 3 })).toEqual({ logs: [entry(110, { level: 'INFO' }), entry(109, { level: 'ERROR' }), entry(108, { level: 'INFO' })], total: 6, hasMore: true });
    expect(tail.answer({ newerThanId: 104, level: 'ERROR' })?.logs.map((e) => e.id)).toEqual([109, 107, 105]);
    expect(tail.answer({ newerThanId: 109 })?.logs.map((e) => e.id)).toEqual([110]);
  });

  it('asks the backend (null) for what it cannot prove: before its run, past its newest, other paging', () => {
    const tail = new LiveTail();
    expect(tail.answer({ newerThanId: 1 })).toBeNull();
    tail.add(range(100, 110));
    expect(tail.answer({ newerThanId: 98 })).toBeNull(); // 99 may exist: not held
    expect(tail.answer({ newerThanId: 99 })?.logs).toHaveLength(11);
    expect(tail.answer({ newerThanId: 110 })).toBeNull(); // the view is ahead of the stream
    expect(tail.answer({})).toBeNull();
    expect(tail.answer({ newerThanId: 105, olderThanId: 108 })).toBeNull();
    expect(tail.answer({ newerThanId: 105, offset: 5 })).toBeNull();
  });

  it('starts a new run at a hole the stream skipped, and at a restarted backend', () => {
    const tail = new LiveTail();
    tail.add(range(1, 10));
    tail.add(range(250, 260)); // more than 200 between two wakes: 11..249 were skipped
    expect([tail.oldestId, tail.newestId]).toEqual([250, 260]);
    expect(tail.answer({ newerThanId: 9 })).toBeNull();
    tail.add(range(3, 5)); // ids from the start again: a new process
    expect([tail.oldestId, tail.newestId]).toEqual([3, 5]);
    expect(tail.answer({ newerThanId: 259 })).toBeNull();
  });

  it('keeps at most its cap, newest', () => {
    const tail = new LiveTail();
    tail.add(range(1, LIVE_TAIL_CAP + 10));
    expect(tail.size).toBe(LIVE_TAIL_CAP);
    expect(tail.oldestId).toBe(11);
  });
});
