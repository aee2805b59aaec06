// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { formatElapsed, formatHourMinute } from '@/lib/core/format-time';
import { MAX_SYNC_RUNS, parseSyncActive, repairSyncProbe, runningSyncOf, syncProbeDue, type SyncProbe } from '@/lib/core/sync-active';
import { syncSentence, syncTooltip } from '@/lib/core/sync-words';
import { recordedExchange } from '../../fixtures/real-recordings';

// proxbox-api's `GET /sync/active` (contract §3): the recorded idle answer, the busy shape
// of its schema (proxbox_api/app/sync_state.py: the oldest run on top, every run in flight
// under `runs`, oldest first, started_at ISO UTC ending in Z), and whatever else a hostile
// or broken backend could send, which reads as "unknown" and never throws.

const START = '2026-12-07T10:56:03.123456Z';
const START_MS = Date.parse('2026-12-07T10:56:03.123Z');
const OP = 'b8517053-da07-4d41-979b-3d76e167d578';

function busy(runs: unknown[] = [{ id: OP, kind: 'full-update', started_at: START }]): Record<string, unknown> {
  return { active: true, started_at: START, id: OP, kind: 'full-update', runs };
}

describe('parseSyncActive', () => {
  it('reads the recorded idle answer as idle', () => {
    expect(parseSyncActive(recordedExchange('sync_active_idle').body)).toEqual({ state: 'idle' });
  });

  it('reads a busy answer: the oldest run first, its start as UTC (Z, an offset, or none)', () => {
    expect(parseSyncActive(busy())).toEqual({ state: 'running', runs: [{ id: OP, kind: 'full-update', startedAt: START_MS }] });
    const second = { id: 'c2', kind: 'full-update', started_at: '2026-12-07T11:00:00Z' };
    const both = parseSyncActive(busy([{ id: OP, kind: 'full-update', started_at: START }, second]));
    expect(both).toEqual({
      state: 'running',
      runs: [
        { id: OP, kind: 'full-update', startedAt: START_MS },
        { id: 'c2', kind: 'full-update', startedAt: Date.parse('2026-12-07T11:00:00Z') },
      ],
    });
    for (const started of ['2026-12-07T10:56:03.123456+00:00', '2026-12-07T10:56:03.123456', '2026-12-07T11:56:03.123456+01:00']) {
      expect(parseSyncActive({ ...busy([]), started_at: started })).toMatchObject({ runs: [{ startedAt: START_MS }] });
    }
  });

  it('keeps the reported run on top even when `runs` is missing, empty, broken or lists others', () => {
    const head = { id: OP, kind: 'full-update', startedAt: START_MS };
    expect(parseSyncActive({ ...busy(), runs: undefined })).toEqual({ state: 'running', runs: [head] });
    expect(parseSyncActive({ ...busy(), runs: 'many' })).toEqual({ state: 'running', runs: [head] });
    expect(parseSyncActive(busy([null, 7, { id: 'x' }, { started_at: 'soon' }]))).toEqual({ state: 'running', runs: [head] });
    const other = { id: 'other', kind: null, started_at: '2026-12-07T10:00:00Z' };
    expect(parseSyncActive(busy([other]))).toEqual({ state: 'running', runs: [head, { id: 'other', kind: null, startedAt: Date.parse('2026-12-07T10:00:00Z') }] });
    const many = Array.from({ length: 500 }, (_, i) => ({ id: `r${i}`, kind: 'full-update', started_at: START }));
    expect(parseSyncActive(busy(many))).toMatchObject({ state: 'running' });
    expect((parseSyncActive(busy(many)) as { runs: unknown[] }).runs).toHaveLength(MAX_SYNC_RUNS);
  });

  it('an id or kind that is not short text reads as absent; a run without a readable start is not a run', () => {
    expect(parseSyncActive({ ...busy([]), id: 42, kind: ['full-update'] })).toEqual({
      state: 'running',
      runs: [{ id: null, kind: null, startedAt: START_MS }],
    });
    expect(parseSyncActive({ ...busy([]), id: 'x'.repeat(1_000_000), kind: '   ' })).toMatchObject({ runs: [{ id: null, kind: null }] });
    // Text is kept as text: whatever it holds is for text nodes, never markup.
    expect(parseSyncActive({ ...busy([]), kind: '<img src=x onerror=alert(1)>' })).toMatchObject({ runs: [{ kind: '<img src=x onerror=alert(1)>' }] });
    for (const started_at of [null, '', 'yesterday', 1_765_104_963, '2026-13-45T99:99:99Z']) {
      expect(parseSyncActive({ ...busy([]), started_at })).toEqual({ state: 'unknown' });
    }
  });

  it('anything else is "unknown", never a crash', () => {
    const hostile: unknown[] = [
      null,
      undefined,
      'active',
      42,
      [],
      [busy()],
      {},
      { active: 'true', started_at: START },
      { active: 1 },
      { detail: 'Not Found' },
      JSON.parse('{"__proto__": {"active": true}, "started_at": "2026-12-07T10:56:03Z"}'),
    ];
    for (const body of hostile) expect(parseSyncActive(body)).toEqual({ state: 'unknown' });
    // Idle says idle whatever else it carries.
    expect(parseSyncActive({ active: false, runs: 'x', id: {} })).toEqual({ state: 'idle' });
  });
});

describe('the stored answer', () => {
  const running: SyncProbe = { at: 1000, activity: { state: 'running', runs: [{ id: OP, kind: 'full-update', startedAt: START_MS }] } };

  it('storage gives back what was stored, and anything broken as nothing', () => {
    expect(repairSyncProbe(JSON.parse(JSON.stringify(running)))).toEqual(running);
    expect(repairSyncProbe({ at: 5, activity: { state: 'absent' } })).toEqual({ at: 5, activity: { state: 'absent' } });
    for (const raw of [null, 'x', { at: 'now', activity: { state: 'idle' } }, { at: 5, activity: { state: 'running', runs: [] } }, { at: 5, activity: { state: 'busy' } }, { at: 5, activity: { state: 'running', runs: [{ startedAt: 'x' }] } }]) {
      expect(repairSyncProbe(raw)).toBeNull();
    }
  });

  it('a view sees a run only while the last answer says one runs and is recent', () => {
    const interval = 30_000;
    expect(runningSyncOf(running, 1000, interval)).toEqual({ run: running.activity.state === 'running' && running.activity.runs[0], alsoRunning: 0 });
    expect(runningSyncOf(running, 1000 + 3 * interval, interval)).not.toBeNull();
    expect(runningSyncOf(running, 1001 + 3 * interval, interval)).toBeNull();
    for (const state of ['idle', 'absent', 'unknown'] as const) expect(runningSyncOf({ at: 1000, activity: { state } }, 1000, interval)).toBeNull();
    expect(runningSyncOf(null, 1000, interval)).toBeNull();
  });

  it('asks again once the answer is as old as asked, never before (a clock set back asks)', () => {
    expect(syncProbeDue(null, 0, 5000)).toBe(true);
    expect(syncProbeDue(running, 5999, 5000)).toBe(false);
    expect(syncProbeDue(running, 6000, 5000)).toBe(true);
    expect(syncProbeDue(running, 999, 5000)).toBe(true);
  });
});

describe('the words', () => {
  const sync = { run: { id: OP, kind: 'full-update', startedAt: Date.parse('2026-12-07T10:56:03Z') }, alsoRunning: 0 };
  const now = Date.parse('2026-12-07T10:58:10Z');

  it('"Sync running: full-update, started 10:56 (2 min)", in the views\' zone', () => {
    expect(syncSentence(sync, { zone: 'utc', now })).toBe('Sync running: full-update, started 10:56 (2 min)');
    expect(syncSentence({ ...sync, alsoRunning: 2, run: { ...sync.run, kind: null } }, { zone: 'utc', now })).toBe(
      'Sync running, started 10:56 (2 min); 2 more runs in flight',
    );
    expect(syncTooltip(sync, { zone: 'utc', now })).toBe('sync running: full-update since 10:56');
    // Local time is the browser's: the same clock as formatHourMinute's.
    expect(syncSentence(sync, { zone: 'local', now })).toContain(`started ${formatHourMinute(sync.run.startedAt, { zone: 'local', now })} (`);
  });

  it('a start on another day says the day; the age in minutes, then hours', () => {
    expect(formatHourMinute(Date.parse('2026-12-06T23:58:00Z'), { zone: 'utc', now })).toBe('2026-12-06 23:58');
    expect(formatHourMinute(Number.NaN, { zone: 'utc', now })).toBe('');
    expect([0, 59_999, 60_000, 3_599_999, 3_600_000, 3_900_000, -5000].map(formatElapsed)).toEqual([
      'under a minute',
      'under a minute',
      '1 min',
      '59 min',
      '1 h',
      '1 h 5 min',
      'under a minute',
    ]);
  });
});
