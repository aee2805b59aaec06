import { useRef } from 'preact/hooks';
import type { LogRow } from '../lib/core/logs-view-model';
import { plural } from './format';
import { countNewErrors, newestEntryKey } from './new-errors';

/** `serial` changes with each announcement: render the text keyed by it, so the same words twice are heard twice. */
export interface Announcement {
  text: string;
  serial: number;
}

/**
 * The sentence for a polite live region when new errors arrive at the top of the list:
 * "2 new errors". The rows change once per poll (one render per poll), so a screen reader
 * hears at most one announcement per poll; a list replaced by new filters says nothing.
 * Worked out in the render that brings the rows (not in an effect that sets state), so a
 * poll with new errors still costs one render of the panel.
 */
export function useNewErrorAnnouncement(rows: readonly LogRow[]): Announcement {
  const seen = useRef<{ rows: readonly LogRow[] | null; newest: string | null; said: Announcement }>({
    rows: null,
    newest: null,
    said: { text: '', serial: 0 },
  });
  const s = seen.current;
  if (s.rows !== rows) {
    const added = countNewErrors(rows, s.newest);
    s.rows = rows;
    s.newest = newestEntryKey(rows);
    if (added) s.said = { text: plural(added, 'new error', 'new errors'), serial: s.said.serial + 1 };
  }
  return s.said;
}
