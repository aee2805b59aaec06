// How long to wait before retrying after consecutive failures: exponential from the
// polling interval, so a broken backend is asked less and less often, capped so the panel
// still recovers within minutes once it is fixed. The numbers live in lib/core/cadence.ts.

import { RETRY_BACKOFF_CAP_MS, RETRY_BASE_FALLBACK_MS, RETRY_JITTER } from './cadence';


export interface BackoffOptions {
  /** Upper bound for the computed delay (default 5 minutes). */
  maxMs?: number;
  /** The server's Retry-After: never retry sooner than this (it may exceed maxMs). */
  retryAfterMs?: number;
  /** 0 <= random() < 1; injectable so tests are deterministic. Default Math.random. */
  random?: () => number;
  /** Fraction of the delay taken off at random (default 0.2), so many panels that failed
   *  together do not retry in lockstep. 0 disables jitter. */
  jitter?: number;
}

/**
 * Delay before retry number `attempt` (1 = the first retry after one failure):
 * baseMs * 2^(attempt-1), capped at maxMs, minus up to `jitter` of it at random, and never
 * less than retryAfterMs.
 */
export function nextDelay(attempt: number, baseMs: number, options: BackoffOptions = {}): number {
  const maxMs = options.maxMs ?? RETRY_BACKOFF_CAP_MS;
  const jitter = Math.min(1, Math.max(0, options.jitter ?? RETRY_JITTER));
  const random = options.random ?? Math.random;
  const base = Number.isFinite(baseMs) && baseMs > 0 ? baseMs : RETRY_BASE_FALLBACK_MS;
  const n = Number.isFinite(attempt) ? Math.max(1, Math.floor(attempt)) : 1;
  // 2^(n-1) overflows to Infinity for huge n, which the cap absorbs.
  const capped = Math.min(maxMs, base * 2 ** (n - 1));
  const r = Math.min(1, Math.max(0, random()));
  const delay = Math.round(capped * (1 - jitter * r));
  const retryAfter = options.retryAfterMs;
  if (typeof retryAfter === 'number' && Number.isFinite(retryAfter) && retryAfter > delay) {
    return Math.round(retryAfter);
  }
  return delay;
}
