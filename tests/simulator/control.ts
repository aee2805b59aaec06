// The simulator's own control API under /__sim/ (JSON in and out, no auth): what tests
// and the demo use to write logs, break the proxy, expire sessions and read what the
// extension sent. Only this simulator has it; NetBox never answers these paths.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson } from './http';
import { PLUGIN_MODES, type PluginMode } from './context';
import { parseFault } from './faults';
import type { NewLogEntry, WireLogEntry } from './types';
import type { Simulator } from './simulator';

const MAX_WRITE = 100_000;
/** A history reaches back at most a week. */
const MAX_HISTORY_HOURS = 168;

/** Entry fields a test may set; anything given is written as is (hostile content included). */
const ENTRY_FIELDS = ['level', 'module', 'message', 'operation_id', 'operation', 'phase', 'resource_type', 'resource_id', 'expandable', 'timestamp'] as const;

/** The fields a spec sets; `traceback` is shorthand for expandable.traceback. */
function overrides(spec: Record<string, unknown>): Partial<NewLogEntry> {
  const out: Record<string, unknown> = {};
  for (const field of ENTRY_FIELDS) if (field in spec) out[field] = spec[field];
  if (typeof spec.traceback === 'string') out.expandable = { traceback: spec.traceback };
  return out as Partial<NewLogEntry>;
}

const PLAIN: NewLogEntry = {
  level: 'INFO',
  module: 'sync',
  message: 'Simulated log entry',
  operation_id: null,
  operation: null,
  phase: null,
  resource_type: null,
  resource_id: null,
  expandable: null,
};

function count(value: unknown, fallback: number): number | string {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_WRITE) {
    return `count must be an integer from 0 to ${MAX_WRITE}`;
  }
  return value;
}

function written(entries: WireLogEntry[]) {
  return { count: entries.length, ids: entries.map((e) => e.id), first_id: entries[0]?.id ?? null, last_id: entries.at(-1)?.id ?? null };
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

async function jsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readBody(req);
  if (!text.trim()) return {};
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('body must be a JSON object');
  return value as Record<string, unknown>;
}

export async function handleControl(sim: Simulator, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const ok = (value: unknown) => sendJson(res, 200, value);
  const bad = (message: string) => sendJson(res, 400, { error: message });
  const route = `${req.method} ${path.replace(/\/+$/, '')}`;

  if (route === 'GET /__sim/state') return ok(sim.state());
  if (route === 'GET /__sim/requests') {
    const after = Number(new URL(req.url ?? '/', 'http://sim').searchParams.get('after') ?? 0);
    return ok({ requests: sim.requests.list(Number.isFinite(after) ? after : 0) });
  }
  if (req.method !== 'POST') return sendJson(res, route.startsWith('GET ') ? 404 : 405, { error: `no control route ${route}` });

  let body: Record<string, unknown>;
  try {
    body = await jsonBody(req);
  } catch (error) {
    return bad(`invalid JSON body: ${(error as Error).message}`);
  }

  switch (path.replace(/\/+$/, '')) {
    case '/__sim/logs': {
      // Plain entries (INFO, module sync, nulls) with the given fields: predictable for tests.
      const base = { ...PLAIN, ...overrides(body) };
      if (Array.isArray(body.entries)) {
        if (body.entries.length > MAX_WRITE) return bad(`at most ${MAX_WRITE} entries`);
        const specs = body.entries as unknown[];
        if (specs.some((s) => typeof s !== 'object' || s === null)) return bad('entries must be objects');
        return ok(written(specs.map((s) => sim.buffer.append({ ...base, ...overrides(s as Record<string, unknown>) }))));
      }
      const n = count(body.count, 1);
      if (typeof n === 'string') return bad(n);
      return ok(written(Array.from({ length: n }, () => sim.buffer.append(base))));
    }
    case '/__sim/burst': {
      // Realistic entries from the writer, with any given field forced; `spreadOverHours`
      // stamps them over the last hours instead of now (a history: docs/simulator.md).
      const n = count(body.count, 100);
      if (typeof n === 'string') return bad(n);
      const hours = body.spreadOverHours;
      if (hours === undefined) return ok(written(sim.writer.write(n, overrides(body))));
      if (typeof hours !== 'number' || !(hours > 0) || hours > MAX_HISTORY_HOURS) return bad(`spreadOverHours must be a number above 0, at most ${MAX_HISTORY_HOURS}`);
      return ok(written(sim.writer.backfill(n, hours, overrides(body))));
    }
    case '/__sim/restart':
      sim.backend.restart();
      return ok(sim.state());
    case '/__sim/fault': {
      const fault = parseFault(body);
      if (typeof fault === 'string') return bad(fault);
      return ok({ fault: sim.faults.set(fault) });
    }
    case '/__sim/endpoint': {
      if (body.enabled !== undefined && typeof body.enabled !== 'boolean') return bad('enabled must be a boolean');
      if (body.apiKey !== undefined && typeof body.apiKey !== 'string') return bad('apiKey must be a string');
      if (typeof body.enabled === 'boolean') sim.endpoint.enabled = body.enabled;
      if (typeof body.apiKey === 'string') sim.endpoint.apiKey = body.apiKey;
      return ok({ endpoint: sim.state().endpoint });
    }
    case '/__sim/plugin': {
      if (!PLUGIN_MODES.includes(body.mode as PluginMode)) return bad(`mode must be one of ${PLUGIN_MODES.join(', ')}`);
      sim.plugin = body.mode as PluginMode;
      return ok({ plugin: sim.plugin });
    }
    case '/__sim/backend': {
      // The backend's key (null: none registered; a new one: the old was revoked or rotated)
      // and the address NetBox names in discovery (null: the real one); `stream: false` takes
      // the stream route away (404), so clients can only poll.
      // `syncRoute: false`: /sync/active answers 404, as a backend older than the route.
      const { apiKey, advertisedUrl, stream, syncRoute } = body;
      if (apiKey !== undefined && apiKey !== null && (typeof apiKey !== 'string' || !apiKey)) return bad('apiKey must be a non-empty string or null');
      if (advertisedUrl !== undefined && advertisedUrl !== null && !isHttpUrl(advertisedUrl)) return bad('advertisedUrl must be an http(s) URL or null');
      if (stream !== undefined && typeof stream !== 'boolean') return bad('stream must be a boolean');
      if (syncRoute !== undefined && typeof syncRoute !== 'boolean') return bad('syncRoute must be a boolean');
      if (apiKey !== undefined) sim.backend.apiKey = apiKey as string | null;
      if (advertisedUrl !== undefined) sim.advertisedBackendUrl = advertisedUrl as string | null;
      if (stream !== undefined) sim.backend.offersStream = stream as boolean;
      if (syncRoute !== undefined) sim.backend.offersSyncRoute = syncRoute as boolean;
      return ok({
        backend_api_key: sim.backendApiKey,
        advertised_backend_url: sim.advertisedBackendUrl,
        stream: sim.backend.offersStream,
        sync_route: sim.backend.offersSyncRoute,
      });
    }
    case '/__sim/sync': {
      // A sync starts ({kind?, id?, log?}: registered, its two tagged entries written unless
      // log is false) or ends ({active: false, id?}: that run, or every run).
      const { active, kind, id, log } = body;
      if (active !== undefined && typeof active !== 'boolean') return bad('active must be a boolean');
      if (id !== undefined && (typeof id !== 'string' || !id.trim())) return bad('id must be a non-empty string');
      if (active === false) return ok({ ended: sim.backend.syncs.end(id as string | undefined), sync: sim.backend.syncs.answer() });
      if (kind !== undefined && (typeof kind !== 'string' || !kind.trim())) return bad('kind must be a non-empty string');
      if (log !== undefined && typeof log !== 'boolean') return bad('log must be a boolean');
      const run = sim.backend.syncs.start({
        ...(kind !== undefined ? { kind: kind as string } : {}),
        ...(id !== undefined ? { id: id as string } : {}),
        ...(log !== undefined ? { log: log as boolean } : {}),
      });
      return ok({ run, sync: sim.backend.syncs.answer() });
    }
    case '/__sim/expire-sessions':
      return ok({ expired: sim.sessions.expireAll() });
    case '/__sim/writer': {
      const { rate, paused } = body;
      if (rate !== undefined && (typeof rate !== 'number' || !(rate >= 0) || rate > 100_000)) return bad('rate must be a number from 0 to 100000');
      if (paused !== undefined && typeof paused !== 'boolean') return bad('paused must be a boolean');
      return ok({ writer: sim.writer.set({ rate: rate as number | undefined, paused: paused as boolean | undefined }) });
    }
    case '/__sim/requests/clear':
      sim.requests.clear();
      return ok({ cleared: true });
    case '/__sim/reset':
      sim.reset({ keepSessions: body.keepSessions === true });
      return ok(sim.state());
    default:
      return sendJson(res, 404, { error: `no control route ${route}` });
  }
}
