import { SYNC_PROBE_MIN_AGE_SHARE, SYNC_STALE_INTERVALS } from './cadence';
import { parseTimestamp } from './format-time';

// What proxbox-api's `GET /sync/active` says (contract §3), as the worker keeps it. The
// backend's registry of runs in flight: idle is
//   {"active": false, "started_at": null, "id": null, "kind": null, "runs": []}
// and busy names the oldest run (its operation id, kind and start, ISO UTC ending in Z) and
// every run in flight under `runs`, oldest first. Anything else reads as "unknown", which,
// like idle, shows nothing: the indicator is a help, never a reason for a failure.

/** Runs kept at most (the backend registers one per sync request; more is not a registry). */
export const MAX_SYNC_RUNS = 20;
/** Longer ids or kinds are not the backend's (a UUID, "full-update"): read as absent. */
const MAX_TEXT = 200;

export interface SyncRun {
  /** The run's operation id; only a couple of its entries carry it. Untrusted text. */
  id: string | null;
  /** "full-update", as the backend names the run. Untrusted text. */
  kind: string | null;
  /** When it started, ms since epoch (parsed as UTC). */
  startedAt: number;
}

export type SyncActivity =
  /** At least one run; the first is the oldest, the one the backend reports on top. */
  | { state: 'running'; runs: SyncRun[] }
  | { state: 'idle' }
  /** 404: a backend older than the route. */
  | { state: 'absent' }
  /** The probe failed, or the answer could not be read. */
  | { state: 'unknown' };

/** The last answer and when it was asked (the worker's state, lib/core/worker-state.ts). */
export interface SyncProbe {
  at: number;
  activity: SyncActivity;
}

/** What a view shows: the oldest run in flight, and how many more run beside it. */
export interface RunningSync {
  run: SyncRun;
  alsoRunning: number;
}

const UNKNOWN: SyncActivity = { state: 'unknown' };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed && trimmed.length <= MAX_TEXT ? trimmed : null;
}

function readRun(value: unknown): SyncRun | null {
  if (!isObject(value)) return null;
  const startedAt = typeof value.started_at === 'string' ? parseTimestamp(value.started_at) : null;
  return startedAt === null ? null : { id: text(value.id), kind: text(value.kind), startedAt };
}

/** The answer's body (parsed JSON) as the worker keeps it; never throws. */
export function parseSyncActive(body: unknown): SyncActivity {
  if (!isObject(body) || typeof body.active !== 'boolean') return UNKNOWN;
  if (!body.active) return { state: 'idle' };
  const head = readRun(body);
  if (!head) return UNKNOWN;
  const listed = Array.isArray(body.runs) ? body.runs.slice(0, MAX_SYNC_RUNS).map(readRun).filter((r): r is SyncRun => r !== null) : [];
  const first = listed[0];
  const headListed = first !== undefined && first.id === head.id && first.startedAt === head.startedAt;
  return { state: 'running', runs: headListed ? listed : [head, ...listed].slice(0, MAX_SYNC_RUNS) };
}

/** What storage held as a SyncProbe (written by this code, but storage may hold anything). */
export function repairSyncProbe(raw: unknown): SyncProbe | null {
  if (!isObject(raw) || typeof raw.at !== 'number' || !Number.isFinite(raw.at) || !isObject(raw.activity)) return null;
  const { state, runs } = raw.activity;
  if (state === 'idle' || state === 'absent' || state === 'unknown') return { at: raw.at, activity: { state } };
  if (state !== 'running' || !Array.isArray(runs)) return null;
  const kept = runs
    .slice(0, MAX_SYNC_RUNS)
    .filter((r): r is SyncRun => isObject(r) && typeof r.startedAt === 'number' && Number.isFinite(r.startedAt))
    .map((r) => ({ id: text(r.id), kind: text(r.kind), startedAt: r.startedAt }));
  return kept.length > 0 ? { at: raw.at, activity: { state: 'running', runs: kept } } : null;
}

/** The running sync to show, if the last answer says one runs and is recent enough to believe. */
export function runningSyncOf(probe: SyncProbe | null, now: number, pollIntervalMs: number): RunningSync | null {
  if (!probe || probe.activity.state !== 'running') return null;
  if (now - probe.at > SYNC_STALE_INTERVALS * pollIntervalMs) return null;
  const [run, ...others] = probe.activity.runs;
  return run ? { run, alsoRunning: others.length } : null;
}

/** Whether to ask the backend again, given the last answer and how fresh one must be. */
export function syncProbeDue(probe: SyncProbe | null, now: number, freshMs: number): boolean {
  return !probe || now - probe.at >= freshMs || probe.at > now;
}

/** How fresh a badge poll wants the answer: one probe per alarm, whatever else polls between. */
export function badgePollFreshMs(pollIntervalMs: number): number {
  return pollIntervalMs * SYNC_PROBE_MIN_AGE_SHARE;
}
