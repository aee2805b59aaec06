// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { buildLogsUrl, joinUrl } from '../../../lib/core/logs-query';

const PROXY = '/api/plugins/proxbox/logs/';

describe('joinUrl', () => {
  it.each([
    ['https://nb.example.com', '/api/x/', 'https://nb.example.com/api/x/'],
    ['https://nb.example.com/', '/api/x/', 'https://nb.example.com/api/x/'],
    ['https://nb.example.com//', '//api/x/', 'https://nb.example.com/api/x/'],
    ['https://nb.example.com', 'api/x/', 'https://nb.example.com/api/x/'],
    ['https://tools.example.com/netbox', '/api/x/', 'https://tools.example.com/netbox/api/x/'],
    ['https://tools.example.com/netbox/', '/api/x/', 'https://tools.example.com/netbox/api/x/'],
  ])('%s + %s', (base, path, expected) => {
    expect(joinUrl(base, path)).toBe(expected);
  });
});

describe('buildLogsUrl', () => {
  it('sends nothing for an empty query', () => {
    expect(buildLogsUrl('https://nb.example.com', PROXY, {})).toBe('https://nb.example.com/api/plugins/proxbox/logs/');
  });

  it('joins a BASE_PATH without double slashes', () => {
    expect(buildLogsUrl('https://tools.example.com/netbox', PROXY, { limit: 200 })).toBe(
      'https://tools.example.com/netbox/api/plugins/proxbox/logs/?limit=200',
    );
    expect(buildLogsUrl('http://10.0.0.5:8000/', '/custom/logs', {})).toBe('http://10.0.0.5:8000/custom/logs');
  });

  it('uses the contract names in a fixed order', () => {
    const url = buildLogsUrl('https://nb.example.com', PROXY, {
      offset: 200,
      limit: 200,
      since: '2026-11-25T18:00:00+00:00',
      olderThanId: 900,
      newerThanId: 100,
      operationId: '0f8e2c1a-5b7d-4c39-9e0a-2d6f1b3c4e5f',
      errorsOnly: true,
      level: 'ERROR',
    });
    expect(url).toBe(
      'https://nb.example.com/api/plugins/proxbox/logs/?level=ERROR&errors_only=true' +
        '&operation_id=0f8e2c1a-5b7d-4c39-9e0a-2d6f1b3c4e5f&newer_than_id=100&older_than_id=900' +
        '&since=2026-11-25T18%3A00%3A00%2B00%3A00&limit=200&offset=200',
    );
  });

  it('the seed calls', () => {
    const base = 'https://nb.example.com';
    expect(buildLogsUrl(base, PROXY, { level: 'ERROR' })).toBe(`${base}${PROXY}?level=ERROR`);
    expect(buildLogsUrl(base, PROXY, { operationId: 'abc' })).toBe(`${base}${PROXY}?operation_id=abc`);
    expect(buildLogsUrl(base, PROXY, { limit: 200, offset: 200 })).toBe(`${base}${PROXY}?limit=200&offset=200`);
  });

  it('omits unset, false and empty values; trims the operation id', () => {
    expect(
      buildLogsUrl('https://nb.example.com', PROXY, {
        errorsOnly: false,
        operationId: '   ',
        since: '',
        level: undefined,
        newerThanId: undefined,
      }),
    ).toBe('https://nb.example.com/api/plugins/proxbox/logs/');
    expect(buildLogsUrl('https://nb.example.com', PROXY, { operationId: '  abc-1 \n' })).toBe(
      'https://nb.example.com/api/plugins/proxbox/logs/?operation_id=abc-1',
    );
    // null from a loosely typed caller is "unset" too.
    expect(buildLogsUrl('https://nb.example.com', PROXY, { level: null as never, limit: null as never })).toBe(
      'https://nb.example.com/api/plugins/proxbox/logs/',
    );
  });

  it('encodes what it sends', () => {
    expect(buildLogsUrl('https://nb.example.com', PROXY, { operationId: 'a&b=c d/é#' })).toBe(
      'https://nb.example.com/api/plugins/proxbox/logs/?operation_id=a%26b%3Dc+d%2F%C3%A9%23',
    );
  });

  it('sends ids as integers, keeps 0, drops non-finite numbers', () => {
    expect(buildLogsUrl('https://nb.example.com', PROXY, { newerThanId: 0, olderThanId: 41.9 })).toBe(
      'https://nb.example.com/api/plugins/proxbox/logs/?newer_than_id=0&older_than_id=41',
    );
    expect(buildLogsUrl('https://nb.example.com', PROXY, { newerThanId: NaN, olderThanId: Infinity, offset: NaN })).toBe(
      'https://nb.example.com/api/plugins/proxbox/logs/',
    );
    expect(buildLogsUrl('https://nb.example.com', PROXY, { newerThanId: -3 })).toBe(
      'https://nb.example.com/api/plugins/proxbox/logs/?newer_than_id=0',
    );
  });

  it('clamps limit to 1..5000 and offset to >= 0', () => {
    const q = (limit: number, offset: number) => buildLogsUrl('https://x', '/l/', { limit, offset });
    expect(q(0, -5)).toBe('https://x/l/?limit=1&offset=0');
    expect(q(9000, 10)).toBe('https://x/l/?limit=5000&offset=10');
    expect(q(5000, 0)).toBe('https://x/l/?limit=5000&offset=0');
  });

  it('appends to a proxy path that already has a query string', () => {
    expect(buildLogsUrl('https://nb.example.com', '/api/plugins/proxbox/logs/?format=json', { limit: 5 })).toBe(
      'https://nb.example.com/api/plugins/proxbox/logs/?format=json&limit=5',
    );
  });
});
