// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { FailureKind } from '../../../lib/core/failure';
import {
  BADGE_STATES,
  BACKEND_DOWN_COLOR,
  COUNT_COLOR,
  LOGIN_COLOR,
  NO_ACCESS_COLOR,
  OFFLINE_COLOR,
  badgeCountText,
  combineBadge,
  type BadgeGroup,
  type BadgeState,
} from '../../../lib/core/badge-states';
import { MAX_UNSEEN } from '../../../lib/core/worker-state';

const GROUPS: Record<BadgeState, BadgeGroup> = {
  ok: 'ok',
  'logged-out': 'login',
  forbidden: 'no-access',
  'no-endpoint': 'no-access',
  'plugin-missing': 'no-access',
  discovery: 'no-access',
  'api-key-rejected': 'no-access',
  'no-host-permission': 'no-access',
  'backend-down': 'backend-down',
  'backend-timeout': 'backend-down',
  'server-error': 'backend-down',
  timeout: 'backend-down',
  network: 'backend-down',
  malformed: 'backend-down',
  'wrong-shape': 'backend-down',
  unexpected: 'backend-down',
  'rate-limited': 'backend-down',
  'bad-query': 'backend-down',
  offline: 'offline',
  'no-backend-address': 'no-access',
  'key-needed': 'no-access',
  'key-rejected': 'no-access',
  'key-not-registered': 'no-access',
  'locked-out': 'backend-down',
  'backend-unreachable': 'backend-down',
  'backend-certificate': 'no-access',
  'backend-redirect': 'no-access',
  'no-backend-permission': 'no-access',
  'backend-error': 'backend-down',
};
const LOOK: Record<BadgeGroup, [string, string]> = {
  ok: ['', COUNT_COLOR],
  login: ['?', LOGIN_COLOR],
  'no-access': ['!', NO_ACCESS_COLOR],
  'backend-down': ['×', BACKEND_DOWN_COLOR],
  offline: ['off', OFFLINE_COLOR],
};

describe('BADGE_STATES', () => {
  it.each(Object.keys(GROUPS) as BadgeState[])('%s', (state) => {
    const look = BADGE_STATES[state];
    expect(look.group).toBe(GROUPS[state]);
    expect([look.text, look.color]).toEqual(LOOK[GROUPS[state]]);
    expect(look.color).toMatch(/^#[0-9a-f]{6}$/);
    expect(look.tooltip('nb.example.com')).toMatch(/^nb\.example\.com: \S/);
    expect(look.text.length).toBeLessThanOrEqual(4);
  });

  it('has exactly the states above', () => {
    expect(Object.keys(BADGE_STATES).sort()).toEqual(Object.keys(GROUPS).sort());
  });
});

describe('badgeCountText', () => {
  it.each([[0, ''], [1, '1'], [99, '99'], [100, '99+'], [12345, '99+'], [-3, ''], [NaN, ''], [Infinity, ''], [2.7, '2']])('%d -> %j', (n, text) => {
    expect(badgeCountText(n)).toBe(text);
  });
});

describe('combineBadge', () => {
  it('says "1000+" in the tooltip when the kept count is full, never a false exact number', () => {
    const full = combineBadge([{ label: 'nb', count: MAX_UNSEEN, state: 'ok' }]);
    expect(full.title).toBe(`Proxbox Backend Logs\nnb: ${MAX_UNSEEN}+ new errors`);
    expect(combineBadge([{ label: 'nb', count: MAX_UNSEEN - 1, state: 'ok' }]).title).toBe(`Proxbox Backend Logs\nnb: ${MAX_UNSEEN - 1} new errors`);
  });

  it('no instance: an empty badge asking to add one', () => {
    expect(combineBadge([])).toEqual({ text: '', color: COUNT_COLOR, title: 'Proxbox Backend Logs: add a NetBox instance in the options' });
  });

  it('one quiet instance: no badge, a tooltip saying so', () => {
    expect(combineBadge([{ label: 'netbox.example.com', count: 0, state: 'ok' }])).toEqual({
      text: '',
      color: COUNT_COLOR,
      title: 'Proxbox Backend Logs\nnetbox.example.com: no new errors',
    });
  });

  it('sums counts in red and lists each instance', () => {
    expect(
      combineBadge([
        { label: 'netbox.example.com', count: 3, state: 'ok' },
        { label: 'lab.example.com:8000', count: 1, state: 'ok' },
        { label: 'tools.example.com/netbox', count: 0, state: 'logged-out' },
      ]),
    ).toEqual({
      text: '4',
      color: COUNT_COLOR,
      title:
        'Proxbox Backend Logs\nnetbox.example.com: 3 new errors\nlab.example.com:8000: 1 new error\ntools.example.com/netbox: log in to NetBox',
    });
  });

  it('shows 99+ past 99', () => {
    expect(combineBadge([{ label: 'a', count: 60, state: 'ok' }, { label: 'b', count: 40, state: 'ok' }]).text).toBe('99+');
  });

  it('with no count, shows the most severe failure: backend down > login > no access > offline', () => {
    const badge = (...states: BadgeState[]) => {
      const b = combineBadge(states.map((state, i) => ({ label: `nb${i}`, count: 0, state })));
      return [b.text, b.color];
    };
    expect(badge('ok', 'offline')).toEqual(['off', OFFLINE_COLOR]);
    expect(badge('offline', 'forbidden')).toEqual(['!', NO_ACCESS_COLOR]);
    expect(badge('forbidden', 'logged-out', 'offline')).toEqual(['?', LOGIN_COLOR]);
    expect(badge('logged-out', 'backend-down', 'no-endpoint')).toEqual(['×', BACKEND_DOWN_COLOR]);
    expect(badge('ok', 'ok')).toEqual(['', COUNT_COLOR]);
  });

  it('a failing instance with counted errors keeps both in its line; the count wins the badge', () => {
    expect(
      combineBadge([
        { label: 'a.example.com', count: 2, state: 'backend-down' },
        { label: 'b.example.com', count: 0, state: 'offline' },
      ]),
    ).toEqual({
      text: '2',
      color: COUNT_COLOR,
      title: 'Proxbox Backend Logs\na.example.com: Proxbox backend unreachable; 2 new errors\nb.example.com: offline',
    });
  });

  it('ignores negative or non-finite counts and unknown stored states', () => {
    expect(
      combineBadge([
        { label: 'a', count: -5, state: 'ok' },
        { label: 'b', count: NaN, state: 'mystery' as FailureKind },
      ]),
    ).toEqual({ text: '×', color: BACKEND_DOWN_COLOR, title: 'Proxbox Backend Logs\na: no new errors\nb: unexpected answer' });
  });
});
