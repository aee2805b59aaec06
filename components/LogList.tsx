import type { TargetedKeyboardEvent } from 'preact';
import { useCallback, useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks';
import type { TimeZoneChoice } from '../lib/core/format-time';
import type { LogEntry } from '../lib/core/log-types';
import type { LogRow } from '../lib/core/logs-view-model';
import { LogDetails } from './LogDetails';
import { COLUMN_COUNT, COLUMNS } from './log-columns';
import { EntryRow, GapRow } from './LogRow';
import { RenderWhenChanged } from './render-when-changed';
import { RowSlots } from './row-slots';
import { useVirtualizer } from './use-virtualizer';
import { whenIdleAfterNextFrame } from './when-idle';

/** Height of a collapsed row, px (the CSS says the same: .pbl-row). */
export const ROW_HEIGHT = 30;
/** Scrolled less than this from the top counts as "at the newest entries". */
const AT_TOP_PX = 8;
/**
 * Rows rendered beyond each edge of the view: what the compositor can scroll into view
 * before the list renders again.
 */
const OVERSCAN = 12;
/** The rows beyond the view's edges wait at most this long for the page to be idle after the first rows, ms. */
const OVERSCAN_WAIT_MS = 200;
/**
 * After a jump (a scrollbar drag, End), the rows beyond the view's edges wait until
 * scrolling paused this long, ms: a drag's frames render the view's rows alone.
 */
const JUMP_SETTLE_MS = 150;

export interface LogListHandle {
  scrollToTop(): void;
}

export interface LogListProps {
  rows: readonly LogRow[];
  query: string;
  /** The zone rows write times in (the Time header says which). */
  timeZone?: TimeZoneChoice;
  expanded: ReadonlySet<string>;
  onToggle: (key: string) => void;
  onFilterOperation: (operationId: string) => void;
  onCopyEntry: (entry: LogEntry, button: Element) => void;
  onCopyOperationId: (operationId: string, button: Element) => void;
  onAtTopChange: (atTop: boolean) => void;
  handle?: { current: LogListHandle | null };
  /** Size assumed until the scroll box is laid out. */
  initialRect?: { width: number; height: number };
  overscan?: number;
}

const NONE: readonly number[] = [];

/** The entry id of the row holding focus in the list, if any. */
function focusedEntryId(list: HTMLElement | null): string | null {
  const active = (list?.getRootNode() as Document | ShadowRoot | undefined)?.activeElement;
  if (!list || !active || !list.contains(active)) return null;
  return active.closest('[data-entry-id]')?.getAttribute('data-entry-id') ?? null;
}

/**
 * The entries as an ARIA treegrid (a grid whose rows expand) whose body is virtualized:
 * only the rows in view (plus overscan) are in the DOM, whatever the number of rows, so
 * aria-rowcount carries the real count and each rendered row its aria-rowindex. Expanded
 * rows are measured.
 */
export function LogList(props: LogListProps) {
  const { rows, query, expanded, onToggle, onAtTopChange } = props;
  const timeZone = props.timeZone ?? 'local';
  const scrollRef = useRef<HTMLDivElement>(null);
  const [activeIndex, setActiveIndex] = useState(0);
  const pendingFocus = useRef<number | null>(null);
  const [slots] = useState(() => new RowSlots<LogRow>());
  // Rows keep their key handlers across renders (RenderWhenChanged), so these read the rows of now.
  const latestRows = useRef(rows);
  latestRows.current = rows;

  // The key changes when a row expands, so its measured height is cached apart from the
  // fixed height of the collapsed row.
  // Called for every row when the rows change (the virtualizer's measurement pass), so the
  // usual case — nothing expanded — costs no lookup.
  const getItemKey = useCallback(
    (i: number) => {
      const row = rows[i];
      if (!row) return i;
      return expanded.size > 0 && expanded.has(row.key) ? `${row.key}\u0000open` : row.key;
    },
    [rows, expanded],
  );

  // The expanded rows are the measured ones; found only when something is expanded.
  const measuredIndexes = useMemo(() => {
    if (expanded.size === 0) return NONE;
    const out: number[] = [];
    for (let i = 0; i < rows.length; i++) if (expanded.has(rows[i]!.key)) out.push(i);
    return out;
  }, [rows, expanded]);

  const [, showEdges] = useReducer((n: number) => n + 1, 0);
  /** Counts the renders that found every row in view new since the rows beyond the edges last came (0: they are drawn). */
  const edgesHeld = useRef(0);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    rowHeight: ROW_HEIGHT,
    getItemKey,
    measuredIndexes,
    overscan: props.overscan ?? OVERSCAN,
    settleMs: JUMP_SETTLE_MS,
    initialRect: props.initialRect ?? { width: 800, height: 480 },
  });

  if (props.handle) props.handle.current = { scrollToTop: () => virtualizer.scrollToOffset(0) };

  // Tell the view model whether the newest entries are in view.
  const atTop = useRef<boolean | null>(null);
  const reportAtTop = useCallback(() => {
    const el = scrollRef.current;
    const now = !el || el.scrollTop < AT_TOP_PX;
    if (now !== atTop.current) {
      atTop.current = now;
      onAtTopChange(now);
    }
  }, [onAtTopChange]);
  useEffect(() => {
    reportAtTop();
    const el = scrollRef.current;
    el?.addEventListener('scroll', reportAtTop, { passive: true });
    return () => el?.removeEventListener('scroll', reportAtTop);
  }, [reportAtTop]);

  // Move focus to a row once it is rendered (arrow keys can target a row out of view).
  useLayoutEffect(() => {
    if (pendingFocus.current === null) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${pendingFocus.current}"]`);
    if (el) {
      pendingFocus.current = null;
      el.focus({ preventScroll: true });
    }
  });

  const moveFocus = (to: number) => {
    const index = Math.max(0, Math.min(latestRows.current.length - 1, to));
    setActiveIndex(index);
    pendingFocus.current = index;
    virtualizer.scrollToIndex(index, { align: 'auto' });
  };

  const onRowKeyDown = (index: number, key: string) => (e: TargetedKeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return;
    let to: number | null = null;
    switch (e.key) {
      case 'Enter':
      case ' ':
        onToggle(key);
        break;
      case 'ArrowDown':
        to = index + 1;
        break;
      case 'ArrowUp':
        to = index - 1;
        break;
      case 'PageDown':
        to = index + 10;
        break;
      case 'PageUp':
        to = index - 10;
        break;
      case 'Home':
        to = 0;
        break;
      case 'End':
        to = latestRows.current.length - 1;
        break;
      default:
        return;
    }
    e.preventDefault();
    if (to !== null) moveFocus(to);
  };

  // When every row in view is new (the first rows, a poll bringing a screenful on top, a new
  // search), the view's rows are drawn alone, so they show sooner: the rows beyond its edges
  // are as many again, built, laid out and painted for a scroll that has not come. They
  // follow when the page is idle after that frame (not in the effect itself: Preact can
  // flush it before the frame that shows this render); renders in between (the box's real
  // height read, a scroll) keep them waiting. After a jump the virtualizer holds them back
  // itself until scrolling pauses.
  const view = virtualizer.getVirtualItems(0);
  if (!virtualizer.isJumping && view.length > 0 && view.every((item) => !slots.has(rows[item.index]?.key))) edgesHeld.current++;
  const holding = edgesHeld.current;
  useEffect(() => {
    if (holding === 0) return;
    return whenIdleAfterNextFrame(() => {
      edgesHeld.current = 0;
      showEdges(0);
    }, OVERSCAN_WAIT_MS);
  }, [holding]);
  const items = holding > 0 ? view : virtualizer.getVirtualItems();
  const activeRendered = items.some((item) => item.index === activeIndex);
  const tabbableIndex = activeRendered ? activeIndex : items[0]?.index;
  const shown = items.filter((item) => rows[item.index] !== undefined);
  // A row leaving may give its element to an entering one (./row-slots.ts), unless focus
  // is inside it (focus would move to another entry) or it is expanded (measured, details).
  let focusedId: string | null | undefined;
  const canGiveElement = (leaving: LogRow) => {
    if (leaving.kind !== 'entry') return true;
    if (expanded.has(leaving.key)) return false;
    if (focusedId === undefined) focusedId = focusedEntryId(scrollRef.current);
    return focusedId !== String(leaving.entry.id);
  };
  const keys = slots.keys(
    shown.map((item) => rows[item.index]!),
    canGiveElement,
  );

  return (
    <div role="treegrid" class="pbl-table" aria-label="Log entries" aria-rowcount={rows.length + 1} aria-colcount={COLUMN_COUNT}>
      <div role="rowgroup" class="pbl-thead">
        <div role="row" class="pbl-row pbl-row--head" aria-rowindex={1}>
          {COLUMNS.map((name) => (
            <div key={name} role="columnheader" class={`pbl-cell pbl-head--${name.toLowerCase()}`}>
              {name === 'Time' ? `Time (${timeZone === 'utc' ? 'UTC' : 'local'})` : name}
            </div>
          ))}
        </div>
      </div>
      <div role="rowgroup" class="pbl-scroll" ref={scrollRef}>
        <div role="presentation" class="pbl-sizer" style={{ height: `${virtualizer.getTotalSize()}px` }}>
          {shown.map((item, n) => {
            const row = rows[item.index]!;
            const open = row.kind === 'entry' && expanded.has(row.key);
            const tabbable = item.index === tabbableIndex;
            // A row renders again only when what it shows changed: a scroll frame renders
            // the rows entering the view alone. Every callback a row reads is listed.
            const deps = [row, item.index, item.start, open, tabbable, query, timeZone, props.onFilterOperation, props.onCopyOperationId, open && props.onCopyEntry];
            return (
              <RenderWhenChanged key={keys[n]} deps={deps}>
                {() =>
                  row.kind === 'gap' ? (
                    <GapRow row={row} index={item.index} top={item.start} />
                  ) : (
                    <EntryRow
                      entry={row.entry}
                      index={item.index}
                      top={item.start}
                      measureRef={open ? virtualizer.measureElement : undefined}
                      expanded={open}
                      tabbable={tabbable}
                      query={query}
                      timeZone={timeZone}
                      onToggle={() => onToggle(row.key)}
                      onFilterOperation={props.onFilterOperation}
                      onCopyOperationId={props.onCopyOperationId}
                      onKeyDown={onRowKeyDown(item.index, row.key)}
                      onFocus={() => setActiveIndex(item.index)}
                      details={
                        open ? (
                          <LogDetails
                            entry={row.entry}
                            timeZone={timeZone}
                            onCopyEntry={props.onCopyEntry}
                            onCopyOperationId={props.onCopyOperationId}
                            onFilterOperation={props.onFilterOperation}
                          />
                        ) : undefined
                      }
                    />
                  )
                }
              </RenderWhenChanged>
            );
          })}
        </div>
      </div>
    </div>
  );
}
