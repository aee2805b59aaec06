// Log entries for the comparison with the Proxbox page: the entries a real proxbox-api
// answered (tests/fixtures/recorded/proxbox-api/*.json, the streams aside: deduplicated,
// oldest first, without id and timestamp; 382 entries). Real module names with their ANSI
// colour codes, real messages, 6 real tracebacks of 0.8-16.5 KB. Written in the order they
// were recorded, over and over, so any count has the real mix.
import { recordedExchanges } from '../fixtures/real-recordings';
import type { Simulator } from '../simulator/index';
import type { NewLogEntry, WireLogEntry } from '../simulator/types';

let templates: NewLogEntry[] | null = null;

export function realEntries(): readonly NewLogEntry[] {
  if (!templates) {
    const byId = new Map<number, WireLogEntry>();
    for (const x of recordedExchanges()) {
      for (const entry of (x.body as { logs?: WireLogEntry[] } | null)?.logs ?? []) byId.set(Number(entry.id), entry);
    }
    templates = [...byId.entries()].sort(([a], [b]) => a - b).map(([, { id: _id, timestamp: _t, ...entry }]) => entry);
  }
  return templates;
}

let next = 0;

/** Appends `count` recorded entries to the simulator's buffer (ids and timestamps are the buffer's). */
export function writeRealEntries(sim: Simulator, count: number): void {
  const all = realEntries();
  for (let i = 0; i < count; i++) sim.buffer.append({ ...all[next++ % all.length]! });
}

/** Writes recorded entries at `perSecond`, as a busy backend logs; returns what stops it. */
export function writeRealEntriesLive(sim: Simulator, perSecond: number): () => void {
  const started = Date.now();
  let written = 0;
  const timer = setInterval(() => {
    const due = Math.floor(((Date.now() - started) / 1000) * perSecond) - written;
    if (due > 0) {
      writeRealEntries(sim, due);
      written += due;
    }
  }, 25);
  return () => clearInterval(timer);
}
