import { DEFAULT_RETRY_AFTER_MS, MAX_RETRY_AFTER_MS } from './cadence';
import type { Failure, FailureKind, FetchOutcome } from './failure';
import { LEVELS, type LogEntry, type LogsPage } from './log-types';

// Turns whatever the network gives into a LogsPage or a Failure (contract §1-§3).
// Decisions, so callers know what to expect:
// - An entry that is not an object, or whose id is not a non-negative integer (number or
//   digit string), makes the whole answer 'wrong-shape': every later step (merging by id,
//   cursors) depends on ids, so a page with unusable ids is not trusted at all.
// - Other fields are coerced, never fatal: timestamp/module/message -> string ('' when
//   missing), numbers become strings; level -> string ('UNKNOWN' when missing, Python's
//   numeric levels and lower-case names mapped to LEVELS); operation_id/operation/phase/
//   resource_type/resource_id -> string or null ('' counts as null); traceback from
//   expandable.traceback when it is a non-empty string.
// - total -> a non-negative integer, else logs.length; has_more -> only `true` is true.
// - The page is returned sorted by id descending and de-duplicated by id (first copy kept).
// - Terminal escape sequences (ANSI colours around `module`) are removed from every text.
// - Failure details are plain text, control characters removed, at most 300 characters,
//   and never taken from an HTML page.

/** What parsing needs of an HTTP answer: plain data, so it is tested without a network. */
export interface RawResponse {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** Final URL after redirects (a /login/ URL means the session is gone). */
  url: string;
  redirected: boolean;
  /** 'opaqueredirect' when fetched with redirect: 'manual' and NetBox redirected. */
  type?: string;
  bodyText: string;
}

export const DETAIL_MAX_CHARS = 300;
/** A login page is small; scanning further into a huge body would only cost time. */
const LOGIN_SCAN_CHARS = 512 * 1024;

export function failure(kind: FailureKind, status?: number, detail?: string): { ok: false; failure: Failure } {
  const f: Failure = { kind };
  if (status !== undefined) f.status = status;
  if (detail) f.detail = detail;
  return { ok: false, failure: f };
}

// C0/C1 controls, DEL, and bidi overrides (which could make a detail read backwards).
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g;

/** Any value as a short single line of plain text, safe to show; '' for non-strings. */
export function safeDetail(value: unknown, max = DETAIL_MAX_CHARS): string {
  if (typeof value !== 'string') return '';
  // Cut before the regexes so a 50 MB string costs no more than a short one.
  let s = value.length > max * 4 ? value.slice(0, max * 4) : value;
  s = s.replace(UNSAFE_CHARS, ' ').replace(/ {2,}/g, ' ').trim();
  if (s.length <= max) return s;
  let cut = max - 1;
  // Do not split a surrogate pair in two.
  const c = s.charCodeAt(cut - 1);
  if (c >= 0xd800 && c <= 0xdbff) cut--;
  return `${s.slice(0, cut)}…`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function hasOwn(o: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}

/** NetBox's login page URL: ".../login/" or ".../login/?next=...". */
export function isLoginUrl(url: string): boolean {
  if (!url) return false;
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return url.includes('/login/?next=') || url.endsWith('/login/');
  }
  return path.endsWith('/login/') || path.endsWith('/login');
}

/** NetBox's login form: the Django CSRF field with a password field, or the page's url-name. */
export function looksLikeLoginPage(body: string): boolean {
  const head = body.length > LOGIN_SCAN_CHARS ? body.slice(0, LOGIN_SCAN_CHARS) : body;
  if (/data-netbox-url-name\s*=\s*["']?login["'\s>]/i.test(head)) return true;
  return (
    /name\s*=\s*["']?csrfmiddlewaretoken/i.test(head) && /type\s*=\s*["']?password["'\s>/]/i.test(head)
  );
}

/** How far firstNonSpace looks: whitespace before a JSON or HTML body is a few bytes, not a page. */
const LEADING_SPACE_SCAN = 1024;

function firstNonSpace(s: string): string {
  for (let i = 0; i < s.length && i < LEADING_SPACE_SCAN; i++) {
    const c = s[i]!;
    if (c !== ' ' && c !== '\n' && c !== '\r' && c !== '\t' && c !== '\ufeff') return c;
  }
  return '';
}

function looksLikeHtml(headers: Record<string, string>, body: string): boolean {
  return String(headers['content-type'] ?? '').toLowerCase().includes('html') || firstNonSpace(body) === '<';
}

/** JSON.parse that never throws: `undefined` when the text is not JSON. */
function tryParseJson(text: string): unknown {
  const c = firstNonSpace(text);
  // An HTML page is never JSON; skip parsing it (JSON.parse also fails fast on other text).
  if (c === '' || c === '<') return undefined;
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as unknown;
  } catch {
    return undefined;
  }
}

/** A readable detail from FastAPI / DRF error JSON: "detail" as a string or FastAPI's list. */
export function errorDetail(json: unknown): string {
  if (!isObject(json)) return '';
  const d = json.detail;
  if (typeof d === 'string') return safeDetail(d);
  if (Array.isArray(d)) {
    const parts: string[] = [];
    for (const item of d.slice(0, 20)) {
      if (typeof item === 'string') parts.push(item);
      else if (isObject(item) && typeof item.msg === 'string') {
        // FastAPI: {"loc": ["query", "limit"], "msg": "Input should be ..."} -> "limit: Input ..."
        const loc = Array.isArray(item.loc)
          ? item.loc.filter((p, i) => (typeof p === 'string' || typeof p === 'number') && !(i === 0 && (p === 'query' || p === 'body'))).join('.')
          : '';
        parts.push(loc ? `${loc}: ${item.msg}` : item.msg);
      }
    }
    return safeDetail(parts.join('; '));
  }
  if (typeof json.error === 'string') return safeDetail(json.error);
  return '';
}

/** Retry-After in ms: delta-seconds or an HTTP date, defaulting to a minute, capped at an hour. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number {
  const v = (value ?? '').trim();
  let ms: number;
  if (/^\d{1,10}$/.test(v)) ms = Number(v) * 1000;
  else {
    // Only a date with a month or weekday name: Date.parse would read "-5" as a year.
    const at = /[a-z]{3}/i.test(v) ? Date.parse(v) : NaN;
    if (Number.isNaN(at)) return DEFAULT_RETRY_AFTER_MS;
    ms = at - now;
  }
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms));
}

// "Authentication credentials were not provided.", "Invalid token.", "Token expired", ...
const LOGGED_OUT_DETAIL = /credentials|invalid token|token expired|not authenticated/i;
/** Django REST framework's NotFound detail: the URL is unknown, not the plugin's own 404. */
const GENERIC_NOT_FOUND = /^\s*not found\.?\s*$/i;

/**
 * Everything about an answer except the logs shape: redirects to the login page, HTTP
 * statuses, non-JSON bodies. A 2xx JSON answer comes back as its parsed value. Shared by
 * the logs proxy and /api/status/ (lib/core/fetch-logs.ts).
 */
export function classifyAnswer(res: RawResponse, now: number = Date.now()): FetchOutcome<unknown> {
  try {
    return classify(res, now);
  } catch (e) {
    // Not expected; kept so no input can make the caller throw.
    return failure('unexpected', res?.status, safeDetail(e instanceof Error ? e.message : String(e)));
  }
}

function classify(res: RawResponse, now: number): FetchOutcome<unknown> {
  const status = res.status;
  const body = typeof res.bodyText === 'string' ? res.bodyText : '';
  // With redirect: 'manual' a redirect is opaque (status 0); NetBox redirects only to log in.
  if (res.type === 'opaqueredirect' || (status === 0 && res.redirected)) return failure('logged-out', status, 'redirected');
  if (typeof res.url === 'string' && isLoginUrl(res.url)) return failure('logged-out', status, 'redirected to the login page');
  if (status >= 300 && status < 400) {
    const redirected = failure('logged-out', status, 'redirected');
    const location = safeDetail(String(res.headers?.location ?? ''), 200);
    if (location) redirected.failure.redirectTo = location;
    return redirected;
  }

  if (status >= 200 && status < 300) {
    if (!body) return failure('malformed', status, 'empty answer');
    const json = tryParseJson(body);
    if (json !== undefined) return { ok: true, value: json };
    if (looksLikeLoginPage(body)) return failure('logged-out', status, 'login page instead of JSON');
    const type = safeDetail(res.headers?.['content-type'] ?? '', 80);
    return failure('malformed', status, `not JSON (${type || 'no content type'})`);
  }

  const html = looksLikeHtml(res.headers ?? {}, body);
  const json = html ? undefined : tryParseJson(body);
  let detail = json !== undefined ? errorDetail(json) : '';
  // Plain text (a reverse proxy's "Bad Gateway") is worth showing; an HTML page never is.
  if (!detail && json === undefined && !html) detail = safeDetail(body);

  switch (status) {
    case 401:
      return failure('api-key-rejected', status, detail);
    case 403:
      return failure(LOGGED_OUT_DETAIL.test(detail) ? 'logged-out' : 'forbidden', status, detail);
    case 404:
      // The plugin's own 404 is JSON with a detail saying no endpoint is configured.
      // NetBox's "no such URL" is its HTML 404 page, or under /api/ Django REST
      // framework's generic {"detail": "Not found."}: the plugin (or this path) is missing.
      return isObject(json) && typeof json.detail === 'string' && !GENERIC_NOT_FOUND.test(json.detail)
        ? failure('no-endpoint', status, detail)
        : failure('plugin-missing', status, detail);
    case 422:
      return failure('bad-query', status, detail);
    case 429: {
      const out = failure('rate-limited', status, detail);
      out.failure.retryAfterMs = parseRetryAfter(res.headers?.['retry-after'], now);
      return out;
    }
    case 502:
      return failure('backend-down', status, detail);
    case 504:
      return failure('backend-timeout', status, detail);
  }
  if (status >= 500 && status < 600) return failure('server-error', status, detail);
  if (status === 0) return failure('unexpected', status, detail || `no readable answer (${safeDetail(res.type ?? '', 40) || 'status 0'})`);
  return failure('unexpected', status, detail);
}

const KNOWN_LEVELS: ReadonlySet<string> = new Set(LEVELS);
/** Python's numeric logging levels, in case a backend sends levelno instead of levelname. */
const NUMERIC_LEVELS: Record<number, string> = { 10: 'DEBUG', 20: 'INFO', 30: 'WARNING', 40: 'ERROR', 50: 'CRITICAL' };

/** A non-negative safe integer from a number or a string of digits; -1 when unusable. */
function toId(v: unknown): number {
  if (typeof v === 'number') return Number.isSafeInteger(v) && v >= 0 ? v : -1;
  if (typeof v !== 'string') return -1;
  const n = v.length;
  if (n === 0 || n > 16) return -1;
  let x = 0;
  // A char loop, not a regex or Number(): Number(" 1e3 ") would be 1000.
  for (let i = 0; i < n; i++) {
    const d = v.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    x = x * 10 + d;
  }
  return x <= Number.MAX_SAFE_INTEGER ? x : -1;
}

// Terminal escape sequences the backend's log formatter leaves in (a colour pair around
// `module` on INFO and above, contract §3): CSI sequences like "\u001b[90m", and any
// lone escape character. Users never see them, so neither do the views, search or exports.
const ESCAPES = /\u001b\[[0-?]*[ -\/]*[@-~]|\u001b/g;

/** The text without terminal escape sequences (no allocation when there is none). */
export function stripEscapes(s: string): string {
  return s.includes('\u001b') ? s.replace(ESCAPES, '') : s;
}

function text(v: unknown): string {
  if (typeof v === 'string') return stripEscapes(v);
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return '';
}

function nullableText(v: unknown): string | null {
  if (typeof v === 'string') return v === '' ? null : stripEscapes(v) || null;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

function level(v: unknown): string {
  if (typeof v === 'string') {
    if (KNOWN_LEVELS.has(v)) return v; // the common case: no allocation
    const upper = v.trim().toUpperCase();
    if (KNOWN_LEVELS.has(upper)) return upper;
    return v === '' ? 'UNKNOWN' : v;
  }
  if (typeof v === 'number') return NUMERIC_LEVELS[v] ?? (Number.isFinite(v) ? String(v) : 'UNKNOWN');
  return 'UNKNOWN';
}

function traceback(expandable: unknown): string | null {
  if (typeof expandable !== 'object' || expandable === null) return null;
  const tb = (expandable as { traceback?: unknown }).traceback;
  return typeof tb === 'string' && tb !== '' ? stripEscapes(tb) : null;
}

const DISCOVERY_KEYS = ['fastapi_url', 'logs_api_url', 'sse_stream_url'];

/** The backend's address in a discovery answer: fastapi_url, else logs_api_url without "/admin/logs"; '' for none. */
function discoveredBackend(json: Record<string, unknown>): string {
  const base = typeof json.fastapi_url === 'string' ? json.fastapi_url.trim() : '';
  const logs = typeof json.logs_api_url === 'string' ? json.logs_api_url.trim().replace(/\/admin\/logs\/?$/, '') : '';
  const url = base || logs;
  return /^https?:\/\/[^\s]+$/i.test(url) && url.length <= 500 ? url : '';
}

/** The logs shape (contract §3) or the discovery shape (§2) as parsed JSON -> page or Failure. */
export function parseLogsJson(json: unknown, status = 200): FetchOutcome<LogsPage> {
  if (!isObject(json)) {
    const got = Array.isArray(json) ? 'a list' : json === null ? 'null' : typeof json;
    return failure('wrong-shape', status, `expected an object with "logs", got ${got}`);
  }
  const raw = json.logs;
  if (raw === undefined || raw === null) {
    if (DISCOVERY_KEYS.some((k) => hasOwn(json, k))) {
      const logsApiUrl = safeDetail(json.logs_api_url, 200);
      const out = failure(
        'discovery',
        status,
        logsApiUrl
          ? `the plugin points to the backend's logs at ${logsApiUrl} instead of serving them`
          : 'the plugin names no backend logs URL (no FastAPI endpoint configured, or no permission to view it)',
      );
      out.failure.backendUrl = discoveredBackend(json);
      return out;
    }
    return failure('wrong-shape', status, `"logs" is ${raw === null ? 'null' : 'missing'}`);
  }
  if (!Array.isArray(raw)) return failure('wrong-shape', status, '"logs" is not a list');

  const n = raw.length;
  const logs: LogEntry[] = new Array<LogEntry>(n);
  let descending = true;
  let prev = Infinity;
  for (let i = 0; i < n; i++) {
    const e: unknown = raw[i];
    if (typeof e !== 'object' || e === null || Array.isArray(e)) {
      return failure('wrong-shape', status, `logs[${i}] is not an object`);
    }
    const r = e as Record<string, unknown>;
    const id = toId(r.id);
    if (id < 0) return failure('wrong-shape', status, `logs[${i}].id is not a non-negative integer`);
    if (id >= prev) descending = false;
    prev = id;
    logs[i] = {
      id,
      timestamp: text(r.timestamp),
      level: level(r.level),
      module: text(r.module),
      message: text(r.message),
      operationId: nullableText(r.operation_id),
      operation: nullableText(r.operation),
      phase: nullableText(r.phase),
      resourceType: nullableText(r.resource_type),
      resourceId: nullableText(r.resource_id),
      traceback: traceback(r.expandable),
    };
  }
  // The backend sends newest first; only re-sort (stable, so first copies win) when it did not.
  if (!descending) {
    logs.sort((a, b) => b.id - a.id);
    let w = 0;
    for (let i = 0; i < logs.length; i++) {
      const entry = logs[i]!;
      if (w === 0 || logs[w - 1]!.id !== entry.id) logs[w++] = entry;
    }
    logs.length = w;
  }

  const t = json.total;
  let total = typeof t === 'number' && Number.isFinite(t) && t >= 0 ? Math.min(Math.floor(t), Number.MAX_SAFE_INTEGER) : toId(t);
  if (total < logs.length) total = logs.length;
  return { ok: true, value: { logs, total, hasMore: json.has_more === true } };
}

/** Turns any answer of the logs proxy into a LogsPage or a Failure (contract §2, §3). */
export function parseLogsResponse(res: RawResponse, now: number = Date.now()): FetchOutcome<LogsPage> {
  const answer = classifyAnswer(res, now);
  if (!answer.ok) return answer;
  try {
    return parseLogsJson(answer.value, res.status);
  } catch (e) {
    return failure('unexpected', res.status, safeDetail(e instanceof Error ? e.message : String(e)));
  }
}
