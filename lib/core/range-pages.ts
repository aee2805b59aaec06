import type { LogEntry } from './log-types';
import { askPage, clampLimit, filtersToQuery, type PageOptions, type PageResult } from './sync-newer';
import { isAfterTo, sinceOf } from './time-range';

// The first page of a time range, exact at both ends, from a backend that has `since`
// (exclusive) but no `until` (contract §3). docs/architecture.md, "A time range", says why:
//
// proxbox-api stamps an entry as it appends it, so ids and timestamps rise together, and
// the ids it holds are consecutive (an unfiltered answer has no holes). So:
// 1. With To: one unfiltered probe, `since=To&limit=1`. Its total T counts the entries
//    after To, and its one entry is the newest, id N: the entries after To are exactly the
//    ids N-T+1..N, whatever their number. T = 0: nothing is after To yet, the range is
//    still open (polls go on; what comes after To is dropped, and closes it).
// 2. The page: the filters, `since=From`, `older_than_id=N-T+1` (closed ranges), a large
//    limit. The backend counts its total within that id range and after `since`: exactly
//    the matching entries between From and To. The rows below it come by `older_than_id`.
// So a range's exact total and first rows cost two requests (one without To), however
// many entries lie after To; each further 5,000 rows cost one more.

export type RangePageResult =
  | (Extract<PageResult, { kind: 'ok' }> & {
      /** Entries after To exist: nothing newer can fall in the range (no polls). */
      closed: boolean;
    })
  | Extract<PageResult, { kind: 'failed' }>;

function byIdDesc(entries: LogEntry[]): LogEntry[] {
  return entries.sort((a, b) => b.id - a.id);
}

/** The newest `limit` entries of the view's filters and range, its exact total, and whether it is closed. */
export async function loadRangeFirstPage(options: PageOptions): Promise<RangePageResult> {
  const { filters } = options;
  let olderThanId: number | undefined;
  if (filters.to !== null) {
    const probe = await askPage(options, { since: new Date(filters.to).toISOString(), limit: 1 });
    if (!probe.ok) return { kind: 'failed', failure: probe.failure };
    const newest = probe.value.logs[0];
    if (probe.value.total > 0 && newest) olderThanId = newest.id - probe.value.total + 1;
  }
  const query = { ...filtersToQuery(filters), ...sinceOf(filters), limit: clampLimit(options.limit) };
  const out = await askPage(options, olderThanId === undefined ? query : { ...query, olderThanId });
  if (!out.ok) return { kind: 'failed', failure: out.failure };
  const page = out.value;
  // Open ranges only: entries written after To between the probe and the page.
  const to = filters.to;
  const kept = to === null ? page.logs : page.logs.filter((e) => !isAfterTo(e, to));
  const dropped = page.logs.length - kept.length;
  return {
    kind: 'ok',
    entries: byIdDesc(kept.filter((e) => olderThanId === undefined || e.id < olderThanId)),
    total: Math.max(0, page.total - dropped),
    hasOlder: page.hasMore,
    closed: olderThanId !== undefined || dropped > 0,
  };
}
