// The simulator's state, shared by the NetBox, proxy and control handlers.
import type { ServerResponse } from 'node:http';
import type { Sessions } from './auth';
import type { Backend } from './backend';
import type { Faults } from './faults';
import type { LogBuffer } from './log-buffer';
import type { LogWriter } from './log-writer';

/** The plugin's FastAPIEndpoint: whether one is enabled, and the key NetBox sends. */
export interface EndpointState {
  enabled: boolean;
  apiKey: string;
}

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
  /** Proxy answers held back by 'slow' or 'hang', destroyed on reset and close. */
  held: Set<ServerResponse>;
}

export function normaliseBasePath(basePath: string | undefined): string {
  const trimmed = (basePath ?? '').replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}` : '';
}
