import type { Simulator } from '../simulator/index';
import { parseTimeToMicros } from '../simulator/iso-time';

// What a view with a time range must show, read from the simulator's own buffer (both
// browsers' journeys run it in their own process), and a time as a person types it.

/** The backend's entry ids in (from, to] (ms; null: no bound), newest first. */
export function idsBetween(sim: Simulator, from: number | null, to: number | null): number[] {
  const out: number[] = [];
  for (const e of sim.buffer.matchingOldestFirst({ level: null, errorsOnly: null, operationId: null, since: null, newerThanId: null })) {
    const micros = parseTimeToMicros(e.timestamp)!;
    if ((from === null || micros > from * 1000) && (to === null || micros <= to * 1000)) out.unshift(Number(e.id));
  }
  return out;
}

/** An instant as a person types it into From or To: local time, whole minutes. */
export function typedMinute(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}
