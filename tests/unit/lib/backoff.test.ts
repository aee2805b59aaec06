import { describe, expect, it } from 'vitest';
import { nextDelay } from '../../../lib/core/backoff';
import { RETRY_BACKOFF_CAP_MS } from '../../../lib/core/cadence';

const noJitter = { random: () => 0 };

describe('nextDelay', () => {
  it('doubles from the base interval', () => {
    expect([1, 2, 3, 4, 5].map((n) => nextDelay(n, 5000, noJitter))).toEqual([5000, 10_000, 20_000, 40_000, 80_000]);
  });

  it('is capped at 5 minutes by default, and at maxMs when given', () => {
    expect(nextDelay(7, 5000, noJitter)).toBe(RETRY_BACKOFF_CAP_MS);
    expect(nextDelay(1000, 5000, noJitter)).toBe(300_000);
    expect(nextDelay(3, 5000, { ...noJitter, maxMs: 12_000 })).toBe(12_000);
  });

  it('takes at most the jitter fraction off, driven by random()', () => {
    expect(nextDelay(2, 5000, { random: () => 0.5 })).toBe(9000); // 10 s - 0.2*0.5*10 s
    expect(nextDelay(2, 5000, { random: () => 0.999999, jitter: 0.5 })).toBe(5000);
    expect(nextDelay(2, 5000, { random: () => 1, jitter: 0 })).toBe(10_000);
  });

  it('never retries before Retry-After, even past the cap', () => {
    expect(nextDelay(1, 5000, { ...noJitter, retryAfterMs: 30_000 })).toBe(30_000);
    expect(nextDelay(1, 5000, { ...noJitter, retryAfterMs: 600_000 })).toBe(600_000);
    expect(nextDelay(4, 5000, { ...noJitter, retryAfterMs: 1000 })).toBe(40_000);
  });

  it('treats nonsense input sanely', () => {
    expect(nextDelay(0, 5000, noJitter)).toBe(5000);
    expect(nextDelay(Number.NaN, 5000, noJitter)).toBe(5000);
    expect(nextDelay(1, -1, noJitter)).toBe(1000);
    expect(nextDelay(1, 5000, { ...noJitter, retryAfterMs: Number.NaN })).toBe(5000);
  });
});
