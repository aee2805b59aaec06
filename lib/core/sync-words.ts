import { formatElapsed, formatHourMinute, type TimeZoneChoice } from './format-time';
import type { RunningSync } from './sync-active';

// How every view says that a sync is running: the page panel and the side panel
// (components/SyncIndicator.tsx), the popup and the badge's tooltip. The run's kind is the
// backend's text: it goes into text nodes and the tooltip only, never HTML.

export interface SyncWordsOptions {
  /** The views' time zone (the options page's "Display"). */
  zone: TimeZoneChoice;
  now: number;
}

function more(sync: RunningSync): string {
  const n = sync.alsoRunning;
  return n > 0 ? `; ${n} more ${n === 1 ? 'run' : 'runs'} in flight` : '';
}

/** "Sync running: full-update, started 10:56 (2 min)". */
export function syncSentence(sync: RunningSync, opts: SyncWordsOptions): string {
  const { run } = sync;
  const started = formatHourMinute(run.startedAt, { zone: opts.zone, now: opts.now });
  const kind = run.kind ? `: ${run.kind}` : '';
  return `Sync running${kind}, started ${started} (${formatElapsed(opts.now - run.startedAt)})${more(sync)}`;
}

/** The badge tooltip's addition to the instance's line: "sync running: full-update since 10:56". */
export function syncTooltip(sync: RunningSync, opts: SyncWordsOptions): string {
  const { run } = sync;
  const started = formatHourMinute(run.startedAt, { zone: opts.zone, now: opts.now });
  return `sync running${run.kind ? `: ${run.kind}` : ''} since ${started}${more(sync)}`;
}
