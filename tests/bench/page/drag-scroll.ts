// A scrollbar drag: the list scrolled from top to bottom in big jumps, one position per
// frame, each far enough that every row of the view is new (the worst case for a virtual
// list). Each frame is timed as wheel-scroll.ts times it: from the animation-frame
// callback that sets the position (and runs what reacts to it: the scroll event, or the
// floor's own rows) to the end of that frame's style, layout and paint.
//
// The floor (`floorList`): the same rows — the panel's markup and CSS classes, in the
// panel's table, in a scroll box of the same size with a sizer of the same height — built
// as plain DOM with no framework, all of them replaced each frame. Their texts are
// prepared before the frames are timed, so a frame holds DOM work alone: what any list
// showing those rows pays at least.
import { formatFullTimestamp, shortId, timeParts, type TimeZoneChoice } from '../../../lib/core/format-time';
import { isErrorLevel } from '../../../lib/core/log-store';
import { LEVELS, type LogEntry } from '../../../lib/core/log-types';
import { COLLAPSED_CHARS, cutText } from '../../../components/format';
import { frames, percentile, timedFrame } from './measure';

/** A frame of work over this counts as dropped (1.5 frames at 60 Hz). */
export const SLOW_FRAME_MS = 25;

export interface DragResult {
  jumps: number;
  /** Each frame's work, ms (to pool rounds). */
  work: number[];
  /** Per frame: position set -> frame painted, ms. */
  frameP50: number;
  frameP95: number;
  frameMax: number;
  /** Frames whose work took over SLOW_FRAME_MS. */
  slowFrames: number;
  /** Frame-to-frame intervals (requestAnimationFrame timestamps), ms, and how many were over SLOW_FRAME_MS. */
  intervalP50: number;
  intervalP95: number;
  longIntervals: number;
  /** Rows in the DOM once each frame is painted: median and most. */
  rowsP50: number;
  rowsMax: number;
  reachedBottom: boolean;
}

/**
 * Top to bottom of `scroller` in `jumps` frames. `onJump` runs in the frame's animation
 * callback right after the position is set (dispatch the scroll event, or build rows);
 * `rowsNow` counts the rows once the frame is painted; `afterFrame` reads counters.
 */
export async function drag(opts: {
  scroller: HTMLElement;
  jumps: number;
  onJump: (top: number) => void;
  rowsNow: () => number;
  afterFrame?: () => void;
}): Promise<DragResult> {
  const { scroller, jumps } = opts;
  scroller.scrollTop = 0;
  opts.onJump(0);
  await frames(3);
  const max = scroller.scrollHeight - scroller.clientHeight;
  const work: number[] = [];
  const stamps: number[] = [];
  const rows: number[] = [];
  for (let i = 1; i <= jumps; i++) {
    const frame = await timedFrame(() => {
      const top = Math.round((max * i) / jumps);
      scroller.scrollTop = top;
      opts.onJump(top);
    });
    stamps.push(frame.stamp);
    work.push(frame.work);
    rows.push(opts.rowsNow());
    opts.afterFrame?.();
  }
  await frames(2);
  const intervals = stamps.slice(1).map((t, i) => t - stamps[i]!);
  return {
    jumps,
    work,
    frameP50: percentile(work, 50),
    frameP95: percentile(work, 95),
    frameMax: Math.max(...work),
    slowFrames: work.filter((ms) => ms > SLOW_FRAME_MS).length,
    intervalP50: percentile(intervals, 50),
    intervalP95: percentile(intervals, 95),
    longIntervals: intervals.filter((ms) => ms > SLOW_FRAME_MS).length,
    rowsP50: percentile(rows, 50),
    rowsMax: Math.max(...rows),
    reachedBottom: Math.abs(scroller.scrollTop - max) < 2,
  };
}

/** A row's texts, prepared ahead (what the panel's EntryRow shows). */
export interface FloorRow {
  id: string;
  rowClass: string;
  badgeClass: string;
  level: string;
  year: string | null;
  dayMonth: string;
  clock: string;
  fraction: string;
  fullTime: string;
  module: string;
  message: string;
  opId: string | null;
}

export function floorRow(entry: LogEntry, zone: TimeZoneChoice): FloorRow {
  const t = timeParts(entry.timestamp, { zone });
  const known = (LEVELS as readonly string[]).includes(entry.level);
  return {
    id: String(entry.id),
    rowClass: isErrorLevel(entry.level) ? 'pbl-row pbl-row--error' : 'pbl-row',
    badgeClass: `pbl-badge pbl-badge--${known ? entry.level.toLowerCase() : 'other'}`,
    level: entry.level,
    year: t?.date ? t.date.slice(0, 5) : null,
    dayMonth: t?.date ? `${t.date.slice(5)} ` : '',
    clock: t ? t.clock : entry.timestamp,
    fraction: t ? t.fraction : '',
    fullTime: formatFullTimestamp(entry.timestamp, zone),
    module: entry.module,
    message: cutText(entry.message, COLLAPSED_CHARS),
    opId: entry.operationId,
  };
}

function el(tag: string, className: string, text?: string): HTMLElement {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function cell(className: string): HTMLElement {
  const node = el('div', `pbl-cell ${className}`);
  node.setAttribute('role', 'gridcell');
  return node;
}

/** The panel's row markup (components/LogRow.tsx, EntryRow collapsed), built with the DOM. */
function buildRow(r: FloorRow, index: number, top: number): HTMLElement {
  const row = el('div', r.rowClass);
  row.setAttribute('role', 'row');
  row.setAttribute('aria-rowindex', String(index + 2));
  row.setAttribute('aria-expanded', 'false');
  row.setAttribute('data-index', String(index));
  row.setAttribute('data-entry-id', r.id);
  row.tabIndex = -1;
  row.style.transform = `translateY(${top}px)`;
  const time = cell('pbl-cell--time');
  time.title = r.fullTime;
  if (r.year !== null) {
    const date = el('span', 'pbl-date');
    date.append(el('span', 'pbl-year', r.year), r.dayMonth);
    time.append(date);
  }
  time.append(r.clock, el('span', 'pbl-ms', r.fraction));
  const level = cell('pbl-cell--level');
  level.append(el('span', r.badgeClass, r.level));
  const module = cell('pbl-cell--module');
  module.title = r.module;
  module.append(el('bdi', '', r.module));
  const message = cell('pbl-cell--message');
  message.append(el('bdi', '', r.message));
  const op = cell('pbl-cell--op');
  if (r.opId) {
    const short = shortId(r.opId);
    const filter = el('button', 'pbl-op', short);
    filter.setAttribute('type', 'button');
    filter.title = `Show only operation ${r.opId}`;
    filter.setAttribute('aria-label', `Filter by operation ${short}`);
    const copy = el('button', 'pbl-op-copy');
    copy.setAttribute('type', 'button');
    copy.title = `Copy operation ID ${r.opId}`;
    copy.setAttribute('aria-label', `Copy operation ID ${short}`);
    op.append(filter, copy);
  }
  row.append(time, level, module, message, op);
  return row;
}

export interface FloorList {
  scroller: HTMLElement;
  /** The box's height and how far it scrolls, px. */
  viewport: number;
  max: number;
  /** Replaces every row with the rows in view at `top`. */
  render(top: number): void;
  rowCount(): number;
  remove(): void;
}

/**
 * A scroll box of the panel's list (its classes and roles) put in place of the panel's own
 * (hidden meanwhile) in the same table, with a sizer of `totalHeight`. `rowAt(i)` gives
 * the prepared row i (call `prepare` with every index first: nothing is formatted in a frame).
 */
export function floorList(panelScroll: HTMLElement, totalHeight: number, rowHeight: number, rowAt: (i: number) => FloorRow, count: number): FloorList {
  const scroller = el('div', panelScroll.className);
  scroller.setAttribute('role', 'rowgroup');
  const sizer = el('div', 'pbl-sizer');
  sizer.setAttribute('role', 'presentation');
  sizer.style.height = `${totalHeight}px`;
  scroller.append(sizer);
  const display = panelScroll.style.display;
  panelScroll.style.display = 'none';
  panelScroll.after(scroller);
  const viewport = scroller.clientHeight; // read once: no layout is forced in a timed frame
  return {
    scroller,
    viewport,
    max: scroller.scrollHeight - viewport,
    render(top) {
      const first = Math.min(count - 1, Math.floor(top / rowHeight));
      const last = Math.min(count - 1, Math.floor((top + viewport) / rowHeight));
      const rows: HTMLElement[] = [];
      for (let i = first; i <= last; i++) rows.push(buildRow(rowAt(i), i, i * rowHeight));
      sizer.replaceChildren(...rows);
    },
    rowCount: () => sizer.childElementCount,
    remove() {
      scroller.remove();
      panelScroll.style.display = display;
    },
  };
}

/** The row indexes a drag of `jumps` frames shows, scrolling `max` px with a view of `viewport` px. */
export function dragIndexes(count: number, rowHeight: number, viewport: number, max: number, jumps: number): number[] {
  const out: number[] = [];
  for (let i = 0; i <= jumps; i++) {
    const top = Math.round((max * i) / jumps);
    const last = Math.min(count - 1, Math.floor((top + viewport) / rowHeight));
    for (let k = Math.min(count - 1, Math.floor(top / rowHeight)); k <= last; k++) out.push(k);
  }
  return out;
}
