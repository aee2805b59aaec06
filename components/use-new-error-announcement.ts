import { useEffect, useRef, useState } from 'preact/hooks';
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
 */
export function useNewErrorAnnouncement(rows: readonly LogRow[]): Announcement {
  const previousNewest = useRef<string | null>(null);
  const [said, setSaid] = useState<Announcement>({ text: '', serial: 0 });
  useEffect(() => {
    const added = countNewErrors(rows, previousNewest.current);
    previousNewest.current = newestEntryKey(rows);
    if (added) setSaid((old) => ({ text: plural(added, 'new error', 'new errors'), serial: old.serial + 1 }));
  }, [rows]);
  return said;
}
