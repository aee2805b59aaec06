import { describe, expect, it } from 'vitest';
import { applyPolicy, editableSettings, isManaged } from '@/lib/core/managed-instances';
import { NO_POLICY, readPolicy, type Policy } from '@/lib/core/policy';
import { createInstance, repairInstances } from '@/lib/core/settings';
import type { NetBoxInstance } from '@/lib/core/instance';

// The administrator's instances written into the stored list.
const NOW = 1_700_000_000_000;
const policyOf = (raw: unknown): Policy => readPolicy(raw, 30);
const own = (baseUrl: string, patch: Partial<NetBoxInstance> = {}): NetBoxInstance => ({
  ...createInstance({ baseUrl, origin: new URL(baseUrl).origin }, 1),
  ...patch,
});

describe('applying a policy', () => {
  it('adds its instances first, with the settings it sets marked, and keeps the user\'s own after them', () => {
    const mine = own('https://mine.example.com');
    const { instances, dropped } = applyPolicy(
      [mine],
      policyOf({ instances: [{ url: 'https://nb.example.com', backendUrl: 'http://10.0.0.7:8800', badgeLevels: ['CRITICAL'] }] }),
      NOW,
    );
    expect(instances).toEqual([
      {
        ...createInstance({ baseUrl: 'https://nb.example.com', origin: 'https://nb.example.com' }, NOW),
        backendUrl: 'http://10.0.0.7:8800',
        badgeLevels: ['CRITICAL'],
        managed: { fields: ['backendUrl', 'badgeLevels'] },
      },
      mine,
    ]);
    expect(dropped).toEqual([]);
  });

  it('keeps what the extension learned about an instance and writes the policy\'s values over the stored ones', () => {
    const before = own('https://nb.example.com', {
      logsVia: 'backend',
      backendUrl: 'http://proxbox-api:8800',
      backendUrlFromNetBox: 'http://proxbox-api:8800',
      pollIntervalSec: 300,
      notifications: true,
    });
    const { instances, replacedBackends } = applyPolicy(
      [before],
      policyOf({ instances: [{ url: 'https://nb.example.com', backendUrl: 'http://10.0.0.7:8800', pollIntervalSec: 60 }] }),
      NOW,
    );
    expect(instances).toEqual([
      { ...before, backendUrl: 'http://10.0.0.7:8800', pollIntervalSec: 60, managed: { fields: ['backendUrl', 'pollIntervalSec'] } },
    ]);
    expect(replacedBackends).toEqual(['http://proxbox-api:8800']);
  });

  it('leaves an instance the policy no longer sets to the user, settings and all', () => {
    const was = own('https://nb.example.com', { backendUrl: 'http://10.0.0.7:8800', managed: { fields: ['backendUrl'] } });
    const { instances, dropped } = applyPolicy([was], policyOf({ allowUserInstances: true }), NOW);
    const { managed: _gone, ...mine } = was;
    expect(instances).toEqual([mine]);
    expect(dropped).toEqual([]);
    // No policy at all: the same.
    expect(applyPolicy([was], NO_POLICY, NOW).instances).toEqual([mine]);
  });

  it('drops the user\'s own instances when the policy does not allow them', () => {
    const mine = own('https://mine.example.com');
    const { instances, dropped } = applyPolicy([mine], policyOf({ instances: [{ url: 'https://nb.example.com' }], allowUserInstances: false }), NOW);
    expect(instances.map((i) => i.id)).toEqual(['https://nb.example.com']);
    expect(dropped).toEqual([mine]);
  });

  it('removes nothing when the policy forbids own instances but names none (Chromium drops a list with one wrong entry)', () => {
    const mine = own('https://mine.example.com');
    const team = applyPolicy([mine], policyOf({ instances: [{ url: 'https://nb.example.com' }], allowUserInstances: false }), NOW).instances;
    // The next policy read: "instances" gone (one entry had a wrong type), own instances still forbidden.
    const { instances, dropped } = applyPolicy(team, policyOf({ allowUserInstances: false }), NOW);
    expect(instances.map((i) => [i.id, i.managed])).toEqual([['https://nb.example.com', undefined]]);
    expect(dropped).toEqual([]);
  });

  it('changes nothing on a list it was applied to already', () => {
    const policy = policyOf({ instances: [{ url: 'https://nb.example.com', pollIntervalSec: 60 }] });
    const once = applyPolicy([own('https://mine.example.com')], policy, NOW).instances;
    expect(applyPolicy(once, policy, NOW + 1000).instances).toEqual(once);
    // and what storage gives back is the same list (the mark survives the repair on read)
    expect(repairInstances(JSON.parse(JSON.stringify(once)), 30)).toEqual(once);
  });
});

describe('editing an instance the policy sets', () => {
  const managed = own('https://nb.example.com', { pollIntervalSec: 60, badgeLevels: ['CRITICAL'], managed: { fields: ['pollIntervalSec', 'badgeLevels'] } });
  const edit = { proxyPath: '/x/', pollIntervalSec: 30, badgeLevels: ['ERROR' as const], notifications: true };

  it('keeps the values it sets and takes the rest', () => {
    expect(editableSettings(managed, edit)).toEqual({ proxyPath: '/x/', pollIntervalSec: 60, badgeLevels: ['CRITICAL'], notifications: true });
    expect(editableSettings(own('https://mine.example.com'), edit)).toEqual(edit);
  });

  it('says which fields are the administrator\'s', () => {
    expect(isManaged(managed)).toBe(true);
    expect(isManaged(managed, 'pollIntervalSec')).toBe(true);
    expect(isManaged(managed, 'backendUrl')).toBe(false);
    expect(isManaged(own('https://mine.example.com'))).toBe(false);
  });
});
