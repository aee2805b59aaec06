import { DEFAULT_POLL_INTERVAL_SEC, E2E_MIN_POLL_INTERVAL_SEC, MAX_POLL_INTERVAL_SEC, MIN_POLL_INTERVAL_SEC } from './cadence';
import { DEFAULT_BADGE_LEVELS, DEFAULT_PROXY_PATH, type ManagedField, type NetBoxInstance } from './instance';
import { normaliseBackendUrl } from './instance-url';
import { LEVELS, type Level } from './log-types';

// The pure parts of the instance settings: defaults, the validation of an edit on the
// options page, and the repair/migration of what storage holds. No browser API here;
// lib/browser/settings-storage.ts stores what these functions return.

/** The settings a user edits per instance (everything but where the instance is). */
export type InstanceSettings = Pick<NetBoxInstance, 'proxyPath' | 'pollIntervalSec' | 'badgeLevels' | 'notifications'>;

export const DEFAULT_INSTANCE_SETTINGS: Readonly<InstanceSettings> = Object.freeze({
  proxyPath: DEFAULT_PROXY_PATH,
  pollIntervalSec: DEFAULT_POLL_INTERVAL_SEC,
  badgeLevels: [...DEFAULT_BADGE_LEVELS],
  notifications: false,
});

/** The polling floor of a build: 30 s (what a packed extension's alarms allow), 1 s in e2e. */
export function pollIntervalFloorSec(mode: string = import.meta.env.MODE): number {
  return mode === 'e2e' ? E2E_MIN_POLL_INTERVAL_SEC : MIN_POLL_INTERVAL_SEC;
}

/**
 * A new instance at a normalised address, with the default settings. It reads through
 * NetBox until the plugin's answer says where the backend is (lib/logs-via.ts).
 */
export function createInstance(where: { baseUrl: string; origin: string }, addedAt: number = Date.now()): NetBoxInstance {
  return {
    id: where.baseUrl,
    baseUrl: where.baseUrl,
    origin: where.origin,
    proxyPath: DEFAULT_INSTANCE_SETTINGS.proxyPath,
    pollIntervalSec: DEFAULT_INSTANCE_SETTINGS.pollIntervalSec,
    badgeLevels: [...DEFAULT_INSTANCE_SETTINGS.badgeLevels],
    notifications: DEFAULT_INSTANCE_SETTINGS.notifications,
    logsVia: 'netbox',
    backendUrl: null,
    backendUrlFromNetBox: null,
    addedAt,
  };
}

/** What the options form holds while the user types (text fields as typed). */
export interface InstanceSettingsDraft {
  proxyPath: string;
  pollIntervalSec: string | number;
  badgeLevels: readonly string[];
  notifications: boolean;
}

export type SettingsField = keyof InstanceSettings;

export type SettingsValidation =
  | { ok: true; value: InstanceSettings }
  | { ok: false; errors: Partial<Record<SettingsField, string>> };

export function draftFromSettings(settings: InstanceSettings): InstanceSettingsDraft {
  return {
    proxyPath: settings.proxyPath,
    pollIntervalSec: String(settings.pollIntervalSec),
    badgeLevels: [...settings.badgeLevels],
    notifications: settings.notifications,
  };
}

/** "/api/plugins/proxbox/logs/" from what was typed, or why not. */
export function validateProxyPath(input: string): { ok: true; value: string } | { ok: false; reason: string } {
  const path = input.trim();
  if (!path) return { ok: false, reason: 'Enter the path of the logs proxy, e.g. /api/plugins/proxbox/logs/.' };
  if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('//')) {
    return { ok: false, reason: 'Enter a path relative to the NetBox address, not a full URL.' };
  }
  if (/\s/.test(path)) return { ok: false, reason: 'A path has no spaces.' };
  if (/[?#]/.test(path)) return { ok: false, reason: 'Enter the path without a query string or "#".' };
  const withSlash = path.startsWith('/') ? path : `/${path}`;
  return { ok: true, value: withSlash.replace(/\/{2,}/g, '/') };
}

export function validatePollInterval(
  input: string | number,
  floorSec: number,
): { ok: true; value: number } | { ok: false; reason: string } {
  const text = String(input).trim();
  if (!/^\d+$/.test(text)) return { ok: false, reason: 'Enter a whole number of seconds.' };
  const value = Number(text);
  if (value < floorSec) return { ok: false, reason: `Poll at most once every ${floorSec} ${floorSec === 1 ? 'second' : 'seconds'} (enter ${floorSec} or more).` };
  if (value > MAX_POLL_INTERVAL_SEC) return { ok: false, reason: `Enter at most ${MAX_POLL_INTERVAL_SEC} seconds (a day).` };
  return { ok: true, value };
}

export function validateBadgeLevels(input: readonly string[]): { ok: true; value: Level[] } | { ok: false; reason: string } {
  const chosen = LEVELS.filter((level) => input.includes(level));
  if (chosen.length === 0) return { ok: false, reason: 'Choose at least one level for the badge.' };
  return { ok: true, value: chosen };
}

/** Checks an edit of one instance's settings; every problem is reported at once. */
export function validateInstanceSettings(
  draft: InstanceSettingsDraft,
  options: { floorSec?: number } = {},
): SettingsValidation {
  const floorSec = options.floorSec ?? pollIntervalFloorSec();
  const errors: Partial<Record<SettingsField, string>> = {};
  const path = validateProxyPath(draft.proxyPath);
  const interval = validatePollInterval(draft.pollIntervalSec, floorSec);
  const levels = validateBadgeLevels(draft.badgeLevels);
  if (!path.ok) errors.proxyPath = path.reason;
  if (!interval.ok) errors.pollIntervalSec = interval.reason;
  if (!levels.ok) errors.badgeLevels = levels.reason;
  if (!path.ok || !interval.ok || !levels.ok) return { ok: false, errors };
  return {
    ok: true,
    value: { proxyPath: path.value, pollIntervalSec: interval.value, badgeLevels: levels.value, notifications: draft.notifications === true },
  };
}

// ---- Storage: version and migrations ------------------------------------------------

/** Version of the `local:instances` item. Bump it and add a migration when the shape changes. */
export const INSTANCES_STORAGE_VERSION = 1;

/**
 * WXT storage migrations for `local:instances`: key N turns a version N-1 value into
 * version N. Version 1 is the first shape, so there is nothing to migrate yet; the
 * repair below runs on every read and is what a migration would build on.
 */
export const instancesMigrations: Record<number, (old: unknown) => unknown> = {};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * One stored instance as a valid NetBoxInstance, or null when it cannot be one. Missing or
 * broken settings fall back to the defaults; the interval is kept above the build's floor.
 */
export function repairInstance(raw: unknown, floorSec: number = pollIntervalFloorSec()): NetBoxInstance | null {
  if (!isRecord(raw)) return null;
  const baseUrl = typeof raw.baseUrl === 'string' ? raw.baseUrl.replace(/\/+$/, '') : '';
  let origin = typeof raw.origin === 'string' ? raw.origin : '';
  try {
    const url = new URL(baseUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (!origin) origin = url.origin;
  } catch {
    return null;
  }
  const path = typeof raw.proxyPath === 'string' ? validateProxyPath(raw.proxyPath) : null;
  const interval =
    typeof raw.pollIntervalSec === 'number' && Number.isFinite(raw.pollIntervalSec)
      ? Math.min(MAX_POLL_INTERVAL_SEC, Math.max(floorSec, Math.round(raw.pollIntervalSec)))
      : Math.max(floorSec, DEFAULT_POLL_INTERVAL_SEC);
  const levels = Array.isArray(raw.badgeLevels) ? validateBadgeLevels(raw.badgeLevels.filter((l) => typeof l === 'string')) : null;
  const backend = typeof raw.backendUrl === 'string' ? normaliseBackendUrl(raw.backendUrl) : null;
  const named = typeof raw.backendUrlFromNetBox === 'string' ? normaliseBackendUrl(raw.backendUrlFromNetBox) : null;
  return {
    id: typeof raw.id === 'string' && raw.id ? raw.id : baseUrl,
    baseUrl,
    origin,
    proxyPath: path?.ok ? path.value : DEFAULT_PROXY_PATH,
    pollIntervalSec: interval,
    badgeLevels: levels?.ok ? levels.value : [...DEFAULT_BADGE_LEVELS],
    notifications: raw.notifications === true,
    // Instances stored before the direct mode read through NetBox, as they did.
    logsVia: raw.logsVia === 'backend' ? 'backend' : 'netbox',
    backendUrl: backend?.ok ? backend.baseUrl : null,
    backendUrlFromNetBox: named?.ok ? named.baseUrl : null,
    addedAt: typeof raw.addedAt === 'number' && Number.isFinite(raw.addedAt) ? raw.addedAt : 0,
    ...repairManaged(raw.managed),
  };
}

const MANAGED_FIELDS: readonly ManagedField[] = ['backendUrl', 'pollIntervalSec', 'badgeLevels'];

/** The policy's mark, as the worker stored it (nothing when absent or broken). */
function repairManaged(raw: unknown): Pick<NetBoxInstance, 'managed'> {
  if (!isRecord(raw) || !Array.isArray(raw.fields)) return {};
  return { managed: { fields: MANAGED_FIELDS.filter((f) => (raw.fields as unknown[]).includes(f)) } };
}

/** The stored list as valid instances, without duplicates (first wins). */
export function repairInstances(raw: unknown, floorSec: number = pollIntervalFloorSec()): NetBoxInstance[] {
  if (!Array.isArray(raw)) return [];
  const seen = new Set<string>();
  const out: NetBoxInstance[] = [];
  for (const item of raw) {
    const instance = repairInstance(item, floorSec);
    if (!instance || seen.has(instance.id)) continue;
    seen.add(instance.id);
    out.push(instance);
  }
  return out;
}

/** Whether a page URL belongs to an instance: same origin and under its base path. */
export function instanceForUrl<T extends Pick<NetBoxInstance, 'origin' | 'baseUrl'>>(
  instances: readonly T[],
  pageUrl: string | undefined,
): T | undefined {
  if (!pageUrl) return undefined;
  let url: URL;
  try {
    url = new URL(pageUrl);
  } catch {
    return undefined;
  }
  const matches = instances.filter((instance) => {
    if (url.origin !== instance.origin) return false;
    const base = new URL(instance.baseUrl).pathname.replace(/\/+$/, '');
    return base === '' || url.pathname === base || url.pathname.startsWith(`${base}/`);
  });
  // The longest base path wins (two NetBoxes under one origin).
  return matches.sort((a, b) => b.baseUrl.length - a.baseUrl.length)[0];
}

/** The host permission pattern for an origin (./match-pattern.ts: with its port, but in Firefox). */
export { originMatchPattern } from './match-pattern';
