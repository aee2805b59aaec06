// @vitest-environment node
import { realEntries, realEntryOfLevel, realTracebackEntries, recordedExchange } from '../../fixtures/real-entries';
import { readJson, REAL_NETBOX } from '../../fixtures/real-recordings';
import { wireEntry } from '../../fixtures/wire-entry';
import { describe, expect, it } from 'vitest';
import type { FailureKind } from '../../../lib/core/failure';
import type { LogEntry } from '../../../lib/core/log-types';
import { DEFAULT_RETRY_AFTER_MS, MAX_RETRY_AFTER_MS } from '../../../lib/core/cadence';
import {
  errorDetail,
  isLoginUrl,
  looksLikeLoginPage,
  parseLogsJson,
  stripEscapes,
  parseLogsResponse,
  parseRetryAfter,
  safeDetail,
  type RawResponse,
} from '../../../lib/core/parse-logs-response';

const API = 'https://nb.example.com/api/plugins/proxbox/logs/';
const JSON_TYPE = { 'content-type': 'application/json' };
const HTML_TYPE = { 'content-type': 'text/html; charset=utf-8' };

function raw(partial: Partial<RawResponse> = {}): RawResponse {
  return { status: 200, headers: JSON_TYPE, url: API, redirected: false, bodyText: '', ...partial };
}
function json(body: unknown, partial: Partial<RawResponse> = {}): RawResponse {
  return raw({ bodyText: JSON.stringify(body), ...partial });
}
const wire = wireEntry;
function page(logs: unknown[], rest: Record<string, unknown> = { total: logs.length, has_more: false }): RawResponse {
  return json({ logs, ...rest });
}
function kindOf(res: RawResponse): FailureKind | 'ok' {
  const out = parseLogsResponse(res);
  return out.ok ? 'ok' : out.failure.kind;
}

const LOGIN_PAGE = `<!DOCTYPE html><html lang="en" data-netbox-version="4.6.8" data-bs-theme="light">
<head><title>Login | NetBox</title></head><body><form method="post" action="/login/">
<input type="hidden" name="csrfmiddlewaretoken" value="abc"><input type="text" name="username">
<input type="password" name="password" id="id_password"><button type="submit">Sign In</button></form></body></html>`;

describe('parseLogsResponse: the logs shape', () => {
  it('parses the contract example exactly', () => {
    const body = {
      logs: [
        {
          id: '1042',
          timestamp: '2026-11-25T18:02:11.482913+00:00',
          level: 'ERROR',
          module: 'virtual_machines',
          message: 'Failed to sync VM 101 on node pve01: 500 Internal Server Error',
          operation_id: '0f8e2c1a-5b7d-4c39-9e0a-2d6f1b3c4e5f',
          operation: 'vm_sync',
          phase: 'write',
          resource_type: 'virtual_machine',
          resource_id: 101,
          expandable: { traceback: 'Traceback (most recent call last):\n  ...' },
        },
      ],
      total: 3120,
      has_more: true,
      active_filters: { level: null, errors_only: null, newer_than_id: null, older_than_id: null, operation_id: null, since: null },
    };
    expect(parseLogsResponse(json(body))).toEqual({
      ok: true,
      value: {
        logs: [
          {
            id: 1042,
            timestamp: '2026-11-25T18:02:11.482913+00:00',
            level: 'ERROR',
            module: 'virtual_machines',
            message: 'Failed to sync VM 101 on node pve01: 500 Internal Server Error',
            operationId: '0f8e2c1a-5b7d-4c39-9e0a-2d6f1b3c4e5f',
            operation: 'vm_sync',
            phase: 'write',
            resourceType: 'virtual_machine',
            resourceId: '101',
            traceback: 'Traceback (most recent call last):\n  ...',
          },
        ],
        total: 3120,
        hasMore: true,
      },
    });
  });

  it('accepts an empty page', () => {
    expect(parseLogsResponse(page([], { total: 0, has_more: false }))).toEqual({ ok: true, value: { logs: [], total: 0, hasMore: false } });
  });

  it('accepts numeric ids and digit strings with leading zeros', () => {
    const out = parseLogsResponse(page([wire(9), wire('007'), wire(0)]));
    expect(out.ok && out.value.logs.map((e) => e.id)).toEqual([9, 7, 0]);
  });

  it.each([
    ['-1'], ['1.5'], ['1e3'], [' 12'], ['12 '], [''], ['0x10'], ['12345678901234567'], ['९'],
    [-1], [1.5], [Number.MAX_SAFE_INTEGER + 1], [null], [true], [{}], [[1]],
  ])('rejects the whole answer for an unusable id %j', (id) => {
    const out = parseLogsResponse(page([wire(2), wire(id as never)]));
    expect(out).toEqual({ ok: false, failure: { kind: 'wrong-shape', status: 200, detail: 'logs[1].id is not a non-negative integer' } });
  });

  it('rejects the whole answer for a missing id', () => {
    const { id: _id, ...noId } = wire(1);
    expect(parseLogsResponse(page([noId]))).toEqual({
      ok: false,
      failure: { kind: 'wrong-shape', status: 200, detail: 'logs[0].id is not a non-negative integer' },
    });
  });

  it.each([[null], ['text'], [5], [[wire(1)]]])('rejects non-object entries (%j)', (entry) => {
    expect(parseLogsResponse(page([wire(3), entry]))).toEqual({
      ok: false,
      failure: { kind: 'wrong-shape', status: 200, detail: 'logs[1] is not an object' },
    });
  });

  it('coerces optional fields as documented', () => {
    const out = parseLogsResponse(
      page([
        { id: '5', timestamp: 1700000000, message: 42, module: null },
        wire(4, { level: 'error', operation_id: '', resource_id: '101', expandable: { traceback: '' } }),
        wire(3, { level: 40, operation: 7, resource_id: 0, expandable: { traceback: 5 } }),
        wire(2, { level: 'NOTICE', message: { html: '<b>' }, phase: false, expandable: 'Traceback' }),
        wire(1, { level: '', timestamp: null, module: ['x'], resource_type: {}, expandable: [] }),
      ]),
    );
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    const pick = (e: LogEntry) => [e.timestamp, e.level, e.module, e.message, e.operationId, e.operation, e.phase, e.resourceType, e.resourceId, e.traceback];
    expect(out.value.logs.map(pick)).toEqual([
      ['1700000000', 'UNKNOWN', '', '42', null, null, null, null, null, null],
      ['2026-11-25T18:02:11.482913+00:00', 'ERROR', 'sync', 'entry 4', null, null, null, null, '101', null],
      ['2026-11-25T18:02:11.482913+00:00', 'ERROR', 'sync', 'entry 3', null, '7', null, null, '0', null],
      ['2026-11-25T18:02:11.482913+00:00', 'NOTICE', 'sync', '', null, null, null, null, null, null],
      ['', 'UNKNOWN', '', 'entry 1', null, null, null, null, null, null],
    ]);
  });

  it('keeps messages byte for byte (HTML, quotes, control characters, non-Latin) but terminal colour codes', () => {
    const message = '<img src=x onerror=alert(1)> "quoted" \u0000\u001b[31m Привет 日本語 🚀\r\n\ttab';
    const out = parseLogsResponse(page([wire(1, { message })]));
    expect(out.ok && out.value.logs[0]!.message).toBe('<img src=x onerror=alert(1)> "quoted" \u0000 Привет 日本語 🚀\r\n\ttab');
  });

  it('reads total and has_more tolerantly', () => {
    const three = [wire(3), wire(2), wire(1)];
    const total = (rest: Record<string, unknown>) => {
      const out = parseLogsResponse(page(three, rest));
      return out.ok ? [out.value.total, out.value.hasMore] : out.failure.kind;
    };
    expect(total({})).toEqual([3, false]);
    expect(total({ total: 3120, has_more: true })).toEqual([3120, true]);
    expect(total({ total: '3120', has_more: 'true' })).toEqual([3120, false]);
    expect(total({ total: -5, has_more: 1 })).toEqual([3, false]);
    expect(total({ total: 1 })).toEqual([3, false]);
    expect(total({ total: 7.9 })).toEqual([7, false]);
    expect(total({ total: null, has_more: null })).toEqual([3, false]);
    expect(total({ total: 1e300 })).toEqual([Number.MAX_SAFE_INTEGER, false]);
  });

  it('sorts by id descending and drops duplicate ids, keeping the first copy', () => {
    const out = parseLogsResponse(
      page([wire(3), wire(5, { message: 'first 5' }), wire('5', { message: 'second 5' }), wire(1), wire(4), wire(3, { message: 'again 3' })]),
    );
    expect(out.ok && out.value.logs.map((e) => [e.id, e.message])).toEqual([
      [5, 'first 5'],
      [4, 'entry 4'],
      [3, 'entry 3'],
      [1, 'entry 1'],
    ]);
  });

  it('keeps an already descending page as it is', () => {
    const out = parseLogsResponse(page([wire(10), wire(9), wire(2)]));
    expect(out.ok && out.value.logs.map((e) => e.id)).toEqual([10, 9, 2]);
  });

  it.each([
    [{ total: 0 }, '"logs" is missing'],
    [{ logs: null }, '"logs" is null'],
    [{ logs: {} }, '"logs" is not a list'],
    [{ logs: 'x' }, '"logs" is not a list'],
    [[wire(1)], 'expected an object with "logs", got a list'],
    [null, 'expected an object with "logs", got null'],
    ['logs', 'expected an object with "logs", got string'],
    [42, 'expected an object with "logs", got number'],
  ])('answers wrong-shape for JSON %j', (body, detail) => {
    expect(parseLogsResponse(json(body))).toEqual({ ok: false, failure: { kind: 'wrong-shape', status: 200, detail } });
  });
});

describe('parseLogsResponse: the discovery shape', () => {
  it('recognises an older/newer plugin answering with where the backend is', () => {
    const out = parseLogsResponse(
      json({
        fastapi_url: 'http://proxbox:8800',
        logs_api_url: 'http://proxbox:8800/admin/logs',
        sse_stream_url: 'http://proxbox:8800/admin/logs/stream',
        websocket_url: 'ws://proxbox:8800/ws',
      }),
    );
    expect(out).toEqual({
      ok: false,
      failure: {
        kind: 'discovery',
        status: 200,
        detail: "the plugin points to the backend's logs at http://proxbox:8800/admin/logs instead of serving them",
        backendUrl: 'http://proxbox:8800',
      },
    });
  });

  it('takes the backend address from a real recorded plugin answer, or from logs_api_url alone', () => {
    const real = readJson(REAL_NETBOX, 'api-plugins-proxbox-logs.json');
    expect(parseLogsJson(real)).toMatchObject({ ok: false, failure: { kind: 'discovery', backendUrl: 'http://127.0.0.1:8800' } });
    expect(parseLogsJson({ fastapi_url: '', logs_api_url: 'https://pb.example.com/api/admin/logs' })).toMatchObject({
      failure: { backendUrl: 'https://pb.example.com/api' },
    });
    expect(parseLogsJson({ fastapi_url: 'javascript:alert(1)', logs_api_url: '' })).toMatchObject({ failure: { backendUrl: '' } });
  });

  it('says plainly when the discovery answer names no endpoint (empty strings)', () => {
    expect(parseLogsResponse(json({ fastapi_url: '', logs_api_url: '', sse_stream_url: '' }))).toEqual({
      ok: false,
      failure: {
        kind: 'discovery',
        status: 200,
        detail: 'the plugin names no backend logs URL (no FastAPI endpoint configured, or no permission to view it)',
        backendUrl: '',
      },
    });
    expect(kindOf(json({ fastapi_url: null }))).toBe('discovery');
    expect(kindOf(json({ sse_stream_url: 'http://x/stream' }))).toBe('discovery');
  });

  it('sanitises a hostile logs_api_url', () => {
    const out = parseLogsResponse(json({ logs_api_url: `http://x/\u0000\u202e${'a'.repeat(1000)}` }));
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.failure.detail).not.toMatch(/[\u0000\u202e]/);
    expect(out.failure.detail!.length).toBeLessThanOrEqual(300);
  });

  it('prefers logs when an answer has both shapes', () => {
    expect(kindOf(json({ logs: [wire(1)], logs_api_url: 'http://x' }))).toBe('ok');
  });
});

describe('parseLogsResponse: logged out', () => {
  it('recognises NetBox login page served with 200 where JSON was expected', () => {
    expect(parseLogsResponse(raw({ headers: HTML_TYPE, bodyText: LOGIN_PAGE }))).toEqual({
      ok: false,
      failure: { kind: 'logged-out', status: 200, detail: 'login page instead of JSON' },
    });
  });

  it.each([
    'https://nb.example.com/login/?next=/api/plugins/proxbox/logs/',
    'https://tools.example.com/netbox/login/?next=/netbox/api/plugins/proxbox/logs/%3Flevel%3DERROR',
    'https://nb.example.com/login/',
    'https://nb.example.com/login',
  ])('a redirect that ends at %s', (url) => {
    expect(parseLogsResponse(raw({ url, redirected: true, headers: HTML_TYPE, bodyText: '<html>sign in</html>' }))).toEqual({
      ok: false,
      failure: { kind: 'logged-out', status: 200, detail: 'redirected to the login page' },
    });
  });

  it('an opaque redirect (redirect: manual), status 0 redirected, or any 3xx', () => {
    expect(parseLogsResponse(raw({ status: 0, type: 'opaqueredirect', url: '', bodyText: '' }))).toEqual({
      ok: false,
      failure: { kind: 'logged-out', status: 0, detail: 'redirected' },
    });
    expect(kindOf(raw({ status: 0, redirected: true, url: '' }))).toBe('logged-out');
    for (const status of [301, 302, 303, 307, 308]) {
      expect(parseLogsResponse(raw({ status, headers: { location: '/login/?next=/x/' } }))).toEqual({
        ok: false,
        failure: { kind: 'logged-out', status, detail: 'redirected', redirectTo: '/login/?next=/x/' },
      });
    }
  });

  it.each([
    'Authentication credentials were not provided.',
    'Invalid token',
    'Invalid token header. No credentials provided.',
    'Incorrect authentication credentials.',
    'Token expired',
    'NOT AUTHENTICATED',
  ])('403 %j means logged out', (detail) => {
    expect(parseLogsResponse(json({ detail }, { status: 403 }))).toEqual({
      ok: false,
      failure: { kind: 'logged-out', status: 403, detail },
    });
  });

  it('a harmless redirect (trailing slash, http -> https) still parses the logs', () => {
    expect(kindOf({ ...page([wire(1)]), redirected: true, url: 'https://nb.example.com/api/plugins/proxbox/logs/?limit=200' })).toBe('ok');
  });
});

describe('parseLogsResponse: HTTP statuses', () => {
  it('403 without credential wording is forbidden', () => {
    expect(parseLogsResponse(json({ detail: 'You do not have permission to perform this action.' }, { status: 403 }))).toEqual({
      ok: false,
      failure: { kind: 'forbidden', status: 403, detail: 'You do not have permission to perform this action.' },
    });
    expect(parseLogsResponse(raw({ status: 403, headers: HTML_TYPE, bodyText: '<h1>CSRF verification failed</h1>' }))).toEqual({
      ok: false,
      failure: { kind: 'forbidden', status: 403 },
    });
  });

  it('404 JSON with a detail is no-endpoint; HTML or anything else is plugin-missing', () => {
    expect(parseLogsResponse(json({ detail: 'No enabled FastAPI endpoint is configured.' }, { status: 404 }))).toEqual({
      ok: false,
      failure: { kind: 'no-endpoint', status: 404, detail: 'No enabled FastAPI endpoint is configured.' },
    });
    expect(
      parseLogsResponse(raw({ status: 404, headers: HTML_TYPE, bodyText: '<!DOCTYPE html><html><body>Page Not Found secret-token-123</body></html>' })),
    ).toEqual({ ok: false, failure: { kind: 'plugin-missing', status: 404 } });
    expect(parseLogsResponse(raw({ status: 404, headers: { 'content-type': 'text/plain' }, bodyText: 'Not Found' }))).toEqual({
      ok: false,
      failure: { kind: 'plugin-missing', status: 404, detail: 'Not Found' },
    });
    expect(kindOf(json({}, { status: 404 }))).toBe('plugin-missing');
    expect(kindOf(raw({ status: 404, bodyText: '' }))).toBe('plugin-missing');
  });

  it('401 is the backend rejecting the API key', () => {
    expect(parseLogsResponse(json({ detail: 'Invalid or missing X-Proxbox-API-Key' }, { status: 401 }))).toEqual({
      ok: false,
      failure: { kind: 'api-key-rejected', status: 401, detail: 'Invalid or missing X-Proxbox-API-Key' },
    });
  });

  it("422 joins FastAPI's detail list into one readable line", () => {
    const body = {
      detail: [
        { type: 'less_than_equal', loc: ['query', 'limit'], msg: 'Input should be less than or equal to 5000', input: '9000', ctx: { le: 5000 } },
        { type: 'enum', loc: ['query', 'level'], msg: "Input should be 'DEBUG', 'INFO', 'WARNING', 'ERROR' or 'CRITICAL'", input: 'LOUD' },
      ],
    };
    expect(parseLogsResponse(json(body, { status: 422 }))).toEqual({
      ok: false,
      failure: {
        kind: 'bad-query',
        status: 422,
        detail: "limit: Input should be less than or equal to 5000; level: Input should be 'DEBUG', 'INFO', 'WARNING', 'ERROR' or 'CRITICAL'",
      },
    });
    expect(parseLogsResponse(json({ detail: 'bad since' }, { status: 422 }))).toEqual({
      ok: false,
      failure: { kind: 'bad-query', status: 422, detail: 'bad since' },
    });
  });

  it('429 honours Retry-After in seconds and as an HTTP date, defaults to 60 s, caps at 1 h', () => {
    const now = Date.parse('2026-11-25T18:00:00Z');
    const retry = (headers: Record<string, string>) => {
      const out = parseLogsResponse(json({ detail: 'Too many failed API key attempts' }, { status: 429, headers }), now);
      return out.ok ? null : out.failure;
    };
    expect(retry({ 'retry-after': '30' })).toEqual({
      kind: 'rate-limited',
      status: 429,
      detail: 'Too many failed API key attempts',
      retryAfterMs: 30_000,
    });
    expect(retry({ 'retry-after': 'Wed, 25 Nov 2026 18:02:00 GMT' })?.retryAfterMs).toBe(120_000);
    expect(retry({})?.retryAfterMs).toBe(60_000);
    expect(retry({ 'retry-after': 'soon' })?.retryAfterMs).toBe(60_000);
    expect(retry({ 'retry-after': '86400' })?.retryAfterMs).toBe(3_600_000);
    expect(retry({ 'retry-after': 'Wed, 25 Nov 2026 17:00:00 GMT' })?.retryAfterMs).toBe(0);
  });

  it.each([
    [502, 'backend-down'],
    [504, 'backend-timeout'],
    [500, 'server-error'],
    [503, 'server-error'],
    [599, 'server-error'],
    [400, 'unexpected'],
    [405, 'unexpected'],
    [418, 'unexpected'],
    [600, 'unexpected'],
  ] as const)('%i -> %s', (status, kind) => {
    expect(parseLogsResponse(json({ detail: 'Proxbox backend unreachable' }, { status }))).toEqual({
      ok: false,
      failure: { kind, status, detail: 'Proxbox backend unreachable' },
    });
  });

  it('status 0 without a redirect (an opaque answer) is unexpected', () => {
    expect(parseLogsResponse(raw({ status: 0, type: 'opaque', url: '' }))).toEqual({
      ok: false,
      failure: { kind: 'unexpected', status: 0, detail: 'no readable answer (opaque)' },
    });
  });

  it('never puts an HTML page into a detail', () => {
    const html = '<html><head><title>502 Bad Gateway</title></head><body>nginx secret-internal-host</body></html>';
    expect(parseLogsResponse(raw({ status: 502, headers: {}, bodyText: html }))).toEqual({
      ok: false,
      failure: { kind: 'backend-down', status: 502 },
    });
    expect(parseLogsResponse(raw({ status: 500, headers: HTML_TYPE, bodyText: 'Server Error secret' }))).toEqual({
      ok: false,
      failure: { kind: 'server-error', status: 500 },
    });
  });

  it('shows a plain-text error body, cleaned', () => {
    expect(parseLogsResponse(raw({ status: 502, headers: { 'content-type': 'text/plain' }, bodyText: 'Bad\u0000 Gateway\r\n' }))).toEqual({
      ok: false,
      failure: { kind: 'backend-down', status: 502, detail: 'Bad Gateway' },
    });
  });
});

describe('parseLogsResponse: 200 that is not JSON', () => {
  it('an HTML page that is not the login page is malformed, without its body', () => {
    const out = parseLogsResponse(raw({ headers: HTML_TYPE, bodyText: '<html><body>Home | NetBox secret</body></html>' }));
    expect(out).toEqual({ ok: false, failure: { kind: 'malformed', status: 200, detail: 'not JSON (text/html; charset=utf-8)' } });
  });

  it('plain text, truncated JSON, an empty body', () => {
    expect(parseLogsResponse(raw({ headers: {}, bodyText: 'hello' }))).toEqual({
      ok: false,
      failure: { kind: 'malformed', status: 200, detail: 'not JSON (no content type)' },
    });
    expect(kindOf(raw({ bodyText: '{"logs": [' }))).toBe('malformed');
    expect(parseLogsResponse(raw({ bodyText: '' }))).toEqual({ ok: false, failure: { kind: 'malformed', status: 200, detail: 'empty answer' } });
    expect(kindOf(raw({ status: 204, bodyText: '' }))).toBe('malformed');
  });

  it('accepts a UTF-8 byte order mark and surrounding whitespace', () => {
    expect(kindOf(raw({ bodyText: `\ufeff\n  ${JSON.stringify({ logs: [wire(1)] })}\n` }))).toBe('ok');
    expect(kindOf(raw({ bodyText: `\n  ${JSON.stringify({ logs: [wire(1)] })}\n` }))).toBe('ok');
  });
});

describe('parseLogsResponse: hostile input', () => {
  it('does not pollute prototypes and copies no unknown keys', () => {
    const body =
      '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "logs": [' +
      '{"id": "1", "__proto__": {"polluted": true, "level": "CRITICAL"}, "constructor": {"prototype": {"polluted": true}}, "extra": "x"}]}';
    const out = parseLogsResponse(raw({ bodyText: body }));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    const entry = out.value.logs[0]!;
    expect(Object.keys(entry).sort()).toEqual(
      ['id', 'level', 'message', 'module', 'operation', 'operationId', 'phase', 'resourceId', 'resourceType', 'timestamp', 'traceback'].sort(),
    );
    expect(entry.level).toBe('UNKNOWN');
    expect(Object.getPrototypeOf(entry)).toBe(Object.prototype);
  });

  it('handles a "__proto__" discovery/total key without trouble', () => {
    expect(kindOf(raw({ bodyText: '{"__proto__": {"logs": [{"id": 1}]}}' }))).toBe('wrong-shape');
    expect(kindOf(raw({ bodyText: '{"__proto__": {"logs_api_url": "x"}}' }))).toBe('wrong-shape');
  });

  it('survives deeply nested JSON', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(['malformed', 'wrong-shape']).toContain(kindOf(raw({ bodyText: deep })));
    const inEntry = `{"logs":[{"id":"1","expandable":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}]}`;
    expect(kindOf(raw({ bodyText: inEntry }))).toBe('ok');
  });

  it('handles huge strings: a 10 MB message, a 20 MB non-JSON body, a 5 MB detail', () => {
    const message = 'x'.repeat(10_000_000);
    const out = parseLogsResponse(page([wire(1, { message })]));
    expect(out.ok && out.value.logs[0]!.message.length).toBe(10_000_000);
    expect(kindOf(raw({ headers: {}, bodyText: 'y'.repeat(20_000_000) }))).toBe('malformed');
    const detail = parseLogsResponse(json({ detail: `\u0007${'z'.repeat(5_000_000)}` }, { status: 500 }));
    expect(detail.ok ? 0 : detail.failure.detail!.length).toBe(300);
  });

  it('never throws on random bytes, random JSON, random statuses (seeded fuzz)', () => {
    let seed = 0x2f6e2b1;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const int = (n: number) => Math.floor(rand() * n);
    const randomString = () => {
      let s = '';
      const n = int(40);
      for (let i = 0; i < n; i++) s += String.fromCharCode(int(rand() < 0.8 ? 128 : 0xffff));
      return s;
    };
    const keys = ['logs', 'id', 'level', 'message', 'total', 'has_more', 'detail', 'expandable', 'traceback', '__proto__', 'constructor', 'logs_api_url', 'msg', 'loc'];
    const value = (depth: number): unknown => {
      const r = int(depth > 4 ? 6 : 9);
      switch (r) {
        case 0: return null;
        case 1: return rand() < 0.5;
        case 2: return int(1e6) - 1000;
        case 3: return rand() * 1e20;
        case 4: return randomString();
        case 5: return String(int(1e6));
        case 6: return Array.from({ length: int(5) }, () => value(depth + 1));
        default: {
          const o: Record<string, unknown> = {};
          for (let i = int(6); i > 0; i--) o[keys[int(keys.length)]!] = value(depth + 1);
          return o;
        }
      }
    };
    const statuses = [0, 200, 200, 200, 204, 302, 401, 403, 404, 422, 429, 500, 502, 503, 504, 418];
    const kinds = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      let bodyText: string;
      const mode = int(4);
      if (mode === 0) bodyText = randomString();
      else if (mode === 1) bodyText = JSON.stringify(value(0)).slice(0, int(2) ? undefined : int(50));
      else if (mode === 2) bodyText = JSON.stringify({ logs: Array.from({ length: int(4) }, () => (int(3) ? { ...(value(1) as object), id: value(2) } : value(1))), total: value(2), has_more: value(2) });
      else bodyText = JSON.stringify({ detail: value(1) });
      const res: RawResponse = {
        status: statuses[int(statuses.length)]!,
        headers: int(2) ? { 'content-type': randomString(), 'retry-after': randomString() } : JSON_TYPE,
        url: int(5) ? API : randomString(),
        redirected: rand() < 0.1,
        type: rand() < 0.05 ? 'opaqueredirect' : 'basic',
        bodyText,
      };
      const out = parseLogsResponse(res);
      expect(typeof out.ok).toBe('boolean');
      if (!out.ok) {
        kinds.add(out.failure.kind);
        if (out.failure.detail !== undefined) {
          expect(out.failure.detail.length).toBeLessThanOrEqual(300);
          expect(out.failure.detail).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
        }
      } else kinds.add('ok');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(kinds.size).toBeGreaterThan(8);
  });

  it('parses 5,000 entries quickly', () => {
    const logs = Array.from({ length: 5000 }, (_, i) =>
      wire(String(100_000 - i), {
        level: i % 10 === 0 ? 'ERROR' : 'INFO',
        message: `Synced VM ${i} on node pve0${i % 5}: ${'detail '.repeat(10)}`,
        operation_id: '0f8e2c1a-5b7d-4c39-9e0a-2d6f1b3c4e5f',
        operation: 'vm_sync',
        phase: 'write',
        resource_type: 'virtual_machine',
        resource_id: i,
        expandable: i % 10 === 0 ? { traceback: 'Traceback (most recent call last):\n  File "x.py", line 1\n' } : null,
      }),
    );
    const parsedJson = { logs, total: 10_000, has_more: true };
    const res = json(parsedJson);
    for (let i = 0; i < 20; i++) parseLogsJson(parsedJson); // warm up the JIT
    let best = Infinity;
    let bestWithJsonParse = Infinity;
    for (let i = 0; i < 10; i++) {
      let t = performance.now();
      const out = parseLogsJson(parsedJson);
      best = Math.min(best, performance.now() - t);
      expect(out.ok && out.value.logs.length).toBe(5000);
      t = performance.now();
      parseLogsResponse(res);
      bestWithJsonParse = Math.min(bestWithJsonParse, performance.now() - t);
    }
    console.info(`5,000 entries: ${best.toFixed(2)} ms validating, ${bestWithJsonParse.toFixed(2)} ms with JSON.parse`);
    // Generous bounds so a slow CI machine does not flake; typical numbers are far lower.
    expect(best).toBeLessThan(25);
    expect(bestWithJsonParse).toBeLessThan(100);
  });
});

describe('helpers', () => {
  it('safeDetail strips controls and bidi overrides, collapses spaces, truncates to 300', () => {
    expect(safeDetail('a\u0000b\u001b[31mc\u007f\u0085d\u202eevil\u2066  x\n\ny')).toBe('a b [31mc d evil x y');
    expect(safeDetail(42)).toBe('');
    expect(safeDetail(null)).toBe('');
    const long = safeDetail('é'.repeat(1000));
    expect(long.length).toBe(300);
    expect(long.endsWith('…')).toBe(true);
    const emoji = safeDetail('🚀'.repeat(400));
    expect(emoji.length).toBeLessThanOrEqual(300);
    expect(emoji).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('isLoginUrl', () => {
    expect(isLoginUrl('https://nb.example.com/login/?next=/x/')).toBe(true);
    expect(isLoginUrl('https://nb.example.com/netbox/login/')).toBe(true);
    expect(isLoginUrl('https://nb.example.com/api/plugins/proxbox/logs/')).toBe(false);
    expect(isLoginUrl('https://nb.example.com/api/plugins/proxbox/logs/?q=/login/')).toBe(false);
    expect(isLoginUrl('')).toBe(false);
    expect(isLoginUrl('not a url /login/?next=/x')).toBe(true);
  });

  it('looksLikeLoginPage', () => {
    expect(looksLikeLoginPage(LOGIN_PAGE)).toBe(true);
    expect(looksLikeLoginPage('<html data-netbox-url-name="login"><body></body></html>')).toBe(true);
    expect(looksLikeLoginPage('<html data-netbox-url-name="dcim:device_list"><form><input name="csrfmiddlewaretoken"></form></html>')).toBe(false);
    expect(looksLikeLoginPage('<input name=csrfmiddlewaretoken><input type=password>')).toBe(true);
  });

  it('parseRetryAfter', () => {
    expect(parseRetryAfter('0')).toBe(0);
    expect(parseRetryAfter(' 5 ')).toBe(5000);
    expect(parseRetryAfter(undefined)).toBe(DEFAULT_RETRY_AFTER_MS);
    expect(parseRetryAfter('-5')).toBe(DEFAULT_RETRY_AFTER_MS);
    expect(parseRetryAfter('99999999999')).toBe(DEFAULT_RETRY_AFTER_MS); // not delta-seconds, not a date
    expect(parseRetryAfter('4000')).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter('Wed, 25 Nov 2026 18:00:10 GMT', Date.parse('2026-11-25T18:00:00Z'))).toBe(10_000);
  });

  it('errorDetail', () => {
    expect(errorDetail({ detail: [{ loc: ['body'], msg: 'Field required' }, 'plain', { msg: 5 }] })).toBe('Field required; plain');
    expect(errorDetail({ detail: [{ loc: ['query', 'newer_than_id'], msg: 'Input should be a valid integer' }] })).toBe(
      'newer_than_id: Input should be a valid integer',
    );
    expect(errorDetail({ error: 'boom' })).toBe('boom');
    expect(errorDetail({ detail: { nested: true } })).toBe('');
    expect(errorDetail('detail')).toBe('');
  });
});

describe('parseLogsResponse: answers recorded from a real proxbox-api and NetBox', () => {
  const ANSI = /\u001b\[\d+m/g;
  const recorded = (name: string, partial: Partial<RawResponse> = {}) => {
    const x = recordedExchange(name);
    return raw({ status: x.status, bodyText: JSON.stringify(x.body), ...partial });
  };

  it('parses every recorded logs answer: ids, order, total, has_more kept', () => {
    for (const name of ['default', 'errors_only_true', 'level_ERROR', 'since', 'older_than_id', 'offset_beyond', 'combined_level_WARNING_limit_3_offset_1']) {
      const body = recordedExchange(name).body as { logs: Array<{ id: string }>; total: number; has_more: boolean };
      const out = parseLogsResponse(recorded(name));
      expect(out.ok, name).toBe(true);
      if (!out.ok) continue;
      expect(out.value.logs.map((e) => e.id)).toEqual(body.logs.map((e) => Number(e.id)));
      expect([out.value.total, out.value.hasMore]).toEqual([body.total, body.has_more]);
    }
  });

  it('keeps real entries whole: messages, ANSI-coloured module names, operation ids, tracebacks', () => {
    const entries = realEntries();
    const out = parseLogsResponse(page([...entries].reverse()));
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    const byId = new Map(out.value.logs.map((e) => [String(e.id), e]));
    for (const wireEntry of entries) {
      const parsed = byId.get(wireEntry.id)!;
      expect(parsed.message).toBe(wireEntry.message);
      expect(parsed.module.replace(ANSI, '')).toBe(wireEntry.module.replace(ANSI, ''));
      expect(parsed.operationId).toBe(wireEntry.operation_id);
      expect(parsed.traceback).toBe(wireEntry.expandable?.traceback ?? null);
    }
    // The fixtures hold what makes real entries hard: colour codes by level, exception-group tracebacks.
    expect(realEntryOfLevel('WARNING').module).toMatch(/^\u001b\[90m\u001b\[90m.+\u001b\[0m\u001b\[0m$/);
    expect(realTracebackEntries().some((e) => e.expandable!.traceback!.includes('Exception Group Traceback'))).toBe(true);
    expect(entries.some((e) => e.operation_id !== null)).toBe(true);
  });

  it('reads the real 401, 422 and discovery answers as the failures they are', () => {
    expect(parseLogsResponse(recorded('no_key'))).toMatchObject({ ok: false, failure: { kind: 'api-key-rejected', detail: 'API key required. 4 attempts remaining.' } });
    expect(parseLogsResponse(recorded('wrong_key'))).toMatchObject({ ok: false, failure: { kind: 'api-key-rejected' } });
    expect(kindOf(recorded('level_bogus'))).toBe('bad-query');
    const discovery = readJson(REAL_NETBOX, 'api-plugins-proxbox-logs.json');
    expect(parseLogsResponse(json(discovery))).toMatchObject({ ok: false, failure: { kind: 'discovery' } });
    const nothing = readJson(REAL_NETBOX, 'api-plugins-proxbox-logs-no-endpoint.json');
    expect(parseLogsResponse(json(nothing))).toMatchObject({ ok: false, failure: { kind: 'discovery' } });
  });
});

describe('terminal colour codes from the backend (contract §3)', () => {
  it('never reach a view: real recorded entries lose their escapes in every text', () => {
    const real = recordedExchange('level_ERROR');
    const out = parseLogsJson(real.body);
    if (!out.ok) throw new Error(out.failure.kind);
    expect(out.value.logs.length).toBeGreaterThan(0);
    const raw = JSON.stringify(real.body);
    expect(raw).toContain('\\u001b['); // the recording has them
    for (const e of out.value.logs) {
      expect(JSON.stringify(e)).not.toMatch(/\u001b/);
      expect(e.module).toMatch(/^[a-z_]+$/);
    }
  });

  it('strips CSI sequences and lone escapes, keeping the text around them', () => {
    expect(stripEscapes('\u001b[90m\u001b[90mvirtual_machines\u001b[0m\u001b[0m')).toBe('virtual_machines');
    expect(stripEscapes('a\u001b[1;31mb\u001b[0mc\u001bd')).toBe('abcd');
    expect(stripEscapes('plain')).toBe('plain');
  });
});
