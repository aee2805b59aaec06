// @vitest-environment node
// The backend's ring buffer and query semantics (contract §3), without HTTP.
import { describe, expect, it } from 'vitest';
import { LogBuffer } from './log-buffer';
import { parseLogQuery } from './log-query';
import type { LogQuery, NewLogEntry } from './types';

const entry = (over: Partial<NewLogEntry> = {}): NewLogEntry => ({
  level: 'INFO',
  module: 'sync',
  message: 'ok',
  operation_id: null,
  operation: null,
  phase: null,
  resource_type: null,
  resource_id: null,
  expandable: null,
  ...over,
});

function query(text = ''): LogQuery {
  const parsed = parseLogQuery(new URLSearchParams(text));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.detail));
  return parsed.query;
}

const ids = (buffer: LogBuffer, text = '') => buffer.query(query(text)).logs.map((l) => l.id);

describe('ring buffer', () => {
  it('numbers entries from 1 as strings and answers newest first', () => {
    const b = new LogBuffer();
    for (let i = 0; i < 5; i++) b.append(entry());
    expect(ids(b)).toEqual(['5', '4', '3', '2', '1']);
    expect(b.query(query()).total).toBe(5);
  });

  it('keeps the newest 10,000 by default and drops the oldest', () => {
    const b = new LogBuffer();
    for (let i = 0; i < 10_250; i++) b.append(entry());
    expect(b.size).toBe(10_000);
    expect(b.oldestId).toBe(251);
    const answer = b.query(query('limit=5000&offset=5000'));
    expect(answer.total).toBe(10_000);
    expect(answer.logs.at(-1)?.id).toBe('251');
    expect(answer.has_more).toBe(false);
    expect(b.query(query('older_than_id=252')).logs.map((l) => l.id)).toEqual(['251']);
    expect(b.get(250)).toBeUndefined();
  });

  it('restart empties it and ids start again from 1', () => {
    const b = new LogBuffer({ capacity: 3 });
    for (let i = 0; i < 7; i++) b.append(entry());
    b.restart();
    expect(b.query(query()).total).toBe(0);
    expect(b.append(entry()).id).toBe('1');
  });

  it('pages with limit/offset and says whether more follow', () => {
    const b = new LogBuffer();
    for (let i = 0; i < 450; i++) b.append(entry());
    const first = b.query(query());
    expect(first.logs).toHaveLength(200);
    expect([first.total, first.has_more, first.logs[0]?.id]).toEqual([450, true, '450']);
    const third = b.query(query('limit=200&offset=400'));
    expect([third.logs.length, third.has_more, third.logs[0]?.id]).toEqual([50, false, '50']);
    const past = b.query(query('offset=1000'));
    expect([past.logs.length, past.total, past.has_more]).toEqual([0, 450, false]);
  });

  it('filters by level, operation, id cursors and time, combined', () => {
    const b = new LogBuffer({ nowMs: () => Date.parse('2026-11-25T18:00:00Z') });
    const op = '0f8e2c1a-5b7d-4c39-9e0a-2d6f1b3c4e5f';
    b.append(entry({ level: 'DEBUG' })); // 1
    b.append(entry({ level: 'ERROR', operation_id: op })); // 2
    b.append(entry({ level: 'INFO', operation_id: op })); // 3
    b.append(entry({ level: 'ERROR' })); // 4
    b.append(entry({ level: 'WARNING', timestamp: '2026-11-25T19:00:00.000001+00:00' })); // 5
    expect(ids(b, 'level=ERROR')).toEqual(['4', '2']);
    expect(ids(b, `operation_id=${op}`)).toEqual(['3', '2']);
    expect(ids(b, 'newer_than_id=3')).toEqual(['5', '4']);
    expect(ids(b, 'older_than_id=3')).toEqual(['2', '1']);
    expect(ids(b, 'newer_than_id=1&older_than_id=4')).toEqual(['3', '2']);
    expect(ids(b, `level=ERROR&operation_id=${op}`)).toEqual(['2']);
    expect(ids(b, 'level=ERROR&newer_than_id=2')).toEqual(['4']);
    expect(ids(b, 'since=2026-11-25T19:00:00Z')).toEqual(['5']);
    expect(ids(b, 'since=2026-11-25T20:00:00%2B01:00')).toEqual(['5']);
    expect(ids(b, 'since=2026-11-25T19:00:00.000001Z')).toEqual([]); // strictly after
    expect(ids(b, 'operation_id=nope')).toEqual([]);
    expect(ids(b, 'operation_id=')).toHaveLength(5); // empty: no filter
    const answer = b.query(query('level=ERROR&limit=1'));
    expect([answer.total, answer.has_more, answer.logs[0]?.id]).toEqual([2, true, '4']);
  });

  it('errors_only keeps errors, tracebacks and error words, and ignores level', () => {
    const b = new LogBuffer();
    b.append(entry({ level: 'INFO' })); // 1
    b.append(entry({ level: 'ERROR' })); // 2
    b.append(entry({ level: 'CRITICAL' })); // 3
    b.append(entry({ level: 'DEBUG', expandable: { traceback: 'Traceback ...' } })); // 4
    b.append(entry({ level: 'DEBUG', expandable: { traceback: '' } })); // 5
    b.append(entry({ level: 'WARNING', message: 'Request FAILED, retrying' })); // 6
    for (const word of ['error', 'exception', 'traceback', 'fatal', 'critical', 'failure']) b.append(entry({ message: `an ${word} here` })); // 7..12
    b.append(entry({ message: 'all good' })); // 13
    // Whole words only: none of these has one.
    for (const message of ['no errors', 'terrorist', 'ExceptionGroup', 'failures: 0', 'errored']) b.append(entry({ message })); // 14..18
    expect(ids(b, 'errors_only=true')).toEqual(['12', '11', '10', '9', '8', '7', '6', '4', '3', '2']);
    expect(ids(b, 'errors_only=true&level=INFO')).toEqual(ids(b, 'errors_only=true'));
    // The level is echoed even though errors_only overrides it (errors_only_with_level_INFO.json).
    expect(b.query(query('errors_only=true&level=INFO')).active_filters).toMatchObject({ level: 'INFO', errors_only: true });
    expect(ids(b, 'errors_only=false')).toHaveLength(18);
  });

  it('echoes active filters with null for unset', () => {
    const b = new LogBuffer();
    expect(b.query(query()).active_filters).toEqual({
      level: null,
      errors_only: null,
      newer_than_id: null,
      older_than_id: null,
      operation_id: null,
      since: null,
    });
    expect(b.query(query('level=WARNING&newer_than_id=4&older_than_id=9&operation_id=x&since=2026-01-01&errors_only=false')).active_filters).toEqual({
      level: 'WARNING',
      errors_only: null, // false is echoed as null
      newer_than_id: 4,
      older_than_id: 9,
      operation_id: 'x',
      since: '2026-01-01T00:00:00+00:00', // normalised as Python's isoformat()
    });
  });

  it('answers quickly at 10,000 entries and does not copy for a small cursor page', () => {
    const b = new LogBuffer();
    for (let i = 0; i < 10_000; i++) b.append(entry({ level: i % 10 ? 'INFO' : 'ERROR', message: `m ${i}` }));
    const started = performance.now();
    for (let i = 0; i < 200; i++) b.query(query('errors_only=true&limit=200'));
    for (let i = 0; i < 2000; i++) b.query(query(`newer_than_id=${9_990}&limit=50`));
    expect(performance.now() - started).toBeLessThan(1500);
    expect(ids(b, 'newer_than_id=9998')).toEqual(['10000', '9999']);
  });
});

describe('query validation (FastAPI 422 detail)', () => {
  const detail = (text: string) => {
    const parsed = parseLogQuery(new URLSearchParams(text));
    return parsed.ok ? null : parsed.detail;
  };

  // level, limit, offset, newer_than_id=abc and since=yesterday: contract.test.ts replays the real 422s.
  it('rejects each bad parameter the recordings do not show with its loc, type and input', () => {
    expect(detail('limit=5001')?.[0]).toMatchObject({ type: 'less_than_equal', loc: ['query', 'limit'], ctx: { le: 5000 } });
    expect(detail('newer_than_id=1.5')?.[0]).toMatchObject({ type: 'int_parsing', loc: ['query', 'newer_than_id'] });
    expect(detail('older_than_id=x')?.[0]).toMatchObject({ type: 'int_parsing', loc: ['query', 'older_than_id'] });
    expect(detail('since=2026-02-30')?.[0]).toMatchObject({ loc: ['query', 'since'] });
    // An unencoded "+" in the offset arrives as a space and is refused, as by pydantic.
    expect(detail('since=2026-11-25T18:00:00+00:00')?.[0]).toMatchObject({ loc: ['query', 'since'] });
    expect(detail('errors_only=maybe')?.[0]).toMatchObject({ type: 'bool_parsing', loc: ['query', 'errors_only'] });
    expect(detail('level=x&limit=0&offset=-1')).toHaveLength(3);
    for (const d of detail('level=x&limit=0') ?? []) expect(Object.keys(d).slice(0, 4)).toEqual(['type', 'loc', 'msg', 'input']);
  });

  it('accepts the edges and defaults', () => {
    expect(detail('limit=1&limit=5000&offset=0&level=CRITICAL&errors_only=1&since=1700000000')).toBeNull();
    expect(query()).toMatchObject({ limit: 200, offset: 0 });
    expect(query('limit=9&limit=7').limit).toBe(7); // the last repeated value wins
    expect(query('foo=bar').limit).toBe(200); // undeclared parameters are ignored
  });
});
