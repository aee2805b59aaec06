import type { ComponentChildren, TargetedKeyboardEvent } from 'preact';
import type { LogEntry } from '../lib/core/log-types';
import type { LogRow as LogRowModel } from '../lib/core/logs-view-model';
import { formatFullTimestamp, shortId, timeParts, type TimeZoneChoice } from '../lib/core/format-time';
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

/**
 * "2026-11-25 18:02:11.482" (the date only when not today), in spans the narrow layout
 * uses to drop the year and the milliseconds; the text stays whole for copy and readers.
 */
function RowTime({ iso, zone }: { iso: string; zone: TimeZoneChoice }) {
  const t = timeParts(iso, { zone });
  if (!t) return <>{iso}</>;
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

/** A button inside a row: its click and keys are its own, never the row's (no expanding). */
function OpButton(props: {
  class: string;
  title: string;
  label: string;
  onPress: (button: Element) => void;
  children?: ComponentChildren;
}) {
  return (
    <button
      type="button"
      class={props.class}
      title={props.title}
      aria-label={props.label}
      onClick={(e) => {
        e.stopPropagation();
        props.onPress(e.currentTarget);
      }}
      onKeyDown={(e) => e.stopPropagation()}
    >
      {props.children}
    </button>
  );
}

/** One entry as a single line of five cells. Click / Enter / Space expands it. */
export function EntryRow(props: EntryRowProps) {
  const { entry, index, top, measureRef, details, expanded, tabbable, query, timeZone, onToggle, onFilterOperation, onCopyOperationId, onKeyDown, onFocus } = props;
  const opId = entry.operationId;
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
      <div role="gridcell" class="pbl-cell pbl-cell--time" title={formatFullTimestamp(entry.timestamp, timeZone)}>
        <RowTime iso={entry.timestamp} zone={timeZone} />
      </div>
      <div role="gridcell" class="pbl-cell pbl-cell--level">
        <LevelBadge level={entry.level} />
      </div>
      <div role="gridcell" class="pbl-cell pbl-cell--module" title={entry.module}>
        <bdi>{entry.module}</bdi>
      </div>
      <div role="gridcell" class="pbl-cell pbl-cell--message">
        <bdi>
          <Highlighted text={cutText(entry.message, COLLAPSED_CHARS)} query={query} />
        </bdi>
      </div>
      <div role="gridcell" class="pbl-cell pbl-cell--op">
        {opId ? (
          <>
            <OpButton
              class="pbl-op"
              title={`Show only operation ${opId}`}
              label={`Filter by operation ${shortId(opId)}`}
              onPress={() => onFilterOperation(opId)}
            >
              {shortId(opId)}
            </OpButton>
            <OpButton
              class="pbl-op-copy"
              title={`Copy operation ID ${opId}`}
              label={`Copy operation ID ${shortId(opId)}`}
              onPress={(button) => onCopyOperationId(opId, button)}
            />
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
