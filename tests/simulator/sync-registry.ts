// proxbox-api's registry of syncs in flight (proxbox_api/app/sync_state.py), which its
// `GET /sync/active` reports: process-local, memory-only, so a restart forgets it. A run
// is registered when a sync starts and removed when it ends; the answer names the oldest
// run on top and lists every run under `runs`, oldest first, with `started_at` as
// `datetime.now(timezone.utc).isoformat().replace("+00:00", "Z")`.
import { randomUUID } from 'node:crypto';
import type { LogBuffer } from './log-buffer';
import type { NewLogEntry } from './types';

export interface SyncRun {
  id: string;
  kind: string;
  started_at: string;
}

export interface SyncActiveAnswer {
  active: boolean;
  started_at: string | null;
  id: string | null;
  kind: string | null;
  runs: SyncRun[];
}

/** What Python's isoformat() writes for a UTC time in epoch microseconds, `Z` for `+00:00` (no fraction on a whole second). */
function startedAt(micros: number): string {
  const seconds = new Date(Math.floor(micros / 1000)).toISOString().slice(0, 19);
  const fraction = micros - Math.floor(micros / 1_000_000) * 1_000_000;
  return `${seconds}${fraction ? `.${String(fraction).padStart(6, '0')}` : ''}Z`;
}

/**
 * The two entries of a run the real backend tags with its operation id (measured: 2 per
 * full-update run; the rest carry none, so a run's logs are a time range from its start).
 */
function taggedEntries(run: SyncRun): NewLogEntry[] {
  const plain = { level: 'INFO', resource_type: null, resource_id: null, expandable: null, operation_id: run.id } as const;
  return [
    { ...plain, module: '\u001b[90mfull_update\u001b[0m', message: `Starting ${run.kind.replace(/-/g, '_')} sync`, operation: null, phase: null },
    {
      ...plain,
      module: '\u001b[90mstructured_logging\u001b[0m',
      message: '[bulk_prerequisites] Reconciling device dependency phases',
      operation: 'device_sync',
      phase: 'bulk_prerequisites',
    },
  ];
}

export class SyncRegistry {
  private runs: SyncRun[] = [];

  /** Stamps runs with the buffer's clock, so every entry written after a start is later than it. */
  constructor(private readonly buffer: LogBuffer) {}

  /** Registers a run starting now; with `log`, writes the entries the backend tags with its id. */
  start(options: { kind?: string; id?: string; log?: boolean } = {}): SyncRun {
    const run: SyncRun = { id: options.id ?? randomUUID(), kind: options.kind ?? 'full-update', started_at: startedAt(this.buffer.stamp()) };
    this.runs.push(run);
    if (options.log !== false) for (const entry of taggedEntries(run)) this.buffer.append(entry);
    return run;
  }

  /** Ends the run with that id, or every run; returns those ended. */
  end(id?: string): SyncRun[] {
    const ended = this.runs.filter((r) => id === undefined || r.id === id);
    this.runs = this.runs.filter((r) => !ended.includes(r));
    return ended;
  }

  /** A restart: the registry is memory only. */
  clear(): void {
    this.runs = [];
  }

  answer(): SyncActiveAnswer {
    const head = this.runs[0];
    if (!head) return { active: false, started_at: null, id: null, kind: null, runs: [] };
    return { active: true, started_at: head.started_at, id: head.id, kind: head.kind, runs: this.runs.map((r) => ({ ...r })) };
  }
}
