// When a back-filled history's entries were written (the demo's hours of logs, `POST
// /__sim/burst {spreadOverHours}`): in bursts, as proxbox-api writes them, a sync run's
// lines within a few minutes of its start and a few background lines in between, so a chart
// of the history has peaks and quiet stretches. Rising and unique, as the backend stamps
// entries as it appends them (ids and timestamps rise together).
import type { Random } from './random';

const ENTRIES_PER_RUN = 120;
const BACKGROUND_SHARE = 0.1;
/** A run writes its lines over at most this long. */
const RUN_MS = 4 * 60_000;

/** `count` epoch microseconds in (startMs, endMs], rising, unique. */
export function historyTimes(r: Random, count: number, startMs: number, endMs: number): number[] {
  const span = Math.max(1, endMs - startMs);
  const runs = Array.from({ length: Math.max(1, Math.round(count / ENTRIES_PER_RUN)) }, () => ({
    at: startMs + r.next() * Math.max(1, span - RUN_MS),
    length: RUN_MS * (0.25 + 0.75 * r.next()),
  }));
  const ms = Array.from({ length: count }, () => {
    if (r.chance(BACKGROUND_SHARE)) return startMs + r.next() * span;
    const run = r.pick(runs);
    // Most lines early in a run (discovery and fetch are chatty), fewer towards its end.
    return Math.min(endMs, run.at + r.next() ** 2 * run.length);
  }).sort((a, b) => a - b);
  const micros: number[] = [];
  let last = Math.floor(startMs * 1000);
  for (const t of ms) {
    last = Math.max(last + 1, Math.floor(t * 1000));
    micros.push(last);
  }
  return micros;
}
