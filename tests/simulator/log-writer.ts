// Plays realistic sync runs into the buffer at a set rate (entries per second; 0 pauses).
// Up to three runs interleave, as concurrent sync jobs do; a seed makes the content
// repeatable (timestamps still come from the buffer's clock).
import { historyTimes } from './history-times';
import { formatMicros, parseTimeToMicros } from './iso-time';
import type { LogBuffer } from './log-buffer';
import { createRandom, type Random } from './random';
import { backgroundLine, syncRun } from './sync-runs';
import type { NewLogEntry, WireLogEntry } from './types';

const MAX_CONCURRENT_RUNS = 3;
const BACKGROUND_SHARE = 0.1;

const GREY = '\u001b[90m';
const RESET = '\u001b[0m';

/**
 * The module as proxbox-api's colour formatter leaves it: plain on DEBUG, one grey pair on
 * INFO, two on WARNING and above (tests/fixtures/recorded/proxbox-api/default.json).
 */
export function colourModule(level: string, module: string): string {
  if (level === 'DEBUG') return module;
  if (level === 'INFO') return `${GREY}${module}${RESET}`;
  return `${GREY}${GREY}${module}${RESET}${RESET}`;
}

export interface WriterState {
  rate: number;
  paused: boolean;
  seeded: boolean;
  written: number;
}

export class LogWriter {
  private readonly r: Random;
  private runs: Array<Generator<NewLogEntry>> = [];
  private rate = 0;
  private paused = false;
  private written = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private due = 0;
  private lastTick = 0;

  constructor(
    private readonly buffer: LogBuffer,
    private readonly options: { seed?: number } = {},
  ) {
    this.r = createRandom(options.seed);
  }

  /** The next realistic entry, not yet written. */
  generate(): NewLogEntry {
    if (this.r.chance(BACKGROUND_SHARE)) return backgroundLine(this.r);
    if (this.runs.length < MAX_CONCURRENT_RUNS && (this.runs.length === 0 || this.r.chance(0.05))) {
      this.runs.push(syncRun(this.r));
    }
    const index = this.r.int(0, this.runs.length - 1);
    const step = this.runs[index]!.next();
    if (step.done) {
      this.runs.splice(index, 1);
      return this.generate();
    }
    return step.value;
  }

  /** Writes `count` generated entries now, each optionally overridden (a given module as is). */
  write(count: number, override: Partial<NewLogEntry> = {}): WireLogEntry[] {
    const out: WireLogEntry[] = [];
    for (let i = 0; i < count; i++) {
      const entry = { ...this.generate(), ...override };
      if (override.module === undefined) entry.module = colourModule(entry.level, entry.module);
      out.push(this.buffer.append(entry));
    }
    this.written += count;
    return out;
  }

  /**
   * Writes `count` generated entries stamped over the last `hours` (after the newest entry
   * held, so ids and timestamps still rise together), in bursts as sync runs write them:
   * a history for the chart and the time range to show (the demo's start).
   */
  backfill(count: number, hours: number, override: Partial<NewLogEntry> = {}): WireLogEntry[] {
    const now = Date.now();
    const newest = this.buffer.newestId === null ? null : this.buffer.get(this.buffer.newestId)?.timestamp;
    const after = newest ? (parseTimeToMicros(newest) ?? 0) / 1000 : -Infinity;
    const start = Math.max(now - hours * 3_600_000, after);
    const times = historyTimes(this.r, count, start, now);
    return times.flatMap((micros) => this.write(1, { ...override, timestamp: formatMicros(micros) }));
  }

  set(settings: { rate?: number; paused?: boolean }): WriterState {
    if (settings.rate !== undefined) this.rate = Math.max(0, settings.rate);
    if (settings.paused !== undefined) this.paused = settings.paused;
    this.schedule();
    return this.state();
  }

  state(): WriterState {
    return { rate: this.rate, paused: this.paused, seeded: this.options.seed !== undefined, written: this.written };
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  // One timer at min(1/rate, 50 ms) carrying the fractional remainder, so any rate from
  // 0.1/s to thousands/s is kept on average without a timer per entry.
  private schedule(): void {
    this.stop();
    if (this.paused || this.rate <= 0) return;
    const interval = Math.max(10, Math.min(1000 / this.rate, 50));
    this.due = 0;
    this.lastTick = performance.now();
    this.timer = setInterval(() => {
      const now = performance.now();
      this.due += ((now - this.lastTick) / 1000) * this.rate;
      this.lastTick = now;
      const count = Math.floor(this.due);
      if (count > 0) {
        this.due -= count;
        this.write(Math.min(count, 10_000));
      }
    }, interval);
    this.timer.unref();
  }
}
