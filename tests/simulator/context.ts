// The simulator's state, shared by the NetBox, proxy and control handlers.
import type { ServerResponse } from 'node:http';
import type { Sessions } from './auth';
import type { Backend } from './backend';
import type { Faults } from './faults';
import type { Look } from './real-look';
import type { LogBuffer } from './log-buffer';
import type { LogWriter } from './log-writer';

/** The plugin's FastAPIEndpoint: whether one is enabled, and the key NetBox sends. */
export interface EndpointState {
  enabled: boolean;
  apiKey: string;
}

/**
 * What the plugin's `GET /api/plugins/proxbox/logs/` does: 'discovery' = the released
 * plugin (where the backend is, contract §2a); 'proxy' = the documented logs proxy (§2b).
 */
export type PluginMode = 'discovery' | 'proxy';
export const PLUGIN_MODES: readonly PluginMode[] = ['discovery', 'proxy'];

export interface SimContext {
  /** NetBox's BASE_PATH, normalised to "" or "/prefix" (no trailing slash). */
  basePath: string;
  buffer: LogBuffer;
  writer: LogWriter;
  backend: Backend;
  faults: Faults;
  endpoint: EndpointState;
  sessions: Sessions;
  tokens: Readonly<Record<string, string>>;
  /** How long the plugin waits for the backend before answering 504. */
  proxyTimeoutMs: number;
  plugin: PluginMode;
  /** 'sim': the simulator's own pages; 'real': the pages recorded from NetBox 4.5 where there is one. */
  look: Look;
  /** The backend's address the browser can use. */
  backendUrl: string;
  /** The backend's address as NetBox names it when that is not backendUrl (Docker: http://proxbox-api:8800). */
  advertisedBackendUrl: string | null;
  /** Proxy answers held back by 'slow' or 'hang', destroyed on reset and close. */
  held: Set<ServerResponse>;
}

export function normaliseBasePath(basePath: string | undefined): string {
  const trimmed = (basePath ?? '').replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}` : '';
}
