// Starts the simulated world on loopback: NetBox (with the Proxbox plugin and the /__sim/
// control API) on one port, the proxbox-api backend on another.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { DEFAULT_API_TOKENS, Sessions, USERS } from './auth';
import { Backend, DEFAULT_BACKEND_API_KEY } from './backend';
import { normaliseBasePath, type EndpointState, type PluginMode, type SimContext } from './context';
import { handleControl } from './control';
import { Faults } from './faults';
import { sendJson } from './http';
import { DEFAULT_CAPACITY, LogBuffer } from './log-buffer';
import { LogWriter } from './log-writer';
import { handleNetbox } from './netbox';
import { PROXY_PATH } from './proxy';
import type { Look } from './real-look';
import { RequestRecorder } from './request-record';
import { selfSignedCertificate, type SelfSignedCertificate } from './self-signed';

export interface SimulatorOptions {
  /** 'discovery' (default): the released plugin, logs only from the backend with its key. 'proxy': the documented logs proxy. */
  plugin?: PluginMode;
  /** 'sim' (default): the simulator's pages; 'real': the recorded NetBox 4.5 pages where there is one (real-look.ts). */
  look?: Look;
  /** The backend's address as NetBox names it in discovery, when the browser cannot use it (Docker). */
  advertisedBackendUrl?: string;
  /** NetBox's port; 0 (default) picks a free one. */
  port?: number;
  /** Loopback only: '127.0.0.1' (default) or 'localhost'. */
  host?: '127.0.0.1' | 'localhost';
  /** NetBox's BASE_PATH, e.g. "/netbox". */
  basePath?: string;
  /** Entries per second the writer plays from the start (default 0: quiet). */
  writerRate?: number;
  /** Makes the writer's content repeatable. */
  seed?: number;
  /** Ring buffer size (default 10,000). */
  capacity?: number;
  /**
   * Serve the backend over HTTPS only, with a self-signed certificate made at start, as
   * Proxbox's *-nginx image does with mkcert: no browser trusts it (docs/certificates.md).
   */
  backendTls?: boolean;
  /** The backend's own port; 0 (default) picks a free one. */
  backendPort?: number;
  /** The key the backend wants in X-Proxbox-API-Key (and the endpoint holds); null = none registered. */
  backendApiKey?: string | null;
  /** Backend requests per minute per client address before 429 (default 300). */
  backendRateLimit?: number;
  /** The plugin's timeout waiting for the backend (default 10 s): 'slow' past it answers 504. */
  proxyTimeoutMs?: number;
  /** Interval of the stream's `: keepalive` comments (default 15 s). */
  keepaliveMs?: number;
  /** Requests kept in the record (default 20,000). */
  recordCap?: number;
}

export interface SimulatorState {
  url: string;
  baseUrl: string;
  basePath: string;
  backendUrl: string;
  proxyPath: string;
  buffer: { size: number; capacity: number; oldest_id: string | null; newest_id: string | null; next_id: string };
  writer: ReturnType<LogWriter['state']>;
  fault: ReturnType<Faults['peek']>;
  endpoint: { enabled: boolean; api_key_valid: boolean };
  sessions: number;
  open_streams: number;
  held_requests: number;
  proxy_timeout_ms: number;
  plugin: PluginMode;
  backend_api_key: string | null;
  advertised_backend_url: string | null;
  /** What `GET /sync/active` answers now; null while the route is off (404). */
  sync_active: ReturnType<Backend['syncs']['answer']> | null;
  users: Array<{ username: string; password: string; can_view_endpoint: boolean }>;
}

export interface Simulator extends SimContext {
  /** NetBox's home page: origin + base path + "/". */
  url: string;
  /** Origin + base path, no trailing slash: append "/api/status/" and the like. */
  baseUrl: string;
  origin: string;
  port: number;
  backendUrl: string;
  backendPort: number;
  /** The backend's certificate when it serves HTTPS (its SHA-256 fingerprint, to check a browser's exception). */
  backendCertificate: SelfSignedCertificate | null;
  /** The key the backend accepts now (null = none registered). */
  readonly backendApiKey: string | null;
  requests: RequestRecorder;
  state(): SimulatorState;
  /** A new self-signed certificate for the HTTPS backend (open connections are closed): an exception a browser made for the old one no longer holds. */
  renewBackendCertificate(): Promise<void>;
  /** Back to the start: buffer emptied (ids from 1), no sync running, no fault, endpoint enabled, plugin mode, backend key and advertised URL as started, writer at its start rate, record cleared, sessions ended unless kept. */
  reset(options?: { keepSessions?: boolean }): void;
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

/** A handler that answers 500 instead of crashing on a bug or a broken request. */
function guarded(handler: (req: IncomingMessage, res: ServerResponse) => unknown) {
  return (req: IncomingMessage, res: ServerResponse) => {
    Promise.resolve()
      .then(() => handler(req, res))
      .catch((error: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { error: String(error) });
        else res.destroy();
      });
  };
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1' && host !== 'localhost') throw new Error('the simulator binds loopback only');
  const basePath = normaliseBasePath(options.basePath);
  const apiKey = options.backendApiKey === undefined ? DEFAULT_BACKEND_API_KEY : options.backendApiKey;
  const startRate = options.writerRate ?? 0;
  const startPlugin = options.plugin ?? 'discovery';
  const startAdvertised = options.advertisedBackendUrl ?? null;

  const buffer = new LogBuffer({ capacity: options.capacity ?? DEFAULT_CAPACITY });
  const backend = new Backend(buffer, {
    apiKey,
    ...(options.keepaliveMs !== undefined ? { keepaliveMs: options.keepaliveMs } : {}),
    ...(options.backendRateLimit !== undefined ? { rateLimit: options.backendRateLimit } : {}),
  });
  const writer = new LogWriter(buffer, options.seed !== undefined ? { seed: options.seed } : {});
  const requests = new RequestRecorder(options.recordCap);
  // The endpoint holds the key the backend had at the start ('' when it had none).
  const defaultEndpoint = (): EndpointState => ({ enabled: true, apiKey: apiKey ?? '' });

  const netboxServer = createServer();
  const backendCertificate = options.backendTls ? await selfSignedCertificate(host) : null;
  const backendServer = backendCertificate ? createTlsServer({ key: backendCertificate.key, cert: backendCertificate.cert }) : createServer();
  const sim = {
    basePath,
    buffer,
    writer,
    backend,
    faults: new Faults(),
    endpoint: defaultEndpoint(),
    sessions: new Sessions(),
    tokens: DEFAULT_API_TOKENS,
    proxyTimeoutMs: options.proxyTimeoutMs ?? 10_000,
    held: new Set<ServerResponse>(),
    plugin: startPlugin,
    look: options.look ?? 'sim',
    advertisedBackendUrl: startAdvertised,
    get backendApiKey() {
      return backend.apiKey;
    },
    requests,
    url: '',
    baseUrl: '',
    origin: '',
    port: 0,
    backendUrl: '',
    backendPort: 0,
    backendCertificate: backendCertificate as SelfSignedCertificate | null,
    state: (): SimulatorState => ({
      url: sim.url,
      baseUrl: sim.baseUrl,
      basePath,
      backendUrl: sim.backendUrl,
      proxyPath: `${basePath}${PROXY_PATH}`,
      buffer: {
        size: buffer.size,
        capacity: buffer.capacity,
        oldest_id: buffer.oldestId === null ? null : String(buffer.oldestId),
        newest_id: buffer.newestId === null ? null : String(buffer.newestId),
        next_id: String(buffer.upcomingId),
      },
      writer: writer.state(),
      fault: sim.faults.peek(),
      endpoint: { enabled: sim.endpoint.enabled, api_key_valid: sim.endpoint.apiKey === backend.apiKey },
      sessions: sim.sessions.count,
      open_streams: backend.openStreams,
      held_requests: sim.held.size,
      proxy_timeout_ms: sim.proxyTimeoutMs,
      plugin: sim.plugin,
      backend_api_key: backend.apiKey,
      advertised_backend_url: sim.advertisedBackendUrl,
      sync_active: backend.offersSyncRoute ? backend.syncs.answer() : null,
      users: USERS.map((u) => ({ username: u.username, password: u.password, can_view_endpoint: u.canViewEndpoint })),
    }),
    reset: ({ keepSessions = false } = {}) => {
      sim.faults.clear();
      sim.endpoint = defaultEndpoint();
      sim.plugin = startPlugin;
      sim.advertisedBackendUrl = startAdvertised;
      backend.apiKey = apiKey;
      backend.offersStream = true;
      backend.offersSyncRoute = true;
      for (const res of sim.held) res.destroy();
      sim.held.clear();
      backend.restart();
      writer.set({ rate: startRate, paused: false });
      requests.clear();
      if (!keepSessions) sim.sessions.expireAll();
    },
    renewBackendCertificate: async () => {
      if (!sim.backendCertificate) throw new Error('the backend serves plain HTTP');
      sim.backendCertificate = await selfSignedCertificate(host);
      (backendServer as import('node:https').Server).setSecureContext({ key: sim.backendCertificate.key, cert: sim.backendCertificate.cert });
      backend.closeStreams();
      backendServer.closeAllConnections();
    },
    close: async () => {
      writer.stop();
      for (const res of sim.held) res.destroy();
      backend.closeStreams();
      await Promise.all(
        [netboxServer, backendServer].map(
          (server) =>
            new Promise<void>((resolve) => {
              server.close(() => resolve());
              server.closeAllConnections();
            }),
        ),
      );
    },
  } satisfies Simulator;

  netboxServer.on(
    'request',
    guarded((req, res) => {
      const path = (req.url ?? '/').split('?')[0]!;
      if (path.startsWith('/__sim/')) return handleControl(sim, req, res, path);
      requests.track('netbox', req, res);
      return handleNetbox(sim, req, res);
    }),
  );
  backendServer.on(
    'request',
    guarded((req, res) => {
      requests.track('backend', req, res, backend.keyVerdict(req));
      backend.handle(req, res);
    }),
  );

  sim.port = await listen(netboxServer, options.port ?? 0, host);
  sim.backendPort = await listen(backendServer, options.backendPort ?? 0, host);
  sim.origin = `http://${host}:${sim.port}`;
  sim.baseUrl = `${sim.origin}${basePath}`;
  sim.url = `${sim.baseUrl}/`;
  sim.backendUrl = `${backendCertificate ? 'https' : 'http'}://${host}:${sim.backendPort}`;
  backend.corsOrigins = [sim.origin];
  writer.set({ rate: startRate });
  return sim;
}
