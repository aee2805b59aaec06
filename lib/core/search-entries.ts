import type { LogEntry } from './log-types';
import type { LogRow } from './logs-view-model';

// The list's search box: a plain, case-insensitive substring match over the fields a user
// reads (never a regular expression built from what they type). Fast on 100,000 entries:
// each entry's lower-cased text is built once and cached, a search that extends the
// previous one ("err" -> "erro") only re-checks the previous result, and rows added while
// a search is open are the only ones searched.

/** Lower-cased, trimmed search text; '' means "no search". */
export function normalizeSearch(text: string): string {
  return typeof text === 'string' ? text.trim().toLowerCase() : '';
}

// Entries are immutable once parsed, so the cache can be keyed by the object itself; a
// WeakMap lets entries dropped by a reload be collected with their text.
const haystacks = new WeakMap<LogEntry, string>();

/**
 * Everything searchable in an entry, lower-cased: message, module, level, operation id,
 * operation, phase, resource type and id, traceback. Joined with "\n" so a search
 * cannot match across two fields (search text is trimmed, so it never ends in "\n").
 */
export function entryHaystack(entry: LogEntry): string {
  let text = haystacks.get(entry);
  if (text === undefined) {
    text = [
      entry.message,
      entry.module,
      entry.level,
      entry.operationId ?? '',
      entry.operation ?? '',
      entry.phase ?? '',
      entry.resourceType ?? '',
      entry.resourceId ?? '',
      entry.traceback ?? '',
    ]
      .join('\n')
      .toLowerCase();
    haystacks.set(entry, text);
  }
  return text;
}

/**
 * Builds the cached haystacks of entries ahead of time. The view calls it as entries
 * arrive (about a microsecond each, a page at a time) so that the first keystroke of a
 * search over 100,000 entries does not pay for building them all at once (~100 ms).
 */
export function prepareSearch(entries: readonly LogEntry[]): void {
  for (const entry of entries) entryHaystack(entry);
}

const PREPARE_CHUNK = 2000;
let preparing: (readonly LogEntry[])[] = [];
let prepareScheduled = false;

/**
 * prepareSearch, but off the path that shows new entries: done in later tasks, a couple
 * of thousand entries a task, so a poll is applied and painted first. A search typed
 * before it ran builds what it needs itself (entryHaystack), with the same result.
 */
export function prepareSearchSoon(entries: readonly LogEntry[]): void {
  if (entries.length === 0) return;
  preparing.push(entries);
  if (prepareScheduled) return;
  prepareScheduled = true;
  const run = () => {
    let budget = PREPARE_CHUNK;
    while (budget > 0 && preparing.length > 0) {
      const batch = preparing[0]!;
      const part = batch.slice(0, budget);
      prepareSearch(part);
      budget -= part.length;
      if (part.length === batch.length) preparing.shift();
      else preparing[0] = batch.slice(part.length);
    }
    if (preparing.length > 0) setTimeout(run, 0);
    else prepareScheduled = false;
  };
  setTimeout(run, 0);
}

/** Whether an entry contains `needle`, which must already be normalizeSearch()ed. */
export function entryMatches(entry: LogEntry, needle: string): boolean {
  return needle === '' || entryHaystack(entry).includes(needle);
}

/** Narrows rows (entries + gap markers) by a search text. */
export type RowSearch = (rows: readonly LogRow[], text: string) => readonly LogRow[];

/**
 * A memoising search over rows. No search: the rows unchanged (gap markers included).
 * A search: only matching entries — gap markers are dropped, since "entries missing here"
 * means nothing between two entries that are not neighbours. Same rows + a text that
 * extends the last one: filters the last result instead of all rows.
 */
export function createRowSearch(): RowSearch {
  let lastRows: readonly LogRow[] | null = null;
  let lastNeedle = '';
  let lastResult: readonly LogRow[] = [];
  return (rows, text) => {
    const needle = normalizeSearch(text);
    if (needle === '') return rows;
    if (lastRows !== null && lastNeedle !== '') {
      if (rows === lastRows) {
        if (needle === lastNeedle) return lastResult;
        if (needle.startsWith(lastNeedle)) {
          lastResult = filterRows(lastResult, needle);
          lastNeedle = needle;
          return lastResult;
        }
      } else if (needle === lastNeedle) {
        const grown = searchInserted(lastRows, lastResult, rows, needle);
        if (grown) {
          lastRows = rows;
          lastResult = grown;
          return grown;
        }
      }
    }
    lastRows = rows;
    lastNeedle = needle;
    lastResult = filterRows(rows, needle);
    return lastResult;
  };
}

/**
 * When `rows` is `before` with one run of rows inserted (a poll's page on top, an older
 * page at the bottom or above a restart marker), the new result is the old one with only
 * the inserted rows searched: pointer comparisons instead of 100,000 text searches while
 * a search stays open. Anything else (null) is searched in full.
 */
function searchInserted(
  before: readonly LogRow[],
  beforeResult: readonly LogRow[],
  rows: readonly LogRow[],
  needle: string,
): LogRow[] | null {
  const inserted = rows.length - before.length;
  if (inserted <= 0) return null;
  let head = 0;
  while (head < before.length && rows[head] === before[head]) head++;
  for (let i = head; i < before.length; i++) if (rows[i + inserted] !== before[i]) return null;
  // How much of the old result came from before[0..head).
  let split = 0;
  for (let i = 0; i < head && split < beforeResult.length; i++) if (before[i] === beforeResult[split]) split++;
  const added = filterRows(rows.slice(head, head + inserted), needle);
  return beforeResult.slice(0, split).concat(added, beforeResult.slice(split));
}

function filterRows(rows: readonly LogRow[], needle: string): LogRow[] {
  const out: LogRow[] = [];
  for (const row of rows) {
    if (row.kind === 'entry' && entryHaystack(row.entry).includes(needle)) out.push(row);
  }
  return out;
}

export interface HighlightPart {
  text: string;
  match: boolean;
}

/**
 * `text` split into parts where the search matches (case-insensitively) and where it does
 * not, for highlighting. Joining the parts' text gives `text` back exactly. Works for any
 * characters, including those whose lower case is longer (e.g. "İ").
 */
export function highlightParts(text: string, search: string): HighlightPart[] {
  if (typeof text !== 'string' || text === '') return [];
  const needle = normalizeSearch(search);
  if (needle === '') return [{ text, match: false }];

  // lower[i] comes from text[origin[i]]; when lower-casing keeps every length (the usual
  // case) the two strings line up and origin is the identity.
  let lower = text.toLowerCase();
  let origin: number[] | null = null;
  if (lower.length !== text.length) {
    origin = [];
    lower = '';
    for (let i = 0; i < text.length; ) {
      const cp = text.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      const low = ch.toLowerCase();
      for (let k = 0; k < low.length; k++) origin.push(i);
      lower += low;
      i += ch.length;
    }
    origin.push(text.length);
  }
  const at = (i: number): number => (origin ? origin[i]! : i);
  // Where a match ends in `text`: after the source character of its last lower-case unit.
  const endAt = (i: number): number => {
    if (!origin) return i;
    const src = origin[i - 1]!;
    return src + String.fromCodePoint(text.codePointAt(src)!).length;
  };

  const parts: HighlightPart[] = [];
  let done = 0; // index in `text` up to which parts were emitted
  let from = 0; // index in `lower` to search from
  while (from <= lower.length - needle.length) {
    const hit = lower.indexOf(needle, from);
    if (hit < 0) break;
    const start = Math.max(at(hit), done);
    const end = endAt(hit + needle.length);
    if (end > start) {
      if (start > done) parts.push({ text: text.slice(done, start), match: false });
      parts.push({ text: text.slice(start, end), match: true });
      done = end;
    }
    from = hit + needle.length;
  }
  if (done < text.length) parts.push({ text: text.slice(done), match: false });
  return parts;
}
