import type { Level } from './log-types';

// A NetBox instance the user added on the options page. Stored in local storage
// (never sync storage): see lib/settings-storage.ts.

export const DEFAULT_PROXY_PATH = '/api/plugins/proxbox/logs/';
export const DEFAULT_POLL_INTERVAL_SEC = 30;
/** Packed extensions cannot have alarms more often than every 30 s; unpacked (tests) can. */
export const MIN_POLL_INTERVAL_SEC = 30;
export const DEFAULT_BADGE_LEVELS: Level[] = ['ERROR', 'CRITICAL'];

export interface NetBoxInstance {
  /** Stable key: the normalised base URL, e.g. "https://tools.example.com/netbox". */
  id: string;
  /** Origin + NetBox BASE_PATH, no trailing slash. */
  baseUrl: string;
  /** e.g. "https://tools.example.com" */
  origin: string;
  /** Path of the logs proxy, relative to baseUrl, starting with "/". */
  proxyPath: string;
  pollIntervalSec: number;
  /** Levels that count for the toolbar badge. */
  badgeLevels: Level[];
  notifications: boolean;
}

/** Host name (and port, path prefix) for sentences: "netbox.example.com". */
export function instanceLabel(instance: Pick<NetBoxInstance, 'baseUrl'>): string {
  return instance.baseUrl.replace(/^https?:\/\//, '');
}
