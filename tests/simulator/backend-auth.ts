// proxbox-api's gate in front of every route but a few public ones: a per-address rate
// limit, then the X-Proxbox-API-Key check with its lockout. Bodies, counts and
// Retry-After values are the recorded ones (tests/fixtures/recorded/proxbox-api/no_key.json,
// wrong_key.json; contract §3).
import type { Headers } from './http';

export interface AuthOptions {
  /** Failed attempts (a missing key counts) before the address is locked out. */
  maxKeyFailures: number;
  lockoutMs: number;
  /** Requests per minute per client address, good or bad (PROXBOX_RATE_LIMIT). */
  rateLimit: number;
}

export const DEFAULT_AUTH_OPTIONS: AuthOptions = { maxKeyFailures: 5, lockoutMs: 300_000, rateLimit: 300 };

export interface Refusal {
  status: number;
  detail: string;
  headers: Headers;
}

export type KeyVerdict = 'none' | 'valid' | 'invalid';

const RATE_WINDOW_MS = 60_000;
const MAX_TRACKED_CLIENTS = 10_000;
export const NO_KEY_CONFIGURED = 'No API key configured. Register a key via POST /auth/register-key or use an existing key.';

/** Paths the backend serves without a key (and without counting a failure). */
export const PUBLIC_PATHS = new Set(['/', '/docs', '/redoc', '/openapi.json', '/health', '/meta', '/auth/register-key', '/auth/bootstrap-status']);

/** The paths proxbox-api lets through without a key: the public ones and its docs' assets under /static/. */
export function needsNoKey(pathname: string): boolean {
  return PUBLIC_PATHS.has(pathname) || pathname.startsWith('/static/');
}

/** Bounded map: the least recently touched client goes first. */
function remember<V>(map: Map<string, V>, client: string, value: V): void {
  map.delete(client);
  map.set(client, value);
  if (map.size > MAX_TRACKED_CLIENTS) map.delete(map.keys().next().value!);
}

export class BackendAuth {
  /** The key the backend accepts; null = none registered ("No API key configured"). */
  apiKey: string | null;
  readonly options: AuthOptions;
  private readonly failures = new Map<string, { count: number; lockedUntil: number }>();
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(apiKey: string | null, options: Partial<AuthOptions> = {}) {
    this.apiKey = apiKey;
    this.options = { ...DEFAULT_AUTH_OPTIONS, ...options };
  }

  verdict(key: string | undefined): KeyVerdict {
    if (key === undefined || key === '') return 'none';
    return this.apiKey !== null && key === this.apiKey ? 'valid' : 'invalid';
  }

  /** 429 once an address has sent more than `rateLimit` requests in its current minute. */
  rateLimited(client: string, now = Date.now()): Refusal | null {
    const window = this.windows.get(client);
    const current = window && now - window.start < RATE_WINDOW_MS ? window : { start: now, count: 0 };
    current.count++;
    remember(this.windows, client, current);
    if (current.count <= this.options.rateLimit) return null;
    return { status: 429, detail: 'Rate limit exceeded. Please try again later.', headers: { 'Retry-After': '60' } };
  }

  /** The key check: null when accepted, else the 401/429 the backend answers. */
  check(key: string | undefined, client: string, now = Date.now()): Refusal | null {
    const record = this.failures.get(client);
    if (record && record.lockedUntil > now) {
      return {
        status: 429,
        detail: 'Too many failed authentication attempts. Please try again later.',
        headers: { 'Retry-After': String(Math.round(this.options.lockoutMs / 1000)) },
      };
    }
    if (this.apiKey === null) return { status: 401, detail: NO_KEY_CONFIGURED, headers: {} };
    const verdict = this.verdict(key);
    if (verdict === 'valid') {
      this.failures.delete(client); // a success resets the count
      return null;
    }
    const count = (record && record.lockedUntil === 0 ? record.count : 0) + 1;
    const lockedUntil = count >= this.options.maxKeyFailures ? now + this.options.lockoutMs : 0;
    remember(this.failures, client, { count, lockedUntil });
    const remaining = this.options.maxKeyFailures - count;
    const what = verdict === 'none' ? 'API key required.' : 'Invalid API key.';
    return { status: 401, detail: remaining > 0 ? `${what} ${remaining} attempts remaining.` : what, headers: {} };
  }

  /** A restart forgets failures and rate windows (proxbox-api keeps them in memory here). */
  forget(): void {
    this.failures.clear();
    this.windows.clear();
  }
}
