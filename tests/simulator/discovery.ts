// The released plugin's answer to `GET <base>/api/plugins/proxbox/logs/`: where the backend
// is, never logs (contract §2a; tests/fixtures/recorded/netbox/api-plugins-proxbox-logs*.json).
import type { User } from './auth';
import type { SimContext } from './context';

export interface DiscoveryAnswer {
  fastapi_url: string;
  fastapi_websocket_url: string;
  logs_api_url: string;
  sse_stream_url: string;
  backend_log_file_path: string;
}

const LOG_FILE = '/var/log/proxbox.log';

/**
 * The backend's URLs as NetBox names them (the advertised address, else the real one);
 * empty strings, still with the log file path, for a user without view permission or
 * without an enabled endpoint: the plugin cannot tell them apart.
 */
export function discoveryAnswer(ctx: SimContext, user: User): DiscoveryAnswer {
  if (!ctx.endpoint.enabled || !user.canViewEndpoint) {
    return { fastapi_url: '', fastapi_websocket_url: '', logs_api_url: '', sse_stream_url: '', backend_log_file_path: LOG_FILE };
  }
  const base = (ctx.advertisedBackendUrl ?? ctx.backendUrl).replace(/\/+$/, '');
  return {
    fastapi_url: base,
    fastapi_websocket_url: `${base.replace(/^http/, 'ws')}/ws`,
    logs_api_url: `${base}/admin/logs`,
    sse_stream_url: `${base}/admin/logs/stream`,
    backend_log_file_path: LOG_FILE,
  };
}
