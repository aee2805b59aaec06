import type { FailureKind } from './failure';
import { MAX_UNSEEN } from './worker-state';

// The toolbar badge's table: 'ok' and every FailureKind to text, colour and tooltip. A
// Record, so a new kind is a compile error until it has a badge. The kinds fall into four
// states a user can tell apart at a glance; the tooltip says which instance and why.

export type BadgeState = 'ok' | FailureKind;

/** The four things a badge without a count can say, in rising order of severity. */
export type BadgeGroup = 'ok' | 'offline' | 'no-access' | 'login' | 'backend-down';

export interface BadgeLook {
  group: BadgeGroup;
  /** Badge text when there is nothing to count ('' shows no badge). */
  text: string;
  /** Badge background, hex. */
  color: string;
  /** One line of the tooltip for an instance in this state (without a count). */
  tooltip(label: string): string;
}

export const COUNT_COLOR = '#d63939'; // red: new errors
export const LOGIN_COLOR = '#f59f00'; // amber: the user can fix it by logging in
export const NO_ACCESS_COLOR = '#6c757d'; // grey: needs an administrator or a setting
export const BACKEND_DOWN_COLOR = '#d9480f'; // dark orange: something is broken, retrying
export const OFFLINE_COLOR = '#868e96'; // light grey: nothing to do but wait

/** When both an error count and failures are present, which failure the badge shows. */
const SEVERITY: Record<BadgeGroup, number> = { ok: 0, offline: 1, 'no-access': 2, login: 3, 'backend-down': 4 };

const login = (tip: string): BadgeLook => ({ group: 'login', text: '?', color: LOGIN_COLOR, tooltip: (l) => `${l}: ${tip}` });
const noAccess = (tip: string): BadgeLook => ({ group: 'no-access', text: '!', color: NO_ACCESS_COLOR, tooltip: (l) => `${l}: ${tip}` });
const down = (tip: string): BadgeLook => ({ group: 'backend-down', text: '×', color: BACKEND_DOWN_COLOR, tooltip: (l) => `${l}: ${tip}` });

export const BADGE_STATES: Record<BadgeState, BadgeLook> = {
  ok: { group: 'ok', text: '', color: COUNT_COLOR, tooltip: (l) => `${l}: no new errors` },
  'logged-out': login('log in to NetBox'),
  forbidden: noAccess('no permission to view backend logs'),
  'no-endpoint': noAccess('no FastAPI endpoint configured in Proxbox'),
  'plugin-missing': noAccess('no Proxbox logs API found (plugin or proxy path)'),
  discovery: noAccess('this Proxbox plugin version serves no logs, only where the backend is'),
  'api-key-rejected': noAccess("the backend rejected NetBox's API key"),
  'no-host-permission': noAccess('the extension may not reach this NetBox (see options)'),
  'backend-down': down('Proxbox backend unreachable'),
  'backend-timeout': down('Proxbox backend too slow'),
  'server-error': down('NetBox server error'),
  timeout: down('NetBox did not answer in time'),
  network: down('NetBox cannot be reached'),
  malformed: down('answer is not a log list'),
  'wrong-shape': down('answer is not a log list'),
  unexpected: down('unexpected answer'),
  'rate-limited': down('too many requests, waiting'),
  'bad-query': down('the backend refused the query'),
  'no-backend-address': noAccess('NetBox names no Proxbox backend; enter its address in the options'),
  'key-needed': noAccess('enter the backend API key in the options'),
  'key-rejected': noAccess('the backend rejected the API key; enter it again in the options'),
  'key-not-registered': noAccess('the backend has no API key registered'),
  'locked-out': down('the backend locked this address out after wrong keys, waiting'),
  'backend-unreachable': down('the browser cannot reach the Proxbox backend'),
  'backend-certificate': noAccess("this browser does not trust the backend's certificate (see options)"),
  'backend-redirect': noAccess('the backend address redirects; the key is not sent there (see options)'),
  'no-backend-permission': noAccess('the extension may not reach the backend (see options)'),
  'backend-error': down('Proxbox backend error'),
  offline: { group: 'offline', text: 'off', color: OFFLINE_COLOR, tooltip: (l) => `${l}: offline` },
};

export interface BadgeItem {
  /** "netbox.example.com" */
  label: string;
  /** New entries that count for the badge since the user last looked. */
  count: number;
  state: BadgeState;
  /** What the tooltip adds about a sync running now (lib/core/sync-words.ts), if one runs. */
  sync?: string;
}

export interface CombinedBadge {
  text: string;
  color: string;
  /** Tooltip: a heading, then one line per instance. */
  title: string;
}

export const BADGE_TITLE = 'Proxbox Backend Logs';
export const MAX_BADGE_COUNT = 99;

function lookOf(state: BadgeState): BadgeLook {
  // Unknown states (an old value read from storage) show as an unexpected failure.
  return BADGE_STATES[state] ?? BADGE_STATES.unexpected;
}

function countOf(n: number): number {
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
}

/** "99+" past 99, '' for 0. */
export function badgeCountText(count: number): string {
  const n = countOf(count);
  if (n === 0) return '';
  return n > MAX_BADGE_COUNT ? `${MAX_BADGE_COUNT}+` : String(n);
}

/**
 * One badge for several instances: the summed count in red when there is one; otherwise
 * the most severe failure's badge (ties: the first instance listed); otherwise nothing.
 * The tooltip always lists every instance.
 */
export function combineBadge(items: readonly BadgeItem[]): CombinedBadge {
  if (items.length === 0) {
    return { text: '', color: COUNT_COLOR, title: `${BADGE_TITLE}: add a NetBox instance in the options` };
  }
  let total = 0;
  let worst: BadgeLook = BADGE_STATES.ok;
  const lines: string[] = [BADGE_TITLE];
  for (const item of items) {
    const count = countOf(item.count);
    const look = lookOf(item.state);
    total += count;
    if (SEVERITY[look.group] > SEVERITY[worst.group]) worst = look;
    // The worker keeps at most MAX_UNSEEN entries: past it the count is a floor.
    const errors = count >= MAX_UNSEEN ? `${MAX_UNSEEN}+ new errors` : `${count} new ${count === 1 ? 'error' : 'errors'}`;
    const sync = item.sync ? `; ${item.sync}` : '';
    if (look.group === 'ok') lines.push(`${count > 0 ? `${item.label}: ${errors}` : look.tooltip(item.label)}${sync}`);
    // A failing instance may still hold errors counted before it failed.
    else lines.push(`${count > 0 ? `${look.tooltip(item.label)}; ${errors}` : look.tooltip(item.label)}${sync}`);
  }
  const title = lines.join('\n');
  if (total > 0) return { text: badgeCountText(total), color: COUNT_COLOR, title };
  return { text: worst.text, color: worst.color, title };
}
