import { describe, expect, it } from 'vitest';
import { formatClockTime, formatFullTimestamp, formatLocalTime, formatTime, localClock, localDate, parseTimestamp, shortId, zoneName } from '../../../lib/core/format-time';

// Expectations are built from the runtime's own local-time getters, so the suite passes in
// any time zone.
const two = (n: number) => String(n).padStart(2, '0');
function localParts(ms: number) {
  const d = new Date(ms);
  return {
    date: `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`,
    time: `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`,
  };
}

describe('parseTimestamp', () => {
  it('reads Python isoformat with microseconds, truncating to milliseconds', () => {
    expect(parseTimestamp('2026-11-25T18:02:11.482913+00:00')).toBe(Date.UTC(2026, 10, 25, 18, 2, 11, 482));
    expect(parseTimestamp('2026-11-25T18:02:11.999999+00:00')).toBe(Date.UTC(2026, 10, 25, 18, 2, 11, 999));
  });
  it('reads offsets, Z, no fraction, and no offset (as UTC)', () => {
    expect(parseTimestamp('2026-11-25T19:02:11+01:00')).toBe(Date.UTC(2026, 10, 25, 18, 2, 11));
    expect(parseTimestamp('2026-11-25T18:02:11.5Z')).toBe(Date.UTC(2026, 10, 25, 18, 2, 11, 500));
    expect(parseTimestamp('2026-11-25 18:02:11.482')).toBe(Date.UTC(2026, 10, 25, 18, 2, 11, 482));
    expect(parseTimestamp('2026-11-25T13:32:11-0430')).toBe(Date.UTC(2026, 10, 25, 18, 2, 11));
  });
  it('rejects what is not a timestamp', () => {
    for (const bad of ['', 'yesterday', '2026-13-45T99:99:99', '1764093731', '2026-11-25']) {
      expect(parseTimestamp(bad)).toBeNull();
    }
  });
});

describe('formatLocalTime', () => {
  const iso = '2026-11-25T18:02:11.482913+00:00';
  const ms = Date.UTC(2026, 10, 25, 18, 2, 11, 482);

  it('shows local time with milliseconds when the day is today', () => {
    expect(formatLocalTime(iso, { now: ms + 1000 })).toBe(localParts(ms).time);
    expect(localParts(ms).time).toMatch(/^\d{2}:\d{2}:11\.482$/);
  });

  it('adds the local date when the day is not today', () => {
    const p = localParts(ms);
    expect(formatLocalTime(iso, { now: ms + 3 * 86_400_000 })).toBe(`${p.date} ${p.time}`);
    expect(formatLocalTime(iso, { now: new Date(ms - 86_400_000) })).toBe(`${p.date} ${p.time}`);
  });

  it('returns the input unchanged when it cannot be read', () => {
    expect(formatLocalTime('not a time', { now: ms })).toBe('not a time');
    expect(formatLocalTime('', { now: ms })).toBe('');
  });
});

describe('formatTime in UTC', () => {
  const iso = '2026-11-25T23:30:00.250-02:00'; // 01:30:00.250 UTC on the 26th
  const ms = Date.UTC(2026, 10, 26, 1, 30, 0, 250);

  it('writes the UTC clock, with the UTC date when that day is not today in UTC', () => {
    expect(formatTime(iso, { zone: 'utc', now: ms + 60_000 })).toBe('01:30:00.250');
    expect(formatTime(iso, { zone: 'utc', now: Date.UTC(2026, 10, 25, 23, 0) })).toBe('2026-11-26 01:30:00.250');
  });

  it('gives the whole timestamp with its zone', () => {
    expect(formatFullTimestamp(iso, 'utc')).toBe('2026-11-26 01:30:00.250 UTC');
    const p = localParts(ms);
    expect(formatFullTimestamp(iso, 'local')).toBe(`${p.date} ${p.time} ${zoneName('local', new Date(ms))}`);
    expect(formatFullTimestamp('garbage', 'utc')).toBe('garbage');
  });

  it('names the zone: UTC, or the local offset', () => {
    expect(zoneName('utc')).toBe('UTC');
    expect(zoneName('local', new Date(ms))).toMatch(/^UTC[+\u2212]\d{2}:\d{2}$/);
  });
});

describe('shortId', () => {
  it('keeps the first 8 characters', () => {
    expect(shortId('0f8e2c1a-5b7d-4c39-9e0a-2d6f1b3c4e5f')).toBe('0f8e2c1a');
    expect(shortId('abc')).toBe('abc');
  });
});

describe('local clock and date', () => {
  it('writes local time as HH:MM:SS (or without separators) and the local day', () => {
    const d = new Date(2026, 10, 25, 8, 5, 9);
    expect(formatClockTime(d.getTime())).toBe('08:05:09');
    expect(localClock(d, '')).toBe('080509');
    expect(localDate(d)).toBe('2026-11-25');
  });
});
