import type { ComponentChildren, TargetedKeyboardEvent } from 'preact';
import type { LogEntry } from '../lib/core/log-types';
import type { LogRow as LogRowModel } from '../lib/core/logs-view-model';
import { shortId, timeTexts, type TimeParts, type TimeZoneChoice } from '../lib/core/format-time';
import { isErrorLevel } from '../lib/core/log-store';
import { COLLAPSED_CHARS, cutText } from './format';
import { COLUMN_COUNT } from './log-columns';
import { Highlighted } from './Highlighted';
import { LevelBadge } from './LevelBadge';

export interface EntryRowProps {
  entry: LogEntry;
  /** Position in the list (data-index, for the virtualizer). */
  index: number;
  /** Offset from the top of the list, px. */
  top: number;
  /** Set on expanded rows so the virtualizer measures their height. */
  measureRef?: (el: HTMLDivElement | null) => void;
  /** The expanded part (LogDetails), shown in a cell spanning the row's width. */
  details?: ComponentChildren;
  expanded: boolean;
  tabbable: boolean;
  query: string;
  timeZone: TimeZoneChoice;
  onToggle: () => void;
  onFilterOperation: (operationId: string) => void;
  /** The full id to the clipboard (the list shows 8 characters of it). */
  onCopyOperationId: (operationId: string, button: Element) => void;
  onKeyDown: (e: TargetedKeyboardEvent<HTMLDivElement>) => void;
  onFocus: () => void;
}

// The row's parts below are functions called by EntryRow, not components: a drag's frame or
// a poll renders every row in view again, and a component per part (five per row) was
// Preact's work on each of them for nothing (docs/performance.md, "scrollbar drag").

/**
 * "2026-11-25 18:02:11.482" (the date only when not today), in spans the narrow layout
 * uses to drop the year and the milliseconds; the text stays whole for copy and readers.
 */
function rowTime(iso: string, t: TimeParts | null) {
  if (!t) return iso;
  return (
    <>
      {t.date && (
        <span class="pbl-date">
          <span class="pbl-year">{t.date.slice(0, 5)}</span>
          {`${t.date.slice(5)} `}
        </span>
      )}
      {t.clock}
      <span class="pbl-ms">{t.fraction}</span>
    </>
  );
}

// A button inside a row: its click and keys are its own, never the row's (no expanding).
const ownKeys = (e: Event) => e.stopPropagation();

function opButton(className: string, title: string, label: string, onPress: (button: Element) => void, text?: string) {
  return (
    <button
      type="button"
      class={className}
      title={title}
      aria-label={label}
      onClick={(e) => {
        e.stopPropagation();
        onPress(e.currentTarget);
      }}
      onKeyDown={ownKeys}
    >
      {text}
    </button>
  );
}

/** One entry as a single line of five cells. Click / Enter / Space expands it. */
export function EntryRow(props: EntryRowProps) {
  const { entry, index, top, measureRef, details, expanded, tabbable, query, timeZone, onToggle, onFilterOperation, onCopyOperationId, onKeyDown, onFocus } = props;
  const opId = entry.operationId;
  const time = timeTexts(entry.timestamp, { zone: timeZone });
  return (
    <div
      role="row"
      class={`pbl-row${isErrorLevel(entry.level) ? ' pbl-row--error' : ''}${expanded ? ' pbl-row--expanded' : ''}`}
      aria-rowindex={index + 2}
      aria-expanded={expanded}
      data-index={index}
      ref={measureRef}
      style={{ transform: `translateY(${top}px)` }}
      data-entry-id={entry.id}
      tabIndex={tabbable ? 0 : -1}
      onFocus={onFocus}
      onClick={(e) => {
        // Selecting text in a row is not a request to expand it.
        const selection = window.getSelection();
        if (selection && !selection.isCollapsed && selection.toString()) return;
        onToggle();
      }}
      onKeyDown={onKeyDown}
    >
      <div role="gridcell" class="pbl-cell pbl-cell--time" title={time.full}>
        {rowTime(entry.timestamp, time.parts)}
      </div>
      <div role="gridcell" class="pbl-cell pbl-cell--level">
        {LevelBadge({ level: entry.level })}
      </div>
      <div role="gridcell" class="pbl-cell pbl-cell--module" title={entry.module}>
        <bdi>{entry.module}</bdi>
      </div>
      <div role="gridcell" class="pbl-cell pbl-cell--message">
        <bdi>
          {Highlighted({ text: cutText(entry.message, COLLAPSED_CHARS), query })}
        </bdi>
      </div>
      <div role="gridcell" class="pbl-cell pbl-cell--op">
        {opId ? (
          <>
            {opButton('pbl-op', `Show only operation ${opId}`, `Filter by operation ${shortId(opId)}`, () => onFilterOperation(opId), shortId(opId))}
            {opButton('pbl-op-copy', `Copy operation ID ${opId}`, `Copy operation ID ${shortId(opId)}`, (button) => onCopyOperationId(opId, button))}
          </>
        ) : null}
      </div>
      {expanded && details && (
        <div
          role="gridcell"
          class="pbl-cell pbl-cell--details"
          aria-colspan={COLUMN_COUNT}
          onClick={(e) => e.stopPropagation()}
          onKeyDown={(e) => {
            if (e.key !== 'Escape') e.stopPropagation();
          }}
        >
          {details}
        </div>
      )}
    </div>
  );
}

export function GapRow({ row, index, top }: { row: Extract<LogRowModel, { kind: 'gap' }>; index: number; top: number }) {
  const count = row.missing !== null ? `Up to ${row.missing} entries are` : 'Entries are';
  const text =
    row.reason === 'restart'
      ? 'The backend restarted here: the entries below are from its previous run.'
      : row.reason === 'skipped'
        ? `${count} not shown here: more arrived at once than one refresh fetches.`
        : `${count} missing here: the backend dropped them before they were fetched.`;
  return (
    <div
      role="row"
      class="pbl-row pbl-row--gap"
      aria-rowindex={index + 2}
      data-index={index}
      style={{ transform: `translateY(${top}px)` }}
    >
      <div role="gridcell" class="pbl-cell pbl-cell--gap" aria-colspan={COLUMN_COUNT}>
        {text}
      </div>
    </div>
  );
}
