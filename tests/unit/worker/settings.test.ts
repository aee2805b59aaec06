import { accessSentence, hostWidePattern } from '@/lib/core/match-pattern';
import { describe, expect, it } from 'vitest';
import {
  createInstance,
  DEFAULT_INSTANCE_SETTINGS,
  instanceForUrl,
  originMatchPattern,
  pollIntervalFloorSec,
  repairInstances,
  validateInstanceSettings,
} from '@/lib/core/settings';

const draft = { proxyPath: '/api/plugins/proxbox/logs/', pollIntervalSec: '30', badgeLevels: ['ERROR', 'CRITICAL'], notifications: false };

describe('settings defaults', () => {
  it('are the documented ones', () => {
    expect(DEFAULT_INSTANCE_SETTINGS).toEqual({
      proxyPath: '/api/plugins/proxbox/logs/',
      pollIntervalSec: 30,
      badgeLevels: ['ERROR', 'CRITICAL'],
      notifications: false,
    });
  });

  it('a new instance gets them, keyed by its base URL', () => {
    const i = createInstance({ baseUrl: 'https://tools.example.com/netbox', origin: 'https://tools.example.com' });
    expect(i).toMatchObject({ id: 'https://tools.example.com/netbox', ...DEFAULT_INSTANCE_SETTINGS });
  });

  it('polls at most every 30 s, except in the e2e build (1 s)', () => {
    expect(pollIntervalFloorSec('production')).toBe(30);
    expect(pollIntervalFloorSec('development')).toBe(30);
    expect(pollIntervalFloorSec('e2e')).toBe(1);
  });
});

describe('validateInstanceSettings', () => {
  it('accepts a valid edit and normalises it', () => {
    const r = validateInstanceSettings({ ...draft, proxyPath: ' api/plugins/proxbox/logs/ ', pollIntervalSec: '60', badgeLevels: ['CRITICAL', 'WARNING'] }, { floorSec: 30 });
    expect(r).toEqual({
      ok: true,
      value: { proxyPath: '/api/plugins/proxbox/logs/', pollIntervalSec: 60, badgeLevels: ['WARNING', 'CRITICAL'], notifications: false },
    });
  });

  it('reports every problem at once, with reasons', () => {
    const r = validateInstanceSettings({ proxyPath: 'https://x/api/', pollIntervalSec: '10', badgeLevels: [], notifications: true }, { floorSec: 30 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.proxyPath).toMatch(/not a full URL/);
    expect(r.errors.pollIntervalSec).toMatch(/30/);
    expect(r.errors.badgeLevels).toMatch(/at least one/);
  });

  it('rejects non-numbers, fractions, query strings and spaces', () => {
    const bad = (patch: Partial<typeof draft>) => validateInstanceSettings({ ...draft, ...patch }, { floorSec: 30 }).ok;
    expect(bad({ pollIntervalSec: 'abc' })).toBe(false);
    expect(bad({ pollIntervalSec: '30.5' })).toBe(false);
    expect(bad({ pollIntervalSec: '9999999' })).toBe(false);
    expect(bad({ proxyPath: '/api/logs/?x=1' })).toBe(false);
    expect(bad({ proxyPath: '/api/my logs/' })).toBe(false);
    expect(bad({ proxyPath: '' })).toBe(false);
  });

  it('allows 1 s with the e2e floor', () => {
    expect(validateInstanceSettings({ ...draft, pollIntervalSec: '1' }, { floorSec: 1 }).ok).toBe(true);
  });
});

describe('repairInstances (what storage holds, v1)', () => {
  // What an instance stored before the direct mode reads as: through NetBox, as it did.
  const READS_THROUGH_NETBOX = { logsVia: 'netbox', backendUrl: null, backendUrlFromNetBox: null, addedAt: 0 } as const;

  it('keeps the backend settings, normalised, and drops an unusable address', () => {
    const [kept, dropped] = repairInstances(
      [
        { baseUrl: 'https://a.example.com', logsVia: 'backend', backendUrl: '10.0.0.7:8800/admin/logs', backendUrlFromNetBox: 'http://proxbox-api:8800/', addedAt: 5 },
        { baseUrl: 'https://b.example.com', logsVia: 'sideways', backendUrl: 'javascript:alert(1)' },
      ],
      30,
    );
    expect(kept).toMatchObject({ logsVia: 'backend', backendUrl: 'http://10.0.0.7:8800', backendUrlFromNetBox: 'http://proxbox-api:8800', addedAt: 5 });
    expect(dropped).toMatchObject({ logsVia: 'netbox', backendUrl: null });
  });

  it('fills missing settings with the defaults and drops what is not an instance', () => {
    const list = repairInstances(
      [
        { baseUrl: 'https://nb.example.com/' },
        { id: 'x', baseUrl: 'ftp://nope' },
        'junk',
        { id: 'https://b.example.com', baseUrl: 'https://b.example.com', origin: 'https://b.example.com', pollIntervalSec: 5, badgeLevels: ['BOGUS'], notifications: true, proxyPath: 'custom/' },
        { baseUrl: 'https://nb.example.com' },
      ],
      30,
    );
    expect(list).toEqual([
      { id: 'https://nb.example.com', baseUrl: 'https://nb.example.com', origin: 'https://nb.example.com', ...DEFAULT_INSTANCE_SETTINGS, ...READS_THROUGH_NETBOX },
      { id: 'https://b.example.com', baseUrl: 'https://b.example.com', origin: 'https://b.example.com', proxyPath: '/custom/', pollIntervalSec: 30, badgeLevels: ['ERROR', 'CRITICAL'], notifications: true, ...READS_THROUGH_NETBOX },
    ]);
    expect(repairInstances(null)).toEqual([]);
  });
});

describe('instanceForUrl / originMatchPattern', () => {
  const a = createInstance({ baseUrl: 'https://tools.example.com/netbox', origin: 'https://tools.example.com' });
  const b = createInstance({ baseUrl: 'http://10.0.0.5:8000', origin: 'http://10.0.0.5:8000' });

  it('finds the instance a page belongs to (origin and base path)', () => {
    expect(instanceForUrl([a, b], 'https://tools.example.com/netbox/dcim/devices/')).toBe(a);
    expect(instanceForUrl([a, b], 'https://tools.example.com/other/')).toBeUndefined();
    expect(instanceForUrl([a, b], 'http://10.0.0.5:8000/')).toBe(b);
    expect(instanceForUrl([a, b], 'http://10.0.0.5:9000/')).toBeUndefined();
    expect(instanceForUrl([a, b], 'chrome://newtab/')).toBeUndefined();
    expect(instanceForUrl([a, b], undefined)).toBeUndefined();
  });

  it('a match pattern names the port (a default one written out), except in Firefox', () => {
    expect(originMatchPattern('http://10.0.0.5:8000')).toBe('http://10.0.0.5:8000/*');
    expect(originMatchPattern('https://tools.example.com')).toBe('https://tools.example.com:443/*');
    expect(originMatchPattern('http://[::1]:8000')).toBe('http://[::1]:8000/*');
    expect(originMatchPattern('http://10.0.0.5:8000', false)).toBe('http://10.0.0.5/*');
    expect(hostWidePattern('http://10.0.0.5:8000/*')).toBe('http://10.0.0.5/*');
    expect(hostWidePattern('http://[::1]:8000/*')).toBe('http://[::1]/*');
    expect(hostWidePattern('https://tools.example.com/*')).toBe('https://tools.example.com/*');
  });

  it('says what the extension may reach, and why every port in Firefox', () => {
    const instance = { origin: 'http://10.0.0.5:8000', backendUrl: 'http://10.0.0.5:8800' };
    expect(accessSentence(instance, true)).toBe(
      'The extension may read http://10.0.0.5:8000 (that port only) and its backend at http://10.0.0.5:8800 (that port only). Another port of the same host needs its own permission.',
    );
    expect(accessSentence({ ...instance, backendUrl: null }, false)).toBe(
      "The extension may read http://10.0.0.5 on every port. Firefox's site permissions cannot name a port, so a backend on another port of this host needs no new prompt: the address you connect is your confirmation.",
    );
  });
});
