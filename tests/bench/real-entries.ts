// Log entries for the comparison with the Proxbox page: the entries a real proxbox-api
// answered (/work/shared/real-proxbox-api/*.json, deduplicated, oldest first, without id
// and timestamp: data/proxbox-api-entries.json, 382 entries). Real module names with their
// ANSI colour codes, real messages, 6 real tracebacks of 0.8-16.5 KB. Written in the order
// they were recorded, over and over, so any count has the real mix.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Simulator } from '../simulator/index';
import type { NewLogEntry } from '../simulator/types';

const FILE = path.join(import.meta.dirname, 'data/proxbox-api-entries.json');

let templates: NewLogEntry[] | null = null;

export function realEntries(): readonly NewLogEntry[] {
  templates ??= JSON.parse(readFileSync(FILE, 'utf8')) as NewLogEntry[];
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
