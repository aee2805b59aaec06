// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { formatRangeInput, parseRangeInput } from '../../../lib/core/range-input';
import { parseTimestampMicros } from '../../../lib/core/format-time';

// Local expectations are built with the runtime's own Date, so the suite passes in any zone.
const NOW = Date.UTC(2026, 10, 25, 18, 30, 0);

describe('From and To as typed (parseRangeInput)', () => {
  it('reads a date and time in UTC, with or without seconds, milliseconds, a T', () => {
    expect(parseRangeInput('2026-11-25 18:02', 'utc', NOW)).toBe(Date.UTC(2026, 10, 25, 18, 2));
    expect(parseRangeInput(' 2026-11-25T18:02:11 ', 'utc', NOW)).toBe(Date.UTC(2026, 10, 25, 18, 2, 11));
    expect(parseRangeInput('2026-11-25 18:02:11.5', 'utc', NOW)).toBe(Date.UTC(2026, 10, 25, 18, 2, 11, 500));
    expect(parseRangeInput('2026-11-25', 'utc', NOW)).toBe(Date.UTC(2026, 10, 25));
  });

  it('reads local time as the browser’s, and a time alone as today in the zone', () => {
    expect(parseRangeInput('2026-11-25 18:02', 'local', NOW)).toBe(new Date(2026, 10, 25, 18, 2).getTime());
    expect(parseRangeInput('02:00', 'utc', NOW)).toBe(Date.UTC(2026, 10, 25, 2, 0));
    const today = new Date(NOW);
    expect(parseRangeInput('02:00:30', 'local', NOW)).toBe(new Date(today.getFullYear(), today.getMonth(), today.getDate(), 2, 0, 30).getTime());
  });

  it('says empty for nothing, invalid for what names no moment', () => {
    expect(parseRangeInput('   ', 'utc', NOW)).toBeNull();
    for (const bad of ['yesterday', '2026-02-30 10:00', '2026-11-25 24:00', '18:61', '2026/11/25 18:02', '1764093731']) {
      expect(parseRangeInput(bad, 'utc', NOW)).toBe('invalid');
    }
  });
});

describe('formatRangeInput', () => {
  it('writes what the instant needs, in the zone; parsing it gives the instant back', () => {
    expect(formatRangeInput(Date.UTC(2026, 10, 25, 18, 2), 'utc')).toBe('2026-11-25 18:02');
    expect(formatRangeInput(Date.UTC(2026, 10, 25, 18, 2, 11), 'utc')).toBe('2026-11-25 18:02:11');
    expect(formatRangeInput(Date.UTC(2026, 10, 25, 18, 2, 0, 7), 'utc')).toBe('2026-11-25 18:02:00.007');
    for (const ms of [Date.UTC(2026, 0, 1), Date.UTC(2026, 6, 15, 23, 59, 59, 999), NOW]) {
      for (const zone of ['utc', 'local'] as const) expect(parseRangeInput(formatRangeInput(ms, zone), zone, NOW)).toBe(ms);
    }
  });
});

describe('parseTimestampMicros', () => {
  it('keeps the microseconds Python writes', () => {
    expect(parseTimestampMicros('2026-11-25T18:02:11.482913+00:00')).toBe(Date.UTC(2026, 10, 25, 18, 2, 11, 482) * 1000 + 913);
    expect(parseTimestampMicros('2026-11-25T18:02:11Z')).toBe(Date.UTC(2026, 10, 25, 18, 2, 11) * 1000);
    expect(parseTimestampMicros('later')).toBeNull();
  });
});
