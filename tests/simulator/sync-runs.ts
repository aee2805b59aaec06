// What proxbox-api logs while it syncs Proxmox into NetBox: one run per operation, going
// through its phases (discover, fetch, compare, write, cleanup), plus background lines
// that belong to no operation. Mostly INFO/DEBUG; warnings, errors with Python
// tracebacks and the odd CRITICAL that aborts a run.
import type { Random } from './random';
import type { NewLogEntry, WireLevel } from './types';

interface Kind {
  operation: string;
  module: string;
  resourceType: string;
  noun: string;
  resources(r: Random): Array<{ id: number | string; name: string }>;
}

const NODES = ['pve01', 'pve02', 'pve03'];
const CLUSTERS = ['pve-lab', 'pve-prod'];
const VM_NAMES = ['web01', 'web02', 'db01', 'cache01', 'mail', 'gitlab', 'monitoring', 'k8s-worker-1', 'k8s-worker-2', 'dns01'];
const STORAGES = ['local', 'local-lvm', 'ceph-rbd', 'nfs-backup', 'zfs-tank'];

const KINDS: Kind[] = [
  {
    operation: 'vm_sync',
    module: 'virtual_machines',
    resourceType: 'virtual_machine',
    noun: 'virtual machines',
    resources: (r) => sample(r, VM_NAMES, r.int(2, 6)).map((name) => ({ id: r.int(100, 299), name })),
  },
  {
    operation: 'device_sync',
    module: 'devices',
    resourceType: 'device',
    noun: 'nodes',
    // Devices are keyed by node name on the Proxmox side, by number in NetBox.
    resources: (r) => NODES.map((name) => ({ id: r.chance(0.5) ? name : r.int(1, 80), name })),
  },
  {
    operation: 'storage_sync',
    module: 'storage',
    resourceType: 'storage',
    noun: 'storages',
    resources: (r) => sample(r, STORAGES, r.int(2, 4)).map((name) => ({ id: name, name })),
  },
  {
    operation: 'cluster_sync',
    module: 'clusters',
    resourceType: 'cluster',
    noun: 'clusters',
    resources: (r) => CLUSTERS.map((name, i) => ({ id: r.chance(0.5) ? name : i + 1, name })),
  },
  {
    operation: 'backup_sync',
    module: 'sync',
    resourceType: 'backup',
    noun: 'backups',
    resources: (r) =>
      Array.from({ length: r.int(2, 5) }, () => {
        const vmid = r.int(100, 299);
        const name = `nfs-backup:backup/vzdump-qemu-${vmid}-2026_11_${r.int(10, 28)}-02_00_0${r.int(0, 9)}.vma.zst`;
        return { id: name, name };
      }),
  },
];

function sample<T>(r: Random, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < count && pool.length) out.push(pool.splice(r.int(0, pool.length - 1), 1)[0] as T);
  return out;
}

function mac(r: Random): string {
  return ['BC', '24', '11', ...Array.from({ length: 3 }, () => r.int(0, 255).toString(16).padStart(2, '0').toUpperCase())].join(':');
}

const SITE = '/app/.venv/lib/python3.12/site-packages';

/** A multi-line Python traceback, sometimes chained (then several KB). */
export function traceback(r: Random, module: string, failure: string): string {
  const frames = [
    `  File "/app/proxbox_api/routes/sync/${module}.py", line ${r.int(80, 600)}, in sync_${module}\n    result = await sync_one(nb, px, item, operation_id=operation_id)`,
    `  File "/app/proxbox_api/services/sync/${module}.py", line ${r.int(40, 400)}, in sync_one\n    await nb_object.save()`,
    `  File "${SITE}/pynetbox/core/response.py", line 642, in save\n    if req.patch({i: serialized[i] for i in diff}):`,
    `  File "${SITE}/pynetbox/core/query.py", line 439, in patch\n    return self._make_call(verb="patch", data=data)`,
    `  File "${SITE}/pynetbox/core/query.py", line 291, in _make_call\n    raise RequestError(req)`,
  ];
  if (!r.chance(0.25)) return `Traceback (most recent call last):\n${frames.join('\n')}\n${failure}`;
  // A chained one, raised through the web stack: several KB, as real ones are.
  const web = [
    `  File "${SITE}/starlette/middleware/errors.py", line 165, in __call__\n    await self.app(scope, receive, _send)`,
    `  File "${SITE}/starlette/middleware/exceptions.py", line 62, in __call__\n    await wrap_app_handling_exceptions(self.app, conn)(scope, receive, send)`,
    `  File "${SITE}/starlette/_exception_handler.py", line 53, in wrapped_app\n    raise exc`,
    `  File "${SITE}/starlette/_exception_handler.py", line 42, in wrapped_app\n    await app(scope, receive, sender)`,
    `  File "${SITE}/starlette/routing.py", line 715, in __call__\n    await self.middleware_stack(scope, receive, send)`,
    `  File "${SITE}/starlette/routing.py", line 735, in app\n    await route.handle(scope, receive, send)`,
    `  File "${SITE}/starlette/routing.py", line 288, in handle\n    await self.app(scope, receive, send)`,
    `  File "${SITE}/fastapi/routing.py", line 301, in app\n    raw_response = await run_endpoint_function(`,
    `  File "${SITE}/fastapi/routing.py", line 212, in run_endpoint_function\n    return await dependant.call(**values)`,
  ];
  const main = `Traceback (most recent call last):\n${[...web, ...frames].join('\n')}\n${failure}`;
  const network = [
    `  File "${SITE}/httpcore/_async/connection_pool.py", line 256, in handle_async_request\n    raise exc from None`,
    `  File "${SITE}/httpcore/_async/connection.py", line 101, in handle_async_request\n    raise exc`,
    `  File "${SITE}/httpcore/_backends/anyio.py", line 113, in connect_tcp\n    with map_exceptions(exc_map):`,
    `  File "/usr/lib/python3.12/contextlib.py", line 158, in __exit__\n    self.gen.throw(value)`,
    `  File "${SITE}/httpcore/_exceptions.py", line 14, in map_exceptions\n    raise to_exc(exc) from exc`,
  ];
  const first = `Traceback (most recent call last):\n${network.join('\n')}\nhttpcore.ConnectTimeout: timed out`;
  return `${first}\n\nThe above exception was the direct cause of the following exception:\n\n${main}`;
}

type Step = Omit<NewLogEntry, 'operation_id' | 'operation'>;

/** The entries of one sync run, in order; a CRITICAL ends it early. */
export function* syncRun(r: Random): Generator<NewLogEntry> {
  const kind = r.pick(KINDS);
  const operationId = r.uuid();
  const cluster = r.pick(CLUSTERS);
  const items = kind.resources(r);
  const tally = { created: 0, updated: 0, failed: 0 };
  const step = (
    level: WireLevel,
    phase: string,
    message: string,
    extra: Partial<Step> = {},
  ): NewLogEntry => ({
    level,
    module: kind.module,
    message,
    operation_id: operationId,
    operation: kind.operation,
    phase,
    resource_type: null,
    resource_id: null,
    expandable: null,
    ...extra,
  });
  const on = (item: { id: number | string }) => ({ resource_type: kind.resourceType, resource_id: item.id });

  yield step('INFO', 'discover', `Starting ${kind.operation} for cluster ${cluster} (${r.chance(0.7) ? 'scheduled' : 'requested by admin'})`);
  yield step('DEBUG', 'discover', `Discovering ${kind.noun} on ${NODES.length} node(s): ${NODES.join(', ')}`);
  yield step('INFO', 'discover', `Discovered ${items.length} ${kind.noun} on cluster ${cluster}`);

  for (const item of items) {
    const node = r.pick(NODES);
    const ms = r.int(8, 240);
    yield step('DEBUG', 'fetch', `GET https://${node}.lab.example:8006/api2/json/nodes/${node}/${kind.resourceType === 'virtual_machine' ? `qemu/${item.id}/config` : 'status'} -> 200 (${ms} ms)`, on(item));
    if (r.chance(0.08)) {
      yield step('WARNING', 'fetch', `Request to ${node}.lab.example:8006 failed (attempt 1/3), retrying in 2 s: ReadTimeout`, on(item));
    } else if (r.chance(0.06)) {
      yield step('WARNING', 'fetch', `Slow Proxmox API response: ${(r.int(30, 90) / 10).toFixed(1)} s for /cluster/resources`, on(item));
    }
  }

  for (const item of items) {
    if (r.chance(0.5)) {
      yield step('DEBUG', 'compare', `${item.name}: unchanged`, on(item));
    } else {
      const field = r.pick(['vcpus 2 -> 4', 'memory 4096 -> 8192', 'status offline -> active', 'disk 32 GB -> 64 GB', 'tags +proxbox']);
      yield step('DEBUG', 'compare', `${item.name}: 1 field(s) differ: ${field}`, on(item));
    }
  }

  for (const item of items) {
    const roll = r.next();
    if (roll < 0.015) {
      const failure = `pynetbox.core.query.RequestError: The request failed with code 503 Service Unavailable: NetBox is not reachable`;
      yield step('CRITICAL', 'write', `NetBox API unreachable after 3 attempts; aborting ${kind.operation}`, {
        ...on(item),
        expandable: { traceback: traceback(r, kind.module, failure) },
      });
      return;
    }
    if (roll < 0.09) {
      tally.failed++;
      const status = r.pick(['500 Internal Server Error', '400 Bad Request', '409 Conflict']);
      const failure = `pynetbox.core.query.RequestError: The request failed with code ${status}: ${status.startsWith('400') ? "{'name': ['This field is required.']}" : 'None'}`;
      yield step('ERROR', 'write', `Failed to sync ${kind.resourceType.replace('_', ' ')} ${item.name} (${item.id}) on cluster ${cluster}: ${status}`, {
        ...on(item),
        expandable: { traceback: traceback(r, kind.module, failure) },
      });
      continue;
    }
    if (roll < 0.11) {
      tally.failed++;
      yield step('ERROR', 'write', `Could not resolve site for ${item.name}: no NetBox site matches cluster ${cluster}`, on(item));
      continue;
    }
    const created = r.chance(0.3);
    if (created) tally.created++;
    else tally.updated++;
    yield step('INFO', 'write', `${created ? 'Created' : 'Updated'} ${kind.resourceType.replace('_', ' ')} ${item.name} (NetBox id ${r.int(1, 900)})`, on(item));
    if (kind.resourceType === 'virtual_machine' && r.chance(0.5)) {
      yield {
        ...step('INFO', 'write', `Created interface net0 on ${item.name} (${mac(r)})`),
        module: 'network',
        resource_type: 'interface',
        resource_id: r.int(1, 5000),
      };
      if (r.chance(0.2)) {
        yield {
          ...step('WARNING', 'write', `${item.name} has no IP address reported by the QEMU guest agent; skipping primary IP`),
          module: 'network',
          ...on(item),
        };
      }
    }
  }

  const stale = r.int(0, 3);
  yield step(stale ? 'INFO' : 'DEBUG', 'cleanup', stale ? `Removed ${stale} stale ${kind.noun}` : 'No stale objects to remove');
  const seconds = (r.int(20, 900) / 10).toFixed(1);
  const summary = `${tally.created} created, ${tally.updated} updated${tally.failed ? `, ${tally.failed} failed` : ''}`;
  yield step(tally.failed ? 'WARNING' : 'INFO', 'cleanup', `${kind.operation} finished in ${seconds} s: ${summary}`);
}

/** A line that belongs to no operation: scheduler, health checks, connections. */
export function backgroundLine(r: Random): NewLogEntry {
  const plain = (level: WireLevel, module: string, message: string): NewLogEntry => ({
    level,
    module,
    message,
    operation_id: null,
    operation: null,
    phase: null,
    resource_type: null,
    resource_id: null,
    expandable: null,
  });
  const roll = r.next();
  if (roll < 0.3) return plain('DEBUG', 'sync', `Health check: Proxmox ${NODES.length}/${NODES.length} nodes reachable, NetBox reachable`);
  if (roll < 0.5) return plain('INFO', 'sync', `Next scheduled sync in ${r.pick([60, 300, 900])} s`);
  if (roll < 0.65) return plain('DEBUG', 'sync', `WebSocket client connected from 10.0.${r.int(0, 9)}.${r.int(2, 250)}`);
  if (roll < 0.8) return plain('DEBUG', 'clusters', `Cache hit for /cluster/resources on ${r.pick(CLUSTERS)} (age ${r.int(1, 59)} s)`);
  if (roll < 0.92) return plain('WARNING', 'clusters', `Proxmox API token for ${r.pick(CLUSTERS)} expires in ${r.int(2, 14)} days`);
  return plain('ERROR', 'sync', 'Cache refresh failed: Redis connection refused (redis:6379)');
}
