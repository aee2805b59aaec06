import type { Level } from './log-types';

// A NetBox instance the user added on the options page. Stored in local storage
// (never sync storage): see lib/browser/settings-storage.ts.

export const DEFAULT_PROXY_PATH = '/api/plugins/proxbox/logs/';
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
  /**
   * How the logs are read. 'netbox': the plugin's logs proxy with the NetBox session (the
   * documented proxy, contract §2b). 'backend': straight from proxbox-api with a key the
   * user gives (every released plugin only says where the backend is, contract §2a).
   */
  logsVia: LogsVia;
  /** The backend's address as this browser reaches it ('backend' mode); null until known. */
  backendUrl: string | null;
  /** The address NetBox's plugin names (kept to tell the user when theirs differs); null when none. */
  backendUrlFromNetBox: string | null;
  /** When the instance was added (ms since epoch): the badge counts errors from then on. */
  addedAt: number;
  /**
   * Set by the administrator's policy (lib/core/managed-instances.ts): not removable, and
   * these fields not editable. Absent on the user's own instances.
   */
  managed?: { fields: ManagedField[] };
}

/** The settings a policy may set besides the address (lib/core/policy.ts). */
export type ManagedField = 'backendUrl' | 'pollIntervalSec' | 'badgeLevels';

export type LogsVia = 'netbox' | 'backend';

/** Host name (and port, path prefix) for sentences: "netbox.example.com". */
export function instanceLabel(instance: Pick<NetBoxInstance, 'baseUrl'>): string {
  return instance.baseUrl.replace(/^https?:\/\//, '');
}

/** The backend's host (and port) for sentences: "10.0.0.7:8800". */
export function backendLabel(instance: Pick<NetBoxInstance, 'backendUrl'>): string {
  return (instance.backendUrl ?? '').replace(/^https?:\/\//, '').replace(/\/+$/, '');
}
